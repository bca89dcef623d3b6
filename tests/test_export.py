"""`corroborate export` on the seed articles: GeoJSON as RFC 7946 says (longitude first),
ACLED-style CSV in ACLED's own column order, JSON Lines and CSV that agree."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import cli, jsonl, shared_path
from live_server import seeded_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return seeded_store(tmp_path_factory.mktemp("export") / "seeds.duckdb")


def _export(db, fmt, what, *extra):
    return cli("export", "--format", fmt, "--what", what, "--db", db, *extra).stdout


def _acled_columns() -> list[str]:
    """The 2020 export columns, as the samples' README lists them."""
    readme = shared_path("data", "acled_samples", "README.md").read_text(encoding="utf-8")
    listed = re.search(r"Columns in the 2020 format: (.*?)\.\n", readme, re.S).group(1)
    return [c.strip(" `\n") for c in listed.split(",")]


@pytest.mark.parametrize("what", ["claims", "incidents"])
def test_geojson_is_rfc_7946_with_longitude_first(db, what):
    collection = json.loads(_export(db, "geojson", what))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (round(feature["properties"]["longitude"], 6), round(feature["properties"]["latitude"], 6))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    if what == "incidents":
        # every seed incident is in Syria, east of 35°E and north of 32°N: swapped, they would be off Somalia
        assert all(35 <= f["geometry"]["coordinates"][0] <= 43 and 32 <= f["geometry"]["coordinates"][1] <= 38
                   for f in collection["features"])


def test_geojson_leaves_out_what_has_no_place_and_says_so(db):
    rows = jsonl(_export(db, "jsonl", "claims"))
    located = [r for r in rows if r["latitude"] is not None]
    assert 0 < len(located) < len(rows), "the seeds have claims with and without a place"
    result = cli("export", "--format", "geojson", "--what", "claims", "--db", db)
    assert len(json.loads(result.stdout)["features"]) == len(located)
    assert "without coordinates left out" in result.stderr


@pytest.mark.parametrize("what", ["claims", "events", "incidents"])
def test_acled_csv_has_acleds_columns_in_acleds_order(db, what):
    rows = list(csv.reader(io.StringIO(_export(db, "acled-csv", what))))
    assert rows[0] == _acled_columns()
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert all(r["fatalities"].isdigit() for r in records)
    assert all(re.fullmatch(r"\d\d [A-Z][a-z]+ \d{4}", r["event_date"]) for r in records if r["event_date"])


def test_acled_csv_gives_the_ambush_acleds_conservative_figure(db):
    rows = list(csv.DictReader(io.StringIO(_export(db, "acled-csv", "incidents"))))
    ambush = next(r for r in rows if r["event_date"] == "06 March 2025")
    assert ambush["fatalities"] == "13" and ambush["country"] == "Syria" and ambush["iso3"] == "SYR"


def test_jsonl_and_csv_agree(db):
    for what in ("claims", "events", "incidents"):
        records = jsonl(_export(db, "jsonl", what))
        rows = list(csv.DictReader(io.StringIO(_export(db, "csv", what))))
        assert records and [r["id"] for r in records] == [r["id"] for r in rows]


def test_a_profile_adds_its_figures(db):
    claims = jsonl(_export(db, "jsonl", "claims", "--profile", "ucdp"))
    assert all({"ucdp_low", "ucdp_best", "ucdp_high"} <= set(c) for c in claims)


def test_an_unknown_format_is_refused_naming_the_choices(db):
    result = cli("export", "--format", "kml", "--what", "claims", "--db", db, check=False)
    assert result.returncode == 2 and "geojson" in result.stderr
