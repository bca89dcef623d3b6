"""Victim lists, their records and the persons linkage made of them (../shared/spec/estimate.md)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import astuple, fields

import duckdb

from corroborate.document import Link, ListRecord
from corroborate.store.db import insert

RECORD_COLUMNS = tuple(f.name for f in fields(ListRecord))  # list_records' columns are the record's fields


def stored(con: duckdb.DuckDBPyConnection, name: str) -> dict | None:
    """A list's import: its source, hash, country and size."""
    for row in lists(con):
        if row["name"] == name:
            return row
    return None


def replace(con: duckdb.DuckDBPyConnection, name: str, source: str, sha256: str, country: str | None,
            columns: dict[str, str], records: list[ListRecord]) -> None:
    """The list `name` as these records, in place of what it held. Persons made before are
    dropped with it: they were linked from records that are gone (run the linkage again)."""
    con.execute("DELETE FROM list_records WHERE list = ?", [name])
    con.execute("DELETE FROM victim_lists WHERE name = ?", [name])
    con.execute("INSERT INTO victim_lists VALUES (?, ?, ?, now(), ?, ?)",
                [name, source, sha256, country, json.dumps(columns, sort_keys=True)])
    insert(con, "list_records", [astuple(r) for r in records], RECORD_COLUMNS)
    forget_linkage(con)


def forget_linkage(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("persons", "person_links", "linkages"):
        con.execute(f"DELETE FROM {table}")


def lists(con: duckdb.DuckDBPyConnection) -> list[dict]:
    rows = con.execute(
        "SELECT v.name, count(r.record_id), v.source, v.sha256, v.imported_at, v.country FROM victim_lists v "
        "LEFT JOIN list_records r ON r.list = v.name GROUP BY ALL ORDER BY v.name").fetchall()
    return [{"name": n, "records": c, "source": s, "sha256": h, "imported_at": at.isoformat(), "country": country}
            for n, c, s, h, at, country in rows]


def records(con: duckdb.DuckDBPyConnection) -> list[ListRecord]:
    """Every list's records, list by list, in the order of their files."""
    rows = con.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM list_records ORDER BY list, line").fetchall()
    return [ListRecord(*row) for row in rows]


def save_linkage(con: duckdb.DuckDBPyConnection, threshold: float, one_per_list: bool, model: dict,
                 links: list[Link], persons: dict[str, str], strata: dict[str, tuple]) -> None:
    """A linkage in place of the last one: its model, the pairs it kept, and its persons with
    each record's strata (governorate, year, sex)."""
    forget_linkage(con)
    con.execute("INSERT INTO linkages VALUES (now(), ?, ?, ?)", [threshold, one_per_list, json.dumps(model)])
    insert(con, "person_links", [[k.left, k.right, k.match_weight, k.match_probability, json.dumps(k.agreement),
                                  json.dumps(k.weights)] for k in links])
    insert(con, "persons", [[record, person, *strata.get(record, (None, None, None))]
                            for record, person in sorted(persons.items())])


def linkage(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The last linkage: when, at which threshold, and how many persons and links it made."""
    row = con.execute("SELECT linked_at, threshold, one_per_list, (SELECT count(DISTINCT person_id) FROM persons), "
                      "(SELECT count(*) FROM persons), (SELECT count(*) FROM person_links) FROM linkages").fetchone()
    if row is None:
        return None
    at, threshold, one_per_list, persons, records_, links_ = row
    return {"linked_at": at.isoformat(), "threshold": threshold, "one_per_list": one_per_list, "persons": persons,
            "records": records_, "links": links_}


def links(con: duckdb.DuckDBPyConnection, records_: Iterable[str] | None = None) -> list[Link]:
    """The scored pairs the last linkage kept (those touching `records_`, when given)."""
    wanted = None if records_ is None else list(records_)
    rows = con.execute("SELECT * FROM person_links WHERE ? IS NULL OR list_contains(?, left_record) "
                       "OR list_contains(?, right_record) ORDER BY match_probability DESC, left_record, right_record",
                       [wanted, wanted, wanted]).fetchall()
    return [Link(a, b, w, p, json.loads(agreement), json.loads(weights)) for a, b, w, p, agreement, weights in rows]


def persons(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each linked record's person."""
    return dict(con.execute("SELECT record, person_id FROM persons ORDER BY record").fetchall())


def members(con: duckdb.DuckDBPyConnection, person_id: str) -> list[ListRecord]:
    """The records of one person, list by list."""
    rows = con.execute(
        f"SELECT {', '.join('r.' + c for c in RECORD_COLUMNS)} FROM persons p "
        "JOIN list_records r ON p.record = r.list || ':' || r.record_id WHERE p.person_id = ? "
        "ORDER BY r.list, r.record_id", [person_id]).fetchall()
    return [ListRecord(*row) for row in rows]


def strata(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Each linked record's strata as linkage read them: (governorate, year, sex)."""
    return {r: (g, y, s) for r, g, y, s in con.execute(
        "SELECT record, governorate, year, sex FROM persons ORDER BY record").fetchall()}
