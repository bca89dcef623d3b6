"""Reconciling claims into incidents, on sentences written for these tests: one incident
per event however many documents tell it, ranges over credible totals, outliers kept aside,
sources counted once, and a living record whose ids hold and whose changes are recorded."""
from __future__ import annotations

import pytest

from conftest import jsonl, run_cli
from corroborate.reconcile import ranges, sources
from corroborate.reconcile.members import Member

STRIKE = "An air strike killed 12 civilians in Homs on May 3, 2024, the Syrian Observatory for Human Rights said.\n"
DOCS = {
    "a": STRIKE,
    "b": "At least 15 civilians were killed in an air strike in Homs on May 3, 2024, according to local medics.\n",
    "c": "Shelling killed 4 civilians in Aleppo on May 8, 2024, residents said.\n",
    "d": STRIKE,  # a second outlet carrying the same story
    "e": "A fighter boasted in a video that his unit killed 400 civilians in Homs on May 3, 2024.\n",
}


def _ingest(tmp_path, db, *names):
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text(DOCS[name], encoding="utf-8")
        run_cli("ingest", path, "--db", db)


def _incidents(db):
    return jsonl(run_cli("incidents", "--format", "jsonl", "--db", db).stdout)


def _holding(records, doc):
    found = [r for r in records if any(c["doc"] == doc for c in r["claims"] + r["outliers"])]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reconcile")
    db = tmp / "store.duckdb"
    _ingest(tmp, db, "a", "c", "b", "d", "e")
    return db


def test_one_strike_told_by_four_documents_is_one_incident(store):
    records = _incidents(store)
    homs = _holding(records, "a")
    assert {c["doc"] for c in homs["claims"]} == {"a", "b", "d"}
    assert (homs["killed_low"], homs["killed_high"]) == (12, 15)  # 12 and 15 are not added up
    assert _holding(records, "c")["id"] != homs["id"]


def test_a_wire_story_carried_twice_is_one_source_and_a_boast_is_an_outlier(store):
    homs = _holding(_incidents(store), "a")
    assert homs["independent_sources"] == 2  # SOHR (twice) and local medics
    assert homs["grade"] == "fair"
    assert [o["doc"] for o in homs["outliers"]] == ["e"]
    assert "perpetrator" in homs["outliers"][0]["reason"]


def test_history_names_each_document_and_an_unrelated_one_leaves_no_trace(store):
    homs = _holding(_incidents(store), "a")
    changes = jsonl(run_cli("history", homs["id"], "--format", "jsonl", "--db", store).stdout)
    assert changes[0]["change"] == "created" and changes[0]["cause"] == "a"
    assert {c["cause"] for c in changes} == {"a", "b", "d", "e"}
    figures = next(c for c in changes if c["cause"] == "b" and c["change"] == "figures changed")
    assert figures["detail"]["killed_high"] == [12, 15]


def test_ids_and_figures_hold_across_runs(store, tmp_path):
    before = {r["id"]: r for r in _incidents(store)}
    _ingest(tmp_path, store, "a", "b")  # the same documents again: nothing changes
    assert {r["id"]: r for r in _incidents(store)} == before
    other = tmp_path / "again.duckdb"
    _ingest(tmp_path, other, "a", "c", "b", "d", "e")
    assert {r["id"]: r for r in _incidents(other)} == before


def test_incident_command_shows_claims_side_by_side_and_rejects_unknown_ids(store):
    homs = _holding(_incidents(store), "a")
    shown = run_cli("incident", homs["id"], "--db", store).stdout
    assert "local medics" in shown and "outlier" in shown
    missing = run_cli("incident", "I-nothing", "--db", store, check=False)
    assert missing.returncode == 2 and "I-nothing" in missing.stderr


def test_profiles_are_views_on_the_range(store):
    rows = jsonl(run_cli("incidents", "--format", "jsonl", "--profile", "ucdp", "--db", store).stdout)
    homs = _holding(rows, "a")
    assert (homs["ucdp_low"], homs["ucdp_best"], homs["ucdp_high"]) == (12, 12, 15)
    assert (homs["killed_low"], homs["killed_high"]) == (12, 15)  # the stored record keeps its range
    acled = _holding(jsonl(run_cli("incidents", "--format", "jsonl", "--profile", "acled", "--db", store).stdout), "a")
    assert acled["acled_fatalities"] == 12


def _member(n, low, high=None, qualifier="exact", victims="civilians", status="reported", source="monitor",
            evidence="", outlet="Outlet", scope="incident", victim_type="civilian"):
    return Member(doc=f"doc{n}", n=0, outcome="killed", low=low, high=high if high is not None else
                  (None if qualifier in ("at_least", "more_than") else low), qualifier=qualifier, victims=victims,
                  victim_type=victim_type, perpetrator=None, place=None, date=None, source=source, status=status,
                  scope=scope, evidence=evidence or f"{low} {victims} were killed.", outlet=outlet)


def test_a_family_inside_a_toll_is_a_floor_not_a_second_total():
    toll = _member(1, 40, qualifier="approx", status="unverified", source="a resident")
    family = _member(2, 7, victims="his parents and five brothers", source="a survivor")
    found = ranges.reconcile([toll, family], "killed")
    assert (found.low, found.high) == (40, 40)
    assert found.roles == {"doc1:0": "total", "doc2:0": "floor"}


def test_verified_bodies_set_a_floor_and_leave_the_top_open():
    bodies = _member(1, 9, qualifier="at_least", status="verified", victims="men",
                     evidence="A video showed the bodies of at least 9 men by a road.")
    found = ranges.reconcile([bodies], "killed")
    assert (found.low, found.high) == (9, None)


def test_an_aggregate_keeps_all_deaths_and_vague_words_out_of_a_civilian_range():
    members = [_member(1, 300), _member(2, 700, qualifier="at_least"),
               _member(3, 900, qualifier="more_than", victims="people"),
               _member(4, 100, 999, qualifier="vague"),
               _member(5, 5000, victims="people", status="unverified", source="a man in a video")]
    found = ranges.reconcile(members, "killed", aggregate=True)
    assert (found.low, found.high) == (300, 700)
    assert [found.roles[f"doc{i}:0"] for i in range(1, 6)] == ["total", "total", "all deaths", "vague", "outlier"]


def test_an_outlet_repeating_a_monitor_is_the_monitor():
    repeated = [_member(1, 5, source="the Syrian Network for Human Rights", outlet="Daily A"),
                _member(2, 5, source="SNHR", outlet="Daily B"), _member(3, 6, source=None, outlet="Daily B")]
    assert sources.independent(repeated) == 2
