"""Places named as news reports name them (the geoparsing corpora of bench/geocode.py): a people's
adjective read as its country, abbreviations, counties, continents, "Town, State", countries at
their centre, seas and parts of the world. Sentences written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.pipeline import analyse
from corroborate.resolve import Places
from corroborate.resolve.geocoder import km
from test_claims_place import document, place_of


def toponym(text: str, name: str, gazetteer):
    return Places(Text(text), gazetteer).toponym(name, 0, len(text))


# (sentence, the toponym, the country or continent it names)
@pytest.mark.parametrize("text, name, place", [
    ("Russian officials denied the report on Monday.", "Russian", "Russia"),
    ("Two Canadian climbers were rescued on Friday.", "Canadian", "Canada"),
    ("British ministers met the envoy.", "British", "United Kingdom"),  # not Wales, which shares GB
    ("Palestinian medics reached the scene.", "Palestinians", "Palestinian Territory"),
    ("European markets fell sharply.", "European", "Europe"),
])
def test_a_people_s_adjective_read_as_a_toponym_is_its_country_at_country_precision(builtin, text, name, place):
    found = toponym(text, name, builtin)
    assert found.place.name == place and found.precision == 6


@pytest.mark.parametrize("body", [
    "Mexican soldiers killed 4 people on Tuesday.",
    "Police said 4 Russian tourists were killed in the crash.",
])
def test_a_claim_never_takes_a_people_s_adjective_as_its_place(builtin, body):
    assert place_of(None, body, 4) is None
    name = body.split()[0] if body.startswith("Mexican") else "Russian"
    assert Places(Text(body), builtin).resolve(name, 0, len(body)).place is None


@pytest.mark.parametrize("text, name, country", [
    ("Exports to the U.S. rose in March.", "U.S.", "US"),
    ("Officials in the US said so.", "US", "US"),
    ("Talks between the UK and France went on.", "UK", "GB"),
    ("Fighting spread across the DRC.", "DRC", "CD"),
    ("The DPRK fired a missile into the sea, officials said.", "DPRK", "KP"),
    ("The Republic of Armenia sent an envoy to the talks.", "Republic of Armenia", "AM"),  # its official name
])
def test_a_country_s_abbreviation_or_official_name_is_the_country(builtin, text, name, country):
    found = toponym(text, name, builtin).place
    assert (found.kind, found.country) == ("country", country)


def test_a_country_is_at_its_centre_not_at_a_rounded_point_hundreds_of_km_off(builtin):
    # the centre of the contiguous states lies in northern Kansas; the package's point, 240 km off
    found = toponym("The United States said so.", "United States", builtin).place
    assert km(found.latitude, found.longitude, 39.8, -98.6) < 50


@pytest.mark.parametrize("text, name, state", [
    ("Flooding closed roads across Laurel County on Monday.", "Laurel County", "Kentucky"),
    ("Deputies in Rapides Parish arrested two men.", "Rapides Parish", "Louisiana"),
])
def test_a_county_is_known_in_its_state(builtin, text, name, state):
    found = toponym(text, name, builtin)
    assert (found.place.kind, found.place.country, found.place.admin1_name, found.precision) == \
        ("county", "US", state, 3)


@pytest.mark.parametrize("text, name", [
    ("Aid agencies across Africa warned of drought.", "Africa"),  # not a town of that name
    ("Prices in Europe fell.", "Europe"),
])
def test_a_continent_is_the_continent(builtin, text, name):
    assert toponym(text, name, builtin).place.kind == "continent"


@pytest.mark.parametrize("text, name, state", [
    ("A man from Dublin, Ohio, and his son died in the crash.", "Dublin", "Ohio"),  # not Ireland's
    ("CHARLESTON, W. Va. - A fire killed two people.", "CHARLESTON", "West Virginia"),
    ("The fair in Paris, Texas, drew thousands.", "Paris", "Texas"),
])
def test_a_town_then_its_state_is_the_town_in_that_state(builtin, text, name, state):
    found = Places(Text(text), builtin).resolve(name, 0, len(text)).place
    assert (found.country, found.admin1_name) == ("US", state)


@pytest.mark.parametrize("text, name, kind", [
    ("Prices rose in California, Texas and Ohio.", "California", "region"),  # a list, not a town in Texas
    ("Cases rose in Iraq, Afghanistan and Syria.", "Iraq", "country"),
    ("The embassy of Ukraine in Abuja said so.", "Ukraine", "country"),  # not beside Abuja
])
def test_a_province_or_country_told_with_others_stays_itself(builtin, text, name, kind):
    found = Places(Text(text), builtin).resolve(name, 0, len(text)).place
    assert found.name in (name, "United States") and found.kind == kind


def test_a_capital_abroad_is_found_by_its_name_as_written(builtin):
    # GeoNames also spells Paris "Pariis": the name as written must still make it known abroad
    text = "The interview was recorded in Paris, officials in Tbilisi and Moscow said."
    found = Places(Text(text), builtin).resolve("Paris", 0, len(text)).place
    assert (found.name, found.country) == ("Paris", "FR")


def test_georgia_in_a_report_on_american_schools_is_the_state(builtin):
    # "Georgia" is no cue for the country (focus.toml [not_cues]), however it is folded
    text = "Schools across Northeast Georgia are reviewing layoffs, officials in Atlanta and Athens said."
    found = Places(Text(text), builtin)
    assert "GE" not in found.focus.countries
    assert (found.resolve("Georgia", 0, len(text)).place.kind, found.resolve("Georgia", 0, len(text)).place.country) \
        == ("region", "US")


def test_a_place_that_has_the_name_only_as_a_variant_does_not_win_by_its_neighbours(builtin):
    # Sanatoga, beside Pottstown, is also recorded as "Saratoga": the towns that go by the name
    # are the ones meant, however near Sanatoga the other places lie
    text = "The Saratoga native later moved to Pottstown and Norristown, Pennsylvania."
    found = Places(Text(text), builtin)
    for name in ("Saratoga", "Pottstown", "Norristown", "Pennsylvania"):
        found.resolve(name, 0, len(text))
    found.cohere()
    assert found.resolve("Saratoga", 0, len(text)).place.name == "Saratoga"


# (sentence, the toponym, the sea, ocean or lake it names)
@pytest.mark.parametrize("text, name, water", [
    ("The rescue ship searched the Mediterranean for survivors.", "Mediterranean", "Mediterranean Sea"),
    ("Storms over the Atlantic grounded flights.", "Atlantic", "Atlantic Ocean"),  # not the town in Iowa
    ("The freighter went down in the Indian Ocean.", "Indian Ocean", "Indian Ocean"),
    ("Fishermen on Lake Chad were attacked at dawn.", "Lake Chad", "Lake Chad"),  # not the country
])
def test_a_sea_is_the_sea_at_a_sea_s_precision_never_a_site(builtin, text, name, water):
    found = toponym(text, name, builtin)
    assert (found.place.name, found.place.kind, found.place.country, found.precision) == (water, "water", None, 7)


@pytest.mark.parametrize("title, body, low, water", [
    (None, "At least 40 migrants drowned in the Mediterranean on Tuesday, the coastguard said.", 40,
     "Mediterranean Sea"),
    (None, "A ferry sank on Lake Victoria on Thursday, killing 36 passengers.", 36, "Lake Victoria"),
    (None, "Twelve people died when their boat capsized in the Aegean Sea, officials said.", 12, "Aegean Sea"),
])
def test_a_toll_told_at_sea_is_placed_at_the_sea(builtin, title, body, low, water):
    [claim] = [c for c in analyse(document(body, title), builtin).claims if c.low == low]
    assert (claim.place_name, claim.place_kind, claim.precision, claim.country) == (water, "water", 7, None)


@pytest.mark.parametrize("text, name, region, precision", [
    ("Shelling on Eastern Ghouta killed civilians, medics said.", "Eastern Ghouta", "Eastern Ghouta", 2),
    ("Syrian government jets struck towns across Ghouta.", "Ghouta", "Eastern Ghouta", 2),
    ("Smugglers move migrants through North Africa.", "North Africa", "North Africa", 6),
    ("Violence across Central America drives people north.", "Central America", "Central America", 6),
    ("Drought has spread across the Sahel.", "Sahel", "Sahel", 6),
    ("Floods swept West Africa in August.", "West Africa", "West Africa", 6),  # not Africa as a whole
])
def test_a_region_is_the_region_at_its_precision(builtin, text, name, region, precision):
    found = toponym(text, name, builtin)
    assert (found.place.name, found.precision) == (region, precision)


def test_a_union_of_countries_is_at_its_published_centre(builtin):
    # the geographic centre of the 27 member states (Gadheim, Bavaria), not the mean of their
    # centres in the Alps
    found = toponym("EU ministers met on Monday.", "EU", builtin).place
    assert found.kind == "macroregion" and km(found.latitude, found.longitude, 49.84, 9.90) < 10


@pytest.mark.parametrize("text, name, region", [
    ("Central American migrants reached the border.", "Central American", "Central America"),
    ("Latin American leaders met in Lima.", "Latin American", "Latin America"),
    ("North American markets rose.", "North American", "North America"),
])
def test_a_part_of_the_world_s_adjective_is_that_part_as_a_toponym_never_a_claim_s_place(builtin, text, name,
                                                                                       region):
    assert toponym(text, name, builtin).place.name == region
    assert Places(Text(text), builtin).resolve(name, 0, len(text)).place is None


@pytest.mark.parametrize("text, name, place", [
    ("Fighting resumed in the Central African Republic.", "Central African Republic", "Central African Republic"),
    ("Floods hit Central Java on Monday.", "Central Java", "Central Java"),  # not Java, Georgia
    ("Clashes in Central Darfur left many dead.", "Central Darfur", "Central Darfur"),
])
def test_a_name_that_begins_with_a_filler_word_is_read_whole(builtin, text, name, place):
    assert toponym(text, name, builtin).place.name == place


@pytest.mark.parametrize("title, body, low, place", [
    # "Cape" alone is a fragment of names; with "Town" it is the city
    (None, "Five people were shot dead in Cape Town on Saturday, police said.", 5, "Cape Town"),
    # an adjective's ending before a preposition names no people: the sea
    (None, "Seven migrants died in the Mediterranean on Sunday, the navy said.", 7, "Mediterranean Sea"),
])
def test_a_place_is_read_whole(builtin, title, body, low, place):
    [claim] = [c for c in analyse(document(body, title), builtin).claims if c.low == low]
    assert claim.place_name == place


def test_a_people_s_adjective_before_its_noun_is_still_no_place(builtin):
    assert place_of(None, "Four people died in Georgian custody on Monday.", 4) is None
