"""Shards: what workers read from a partition of documents (their texts, claims, events and
focus), as Parquet files that the store loads in one statement a table.

A worker writes its rows into a scratch database of the store's own tables (by the same
records.write_derived as one process), then copies each table to `STEM.TABLE.parquet`,
sorted, under a temporary name renamed into place: a retried task or a rerun writes the
same bytes, and a reader never sees half a file. The archived documents are not in them:
the store writes those itself, with the rows a shard brings, in one transaction."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from corroborate.store.db import migrate
from corroborate.store.records import DERIVED

FOCUS = "focus"  # the table of (doc_id, version, focus): the documents' column the store writes
KEYS = {"texts": "doc_id, version", "claims": "doc_id, version, n", "events": "doc_id, version, n",
        FOCUS: "doc_id, version"}


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the store's tables, to write one shard's rows into."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    migrate(con)
    con.execute(f"CREATE TABLE {FOCUS} (doc_id TEXT NOT NULL, version INTEGER NOT NULL, focus TEXT)")
    return con


def add_focus(con: duckdb.DuckDBPyConnection, doc_id: str, version: int, focus: str | None) -> None:
    con.execute(f"INSERT INTO {FOCUS} VALUES (?, ?, ?)", [doc_id, version, focus])


def files(stem: Path) -> dict[str, Path]:
    return {table: stem.with_name(f"{stem.name}.{table}.parquet") for table in (*DERIVED, FOCUS)}


def write(con: duckdb.DuckDBPyConnection, stem: Path) -> None:
    """Copy the scratch database's rows to the shard `stem`, and empty it for the next."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    for table, path in files(stem).items():
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY {KEYS[table]}) TO '{_quoted(partial)}' (FORMAT parquet)")
        os.replace(partial, path)
        con.execute(f"DELETE FROM {table}")


def load(con: duckdb.DuckDBPyConnection, stem: Path) -> None:
    """The shard's texts, claims and events into the store, inside the caller's transaction,
    after the documents they were read from (records.write_document)."""
    for table, path in files(stem).items():
        if table != FOCUS:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{_quoted(path)}')")


def focus(con: duckdb.DuckDBPyConnection, stem: Path) -> dict[tuple[str, int], str | None]:
    """The country each document of the shard is most about, by (doc_id, version)."""
    rows = con.execute(f"SELECT doc_id, version, focus FROM read_parquet('{_quoted(files(stem)[FOCUS])}')")
    return {(doc_id, version): found for doc_id, version, found in rows.fetchall()}


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (COPY and read_parquet take no parameters there)."""
    return str(path).replace("'", "''")
