"""The built-in gazetteer's names: none is empty, and a division whose whole name is a word
the geocoder otherwise skips ("Central Governorate") keeps that word as its bare name."""
import pytest

from corroborate.resolve.geocoder import Geocoder, read_query


def test_no_name_in_the_built_in_gazetteer_is_empty_or_blank(builtin):
    con = builtin.connections[-1]
    [(names,)] = con.execute("SELECT count(*) FROM gazetteer_names WHERE trim(name) = '' OR trim(key) = ''").fetchall()
    [(places,)] = con.execute("SELECT count(*) FROM gazetteer_places WHERE trim(name) = ''").fetchall()
    assert (names, places) == (0, 0)


@pytest.mark.parametrize("phrase, name, kind", [
    ("Central Governorate", "Central", "region"),
    ("the Central Province", "Central", "region"),
    ("Central District", "Central", "county"),
    # a filler before a place's own name is still no part of it
    ("the central square of Aleppo", None, None),
    ("Central Hospital", "", "site"),
])
def test_a_division_named_by_a_filler_word_keeps_it(phrase, name, kind):
    first = read_query(phrase)[0]
    if name is None:
        assert first.name != "central"
    else:
        assert (first.name, first.kind) == (name, kind)


def test_a_province_named_only_by_a_filler_word_is_found_by_its_bare_name(builtin):
    found = Geocoder(builtin, focus=("BH",)).resolve("Nowhereville, Central Governorate").place
    assert (found.kind, found.country) == ("region", "BH")


@pytest.mark.parametrize("query, country", [
    # Belgium's code for Antwerp is VAN: the name is Turkey's city and province
    ("Nowhereville, Van", "TR"),
    ("Van", "TR"),
])
def test_a_province_code_that_is_a_place_s_own_name_is_not_the_province_s(builtin, query, country):
    assert Geocoder(builtin).resolve(query).place.country == country


@pytest.mark.parametrize("query, name, country", [
    # names [province_names] gives: the official name in the country's language, a usual spelling
    ("Nowhereville, Distrito Federal", "Federal District", "BR"),
    ("Nowhereville, Chui region", "Chuy Region", "KG"),
    ("Nowhereville, Tillabery", "Tillabéri Region", "NE"),
])
def test_a_province_is_known_by_its_other_names(builtin, query, name, country):
    found = Geocoder(builtin).resolve(query)
    assert (found.place.name, found.place.kind, found.place.country, found.found) == (name, "region", country, False)
