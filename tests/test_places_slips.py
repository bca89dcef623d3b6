"""A province named around a well-known city that does not hold it: the writer's slip, not the
home of an unknown namesake village. Sentences and queries written for these tests; the
built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places
from corroborate.resolve.geocoder import Geocoder


@pytest.mark.parametrize("query, focus, name, country", [
    # a city of hundreds of thousands in the province's country, the province another
    ("Mexicali, Sonora", ("MX",), "Mexicali", "MX"),
    ("Multan city, Multan, Sindh", ("PK",), "Multan", "PK"),
    # with no focus too: the province is in the city's country
    ("Faisalabad, Sindh", (), "Faisalabad", "PK"),
])
def test_a_well_known_city_holds_against_a_province_it_is_not_in(builtin, query, focus, name, country):
    found = Geocoder(builtin, focus=focus).resolve(query)
    assert (found.place.name, found.place.country, found.place.kind, found.found) == (name, country, "locality", True)


@pytest.mark.parametrize("query, focus, name, kind, found", [
    # the province holds a namesake of the city: that one is meant
    ("Portland, Maine", ("US",), "Portland", "locality", True),
    # a place unknown in the province named stays in the province
    ("Nowhereville, Sindh", ("PK",), "Sindh", "region", False),
    # a city in another country than the province's is no slip of the province
    ("Guadalajara, Texas", ("US",), "Texas", "region", False),
    # a name towns of several provinces share may mean one the gazetteer lacks
    ("Guadalajara, Nuevo Leon", ("MX",), "Nuevo León", "region", False),
])
def test_a_province_holds_where_no_well_known_city_contradicts_it(builtin, query, focus, name, kind, found):
    place = Geocoder(builtin, focus=focus).resolve(query)
    assert (place.place.name, place.place.kind, place.found) == (name, kind, found)


def test_a_place_inside_a_well_known_city_with_the_wrong_province_lies_beside_the_city(builtin):
    text = "On Monday, traders blocked a road in Nowhere Bazaar of Multan city (Multan, Sindh)."
    found = Places(Text(text), builtin).resolve("Nowhere Bazaar, Multan city, Multan, Sindh", 0, len(text))
    assert (found.place.name, found.place.country, found.found) == ("Multan", "PK", False)
