"""Places in notes that name no country: initials that are no place, a province that several
countries have, a province abroad spelled as its own country romanises it, a site named after
its place, the divisions only one country has, and words that name no country. Sentences
written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Document
from corroborate.extract import context
from corroborate.extract.sentences import split
from corroborate.pipeline import analyse
from corroborate.resolve import document_focus
from corroborate.resolve.geocoder import Geocoder


def events(note: str, builtin) -> list[tuple[str | None, str | None]]:
    return [(e.place, e.country) for e in analyse(Document("n", note.encode(), "text/plain", "n"), builtin).events]


@pytest.mark.parametrize("name, refused", [
    ("AYR", True),    # a body's initials, not the town in Scotland
    ("Ayr", False),   # the town, as a town is written
    ("NYC", False),   # a city known well enough to go without its country goes by them
    ("DRC", False),   # a country
    ("FCT", False),   # a province
])
def test_a_name_in_capitals_is_a_place_only_if_a_well_known_place_goes_by_it(builtin, name, refused):
    assert Geocoder(builtin).resolve(name).refused is refused


def test_a_bank_named_by_its_initials_is_no_place_and_the_town_is(builtin):
    assert events("On 3 May 2021, gunmen shot a guard at the ZYX bank in Zahle.", builtin) == [("Zahle", "LB")]


def test_a_province_several_countries_have_does_not_place_an_unknown_village_alone(builtin):
    # Haiti and Cameroon both have a Nord-Ouest; a note that names neither says not which
    unknown = Geocoder(builtin).resolve("Nowhereville, Nord-Ouest")
    assert unknown.place is None and not unknown.found
    in_cameroon = Geocoder(builtin, focus=("CM",)).resolve("Nowhereville, Nord-Ouest")
    assert (in_cameroon.place.country, in_cameroon.place.kind, in_cameroon.precision) == ("CM", "region", 4)
    # provinces of one name side by side (India's Punjab and Pakistan's) still hold it
    assert Geocoder(builtin).resolve("Nowhereville, Punjab").place.name == "Punjab"


def test_a_village_found_only_folded_outside_the_province_its_note_names_is_another(builtin):
    # "Besi" folds as the Basi towns of India do; the note puts it in a Nord-Ouest
    assert events("On 3 May 2021, soldiers burnt a shop in Besi village (Momo, Nord-Ouest).", builtin) \
        == [("Besi village, Momo, Nord-Ouest", None)]


def test_a_province_abroad_romanised_otherwise_holds_a_place_found_in_it(builtin):
    # a note on Turkish forces: Ar-Raqqa is Syria's Al-Raqqah, however romanised, and the town
    # named in it is Syria's
    found = Geocoder(builtin, focus=("TR",)).resolve("Ein Issa, Ar-Raqqa").place
    assert (found.country, found.kind) == ("SY", "locality")
    # but a place not found is not put in a province abroad only folded alike: "Dara" in a
    # note on Afghanistan is no part of Syria's Daraa
    assert Geocoder(builtin, focus=("AF",)).resolve("Nowhereville, Dara").place is None


@pytest.mark.parametrize("query, focus, place", [
    ("Homs Filtration Station", ("SY",), "Homs"),
    ("Tabqa Oil Refinery", ("SY",), "Al-Tabqa"),
    ("Homs Filtration Station", ("TR",), None),  # a site here is not named after a place abroad
    ("Nowhere Water Station", ("SY",), None),
])
def test_a_site_is_beside_the_place_it_is_named_after(builtin, query, focus, place):
    found = Geocoder(builtin, focus=focus).resolve(query)
    assert (found.place.name if found.place else None) == place
    if place:
        assert found.precision == 2


@pytest.mark.parametrize("text, country", [
    ("Gunmen killed two farmers in Dogo village (Riyom LGA).", "NG"),
    ("Police broke up a rally in Barangay Nowhere on Monday.", "PH"),
])
def test_a_division_only_one_country_has_tells_it(builtin, text, country):
    assert document_focus(text, builtin).countries == (country,)


def test_a_weapon_named_after_a_man_tells_no_country(builtin):
    # Molotov was once a name of Perm, in Russia
    assert document_focus("Rioters threw Molotov cocktails at a shop in Sidon.", builtin).countries == ("LB",)


@pytest.mark.parametrize("word", ["Northern", "Eastern", "Southern", "Western"])
def test_a_direction_alone_is_no_place(builtin, word):
    assert Geocoder(builtin).resolve(word).refused


def test_the_regions_of_a_country_named_by_a_direction_are_not_another_country_s(builtin):
    note = "On 3 May 2021, youths clashed with traders from the Northern regions of Cameroon in Douala."
    assert events(note, builtin) == [("Douala", "CM")]


@pytest.mark.parametrize("sentence, places", [
    # romanised Arabic writes the hamza and the ayn with an apostrophe inside a name
    ("Gunmen shot two men in the town of Ka'el in the countryside of Dar'a.", ["Ka'el", "Dar'a"]),
    ("Shells fell on Ma'arrat al-Nu'man overnight.", ["Ma'arrat al-Nu'man"]),
    # a possessive is no part of a name
    ("Troops shelled the Luhansk People's Militia near Zolote.", ["Zolote"]),
    # "living" qualifying a noun tells where nobody lives
    ("Protesters angry at dire living conditions blocked a road in Zahle.", ["Zahle"]),
    ("A doctor living in Zahle was shot.", []),
])
def test_names_with_apostrophes_are_read_and_living_conditions_are_no_residence(sentence, places):
    assert list(dict.fromkeys(p for _, p in context.places_in(split(sentence)[0]))) == places


def test_a_holder_in_the_focus_before_a_namesake_province_abroad(builtin):
    # Guatemala has a Santa Rosa department; a note on the Philippines means its town
    found = Geocoder(builtin, focus=("PH",)).resolve("Barangay Nowhere, Santa Rosa")
    assert (found.place.name, found.place.country, found.place.kind, found.found) == \
        ("Santa Rosa", "PH", "locality", False)
    # a country named as a holder is meant wherever it is
    assert Geocoder(builtin, focus=("SY",)).resolve("Nowhere, Montenegro").place.country == "ME"


@pytest.mark.parametrize("note, place, country", [
    # villages of Bulgaria, Russia and Indonesia, and nothing to choose between them
    ("On 3 May 2021, rioters blocked the main road in Bate.", "Bate", None),
    ("On 3 May 2021, gunmen killed two men in Bate.", "Bate", None),
    # the country named decides; a place far more populous than its namesakes stands alone
    ("On 3 May 2021, rioters blocked the main road in Halba, Lebanon.", "Halba, Lebanon", "LB"),
    ("On 3 May 2021, gunmen killed two men in Paris.", "Paris", "FR"),
    ("On 3 May 2021, gunmen killed two men in Anet.", "Anet", "FR"),
])
def test_namesakes_far_apart_in_a_note_that_names_no_country_are_unresolved(builtin, note, place, country):
    assert events(note, builtin) == [(place, country)]


def test_a_name_that_only_sounds_like_a_variant_of_a_village_s_name_is_no_guess(builtin):
    # "Mineralne" sounds like Mineral'noye, the Russian name of a village of Zakarpattia that
    # goes by Tysaashvan: with no province named, no guess
    assert Geocoder(builtin, focus=("UA",)).resolve("Mineralne").place is None
    # a province found by a name that sounds like one of its own is still found
    assert Geocoder(builtin, focus=("SY",)).resolve("Idleb province").place.name == "Idlib Governorate"
    # a town found by a variant as written is still found
    assert Geocoder(builtin, focus=("UA",)).resolve("Avdiivka, Donetsk").place.name == "Avdiyivka"


def test_a_town_named_after_a_site_is_the_town(builtin):
    # "station" says a site, and "College" alone is no place; College Station is a town
    found = Geocoder(builtin, focus=("US",)).resolve("College Station")
    assert (found.place.name, found.place.country, found.precision) == ("College Station", "US", 1)
