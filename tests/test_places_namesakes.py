"""Namesakes in several countries, decided as a careful reader decides: a world city's bare name
is the city even in a report about another country, unless the places told around it say a
town at home is meant. Sentences written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places


def resolved(text: str, names: list[str], gazetteer) -> dict[str, tuple[str, str | None]]:
    """Each name's place (name, country) once the document's places are told together."""
    places = Places(Text(text), gazetteer)
    for name in names:
        places.resolve(name, 0, len(text))
    places.cohere()
    return {name: (found.name, found.country) for name in names
            if (found := places.resolve(name, 0, len(text)).place) is not None}


# (text, the names it tells, the world city's name, its country)
@pytest.mark.parametrize("text, names, city, country", [
    # an American report on a summit abroad: Brussels, Belgium, not the village in Illinois
    ("Senators from the United States flew to Brussels for the alliance's summit, Americans "
     "officials said.", ["United States", "Brussels"], "Brussels", "BE"),
    ("The American delegation landed in Jerusalem on Tuesday, the State Department said.",
     ["Jerusalem"], "Jerusalem", "IL"),
    # a world city told only with towns an ocean away is no outlier: flights cross oceans
    ("A French woman booked from Newark to Paris was flown to San Francisco instead, and reached Paris "
     "after a layover in Boston, New Jersey officials said.",
     ["Newark", "Paris", "San Francisco", "Boston", "New Jersey"], "Paris", "FR"),
])
def test_a_world_city_abroad_is_meant_by_its_bare_name(builtin, text, names, city, country):
    assert resolved(text, names, builtin)[city][1] == country


# a local report that names the state's towns and counties: the town at home, not the world city
def test_a_town_at_home_told_with_its_county_is_not_the_world_city(builtin):
    text = "Deputies in Henry County said the fire in Paris destroyed two barns near the Tennessee line."
    found = resolved(text, ["Henry County", "Paris", "Tennessee"], builtin)
    assert found["Paris"] == ("Paris", "US")


# (text, the names it tells, the country's name): with no namesake in the focus, the country
# named is meant, not a town of a country the text only names beside it
@pytest.mark.parametrize("text, names, country", [
    ("Kazakhstan smelts most of the ore. Plants in Kazakhstan and South Africa need power; "
     "Kazakhstan and South Africa buy furnaces. An American firm shipped one to Brazil last year.",
     ["Kazakhstan", "South Africa", "Brazil"], "Brazil"),
])
def test_a_country_named_beats_a_town_of_a_country_named_beside_it(builtin, text, names, country):
    found = resolved(text, names, builtin)[country]
    assert found == (country, "BR")


def test_a_country_s_name_read_as_a_town_is_no_town_that_has_it_only_as_a_variant(builtin):
    # the places told are Texan, so "Turkey" is a town there, which the built-in gazetteer lacks;
    # a town of New Jersey that was once also called so is not it: the town stays unresolved
    text = ("The fiddle festival returns to Turkey on Friday, the Hall County judge said. Tickets "
            "for the dance are sold by the city of Turkey and at the museum in Childress.")
    found = resolved(text, ["Turkey", "Hall County", "Childress"], builtin)
    assert found["Childress"] == ("Childress", "US") and "Turkey" not in found


def test_a_city_s_whole_name_is_the_city_that_goes_by_it(builtin):
    # an American report: Québec, which also goes by "Quebec City", is meant by that name, not a
    # town of Connecticut that once had "Quebec" alone as a variant
    text = ("The United States wants a trade deal: the United States envoy and the U.S. trade office "
            "said so, and American officials agreed. A Canadian minister flew home. She spoke to "
            "reporters in Quebec City.")
    found = Places(Text(text), builtin).resolve("Quebec City", text.index("She"), len(text)).place
    assert (found.name, found.country) == ("Québec", "CA")


def test_a_province_s_whole_name_stays_in_the_focus(builtin):
    # Cameroon's Northwest region was once the "North West Province"; South Africa's is meant here
    text = "Platinum mines in the North West and Limpopo provinces employ many South Africans."
    assert resolved(text, ["North West", "Limpopo"], builtin)["North West"][1] == "ZA"


# (text, the names it tells, the town, its country): a name that tells a country only by
# itself is the town of the country the rest of the text is about, where that country has a
# town of the name as large as a rival's
@pytest.mark.parametrize("text, names, town, country", [
    ("A student of Paris died on Saturday in a Dallas hospital. The driver, also of Paris, was "
     "taken to Paris Regional Medical Center and flown to Dallas.", ["Paris", "Dallas"], "Paris", "US"),
])
def test_a_name_told_alone_for_its_country_is_the_town_of_the_rest_of_the_text(builtin, text, names, town,
                                                                                 country):
    assert resolved(text, names, builtin)[town][1] == country


def test_a_city_told_with_more_of_its_own_country_stays_there(builtin):
    # Australia is told by more than its city's name: Melbourne is Victoria's, whatever the
    # Americans told beside it
    text = ("The United States reported most cases; U.S. officials and Texas doctors agreed. In Australia, "
            "the state of Victoria had the most, most of them in Melbourne.")
    assert resolved(text, ["United States", "Australia", "Victoria", "Melbourne"], builtin)["Melbourne"][1] == "AU"


def test_a_name_told_again_means_the_place_it_meant_beside_its_country(builtin):
    # "Moscow" is told once in Russia, then among American cities (Idaho's Moscow lies between
    # Spokane and Boise): in an American report, the same Moscow throughout
    text = ("The United States approved a new American airline, and United States officials and U.S. "
            "pilots cheered. Its first flights go to Moscow in Russia in May. Flights from Chicago, "
            "Atlanta and Seattle will follow; Moscow is the first stop, and Spokane and Boise the next.")
    places = Places(Text(text), builtin)
    first, second = (text.index("Its"), text.index("Flights")), (text.index("Flights"), len(text))
    for name in ("Chicago", "Atlanta", "Seattle", "Spokane", "Boise"):
        places.resolve(name, *second)
    for span in (first, second):
        places.resolve("Moscow", *span)
    places.cohere()
    assert [places.resolve("Moscow", *span).place.name for span in (first, second)] == ["Moscow", "Moscow"]
    assert {places.resolve("Moscow", *span).place.country for span in (first, second)} == {"RU"}


def test_a_city_named_with_its_country_is_there_however_far_from_the_country_s_middle(builtin):
    found = Places(Text("Talks resumed in Vladivostok, Russia."), builtin).resolve("Vladivostok, Russia", 0, 38).place
    assert (found.name, found.country) == ("Vladivostok", "RU")


# (text, the country its possessive tells): "Syria's" names Syria as "Syria" does; a name whose
# own spelling holds the possessive stays whole
@pytest.mark.parametrize("text, country", [
    ("Russia's capital was quiet on Sunday.", "RU"),
    ("Officials praised Canada’s stand on the refugees.", "CA"),
    ("Aid reached the camps of Cox's Bazar district.", "BD"),
])
def test_a_possessive_tells_its_country(builtin, text, country):
    assert country in Places(Text(text), builtin).focus.countries


# (text, the name, its kind, its country): a country is named as spelled; a name towns go by
# that only folds as a country's does is the town, and a misspelling nobody goes by is the country
@pytest.mark.parametrize("text, name, kind, country", [
    ("COLUMBIA, Ky. - The county fair in Columbia opened on Friday, Kentucky officials said.", "Columbia",
     "locality", "US"),
    ("Health officials in Mauritious reported two cases.", "Mauritious", "country", "MU"),
])
def test_a_country_is_named_as_spelled_before_towns_that_are(builtin, text, name, kind, country):
    found = resolved(text, [name], builtin)[name]
    place = Places(Text(text), builtin).resolve(name, 0, len(text)).place
    assert found[1] == country and place.kind == kind
