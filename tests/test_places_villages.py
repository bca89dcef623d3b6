"""A village or town told by its province's name ("an airstrike on Sagaing village", "an Idlib
village", "a Homs town") is somewhere in that province: the province at its precision, never the
town of the same name; a village of its own name stays that village. Sentences written for
these tests."""
from __future__ import annotations

import pytest

from corroborate.resolve.geocoder import Geocoder
from test_geocode import geocode, zed_db  # noqa: F401 - the fixture, used by name


@pytest.mark.parametrize("query, focus, province", [
    ("Sagaing village", "MM", "Sagaing Region"),
    ("Idlib village", "SY", "Idlib Governorate"),
    ("Idlib villages", "SY", "Idlib Governorate"),
    ("Homs town", "SY", "Homs Governorate"),
    ("Helmand village", "AF", "Helmand"),  # a province with no town of its name
])
def test_a_village_told_by_its_province_s_name_is_in_the_province(builtin, query, focus, province):
    found = Geocoder(builtin, focus=(focus,)).resolve(query)
    assert (found.place.name, found.place.kind, found.precision, found.found) == (province, "region", 4, False)


@pytest.mark.parametrize("query, focus, town", [
    ("Saraqib town", "SY", "Saraqib"),  # a town of its own name
    ("Idlib city", "SY", "Idlib"),  # the city is the city
    ("Idlib", "SY", "Idlib"),  # the bare name is the capital
])
def test_a_town_of_its_own_name_is_that_town(builtin, query, focus, town):
    found = Geocoder(builtin, focus=(focus,)).resolve(query)
    assert (found.place.name, found.place.kind, found.precision, found.found) == (town, "locality", 1, True)


def test_an_imported_village_stays_a_village_and_a_governorate_s_name_is_the_governorate(zed_db):  # noqa: F811
    village, province = geocode(zed_db, "Kafr Zubayr village, North Vale", "North Vale village")
    assert (village["id"], village["precision"]) == ("wof:4", 1)
    # not North Vale the town (wof:10): somewhere in North Vale Governorate
    assert (province["id"], province["precision"], province["found"]) == ("wof:2", 4, False)
