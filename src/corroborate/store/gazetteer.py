"""The gazetteer's tables: places and every name they go by, folded and indexed in DuckDB,
and the lookups over them. Two are searched: the user's store (`corroborate gazetteer
import` writes there) and the built-in one (resolve/gazetteer.py builds it)."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from corroborate.fold import fold, rules, sound
from corroborate.store.schema import MIGRATIONS

BATCH = 200_000


@dataclass
class Place:
    place_id: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin1_name: str | None = None
    feature_code: str | None = None
    population: int = 0
    current: bool = True
    geonameid: int | None = None
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean, with the name that matched and its key."""

    place_id: str
    name: str
    kind: str
    feature_code: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    admin1_name: str | None
    latitude: float | None
    longitude: float | None
    population: int
    current: bool
    geonameid: int | None
    source: str
    matched: str
    key: str


def _name_rows(place: Place) -> Iterator[tuple[str, str, str, str]]:
    """One row per distinct name as written (case, accents and stops aside) of each folded key:
    a place abroad is taken only when named as written, and "Paris" must not be kept only as
    "Pariis", which folds alike. Keys outside ASCII (Cyrillic, CJK, …) are left out: queries
    come in Latin or Arabic script, and Arabic folds to ASCII."""
    seen: set[tuple[str, str]] = set()
    for name in sorted(place.names | {place.name}):
        key = fold(name)
        written = (key, _plain(name))
        if key and written not in seen and key.isascii():
            seen.add(written)
            yield place.place_id, name, key, sound(key)


def _plain(name: str) -> str:
    """A name in lower case without accents and stops, as PLAIN below reads it."""
    text = unicodedata.normalize("NFKD", re.sub(r"[.’']", "", name.lower()))
    return re.sub(r"[^a-z0-9]+", " ", "".join(ch for ch in text if not unicodedata.combining(ch))).strip()


def store(con: duckdb.DuckDBPyConnection, source: str, path: str, places: Iterable[Place]) -> tuple[int, int]:
    """Replace the places of `source` with `places`. Rows go through CSV files and COPY:
    row-by-row inserts would take minutes for a country."""
    counts = [0, 0]
    con.begin()
    try:
        con.execute("DELETE FROM gazetteer_names WHERE place_id IN "
                    "(SELECT place_id FROM gazetteer_places WHERE source = ?)", [source])
        con.execute("DELETE FROM gazetteer_places WHERE source = ?", [source])
        con.execute("DELETE FROM gazetteer_sources WHERE source = ?", [source])
        with tempfile.TemporaryDirectory() as tmp:
            batch: list[Place] = []
            for place in places:
                batch.append(place)
                if len(batch) >= BATCH:
                    _copy(con, source, batch, Path(tmp), counts)
                    batch = []
            _copy(con, source, batch, Path(tmp), counts)
        # A region carries its own admin1 key; its name is the admin1 name of what it holds.
        # Where several regions share a key (the built-in gazetteer's boroughs and districts take
        # their province's key from the towns around them), only the first-level division
        # (ADM1) is the province: another would name Birmingham's "London Borough of Ealing".
        # A key shared with no ADM1 among its regions names no province.
        con.execute("""UPDATE gazetteer_places SET admin1_name = r.name FROM (
                           SELECT admin1, arg_max(name, coalesce(feature_code = 'ADM1', false)) AS name,
                                  count(*) = 1 OR bool_or(feature_code = 'ADM1') AS named
                           FROM gazetteer_places WHERE kind = 'region' AND admin1 IS NOT NULL GROUP BY admin1) r
                       WHERE gazetteer_places.source = ? AND gazetteer_places.admin1_name IS NULL
                       AND r.named AND r.admin1 = gazetteer_places.admin1""", [source])
        con.execute("INSERT INTO gazetteer_sources VALUES (?, ?, ?, ?, ?, now())",
                    [source, path, counts[0], counts[1], rules().version])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return counts[0], counts[1]


def _copy(con, source: str, batch: list[Place], tmp: Path, counts: list[int]) -> None:
    if not batch:
        return
    places_csv, names_csv = tmp / "places.csv", tmp / "names.csv"
    with (places_csv.open("w", newline="", encoding="utf-8") as pf,
          names_csv.open("w", newline="", encoding="utf-8") as nf):
        places_out, names_out = csv.writer(pf), csv.writer(nf)
        for p in batch:
            places_out.writerow([p.place_id, source, p.name, p.kind, p.feature_code, p.country, p.admin1,
                                 p.admin2, p.admin1_name, p.latitude, p.longitude, p.population or 0,
                                 p.current, p.geonameid])
            for row in _name_rows(p):
                names_out.writerow(row)
                counts[1] += 1
    counts[0] += len(batch)
    options = "(HEADER false, QUOTE '\"', ESCAPE '\"', NULL '', DELIMITER ',')"
    con.execute(f"COPY gazetteer_places FROM {_literal(str(places_csv))} {options}")
    con.execute(f"COPY gazetteer_names FROM {_literal(str(names_csv))} {options}")


def sources(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT source, path, places, names, imported_at FROM gazetteer_sources "
                       "ORDER BY source").fetchall()


def stale(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The sources imported under other folding rules than today's."""
    if not has_places(con):
        return []
    return [s for (s,) in con.execute("SELECT source FROM gazetteer_sources WHERE fold_version <> ?",
                                      [rules().version]).fetchall()]


def refold(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the keys of sources imported under other folding rules."""
    for source in stale(con):
        rows = con.execute("SELECT n.place_id, n.name FROM gazetteer_names n JOIN gazetteer_places p "
                           "USING (place_id) WHERE p.source = ?", [source]).fetchall()
        con.begin()
        con.execute("DELETE FROM gazetteer_names WHERE place_id IN "
                    "(SELECT place_id FROM gazetteer_places WHERE source = ?)", [source])
        fresh = {(pid, fold(name)): name for pid, name in rows}
        con.executemany("INSERT INTO gazetteer_names VALUES (?, ?, ?, ?)",
                        [[pid, name, key, sound(key)] for (pid, key), name in fresh.items() if key])
        con.execute("UPDATE gazetteer_sources SET fold_version = ? WHERE source = ?", [rules().version, source])
        con.commit()


# --- lookups ------------------------------------------------------------------------------

# Each lookup is (the column asked, the answer's columns, the table): `_probe` files each answer
# under the value asked, in the order the table holds its rows. The values are written into the
# statement as quoted literals, not bound as parameters: DuckDB plans a parameterised filter
# without the index, and a probe took 1.6 ms that way against 0.45 ms with a literal (names) and
# 1.7 against 0.8 ms (places), measured on the built-in gazetteer. An IN list still probes the
# index: three keys cost 0.17 ms each.
NAMES = ("key", "place_id, name, key", "gazetteer_names")
# A loose sound key can bring hundreds of names: their keys are sifted before names are read
# (as a set: DISTINCT here cost a fifth more than the rows it removes).
SOUNDS = ("sound", "key", "gazetteer_names")
# After the place_id asked, a Candidate's columns, in order.
PLACES = ("place_id", "place_id, name, kind, feature_code, country, admin1, admin2, admin1_name, latitude, "
          "longitude, population, current, geonameid, source", "gazetteer_places")
LOOKUPS = {"names": NAMES, "sounds": SOUNDS, "places": PLACES}


def _literal(value: str) -> str:
    """A SQL string literal: standard SQL doubles the quote and escapes nothing else."""
    return "'" + value.replace("'", "''") + "'"


ROWS_KEPT = 50_000  # probes' answers kept (a few hundred bytes each; a sound's can be hundreds of rows)


def _hash(value: str) -> int:
    """A 64-bit hash of a value, the same in every process (Python's `hash` of a str is not)."""
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "little")


# Rows of one value beyond which they are read as slices of the columns, not one by one (see
# Held): a loose sound key's hundreds of rows so cut the probes of 400 articles by a quarter
# (0.33 s against 0.24, measured alone).
SLICED = 4
HELD_FORMAT = 3  # of the kept files: changes with `_hash`, LOOKUPS or the way they are laid out


class Held:
    """The built-in gazetteer's answers to every lookup, kept beside its file as Arrow files:
    each lookup's rows, in the order the gazetteer holds them, sorted by a 64-bit hash of the
    value asked. A probe is two binary searches and a read of the rows between, not a query:
    a query cost a third of a millisecond, and ingesting the 1,135 articles of
    bench/throughput.py made 15,000 of them. The files are memory-mapped: their pages are the
    operating system's, read as they are asked and shared by every process that opens them
    (the workers of ingest --workers)."""

    def __init__(self, tables: dict[str, Any]):
        # read from the mapped buffer itself: pyarrow's to_numpy imports pandas (half a second)
        self.hashes = {lookup: np.frombuffer(table.column(0).chunk(0).buffers()[1], dtype=np.uint64)
                       for lookup, table in tables.items()}
        # a probe reads a few rows: a value at a time from each column costs a third of what
        # slicing the columns does
        self.columns = {lookup: [column.chunk(0) for column in table.columns[1:]] for lookup, table in tables.items()}

    @classmethod
    def kept(cls, con: duckdb.DuckDBPyConnection, path: Path) -> Held:
        """Those of the gazetteer `con` opens read only, at `path`: mapped from the files kept
        beside it, else read (a few seconds, once) and kept there."""
        import pyarrow as pa
        import pyarrow.ipc

        tables = {}
        # a cursor of its own: a result of `con` may be unfinished (a caller's fetchone)
        con = con.cursor()
        for lookup, (asked, answer, source) in LOOKUPS.items():
            kept = path.with_name(f"{path.stem}-held-{HELD_FORMAT}-{lookup}.arrow")
            if not kept.exists():
                # each value's rows in the order `_probe` gives them: the table's own
                table = con.sql(f"SELECT {asked}, {answer} FROM {source} ORDER BY rowid").to_arrow_table()
                hashes = np.fromiter((_hash(v) for v in table.column(0).to_pylist()), dtype=np.uint64,
                                     count=table.num_rows)
                order = np.argsort(hashes, kind="stable")
                table = table.take(pa.array(order)).add_column(0, "hash", pa.array(hashes[order]))
                partial = kept.with_suffix(f".{os.getpid()}.partial")
                with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                    writer.write_table(table.combine_chunks())  # one batch: one array of hashes to search
                os.replace(partial, kept)  # atomic: a concurrent reader never sees half a file
            tables[lookup] = pa.ipc.open_file(pa.memory_map(str(kept))).read_all()
        con.close()
        return cls(tables)

    def rows(self, lookup: str, values: list[str]) -> dict[str, list[tuple]]:
        """The rows of each value, as the query of `lookup` gives them. A hash two values share
        only brings rows that are not filed."""
        columns, hashes = self.columns[lookup], self.hashes[lookup]
        asked = np.fromiter((_hash(v) for v in values), dtype=np.uint64, count=len(values))
        found: dict[str, list[tuple]] = {v: [] for v in values}
        starts, ends = np.searchsorted(hashes, asked, "left").tolist(), np.searchsorted(hashes, asked, "right").tolist()
        for start, end in zip(starts, ends, strict=True):
            if end - start > SLICED:
                sliced = (column.slice(start, end - start).to_pylist() for column in columns)
                for value, *row in zip(*sliced, strict=True):
                    if value in found:
                        found[value].append(tuple(row))
                continue
            for at in range(start, end):
                value = columns[0][at].as_py()
                if value in found:
                    found[value].append(tuple(column[at].as_py() for column in columns[1:]))
        return found


class Gazetteer:
    """Lookups by key and by sound key across the user's store and the built-in gazetteer.
    Each is an index probe, not a scan. A place both hold (same GeoNames id) is the user's.
    `kept_at`: the file of the last of them, the built-in gazetteer, which never changes, beside
    which what is read once of all of it is kept (`Held`), and then asked instead of it."""

    def __init__(self, connections: list[duckdb.DuckDBPyConnection], kept_at: Path | None = None):
        self.connections = connections
        self.kept_at = kept_at
        self._held: Held | None = None
        # Names recur across a batch ("Syria", "Aleppo"): each key is probed once while it
        # is among the ROWS_KEPT last asked, and each place read once. A Gazetteer lives for
        # one command, during which the places do not change; in a stream of documents new
        # names never stop coming, so the least recently asked are let go.
        self._rows: dict[tuple[int, str, str], list] = {}
        self.memo: dict[str, object] = {}  # what is read once from all of it: the country cues

    def by_sound(self, sounds: Iterable[str], keep: Callable[[str], bool] = lambda key: True) -> list[Candidate]:
        """Names that sound alike; `keep` picks among their keys before their names are read."""
        sounds = sorted(set(s for s in sounds if s))
        keys = {key for index in range(len(self.connections))
                for (key,) in self._probe(index, "sounds", sounds)}
        return self.by_key(k for k in keys if keep(k))

    def by_key(self, keys: Iterable[str]) -> list[Candidate]:
        keys = sorted(set(k for k in keys if k))
        found: list[Candidate] = []
        taken: set[int] = set()
        for index in range(len(self.connections)):
            names, places = self._named(index, keys)
            # the row holds the place's columns only, which come before `matched` and `key`
            mine = [Candidate(*places[pid], matched=name, key=key)  # type: ignore[misc]  # mypy cannot count a row
                    for pid, name, key in names]
            found += [c for c in mine if c.geonameid is None or c.geonameid not in taken]
            taken |= {c.geonameid for c in mine if c.geonameid is not None}
        return found

    def read_ahead(self, keys: Iterable[str]) -> None:
        """Probe these keys and their places now, in one query each, so that `by_key` finds
        them read when asked for them one at a time (a query costs as much as a millisecond)."""
        keys = sorted(set(k for k in keys if k))
        for index in range(len(self.connections)):
            self._named(index, keys)

    def _named(self, index: int, keys: list[str]) -> tuple[list[tuple], dict[str, tuple]]:
        """The (place_id, name, key) rows of these keys in gazetteer `index`, and its rows of their places by id."""
        names = self._probe(index, "names", keys)
        return names, {row[0]: row for row in self._probe(index, "places", sorted({pid for pid, _, _ in names}))}

    def facts(self, place_ids: list[str]) -> dict[str, tuple]:
        """(kind, name, country, admin1, admin2) of each of these places, the user's first."""
        found: dict[str, tuple] = {}
        for con in self.connections:
            missing = [p for p in place_ids if p not in found]
            if missing:
                found.update({pid: tuple(rest) for pid, *rest in con.execute(
                    "SELECT place_id, kind, name, country, admin1, admin2 FROM gazetteer_places "
                    "WHERE list_contains(?, place_id)", [missing]).fetchall()})
        return found

    def _probe(self, index: int, lookup: str, values: list[str]) -> list[tuple]:
        """The rows `lookup` gives for these values in gazetteer `index`, in one query for the
        values not asked before (or none: `Held`)."""
        found = {v: self._rows.pop((index, lookup, v)) for v in values if (index, lookup, v) in self._rows}
        missing = [v for v in values if v not in found]
        if missing:
            held = self._held_at(index)
            if held is not None:
                answer = held.rows(lookup, missing)
            else:
                answer = {v: [] for v in missing}
                asked, columns, table = LOOKUPS[lookup]
                # a value's rows in the table's order, which the plan does not keep: an IN list
                # matching thousands of rows (a loose sound key's names) is scanned, not probed,
                # and its rows come in another order. The order of a key's names tells which of
                # a place's names is kept (geocoder.py: `matches`, `sounding`).
                for _, value, *row in sorted(self.connections[index].execute(
                        f"SELECT rowid, {asked}, {columns} FROM {table} "
                        f"WHERE {asked} IN ({', '.join(map(_literal, missing))})").fetchall()):
                    answer[value].append(tuple(row))
            found.update(answer)
        for v in values:  # the latest asked last (a dict keeps its order): the first are the least recent
            self._rows[index, lookup, v] = found[v]
        while len(self._rows) > ROWS_KEPT:
            del self._rows[next(iter(self._rows))]
        return [row for v in values for row in found[v]]

    def _held_at(self, index: int) -> Held | None:
        """The kept answers of gazetteer `index`, when it is the built-in one (read on first use)."""
        if self.kept_at is None or index != len(self.connections) - 1:
            return None
        if self._held is None:
            self._held = Held.kept(self.connections[index], self.kept_at)
        return self._held


# The names that may tell a document's country: those of countries, provinces and towns of
# CUE_TOWN people or more, each with the countries (and largest population) of every country,
# province or town of CUE_RIVAL people or more that has it, since a name two countries share
# tells neither. focus.toml's thresholds may only be higher. The built-in gazetteer keeps the
# answer as a table: the query takes half a second there.
CUE_TOWN, CUE_RIVAL = 50_000, 10_000
# Cue names are matched as written, case and accents aside (`plain`): folding, made to meet
# transliterations, would make Caracas Karachi.
PLAIN = r"trim(regexp_replace(regexp_replace(lower(strip_accents(n.name)), '[.’'']', '', 'g'), '[^a-z0-9]+', ' ', 'g'))"
CUE_NAMES = f"""WITH cue AS (SELECT DISTINCT n.key FROM gazetteer_names n JOIN gazetteer_places p USING (place_id)
    WHERE p.country IS NOT NULL AND (p.kind IN ('country', 'region')
    OR (p.kind = 'locality' AND p.population >= {CUE_TOWN})))
SELECT {PLAIN} AS plain, n.key AS folded, p.country, p.kind, max(p.population) AS population,
    {PLAIN} = {PLAIN.replace("n.name", "p.name")} AS own FROM gazetteer_names n
    SEMI JOIN cue USING (key) JOIN gazetteer_places p USING (place_id)
    WHERE p.country IS NOT NULL AND (p.kind IN ('country', 'region')
    OR (p.kind = 'locality' AND p.population >= {CUE_RIVAL})) GROUP BY ALL"""


# Of the countries that have a name, the one whose place of that name is the most prominent
# tells it: a country above a province, a province above a city of `town` people (Virginia is
# the American state before the South African city; the gazetteers give provinces no
# population to weigh), those above a smaller town; within a kind, a town that goes by the
# name as its own above one that has it as another name (Islamabad is Pakistan's capital, not
# an old name of Chattogram), else the more populous, when it is `ratio` times as populous as
# the next. A province that shares its name with a city of `major` people in another country
# tells neither: "Gaza" is Mozambique's province and the city the news names.
CUE_WINNERS = """WITH named AS (SELECT {key} AS key, country, kind, population, own FROM ({names})), prominence AS (
    SELECT key, country,
        max(CASE kind WHEN 'country' THEN 3 WHEN 'region' THEN 2 ELSE (population >= {town})::INTEGER END) AS class,
        bool_or(own OR kind <> 'locality') AS own,
        max(population) AS population
    FROM named WHERE kind <> 'locality' OR population >= {rival} GROUP BY key, country),
ranked AS (SELECT *, row_number() OVER w AS rank, lead(class) OVER w AS next_class,
        lead(own) OVER w AS next_own, lead(population) OVER w AS next_population
    FROM prominence WINDOW w AS (PARTITION BY key ORDER BY class DESC, own DESC, population DESC, country))
SELECT key, country, CASE class WHEN 3 THEN 'country' WHEN 0 THEN 'locality' ELSE 'region' END,
    (next_class IS NULL OR next_class < class OR (own AND NOT next_own)
     OR (population > 0 AND population >= {ratio} * next_population))
    AND (class > 0 OR population >= {town})
    AND NOT coalesce(class = 2 AND next_class = 1 AND next_population >= {major}, false)
    FROM ranked WHERE rank = 1"""


def cue_names(gazetteer: Gazetteer, town: int, rival: int, ratio: float, major: int, key: str = "plain",
              kept_at: Path | None = None) -> list[tuple[str, str, str, bool]]:
    """(key, country, kind, tells) for every name in `gazetteer` a country, province or town has:
    `tells` when the name tells that country (see CUE_WINNERS). `key`: the name `plain` (as
    written) or `folded` (transliterations met: Idleb, Idlib). `kept_at`: the built-in
    gazetteer's file, beside which its answers are kept."""
    rows = []
    for con in gazetteer.connections:
        kept = con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'cue_names'").fetchall()
        query = CUE_WINNERS.format(names="SELECT * FROM cue_names" if kept else CUE_NAMES, rival=int(rival),
                                   ratio=float(ratio), town=int(town), major=int(major), key=key)
        rows += _kept_answer(con, query, kept_at) if kept and kept_at else con.execute(query).fetchall()
    return rows


def _kept_answer(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> list[tuple]:
    """The built-in gazetteer's answer to `query`, kept beside it: the query takes half a second,
    which every command that reads documents would pay at start, and the answer changes only
    with the gazetteer and the query (its thresholds are in it)."""
    kept = path.with_name(f"{path.stem}-answer-{hashlib.sha256(query.encode()).hexdigest()[:16]}.json")
    if kept.exists():
        return [tuple(row) for row in json.loads(kept.read_text(encoding="utf-8"))]
    rows = con.execute(query).fetchall()
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(json.dumps(rows), encoding="utf-8")
    os.replace(partial, kept)  # atomic: a concurrent reader never sees half a file
    return rows


def has_places(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        [(sources,)] = con.execute("SELECT count(*) FROM gazetteer_sources").fetchall()
        return sources > 0
    except duckdb.CatalogException:
        return False  # a store opened read-only before the gazetteer migration


def build(path: Path, source: str, where: str, places: Iterable[Place]) -> None:
    """A gazetteer of its own at `path` (the built-in one): its tables, `places` and the
    names that tell countries (CUE_NAMES), kept as a table."""
    con = duckdb.connect(str(path))
    # Stored uncompressed: a lookup reads its rows one by one through an index, and the
    # hundreds of rows of a sound key (Gazetteer.by_sound) took three to four times as long to
    # read compressed. The file is half as large again (170 MB against 110).
    con.execute("SET force_compression = 'uncompressed'")
    for statement in dict(MIGRATIONS)["gazetteer"]:
        con.execute(statement)
    store(con, source, where, places)
    con.execute(f"CREATE TABLE cue_names AS {CUE_NAMES}")
    con.close()


def export(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The store's own places as a gazetteer file at `path`, for processes that cannot open
    the store while its one writer holds it (the workers of `ingest --workers`)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    copy = duckdb.connect(str(partial))
    for statement in dict(MIGRATIONS)["gazetteer"]:
        copy.execute(statement)
    copy.close()
    con.execute(f"ATTACH {_literal(str(partial))} AS exported")
    try:
        for table in ("gazetteer_places", "gazetteer_names", "gazetteer_sources"):
            con.execute(f"INSERT INTO exported.{table} SELECT * FROM {table}")
    finally:
        con.execute("DETACH exported")
    os.replace(partial, path)  # atomic: a worker never opens half a file


def totals(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(places, names) of the gazetteer's sources."""
    [(places, names)] = con.execute("SELECT sum(places)::BIGINT, sum(names)::BIGINT FROM gazetteer_sources").fetchall()
    return places or 0, names or 0
