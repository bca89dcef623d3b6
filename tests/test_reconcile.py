"""Reconciling claims into incidents, on sentences written for these tests: one incident
per event however many documents tell it, ranges over credible totals, outliers kept aside,
sources counted once, and a living record whose ids hold and whose changes are recorded."""
from __future__ import annotations

import json
from dataclasses import replace

import duckdb
import pytest

from conftest import cli, jsonl
from corroborate import Store
from corroborate.reconcile import aggregates, blocking, places, ranges, sources
from corroborate.reconcile.incident import build
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
    """Each document in a run of its own, in this order (the order the reconciler meets them)."""
    with Store(db) as store:
        for name in names:
            path = tmp_path / f"{name}.txt"
            path.write_text(DOCS[name], encoding="utf-8")
            assert store.ingest(path).failed == 0


def _incidents(db):
    return jsonl(cli("incidents", "--format", "jsonl", "--db", db).stdout)


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
    changes = jsonl(cli("history", homs["id"], "--format", "jsonl", "--db", store).stdout)
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
    shown = cli("incident", homs["id"], "--db", store).stdout
    assert "local medics" in shown and "outlier" in shown
    missing = cli("incident", "I-nothing", "--db", store, check=False)
    assert missing.returncode == 2 and "I-nothing" in missing.stderr


def test_profiles_are_views_on_the_range(store):
    rows = jsonl(cli("incidents", "--format", "jsonl", "--profile", "ucdp", "--db", store).stdout)
    homs = _holding(rows, "a")
    assert (homs["ucdp_low"], homs["ucdp_best"], homs["ucdp_high"]) == (12, 12, 15)
    assert (homs["killed_low"], homs["killed_high"]) == (12, 15)  # the stored record keeps its range
    acled = _holding(jsonl(cli("incidents", "--format", "jsonl", "--profile", "acled", "--db", store).stdout), "a")
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


def test_no_one_killed_denies_a_toll_and_the_range_shows_both():
    """An official's "no one was killed" against residents' seven: the incident is contested
    and reads 0 – 7; the seven is no outlier, since every figure is more than three times nothing."""
    from corroborate.reconcile import grades

    toll = _member(1, 7, victims="men", status="unverified", source="residents")
    denial = _member(2, 0, victims="", source="the provincial governor",
                     evidence="The governor said no one had been killed in the village.")
    found = ranges.reconcile([toll, denial], "killed")
    assert (found.low, found.high) == (0, 7) and "outlier" not in found.roles.values()
    assert grades.contested([toll, denial])
    assert not grades.contested([denial, _member(3, 0, source="police")])  # nobody claims deaths to deny


def test_a_night_s_toll_is_no_figure_for_the_months_around_it():
    """Totals over overlapping spans of a like length are one episode's; a night's is apart."""
    night = replace(_member(1, 23, victims="people", scope="aggregate"), date="2025-04-14", country="NG")
    months = replace(_member(2, 1300, victims="people", scope="aggregate"), date="2024-12-01/2025-04-14",
                     country="NG")
    weeks = replace(_member(3, 1100, victims="people", scope="aggregate"), date="2024-11-20/2025-04-10",
                    country="NG")
    found, _ = aggregates.group([night, months, weeks])
    assert [[m.low for m in g] for g in found] == [[23], [1300, 1100]]


@pytest.mark.parametrize("said, count", [
    ((("a resident", "Daily A"), ("Umm Ali, a mother of three", "Daily A"), ("local doctors", "Daily A")), 1),
    ((("a resident", "Daily A"), ("a resident", "Daily B")), 2),  # each outlet's own reporting
    ((("the Interior Ministry", "Daily A"), ("the Interior Ministry", "Daily B")), 1),  # one statement, carried twice
    ((("the Interior Ministry", "Daily A"), ("a survivor", "Daily A")), 2),  # the ministry, and Daily A's own
])
def test_sources_are_counted_by_who_published_or_originated_the_figure(said, count):
    members = [_member(n, 5, source=source, outlet=outlet, evidence=f"Claim {n}: five died.")
               for n, (source, outlet) in enumerate(said)]
    assert sources.independent(members) == count


def test_an_outlet_repeating_a_monitor_is_the_monitor():
    repeated = [_member(1, 5, source="the Syrian Network for Human Rights", outlet="Daily A"),
                _member(2, 5, source="SNHR", outlet="Daily B"), _member(3, 6, source=None, outlet="Daily B")]
    assert sources.independent(repeated) == 2


# Manual decisions against a live server: a later document on the same day regroups that
# day's claims, and what a person merged or split must stay merged or split.
DECIDED = {
    "idlib-10": "Shelling killed 9 civilians in Idlib on June 10, 2024, the civil defence said.\n",
    "idlib-11": "Shelling killed 11 civilians in Idlib on June 11, 2024, medics said.\n",
    "idlib-late": "Shelling killed 10 civilians in Idlib on June 10, 2024, a local council said.\n",
    "hama-a": "An air strike killed 7 civilians in Hama on July 2, 2024, the Syrian Observatory said.\n",
    "hama-b": "An air strike killed 8 civilians in Hama on July 2, 2024, the White Helmets said.\n",
    "hama-late": "At least 8 civilians died in an air strike in Hama on July 2, 2024, residents said.\n",
}


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    from live_server import app_client

    db = tmp_path_factory.mktemp("decisions") / "store.duckdb"
    token = cli("token", "create", "--role", "editor", "--name", "an editor", "--db", db).stdout.strip()
    with app_client(db) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def _post(client, name):
    response = client.post("/api/documents", json={"doc_id": name, "content": DECIDED[name]})
    assert response.status_code == 201, response.text


def _holder(client, doc):
    items = client.get("/api/incidents", params={"kind": "incident"}).json()["items"]
    return next(i for i in items if any(c["doc"] == doc for c in i["claims"]))


@pytest.mark.slow
def test_a_merge_holds_when_a_later_document_tells_of_the_same_day(editing):
    _post(editing, "idlib-10")
    _post(editing, "idlib-11")
    keep, absorb = _holder(editing, "idlib-10")["id"], _holder(editing, "idlib-11")["id"]
    assert keep != absorb  # a day apart: the reconciler keeps them apart
    assert editing.post(f"/api/incidents/{keep}/merge", json={"absorb": absorb}).status_code == 200
    _post(editing, "idlib-late")
    merged = _holder(editing, "idlib-10")
    assert {c["doc"] for c in merged["claims"]} == {"idlib-10", "idlib-11", "idlib-late"}
    assert merged["id"] == keep and (merged["killed_low"], merged["killed_high"]) == (9, 11)


@pytest.mark.slow
def test_a_split_holds_when_a_later_document_tells_of_the_same_day(editing):
    _post(editing, "hama-a")
    _post(editing, "hama-b")
    together = _holder(editing, "hama-a")
    assert {c["doc"] for c in together["claims"]} == {"hama-a", "hama-b"}
    split = editing.post(f"/api/incidents/{together['id']}/split", json={"claims": ["hama-b:0"]})
    assert split.status_code == 200, split.text
    _post(editing, "hama-late")
    assert _holder(editing, "hama-a")["id"] != _holder(editing, "hama-b")["id"]
    assert _holder(editing, "hama-late")["id"] in {_holder(editing, "hama-a")["id"], _holder(editing, "hama-b")["id"]}


def _store_of(tmp_path, texts: dict[str, str], published: dict[str, str] | None = None):
    """A store of these documents (name → text), ingested in one run."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    meta = tmp_path / "meta.jsonl"
    meta.write_text("".join(f'{{"doc": "{d}", "published": "{p}"}}\n' for d, p in (published or {}).items()))
    cli("ingest", folder, *(("--meta", meta) if published else ()), "--db", db)
    return _incidents(db)


def test_a_total_is_dated_by_the_period_it_states_not_by_publication(tmp_path):
    records = _store_of(tmp_path, {
        "coast": "Gunmen killed 14 civilians in Baniyas on September 2, 2024, the Syrian Observatory said.\n"
                 "Within about five days, more than 300 civilians had been killed across the coast, monitors said.\n",
        "province": "Over the past ten days, at least 80 civilians were killed across the province, activists said.\n",
    }, {"coast": "2024-09-20", "province": "2024-10-30"})
    totals = [r for r in records if r["kind"] == "aggregate"]
    coast, province = _holding(totals, "coast"), _holding(totals, "province")
    assert (coast["date_start"], coast["date_end"]) == ("2024-09-02", "2024-09-07")  # published on the 20th
    assert (province["date_start"], province["date_end"]) == ("2024-10-20", "2024-10-30")


def test_a_night_over_two_dates_is_one_incident_but_two_days_are_two(tmp_path):
    records = _store_of(tmp_path, {
        "eve": "Gunmen killed 9 civilians in Jableh on the night of March 6th, 2025, residents said.\n",
        "dawn": "Gunmen killed 11 civilians in Jableh overnight and in the early hours of March 7, 2025, "
                "the Syrian Observatory said.\n",
        "tuesday": "Shelling killed 4 civilians in Jableh on March 11, 2025, medics said.\n",
        "wednesday": "Shelling killed 6 civilians in Jableh on March 12, 2025, a local council said.\n",
    })
    night = _holding(records, "eve")
    assert {c["doc"] for c in night["claims"]} == {"eve", "dawn"}
    assert (night["date_start"], night["date_end"]) == ("2025-03-06", "2025-03-07")
    assert (night["killed_low"], night["killed_high"]) == (9, 11)
    assert _holding(records, "tuesday")["id"] != _holding(records, "wednesday")["id"]


# Where claims join: each claim as the geocoder left it (its place as written, and whether the
# gazetteer knows that place or only what contains it); the same day and country throughout.
TOWN = dict(place_id="gn:1", place_name="Tall Ward", place_kind="locality", latitude=35.10, longitude=35.90)
PLACES = {
    "town": dict(place="Tall Ward", **TOWN),
    "town, near": dict(place="near Tall Ward", **{**TOWN, "precision": 2}),
    # 11 km out: only its phrase says it is in the town
    "quarter, said in": dict(place="Al-Burj, Tall Ward", place_id="gn:2", place_name="Al Burj",
                             place_kind="neighbourhood", latitude=35.16, longitude=35.80),
    "quarter, beside": dict(place="Al-Sahl", place_id="gn:3", place_name="As Sahl", place_kind="neighbourhood",
                            latitude=35.11, longitude=35.91),
    "village, said in": dict(place="Ayn Hawr, Tall Ward", place_id="gn:4", place_name="Ayn Hawr", place_kind="locality",
                             latitude=35.12, longitude=35.93),
    "other village": dict(place="Kafr Mirza", place_id="gn:5", place_name="Kafr Mirza", place_kind="locality",
                          latitude=35.30, longitude=36.10),
    "unknown": dict(place="Al-Marjiyeh", place_found=False),
    "unknown, respelled": dict(place="Al Marjiya village", place_found=False),
    "unknown, abroad": dict(place="Al-Marjiyeh", place_found=False, doc_country="IQ"),  # a report on another country
    "unknown beside the town": dict(place="Al-Marjiyeh, Tall Ward", place_found=False, precision=2, **TOWN),
    "other unknown beside the town": dict(place="Al-Haqla", place_found=False, precision=2, **TOWN),
    "governorate": dict(place="Wadi province", place_id="gn:9", place_name="Wadi Governorate", place_kind="region",
                        precision=4, latitude=35.0, longitude=36.0),
    "nowhere": dict(place=None),
}


def _at(n, where, evidence=""):
    facts = {"precision": 1, "place_found": True, "country": "SY", "admin1": "SY.01", **PLACES[where]}
    if facts["place"] is None or not facts.get("place_id"):
        facts = {**facts, "precision": None, "country": None, "admin1": None}
    return replace(_member(n, 5 + n, evidence=evidence or f"{5 + n} civilians were killed."),
                   date="2025-04-02", **{"doc_country": "SY", **facts})


@pytest.mark.parametrize("first, second, together", [
    ("town", "town, near", True),                      # the same place
    ("town", "quarter, said in", True),                 # a neighbourhood its claim puts in the town
    ("quarter, beside", "town", True),                  # a neighbourhood within a neighbourhood's reach
    ("quarter, said in", "quarter, beside", False),     # two neighbourhoods are two places
    ("town", "village, said in", False),                # a village near the town is not the town
    ("town", "other village", False),                   # different named places, same day and governorate
    ("unknown", "unknown, respelled", True),            # the same place as written, after folding
    ("unknown", "unknown beside the town", True),
    ("unknown", "unknown, abroad", False),              # the same name in another country's report
    ("unknown", "town", False),                         # an unknown place never joins a named one
    ("unknown beside the town", "town", False),         # nor the place the gazetteer put it beside
    ("unknown beside the town", "other unknown beside the town", False),
    ("unknown", "other village", False),
    ("nowhere", "town", True),                          # no place: the one incident of the day, as before
])
def test_claims_meet_only_at_the_same_or_a_nested_place(first, second, together):
    for a, b in ((first, second), (second, first)):  # whichever is told first
        found = blocking.incidents([_at(1, a), _at(2, b)])
        assert (len(found) == 1) == together, (a, b, [[m.place for m in i] for i in found])


def test_two_neighbourhoods_never_meet_through_their_town():
    found = blocking.incidents([_at(1, "quarter, said in"), _at(2, "town"), _at(3, "quarter, beside")])
    assert len(found) == 2


def test_a_governorate_claim_joins_the_unknown_village_its_sentence_names():
    found = blocking.incidents([_at(1, "unknown"), _at(2, "town"),
                                _at(3, "governorate",
                                    evidence="8 civilians were killed in Al-Marjiyeh, in Wadi province.")])
    assert sorted(sorted(m.n + int(m.doc[3:]) for m in i) for i in found) == [[1, 3], [2]]


@pytest.mark.parametrize("where, place, precision, located", [
    ("town", "Tall Ward", "village/town", True),
    ("town, near", "Tall Ward", "near a place", True),
    ("quarter, beside", "As Sahl", "neighbourhood", True),
    ("governorate", "Wadi Governorate", "governorate/province", True),
    ("unknown", "Al-Marjiyeh", "unresolved", False),               # as written, off the map
    ("other unknown beside the town", "Al-Haqla, Tall Ward", "near a place", True),  # never the town's id
    ("unknown beside the town", "Al-Marjiyeh, Tall Ward", "near a place", True),      # the town named once
])
def test_an_incident_shows_its_place_precision_and_country(where, place, precision, located):
    summary = build("I1", [_at(1, where)]).summary
    assert (summary["place"], summary["precision"], summary["country"]) == (place, precision, "SY")
    assert (summary["latitude"] is not None) == located
    assert summary["place_id"] == (PLACES[where].get("place_id") if PLACES[where].get("place_found", True) else None)


@pytest.mark.parametrize("place, precision, said", [
    ("Wadi Governorate", "governorate/province", "somewhere in Wadi Governorate"),
    ("Syria", "country", "somewhere in Syria"),
    ("Tall Ward", "near a place", "near Tall Ward"),
    ("Al-Marjiyeh", "unresolved", "Al-Marjiyeh (unresolved)"),
    ("Tall Ward", "village/town", "Tall Ward"),
])
def test_a_centroid_is_told_as_an_area(place, precision, said):
    assert places.told(place, precision) == said
    assert places.area(precision) == (said.startswith("somewhere"))


def test_incidents_stored_before_their_precision_are_rebuilt_once(tmp_path):
    db = tmp_path / "store.duckdb"
    _ingest(tmp_path, db, "a", "c")
    with duckdb.connect(str(db)) as con:  # as a store migrated from before the precision column
        con.execute("UPDATE incidents SET precision = NULL")
    records = _incidents(db)
    assert all(r["precision"] for r in records if r["place"])
    changes = jsonl(cli("history", records[0]["id"], "--format", "jsonl", "--db", db).stdout)
    assert changes[-1]["change"] == "details changed" and "precision" in changes[-1]["detail"]
    assert _incidents(db) == records
    assert jsonl(cli("history", records[0]["id"], "--format", "jsonl", "--db", db).stdout) == changes


EARLY = "An air strike on the village of Kafr Nabl in Idlib province killed 12 civilians on May 6, residents said.\n"
FULLER = ("An air strike on the village of Kafr Nabl in Idlib province killed 30 civilians on May 6, "
          "the Syrian Network for Human Rights said.\n")


def test_a_later_fuller_report_raises_the_range_and_is_ucdps_best(tmp_path):
    """A rising toll: the first report's 12 stays the low, the later report's 30 is never
    dropped; UCDP's best is the most reliable total, the fuller one, not the low."""
    db = tmp_path / "store.duckdb"
    for name, text, published in (("early", EARLY, "2024-05-06"), ("fuller", FULLER, "2024-05-09")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / "meta.jsonl").write_text(json.dumps({"file": f"{name}.txt", "outlet": f"Daily {name}",
                                                        "published": published}) + "\n", encoding="utf-8")
        cli("ingest", folder, "--meta", folder / "meta.jsonl", "--db", db)
        [strike] = jsonl(cli("incidents", "--format", "jsonl", "--profile", "ucdp", "--db", db).stdout)
        if name == "early":
            assert (strike["killed_low"], strike["killed_high"], strike["ucdp_best"]) == (12, 12, 12)
    assert (strike["killed_low"], strike["killed_high"]) == (12, 30)
    assert (strike["ucdp_low"], strike["ucdp_best"], strike["ucdp_high"]) == (12, 30, 30)
    assert strike["independent_sources"] == 2  # Daily early's own reporting, and SNHR


def test_the_incidents_table_reads_ranges_as_a_person_does(store, tmp_path):
    """spec/incidents.md, Ranges: "≥ 9" and "12 – 15", never "9–"."""
    path, db = tmp_path / "open.txt", tmp_path / "open.duckdb"
    path.write_text("At least 9 civilians were killed in Aleppo on May 8, 2024, medics said.\n", encoding="utf-8")
    with Store(db) as fresh:
        assert fresh.ingest(path).failed == 0
    assert "≥ 9" in cli("incidents", "--db", db).stdout and "9–" not in cli("incidents", "--db", db).stdout
    assert "12 – 15" in cli("incidents", "--db", store).stdout
