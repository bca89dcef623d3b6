"""Places as event notes write them: names with lower-case joiners, the district and province in
brackets or one after another, the country an actor or a hyphened word tells, the holders of a
place kept consistent, and words that are no place. Sentences written for these tests; the
built-in gazetteer only."""
import pytest

from corroborate.document import Document, Text
from corroborate.extract import context
from corroborate.extract.sentences import split
from corroborate.pipeline import analyse
from corroborate.resolve import Places, document_focus
from corroborate.resolve.geocoder import Geocoder


def named(sentence: str) -> list[str]:
    return [p for _, p in context.places_in(split(sentence)[0])]


@pytest.mark.parametrize("sentence, places", [
    ("Fishermen marched in Mar del Plata on Friday.", ["Mar del Plata"]),
    ("Shells fell on Santa Cruz de la Sierra overnight.", ["Santa Cruz de la Sierra"]),
    ("Gunmen fired at a checkpoint in Ras al Ain at dawn.", ["Ras al Ain"]),
    ("A mine exploded in Pul-e Charkhi and in Pol-e-Alam.", ["Pul-e Charkhi", "Pol-e-Alam"]),
    ("Rebels seized a granary in al-Hasakeh.", ["al-Hasakeh"]),
    # an English word is no joiner: "as" and "at" end the name
    ("Clashes went on in Aleppo as Syrian forces advanced.", ["Aleppo"]),
    # a run before an office or a company names its owner; a numbered road or zone no place
    ("Reporters protested outside Globex office in Quetta.", ["Quetta"]),
    ("Trucks burned on Route 9 near Temuco.", ["Temuco"]),
    ("Men were shot in Zona 7, in Guatemala City.", ["Guatemala City"]),
])
def test_a_name_is_read_whole_and_non_places_are_not_read(sentence, places):
    assert named(sentence) == places


@pytest.mark.parametrize("sentence, place, held", [
    ("Two guards died in Buleda (Kech, Balochistan) on Monday.", "Buleda", "Buleda, Kech, Balochistan"),
    ("Crops were looted in Tell Sarha in rural Ras al Ain in al-Hasakeh.", "Tell Sarha",
     "Tell Sarha, Ras al Ain, al-Hasakeh"),
    ("A body was found in Cuauhtemoc municipality, Chihuahua, on Sunday.", "Cuauhtemoc municipality",
     "Cuauhtemoc municipality, Chihuahua"),
    ("Five died in Rampur village near Rapar town (Kachchh, Gujarat).", "Rampur village",
     "Rampur village, near Rapar town, Kachchh, Gujarat"),
    # brackets that hold no names, an acronym in them, and a name that begins a clause
    ("A man died in Pipra (as reported) on Monday.", "Pipra", "Pipra"),
    ("A man died in Pipra, Kaushambi (UP) on Monday.", "Pipra", "Pipra, Kaushambi"),
    ("Two died in Mosul, Iraqi officials said.", "Mosul", "Mosul"),
])
def test_the_places_holding_a_place_are_read_after_it(sentence, place, held):
    assert context.with_container(split(sentence)[0], place) == held


@pytest.mark.parametrize("note, country", [
    ("On 3 June 2021, gunmen killed two farmers in Buleda (Kech, Balochistan).", "PK"),
    ("On 3 June 2021, police clashed with traders in Hyderabad city (Hyderabad, Sindh).", "PK"),
    ("On 3 June 2021, bus drivers protested in Talas (Kayseri) over unpaid wages.", "TR"),
    ("On 3 June 2021, militiamen killed a farmer in Kyondo (Beni, Nord-Kivu).", "CD"),
])
def test_the_lead_event_lies_in_the_province_its_note_names(builtin, note, country):
    event = analyse(Document("n", note.encode(), "text/plain", "n"), builtin).events[0]
    assert event.country == country


@pytest.mark.parametrize("text, first", [
    ("The OSCE SMM recorded twelve explosions near Popasna.", "UA"),
    ("Artillery hit pro-Houthi positions in the hills.", "YE"),
    ("FARDC soldiers repelled an attack on a village.", "CD"),
])
def test_an_actor_of_one_country_tells_the_focus(builtin, text, first):
    assert document_focus(text, builtin).countries[0] == first


def test_a_province_named_inside_a_longer_name_is_no_cue(builtin):
    # "Bani" names a province somewhere; "Bani Siyah" is another name
    assert "IR" not in document_focus("Shells fell on Bani Siyah area on Monday.", builtin).countries


def test_the_holders_of_a_place_are_read_inside_one_another(builtin):
    # Valencia in Spain is not in Carabobo: the Valencia there, not Spain's province
    found = Geocoder(builtin).resolve("Nowhereville, Valencia, Carabobo").place
    assert found is not None and found.country == "VE"


def test_a_country_named_around_a_place_holds_it(builtin):
    # not Bern in Switzerland, nor the town of Montenegro in Brazil: the place is not known,
    # and the country holds it
    found = Geocoder(builtin).resolve("Bernn, Montenegro")
    assert (found.place.name, found.place.kind, found.precision, found.found) == ("Montenegro", "country", 6, False)


def test_a_province_abroad_is_a_holder_only_as_written(builtin):
    # folded, Sirt meets Siirt Province in Turkey; in a report on Libya it is Sirte
    found = Geocoder(builtin, focus=("LY",)).resolve("Wadi Nowhere, Sirt").place
    assert found is not None and found.country == "LY"


def test_a_province_by_its_french_name_holds_a_place(builtin):
    found = Geocoder(builtin).resolve("Nowhereville, Sud-Kivu").place
    assert (found.name, found.country, found.kind) == ("South Kivu", "CD", "region")


def test_a_people_named_as_a_force_weighs_little_and_names_no_country_beside_a_place(builtin):
    focus = document_focus("Turkish forces shelled a farm near Tal Tamer in al-Hasakeh.", builtin)
    assert focus.countries == ("SY",)
    assert document_focus("Turkish officials met in Ankara.", builtin).countries[0] == "TR"
    # "Saudi-led air raids hit Al Jawf in northern Yemen": Yemen's Al Jawf, not Saudi Arabia's
    text = "Saudi-led air raids hit Al Jawf on Monday, in northern Yemen."
    found = Places(Text(text), builtin).resolve("Al Jawf", 0, len(text)).place
    assert found.country == "YE"


@pytest.mark.parametrize("query, country", [
    ("Nowhereville, Yemen, Al Jawf", "YE"),  # the country holds the province named after it
    ("Nowhereville, Niger", "NG"),  # a province of the country's name is meant first: Niger State
])
def test_a_country_named_among_the_holders_holds_the_others(builtin, query, country):
    assert Geocoder(builtin).resolve(query).place.country == country
