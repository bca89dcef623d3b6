"""Places right: a document's country focus, namesakes abroad refused, the admin hierarchy and
the places around deciding, parts of places, and words that are no place. Sentences written
for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Document, Text
from corroborate.pipeline import analyse
from corroborate.resolve import Places, document_focus
from corroborate.resolve import gazetteer as gz
from corroborate.resolve.geocoder import km


def places(text: str, gazetteer) -> Places:
    return Places(Text(text), gazetteer)


def where(found) -> tuple:
    p = found.place
    return (p.name, p.country, p.kind, found.precision) if p else (None, None, None, found.precision)


@pytest.mark.parametrize("text, first", [
    ("KABUL (Reuters) - Gunmen opened fire on a bus on Tuesday, police said.", "AF"),
    ("BEIRUT, March 7 (Reuters) - A drone struck a car near the border, officials said.", "LB"),
    ("Damascus, Syria - Shelling hit a market on Friday.", "SY"),
    # after the headline and the byline: where a stored article's text has its dateline
    ("Shelling kills four in a market town, officials say\nBy a staff reporter\n\n"
     "BAGHDAD - Syrian traders said Syrian refugees fled the market on Friday.", "IQ"),
])
def test_a_dateline_gives_the_focus(builtin, text, first):
    assert document_focus(text, builtin).countries[0] == first


def test_a_capitalised_headline_before_a_dash_is_no_dateline(builtin):
    assert document_focus("Breaking News - markets fell today.", builtin).countries == ()


def test_a_dateline_opens_one_of_the_first_lines_only():
    from corroborate.resolve.focus import opening_dateline

    lines = ["Markets rose", "By a reporter", "KABUL (Reuters) - Trade was calm."]
    assert opening_dateline(lines) == ("KABUL", None)
    assert opening_dateline(["Prices held"] + lines) is None  # a fourth line is the story's, not its dateline


def test_a_capital_named_as_an_ordinary_word_tells_no_country(builtin):
    # Anguilla's capital is "The Valley": in a body's name it is an ordinary word, as "Valley" is
    text = "The Valley Human Rights Observatory said twelve civilians were killed in the market."
    assert document_focus(text, builtin).countries == ()


def test_metadata_gives_the_focus_over_what_the_text_names(builtin):
    text = "Officials in Turkey said the convoy crossed on Monday."
    assert document_focus(text, builtin).countries == ("TR",)
    assert document_focus(text, builtin, "SY").countries == ("SY",)
    assert document_focus(text, builtin, "Syria").countries == ("SY",)


def test_peoples_provinces_and_countries_each_tell_a_focus_and_several_give_several(builtin):
    assert document_focus("Afghan officials said the attack in Helmand killed four.", builtin).countries == ("AF",)
    both = document_focus("Syrian and Iraqi forces met at the border; Syria and Iraq both said so.", builtin)
    assert set(both.countries) == {"SY", "IQ"}


def test_a_namesake_abroad_is_refused_inside_the_focus(builtin):
    # The built-in gazetteer knows a Muxtariyyat in Azerbaijan and no Mukhtariya in Syria.
    found = places("On the Syrian coast, Syrian forces entered Al-Mukhtariya near Latakia.", builtin)
    answer = found.resolve("Al-Mukhtariya", 0, 80)
    assert answer.place is None or answer.place.country == "SY"
    assert not answer.found


def test_a_namesake_abroad_wins_where_the_text_names_its_country(builtin):
    text = ("Syrian officials said the talks would go on. Separately, two Syrian men died in Muxtariyyat, "
            "in Azerbaijan, on Sunday.")
    sentence = text.index("Separately")
    assert places(text, builtin).resolve("Muxtariyyat", sentence, len(text)).place.country == "AZ"
    elsewhere = text.replace(", in Azerbaijan,", "")
    assert places(elsewhere, builtin).resolve("Muxtariyyat", 0, len(elsewhere)).place is None


def test_well_known_places_abroad_need_no_country(builtin):
    found = places("Syrian officials met in Paris and Moscow on Monday.", builtin)
    assert where(found.resolve("Paris", 0, 60))[:2] == ("Paris", "FR")
    assert found.resolve("Moscow", 0, 60).place.country == "RU"


@pytest.mark.parametrize("query, state", [("Springfield, Illinois", "Illinois"),
                                          ("Springfield, Massachusetts", "Massachusetts")])
def test_the_admin_hierarchy_named_picks_the_namesake(builtin, query, state):
    found = places("Police in the United States said two men were shot.", builtin)
    assert found.resolve(query, 0, 50).place.admin1_name == state


def test_an_unknown_place_in_a_named_province_is_placed_in_the_province_and_says_so(builtin):
    found = places("Gunmen attacked Zazagawa village in Kaduna State, Nigeria.", builtin)
    answer = found.resolve("Zazagawa, Kaduna", 0, 60)
    assert (answer.place.country, answer.place.kind, answer.precision) == ("NG", "region", 4)
    assert not answer.found, "the village itself is not known: it must never join another place"


def test_places_told_together_lie_together(builtin):
    text = "Storms hit Peoria and Bloomington before reaching Springfield, where two people died."
    found = places(text, builtin)
    for name in ("Peoria", "Bloomington", "Springfield"):
        found.resolve(name, 0, len(text))
    found.cohere()
    springfield = found.resolve("Springfield", 0, len(text)).place
    assert springfield.admin1_name == "Illinois"


@pytest.mark.parametrize("query, state", [
    ("Charleston, W.Va.", "West Virginia"), ("Charleston, W. Va.", "West Virginia"),
    ("Charleston, S.C.", "South Carolina"), ("Wichita, Kan.", "Kansas"), ("Kelowna, B.C.", "British Columbia"),
])
def test_a_state_s_agency_abbreviation_names_the_state(builtin, query, state):
    found = places("Police said two men were shot on Friday.", builtin)
    assert found.resolve(query, 0, 40).place.admin1_name == state
    assert found.resolve(query.split(", ")[1], 0, 40).place.name == state


def test_a_place_s_own_name_is_no_cue_for_its_namesake_abroad(builtin):
    # Virginia is also a South African city: its own name must not make South Africa "named
    # beside it", nor the document's focus.
    text = "The inmate awaits his transfer to Virginia, where he will stand trial, the sheriff in Ohio said."
    found = places(text, builtin)
    assert found.focus.countries[0] == "US"
    assert where(found.resolve("Virginia", 0, len(text)))[1:3] == ("US", "region")


@pytest.mark.parametrize("text, country", [
    ("Gunmen killed 12 people near Islamabad on Monday, police said.", "PK"),  # an old name of Chattogram
    ("A boat capsized off Dili on Sunday, killing three.", "TL"),  # a spelling of Delhi
    ("Two officers were shot in Montgomery overnight.", "US"),  # the old name of Sahiwal
])
def test_a_city_s_own_name_tells_its_country_before_another_city_s_other_name(builtin, text, country):
    assert document_focus(text, builtin).countries == (country,)


def test_a_state_of_the_focus_before_a_country_of_its_name(builtin):
    text = "Tornadoes struck Georgia overnight, officials said."
    found = Places(Text(text), builtin, country="US")
    assert where(found.resolve("Georgia", 0, len(text)))[1:3] == ("US", "region")
    text = "Russian troops crossed into Georgia, officials in Tbilisi said."
    assert where(places(text, builtin).resolve("Georgia", 0, len(text)))[1:3] == ("GE", "country")


def test_a_capital_known_by_another_form_of_its_name_is_the_capital(builtin):
    text = "Lawmakers in Washington and Ohio debated the bill."
    assert where(places(text, builtin).resolve("Washington", 0, len(text)))[:3] == ("Washington", "US", "locality")


def test_a_province_whose_point_lies_far_from_its_towns_is_known(builtin):
    found = places("Flooding hit northern Canada.", builtin)
    assert where(found.resolve("Ontario", 0, 30))[1:3] == ("CA", "region")


@pytest.mark.parametrize("text, query, state", [
    ("In Mexico, two armed men attacked a man in Hermosillo, Sonora.", "Hermosillo, Sonora", "Sonora"),
    ("In Brazil, a man was beaten to death in Manaus, Amazonas.", "Manaus, Amazonas", "Amazonas"),
])
def test_a_province_the_package_misplaces_or_leaves_without_a_point_is_known(builtin, text, query, state):
    # the provinces' package puts Sonora in California and gives Amazonas no point
    answer = places(text, builtin).resolve(query, 0, len(text))
    assert answer.found and answer.place.admin1_name == state


@pytest.mark.parametrize("text, query, capital, code", [
    # the package puts Hidalgo amid Tamaulipas' towns and the State of Mexico at the country's centre
    ("Police in Mexico said a trader was shot dead in Hidalgo state.", "Hidalgo state", (20.12, -98.73), "MX.13"),
    ("Police in Mexico said a bus driver was killed in Mexico state.", "Mexico state", (19.29, -99.66), "MX.15"),
])
def test_a_province_the_package_puts_amid_another_provinces_towns_lies_amid_its_own(builtin, text, query, capital,
                                                                                     code):
    from corroborate.resolve.geocoder import km

    place = places(text, builtin).resolve(query, 0, len(text)).place
    assert place.kind == "region" and place.country == "MX" and km(place.latitude, place.longitude, *capital) < 120
    assert place.admin1 == code, "the province takes the code of its own towns, not of the towns its point lies amid"


@pytest.mark.parametrize("text, name", [
    ("Yemeni officials said airstrikes hit Qaniyah on Friday.", "Qaniyah"),  # folds like Kenya
    ("Pakistani protesters gathered in Badah town on Friday.", "Badah town"),  # folds like Bade, Taiwan
])
def test_a_place_abroad_is_named_as_written_not_only_as_folded(builtin, text, name):
    answer = places(text, builtin).resolve(name, 0, len(text))
    assert answer.place is None or answer.place.country in ("YE", "PK")


def test_the_first_word_of_a_name_cut_off_is_no_place(builtin):
    text = "In Haiti, a man was shot dead in Port-au-Prince."
    assert places(text, builtin).resolve("Port", 0, len(text)).place is None


@pytest.mark.parametrize("query, expected", [
    ("North Iraq", ("IQ", "country", 5)),
    ("northern Iraq", ("IQ", "country", 5)),
    ("Syrian coast", ("SY", "country", 5)),
    ("eastern Daraa", ("SY", "region", 4)),
])
def test_a_part_of_a_place_resolves_to_the_place_at_a_coarser_precision(builtin, query, expected):
    found = places("Fighting went on across Syria and Iraq.", builtin)
    place, precision = found.resolve(query, 0, 40).place, found.resolve(query, 0, 40).precision
    assert (place.country, place.kind, precision) == expected


def test_a_country_s_capital_by_its_people(builtin):
    assert places("The Afghan capital was quiet.", builtin).resolve("Afghan capital", 0, 30).place.name == "Kabul"


@pytest.mark.parametrize("name, text", [
    ("Mexican", "Mexican officials said two died."),
    ("Ebola", "Ebola deaths rose in the east."),
    ("Hurricane Katrina", "Hurricane Katrina killed hundreds."),
    ("Katrina", "Hurricane Katrina struck. After Katrina, hundreds died."),
    ("World Health Organisation", "The World Health Organisation said so."),
    ("Pokot", "Pokot raiders killed five herders near the border with Uganda."),
    ("Pokot", "Elders of the Pokot community buried five herders on Monday."),
])
def test_words_that_are_no_place_are_refused(builtin, name, text):
    answer = places(text, builtin).resolve(name, 0, len(text))
    assert answer.place is None and not answer.found


@pytest.mark.parametrize("text, name, kind", [
    # a noun places take as well as peoples: after a state's or a country's name, its towns
    ("Mayors of Georgia communities met in Atlanta on Monday.", "Georgia", "region"),
    ("Aid reached Haiti communities cut off by the floods.", "Haiti", "country"),
])
def test_a_province_or_country_before_communities_stays_a_place(builtin, text, name, kind):
    assert places(text, builtin).resolve(name, 0, len(text)).place.kind == kind


def test_arabic_script_meets_the_latin_names(builtin):
    found = places("قصف على اللاذقية في سوريا", builtin)
    latakia = found.resolve("اللاذقية", 0, 30).place
    assert latakia.country == "SY" and km(latakia.latitude, latakia.longitude, 35.52, 35.79) < 30


def test_claims_and_events_carry_their_place_country_and_focus_through_the_pipeline():
    doc = Document("d1", (b"Gunmen killed 3 soldiers in Jableh on Friday, Syrian officials said.\n"
                          b"Separately, 12 villagers were killed in Al-Mukhtariya."),
                   "text/plain", "d1.txt", {"published": "2025-03-08", "country": "SY"})
    _, claims, events, focus = analyse(doc, gz.for_store(None))
    assert focus == "SY"  # recorded with the document, read by reconciliation
    by_place = {c.place: c for c in claims}
    assert by_place["Al-Mukhtariya"].country is None and by_place["Al-Mukhtariya"].place_found is False
    jableh = by_place["Jableh"]
    assert (jableh.country, jableh.place_found, jableh.precision) == ("SY", True, 1)
    assert jableh.place_name and jableh.admin1
    mexican = analyse(Document("d2", b"Mexican officials said 4 people were killed.", "text/plain", "d2.txt"),
                      gz.for_store(None))[1]
    assert [c.place for c in mexican] == [None], "a nationality is no place (spec: Only places)"
    lead = events[0]
    assert (lead.place, lead.country, (lead.latitude, lead.longitude)) == ("Jableh", "SY",
                                                                          (jableh.latitude, jableh.longitude))
    assert all(e.latitude is None for e in events if e.place == "Al-Mukhtariya")


@pytest.mark.parametrize("text", [
    "A convoy reached Gaza on Monday, aid workers said.",  # Mozambique's province, and the city
    "Hamas said the talks would go on.",  # a body, and another name of a German town
])
def test_a_name_a_big_city_abroad_or_a_body_shares_tells_no_country(builtin, text):
    assert document_focus(text, builtin).countries == ()


def test_a_province_tells_its_country_when_no_big_city_abroad_shares_its_name(builtin):
    assert document_focus("Rains flooded roads across Manitoba on Sunday.", builtin).countries == ("CA",)
