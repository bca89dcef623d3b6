"""Namesakes told apart by the document's context, as a local report names its places: the state
it is about, the counties and towns it names together, and the country its places lie in.
Sentences written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places, document_focus


def resolved(text: str, names: list[str], gazetteer) -> dict:
    """Each name's place, resolved together as the pipeline does: all, then cohere."""
    places = Places(Text(text), gazetteer)
    for name in names:
        places.resolve(name, 0, len(text))
    places.cohere()
    return {name: places.resolve(name, 0, len(text)).place for name in names}


def test_a_state_s_abbreviation_after_a_town_makes_the_state_the_document_s(builtin):
    # no other place says which Gainesville: the state the report writes after a town does
    text = ("The council in Gainesville voted on Monday to repair the old bridge, "
            "a spokesman for the mayor of Whiteacre, Tex., said.")
    assert resolved(text, ["Gainesville"], builtin)["Gainesville"].admin1_name == "Texas"


def test_without_a_state_the_more_prominent_namesake_stays(builtin):
    text = "The council in Gainesville voted on Monday to repair the old bridge."
    assert resolved(text, ["Gainesville"], builtin)["Gainesville"].admin1_name == "Florida"


@pytest.mark.parametrize("state", ["Tennessee", "Nebraska"])
def test_a_county_many_states_have_is_the_one_in_the_state_named(builtin, state):
    text = (f"Officials in {state} said the storm damaged 40 homes in Madison County. "
            f"The {state} governor will visit on Friday.")
    found = resolved(text, [state, "Madison County"], builtin)["Madison County"]
    assert (found.kind, found.admin1_name) == ("county", state)


def test_a_town_and_a_county_told_together_are_the_pair_that_nest(builtin):
    # Walker County lies in three states and Huntsville in several: only in Texas is one in the other
    text = ("Walker County lifted its burn ban on Monday after the Huntsville fire chief met the "
            "county judge.")
    found = resolved(text, ["Walker County", "Huntsville"], builtin)
    assert found["Walker County"].admin1_name == found["Huntsville"].admin1_name == "Texas"


def test_a_town_told_with_places_only_one_country_has_is_that_country_s_not_a_capital_abroad(builtin):
    text = ("The Paris city council met on Tuesday to discuss the new park. Henry County "
            "commissioners attended, and the Henry County sheriff spoke.")
    found = resolved(text, ["Paris", "Henry County"], builtin)
    assert (found["Paris"].country, found["Paris"].admin1_name) == ("US", "Tennessee")
    assert found["Henry County"].admin1_name == "Tennessee"


def test_a_country_s_name_told_with_places_only_another_country_has_is_its_town(builtin):
    text = ("Lebanon schedules its spring clean-up. Trucks will collect limbs on April 6, and "
            "residents of Zionsville may bring their bulky trash to the Boone County yard.")
    found = resolved(text, ["Lebanon", "Zionsville", "Boone County"], builtin)["Lebanon"]
    assert (found.kind, found.country) == ("locality", "US")


@pytest.mark.parametrize("text", [
    "Lebanon's parliament met in Beirut on Monday as the protests went on.",
    "Prices rose in Lebanon on Monday, and the council of a small town said so.",
])
def test_a_country_s_name_stays_the_country_when_nothing_points_to_a_town(builtin, text):
    found = resolved(text, ["Lebanon"], builtin)["Lebanon"]
    assert (found.kind, found.country) == ("country", "LB")


def test_a_focus_given_by_the_metadata_is_not_read_again_from_the_places(builtin):
    text = "Lebanon said the Boone County and Zionsville plans were approved."
    places = Places(Text(text), builtin, country="LB")
    for name in ("Lebanon", "Zionsville", "Boone County"):
        places.resolve(name, 0, len(text))
    places.cohere()
    assert places.focus.countries == ("LB",)
    assert places.resolve("Lebanon", 0, len(text)).place.kind == "country"


def test_a_place_abroad_that_only_folds_alike_moves_no_focus(builtin):
    """"Cahi" folds as Kahi, a town in Côte d'Ivoire, does: a report on Burundi's Ngozi is not
    made a report on Côte d'Ivoire by it, and the hill no gazetteer knows stays unresolved."""
    text = "Gunmen killed 4 people at Cahi hill (Mwumba, Ngozi) on Sunday."
    places = Places(Text(text), builtin)
    places.resolve("Cahi", 0, len(text))
    places.cohere()
    assert "CI" not in places.focus.countries
    assert places.resolve("Cahi", 0, len(text)).place is None


def test_a_town_and_a_county_nest_once_the_places_have_moved_the_focus(builtin):
    # "Paris" first makes the report one on France; Henry County, which only the United States
    # has, moves it there, and only then may the Paris of Henry County, Tennessee, be weighed
    text = "Every household in Paris and Henry County will get a letter from the rescue squad this week."
    found = resolved(text, ["Paris", "Henry County"], builtin)
    assert (found["Paris"].country, found["Paris"].admin1_name) == ("US", "Tennessee")
    assert found["Henry County"].admin1_name == "Tennessee"


@pytest.mark.parametrize("text, name, place, state", [
    # each name of a list that ends in "counties" is a county, told with the town it surrounds
    ("Riders from Cooke, Grayson and Love counties will compete at the Gainesville rodeo.",
     "Cooke", "Cooke County", "Texas"),
    ("Riders from Cooke, Grayson and Love counties will compete at the Gainesville rodeo.",
     "Love", "Love County", "Oklahoma"),
    ("Riders from Cooke, Grayson and Love counties will compete at the Gainesville rodeo.",
     "Gainesville", "Gainesville", "Texas"),
    ("Shells fell on the Homs and Hama governorates overnight.", "Hama", "Hama Governorate", None),
])
def test_each_name_of_a_list_ending_in_a_kind_is_of_that_kind(builtin, text, name, place, state):
    names = [n for n in ("Cooke", "Grayson", "Love", "Gainesville", "Homs", "Hama") if n in text]
    found = resolved(text, names, builtin)[name]
    assert found.name == place and (state is None or found.admin1_name == state)


@pytest.mark.parametrize("text, name, kind", [
    # a name alone before the plural is no list: the metro area's counties, the state's
    ("Jobs fell in the four metro Athens counties in March.", "Athens", "locality"),
    ("Boone ranks in the middle of Indiana counties for jobs.", "Indiana", "region"),
])
def test_a_name_alone_before_a_plural_kind_is_not_read_as_that_kind(builtin, text, name, kind):
    assert resolved(text, [name], builtin)[name].kind == kind


@pytest.mark.parametrize("text, country", [
    # a local paper's own city, written bare: the rest of the report is about Canada
    ("Fans in London cheered as their team beat Brampton on Friday, and the mayor of London thanked them.", "CA"),
    ("Protesters in London thanked Canada for its help, and the mayor of London joined them.", "CA"),
    # nothing else told: the larger city
    ("The mayor of London opened the new bridge on Monday.", "GB"),
    # a name the city's own country also has a town of tells nothing against it: London has an Edmonton
    ("A man from Edmonton was stabbed in east London on Friday, police said.", "GB"),
])
def test_a_city_s_name_two_countries_cities_share_is_the_one_the_rest_of_the_report_is_about(builtin, text, country):
    assert resolved(text, ["London"], builtin)["London"].country == country


def test_a_province_s_name_a_city_abroad_shares_stays_the_province_s(builtin):
    # Ontario, California is a city; Los Angeles tells the United States, not which Ontario:
    # the name goes on telling Canada
    text = "Flu cases rose across Ontario, officials in Los Angeles said."
    assert "CA" in document_focus(text, builtin).countries
