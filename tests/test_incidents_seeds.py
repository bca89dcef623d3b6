"""The two seed articles reconciled, with the Who's On First gazetteer imported, against
what ../shared/gold/seeds.incidents.json says a careful recorder makes of them."""
from __future__ import annotations

import pytest

from conftest import cli, jsonl, shared_path
from corroborate import Store

REUTERS, PERSUASION = "000_d96c350095487b08", "001_2b6ae5eb5797901f"


def _ingest(db, gazetteer=True):
    seeds = shared_path("seeds")
    if gazetteer:
        cli("gazetteer", "import", shared_path("data", "syria_gazetteer", "wof_syria_places.csv"), "--db", db)
    cli("ingest", seeds, "--meta", seeds / "meta.jsonl", "--db", db)
    return jsonl(cli("incidents", "--format", "jsonl", "--db", db).stdout)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("incidents") / "seeds.duckdb"
    return db, _ingest(db)


@pytest.fixture(scope="module")
def built_in_only(tmp_path_factory):
    """The seeds with no gazetteer imported: the built-in one knows neither village."""
    return _ingest(tmp_path_factory.mktemp("incidents") / "plain.duckdb", gazetteer=False)


def _holding(records, doc, low, kind="incident"):
    found = [r for r in records if r["kind"] == kind and
             any(c["doc"] == doc and c["low"] == low for c in r["claims"] + r["outliers"])]
    assert len(found) == 1, (doc, low, found)
    return found[0]


def test_the_ambush_told_in_a_place_no_gazetteer_knows_stands_apart_as_written(seeded):
    _, records = seeded
    apart = _holding(records, PERSUASION, 16)
    assert _figures(apart) == [(PERSUASION, 16)] and apart["place"] == "Alawite Mountains"
    assert apart["precision"] == "unresolved" and apart["latitude"] is None  # never shown as a site
    assert _figures(_holding(records, REUTERS, 13)) == [(REUTERS, 13)]


def _figures(record):
    return sorted((c["doc"], c["low"]) for c in record["claims"])


@pytest.mark.xfail(strict=True, reason="the 16 is told 'in the heart of the so-called Alawite Mountains', a range no "
                   "gazetteer we ship or import in tests knows (GeoNames' physical features would); the spec keeps a "
                   "place no gazetteer knows apart, so the gold's one incident needs that gazetteer")
def test_the_ambush_is_one_incident_at_13_to_16(seeded):
    _, records = seeded
    ambush = _holding(records, REUTERS, 13)
    assert _figures(ambush) == [(REUTERS, 13), (PERSUASION, 16)]
    assert (ambush["killed_low"], ambush["killed_high"]) == (13, 16)
    assert ambush["date_start"] == "2025-03-06" and ambush["independent_sources"] == 2


def test_al_qusour_holds_the_harfoush_family_inside_its_toll(seeded):
    _, records = seeded
    qusour = _holding(records, REUTERS, 50)
    assert (REUTERS, 6) in _figures(qusour)
    assert (qusour["killed_low"], qusour["killed_high"]) == (50, 50)
    assert next(c for c in qusour["claims"] if c["low"] == 6)["role"] == "floor"


def _publishers(db, *records) -> str:
    """The line of "why this grade" that names the independent sources of `records` together."""
    with Store(db, read_only=True) as store:
        together = {**records[0], "claims": [c for r in records for c in r["claims"]], "outliers": []}
        why = store.explain(together)["grade"]
    return next(line for line in why if "independent source" in line)


def test_sources_are_counted_by_who_published_or_originated_the_figure(seeded):
    """spec/incidents.md, Grades: the residents Reuters quotes in Al-Qusour are Reuters; the
    ambush's 13 is the government's (carried by Reuters) and its 16 Persuasion's own; the
    coastal toll is SNHR's, Reuters' and Persuasion's."""
    db, records = seeded
    qusour = _holding(records, REUTERS, 50)
    assert (qusour["grade"], qusour["independent_sources"]) == ("weak", 1)
    assert _publishers(db, qusour).endswith(": Reuters")
    ambush = (_holding(records, REUTERS, 13), _holding(records, PERSUASION, 16))
    assert _publishers(db, *ambush).startswith("2 independent sources") and \
        _publishers(db, *ambush).endswith(": Persuasion, the government")
    coast = _holding(records, REUTERS, 595, kind="aggregate")
    assert (coast["grade"], coast["independent_sources"]) == ("confirmed", 3)
    assert _publishers(db, coast).endswith(": Persuasion, Reuters, SNHR")


def test_verified_bodies_are_floors(seeded):
    _, records = seeded
    mukhtariya, shilfatiya = _holding(records, REUTERS, 27), _holding(records, REUTERS, 10)
    assert (mukhtariya["killed_low"], mukhtariya["killed_high"]) == (27, None)
    assert (shilfatiya["killed_low"], shilfatiya["killed_high"]) == (10, None)
    # Al-Shilfatiyeh and Al-Shilfatiya are one place: one incident there, and no other
    assert [r["id"] for r in records if r["place"] == shilfatiya["place"]] == [shilfatiya["id"]]


def _records(store, request):
    found = request.getfixturevalue(store)
    return found[1] if store == "seeded" else found


VILLAGES = ((27, "mukhtariy"), (10, "shilfatiy"))


@pytest.mark.parametrize("store", ["seeded", "built_in_only"])
def test_each_village_is_an_incident_of_its_own(store, request):
    records = _records(store, request)
    for low, village in VILLAGES:
        held = _holding(records, REUTERS, low)
        assert _figures(held) == [(REUTERS, low)], (village, held)  # never inside another place's incident


@pytest.mark.parametrize("store", ["seeded", "built_in_only"])
def test_each_village_shows_its_own_name_in_syria_or_unresolved(store, request):
    for low, village in VILLAGES:
        held = _holding(_records(store, request), REUTERS, low)
        assert village in held["place"].lower().replace("-", ""), held["place"]
        assert held["country"] == "SY" and held["precision"] in ("village/town", "neighbourhood", "unresolved")
        assert (held["latitude"] is None) == (held["precision"] == "unresolved")  # unresolved: off the map


def test_the_coastal_aggregate_is_595_to_1300_with_the_boast_kept_aside(seeded):
    _, records = seeded
    coast = _holding(records, REUTERS, 595, kind="aggregate")
    assert (coast["killed_low"], coast["killed_high"]) == (595, 1300)
    assert coast["victim_type"] == "civilian"
    assert {(REUTERS, 120), (PERSUASION, 1300), (REUTERS, 1000)} <= set(_figures(coast))
    assert [(o["doc"], o["low"]) for o in coast["outliers"]] == [(PERSUASION, 9000)]
    assert next(c for c in coast["claims"] if c["low"] == 1300)["open_ended"]
    assert {_holding(records, REUTERS, n)["id"] for n in (50, 27, 10)} <= set(coast["parts"])


def test_a_second_run_on_the_same_archive_gives_the_same_record(seeded, tmp_path):
    db, records = seeded
    cli("ingest", shared_path("seeds"), "--meta", shared_path("seeds", "meta.jsonl"), "--db", db)
    assert jsonl(cli("incidents", "--format", "jsonl", "--db", db).stdout) == records
    assert _ingest(tmp_path / "again.duckdb") == records
