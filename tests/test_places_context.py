"""Namesakes told apart by the document's context, as a local report names its places: the state
it is about, the counties and towns it names together, and the country its places lie in.
Sentences written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places


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
