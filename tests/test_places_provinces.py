"""Provinces as reports name them: GeoNames' provinces the provinces' package lacks or spells
otherwise, the other names geocoder.toml gives provinces (a language's, the press's
abbreviations), the units a sentence gives in brackets, a province beside a place naming its
country, and money that names no country. Sentences written for these tests; the built-in
gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places, document_focus
from corroborate.resolve.geocoder import Geocoder


@pytest.mark.parametrize("query, focus, name, country, admin1", [
    # GeoNames has the province and the package has not: at the middle of its towns, their code
    ("Nowhereville, Wardak", (), "Vardak", "AF", "AF.27"),
    # the package spells it otherwise than GeoNames: its own towns' code, not its neighbour's (Kunar's)
    ("Nowhereville, Nurestan", (), "Nuristan", "AF", "AF.38"),
    ("Nowhereville, Nuristan", (), "Nuristan", "AF", "AF.38"),
    ("Nowhereville, Oruzgan", (), "Urozgan", "AF", "AF.39"),
    # names [province_names] gives: a language's, the press's abbreviations
    ("Nowhereville, Ouest", ("CM",), "West", "CM", "CM.08"),
    ("Nowhereville, KPK", (), "Khyber Pakhtunkhwa", "PK", "PK.03"),
    ("Nowhereville, J&K", (), "Jammu and Kashmir", "IN", "IN.12"),
    ("Nowhereville, Metropolitana", (), "Santiago Metropolitan Region", "CL", "CL.12"),
    # an abbreviation two countries' provinces share: the focus decides
    ("Nowhereville, TN", ("US",), "Tennessee", "US", "US.TN"),
    ("Nowhereville, TN", ("IN",), "Tamil Nadu", "IN", "IN.25"),
])
def test_a_province_is_known_by_the_names_reports_give_it(builtin, query, focus, name, country, admin1):
    found = Geocoder(builtin, focus=focus).resolve(query)
    assert (found.place.name, found.place.kind, found.place.country, found.place.admin1, found.found) == (
        name, "region", country, admin1, False)


def test_a_town_at_home_is_not_lost_to_a_province_abroad_of_the_name_written(builtin):
    # Haiti has an Ouest too; Cameroon's West goes by it, and Bafoussam lies in it
    found = Geocoder(builtin, focus=("CM",)).resolve("Bafoussam town, Mifi, Ouest").place
    assert (found.name, found.country) == ("Bafoussam", "CM")


def test_a_province_named_beside_a_place_names_its_country(builtin):
    # a report whose cues point at France (Rennes is also "Reni"): Odessa's province holds Reni
    found = Geocoder(builtin, focus=("FR",)).resolve("Reni, Odessa").place
    assert (found.name, found.country) == ("Reni", "UA")


@pytest.mark.parametrize("text, place, country, province, found", [
    # the village is not known in the province named: the province, the place not found
    ("A bomb was found in Koleshwari forest (Gaya, Bihar) on Monday.", "Koleshwari", "IN", "Bihar", False),
    # a variant name of a city abroad (Vienna was "Wana") yields to the town in the province named
    ("Police fired on traders in Wana town (SW, KPK) on Monday.", "Wana town", "PK", None, True),
    # a town that goes by its own name is not moved by a namesake province abroad
    ("Youths marched in Lunsar town (Port Loko, North-West) on Monday.", "Lunsar town", "SL", None, True),
])
def test_the_units_a_sentence_gives_in_brackets_hold_its_place(builtin, text, place, country, province, found):
    resolved = Places(Text(text), builtin).resolve(place, 0, len(text))
    assert resolved.place.country == country and resolved.found is found
    if province:
        assert (resolved.place.name, resolved.place.kind) == (province, "region")


def test_a_country_before_its_money_is_no_cue(builtin):
    focus = document_focus("Drivers in Halba protested the rise of the US dollar on Monday.", builtin)
    assert focus.countries == ()
    # the country itself is still told
    assert document_focus("Drivers protested in the US on Monday.", builtin).countries == ("US",)


def test_a_city_abroad_that_only_sounds_alike_yields_to_the_province_in_brackets(builtin):
    # Cali, Colombia is also "Kali"; the forest in Burkina Faso's Yagha is not there
    text = "A man was shot near the Kali forest (Sebba, Yagha) on Monday."
    found = Places(Text(text), builtin).resolve("Kali", 0, len(text)).place
    assert found.country == "BF"


def test_a_town_in_the_focus_wins_over_the_only_province_of_the_name_abroad(builtin):
    # Ghana's North East region (2018) is in no gazetteer here; Botswana's North-East District
    # is; in a report on Ghana, Nalerigu is the Ghanaian town, not a place in Botswana
    found = Geocoder(builtin, focus=("GH",)).resolve("Nalerigu, East Mamprusi, North East").place
    assert (found.name, found.country) == ("Nalerigu", "GH")
