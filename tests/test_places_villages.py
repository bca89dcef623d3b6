"""A village or town told by its province's name ("an airstrike on Sagaing village", "an Idlib
village", "a Homs town") is somewhere in that province: the province at its precision, never the
town of the same name; a village of its own name stays that village. And the target of a people's
attack ("a Russian strike on Kalo"), in a headline written in title case too. Sentences written
for these tests."""
from __future__ import annotations

import pytest

from corroborate.document import Document
from corroborate.pipeline import analyse
from corroborate.resolve.geocoder import Geocoder
from test_claims_place import place_of
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


def claim_place(builtin, title: str | None, body: str, country: str, low: int) -> tuple:
    meta = {"outlet": "Example Wire", "published": "2024-06-14", "country": country,
            **({"title": title} if title else {})}
    claims = analyse(Document("t", body.encode(), "text/plain", "test", meta), builtin).claims
    [claim] = [c for c in claims if c.low == low]
    return claim.place, claim.place_name, claim.precision


@pytest.mark.parametrize("title, body, country, low, province", [
    ("Junta airstrike on Sagaing village kills 20", "A junta airstrike on a village killed 20 people on Tuesday, "
     "residents said.", "MM", 20, "Sagaing Region"),
    (None, "Shelling on an Idlib village killed seven civilians on Monday, rescuers said.", "SY", 7,
     "Idlib Governorate"),
    (None, "Government shelling of a Homs town killed four people, according to monitors.", "SY", 4,
     "Homs Governorate"),
])
def test_a_claim_in_a_province_s_village_is_placed_in_the_province(builtin, title, body, country, low, province):
    place, name, precision = claim_place(builtin, title, body, country, low)
    assert (name, precision) == (province, 4), place


@pytest.mark.parametrize("body, low, place", [
    ("Shelling on an Idlib village killed seven civilians.", 7, "Idlib village"),
    # an article with no kind word after the name reads no place: a people's, a country's strike
    ("Five people were killed in a US strike on Monday.", 5, None),
    # a people's adjective before the kind word names no province
    ("Five people were killed in a Northern Irish town on Monday.", 5, None),
])
def test_an_article_before_a_name_reads_a_place_only_with_its_kind_word(body, low, place):
    assert place_of(None, body, low) == place


# (headline, body, the claim's low figure, its place): the target of a people's strike, attack
# or shelling; a title-case headline runs its words together, and names the place the body writes
@pytest.mark.parametrize("title, body, low, place", [
    (None, "A Russian strike on Kalo killed 3 people on Friday.", 3, "Kalo"),
    (None, "Israeli airstrikes on Dandali killed 14 people overnight.", 14, "Dandali"),
    (None, "A Houthi attack on Marib killed five soldiers.", 5, "Marib"),
    ("Russian Strike On Kalo Kills 3", "Three people were killed, the governor of Kalo said.", 3, "Kalo"),
    ("Houthi Attack On Dandali Leaves Five Dead", "Five soldiers were killed on Monday, Dandali's commander said.",
     5, "Dandali"),
    # a title-case headline's place the body never writes is none
    ("Russian Strike On Kalo Kills 3", "Three people were killed, the governor said.", 3, None),
    # a list goes on after a name, never before one: not ", Kalo"
    ("Russian strike on Kalo kills 3", "Three people were killed in the city, Kalo's governor said.", 3, "Kalo"),
])
def test_the_target_of_a_people_s_attack_is_the_place(title, body, low, place):
    assert place_of(title, body, low) == place
