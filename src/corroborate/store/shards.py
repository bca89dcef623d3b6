"""Shards: what workers read from a partition of documents (their texts, search words, claims,
events and focus), as Parquet files that the store loads with one statement a table.

A worker writes its rows into a scratch database of the store's own tables (the rows of
records.derived_rows, as one process writes them), one INSERT a table for the whole shard,
then copies each table to `STEM.TABLE.parquet`,
sorted, under a temporary name renamed into place: a retried task or a rerun writes the
same bytes, and a reader never sees half a file. The archived documents are not in them:
the store writes those itself, with the rows a shard brings, in one transaction."""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
from pyarrow import parquet

from corroborate.document import Claim, Document, Event, Text
from corroborate.store.db import insert, migrate
from corroborate.store.records import COLUMNS, DERIVED, derived_rows

FOCUS = "focus"  # the table of (doc_id, version, focus): the documents' column the store writes
KEYS = {"texts": "doc_id, version", "search_texts": "doc_id, version", "claims": "doc_id, version, n",
        "events": "doc_id, version, n",
        FOCUS: "doc_id, version"}


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the store's tables, to write one shard's rows into."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    migrate(con)
    con.execute(f"CREATE TABLE {FOCUS} (doc_id TEXT NOT NULL, version INTEGER NOT NULL, focus TEXT)")
    return con


def rows(doc: Document, version: int, text: Text, claims: list[Claim], events: Sequence[Event],
         focus: str | None) -> dict[str, list[tuple]]:
    """What a shard holds of one version of a document: its rows of each table."""
    return {**derived_rows(doc, version, text, claims, events), FOCUS: [(doc.doc_id, version, focus)]}


def add(con: duckdb.DuckDBPyConnection, documents: Iterable[dict[str, list[tuple]]]) -> None:
    """Documents' `rows` into the scratch database, inside the caller's transaction: one INSERT
    a table for them all (a statement a document and table cost a worker a third more CPU
    than analysing alone)."""
    tables: dict[str, list[tuple]] = {}
    for document in documents:
        for table, some in document.items():
            tables.setdefault(table, []).extend(some)
    for table, some in tables.items():
        insert(con, table, some, COLUMNS.get(table, ()))


def files(stem: Path) -> dict[str, Path]:
    return {table: stem.with_name(f"{stem.name}.{table}.parquet") for table in (*DERIVED, FOCUS)}


def write(con: duckdb.DuckDBPyConnection, stem: Path) -> None:
    """Copy the scratch database's rows to the shard `stem`, and empty it for the next."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    for table, path in files(stem).items():
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        # Written by Arrow's writer: DuckDB's COPY wrote the same rows in different bytes from run to run.
        parquet.write_table(con.sql(f"SELECT * FROM {table} ORDER BY {KEYS[table]}").to_arrow_table(), partial)
        os.replace(partial, path)
        con.execute(f"DELETE FROM {table}")


def load(con: duckdb.DuckDBPyConnection, stems: list[Path], docs: list[tuple[str, int]]) -> dict[tuple, str | None]:
    """The texts, claims and events of these (doc_id, version) from the shards `stems` into the
    store, inside the caller's transaction, which writes their documents too (records.
    write_document); the country each is most about, by (doc_id, version)."""
    wanted = [f"{doc_id}\t{version}" for doc_id, version in docs]
    found: dict[tuple, str | None] = {}
    for table, paths in _by_table(stems).items():
        source = f"read_parquet([{', '.join(paths)}]) WHERE list_contains(?, doc_id || chr(9) || version)"
        if table == FOCUS:
            found = {(doc_id, version): focus for doc_id, version, focus in
                     con.execute(f"SELECT doc_id, version, focus FROM {source}", [wanted]).fetchall()}
        else:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {source}", [wanted])
    return found


def _by_table(stems: list[Path]) -> dict[str, list[str]]:
    """Each table's files of these shards, as SQL string literals."""
    by_table: dict[str, list[str]] = {}
    for stem in stems:
        for table, path in files(stem).items():
            by_table.setdefault(table, []).append(f"'{_quoted(path)}'")
    return by_table


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (COPY and read_parquet take no parameters there)."""
    return str(path).replace("'", "''")
