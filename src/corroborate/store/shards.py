"""Shards: what workers read from a partition of documents (their texts, search words, claims,
events and focus), as Parquet files that the store reads once each, into staging tables
from which it stores their documents' rows (`staging`, `stage`, `load`).

A worker writes its rows into a scratch database of the store's own tables (the rows of
records.derived_rows, as one process writes them), one INSERT a table for the whole shard,
then copies each table to `STEM.TABLE.parquet`, sorted, under a temporary name renamed into
place: a retried task or a rerun writes the same bytes, and a reader never sees half a file.
The archived documents are not in them: the store writes those itself, with the rows a
shard brings, in one transaction."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
    a table for them all (five statements a document were a fifth of a worker's CPU)."""
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


@contextmanager
def staging(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """This connection's temporary tables of the shards read and not yet all stored, emptied
    as their documents are (`load`), dropped on leaving: a shard is read once, however many
    of the writer's transactions its documents are spread over (read for each, a shard was
    read some ten times)."""
    for table in DERIVED:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGED}{table} AS SELECT * FROM {table} LIMIT 0")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGED}{FOCUS} (doc_id TEXT, version INTEGER, focus TEXT)")
    try:
        yield
    finally:
        for table in (*DERIVED, FOCUS):
            con.execute(f"DROP TABLE IF EXISTS {STAGED}{table}")


def stage(con: duckdb.DuckDBPyConnection, stem: Path) -> None:
    """The rows of the shard `stem` into the staging tables (outside the writer's transactions:
    rows a rolled back transaction stored stay staged)."""
    for table, path in files(stem).items():
        con.execute(f"INSERT INTO {STAGED}{table} BY NAME SELECT * FROM read_parquet('{_quoted(path)}')")


def focus(con: duckdb.DuckDBPyConnection, docs: list[tuple[str, int]]) -> dict[tuple, str | None]:
    """The country each of these staged (doc_id, version) is most about."""
    found = con.execute(f"SELECT doc_id, version, focus FROM {STAGED}{FOCUS} WHERE {_WANTED}", [_keys(docs)])
    return {(doc_id, version): focus for doc_id, version, focus in found.fetchall()}


def load(con: duckdb.DuckDBPyConnection, docs: list[tuple[str, int]]) -> None:
    """The staged texts, search words, claims and events of these (doc_id, version) into the
    store, inside the caller's transaction, which has written their documents (records.
    write_documents: a version written again drops its rows first); and out of the staging."""
    wanted = [_keys(docs)]
    for table in DERIVED:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {STAGED}{table} WHERE {_WANTED}", wanted)
    for table in (*DERIVED, FOCUS):
        con.execute(f"DELETE FROM {STAGED}{table} WHERE {_WANTED}", wanted)


STAGED = "staged_"  # the staging tables' names: STAGED + the table's
_WANTED = "list_contains(?, doc_id || chr(9) || version)"


def _keys(docs: list[tuple[str, int]]) -> list[str]:
    return [f"{doc_id}\t{version}" for doc_id, version in docs]


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (COPY and read_parquet take no parameters there)."""
    return str(path).replace("'", "''")
