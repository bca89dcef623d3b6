"""Shards: what workers read from a partition of documents (their texts, search words, claims,
events and focus), as Parquet files that the store reads once each, into staging tables
from which it stores their documents' rows (`staging`, `stage`, `load`).

A worker builds each table of the shard straight from the rows of records.derived_rows (as
one process writes them), as an Arrow table of the store's own columns (`schemas`, read by
the writer), sorted by its key, and writes it to `STEM.TABLE.parquet` under a temporary name
renamed into place: a retried task or a rerun writes the same bytes, and a reader never sees
half a file. (Inserted into a scratch DuckDB database first and copied out, the same bytes
cost half as much CPU again.) The store's constraints are checked where one process checks them: when the writer
stores the rows, one document at a time when a group fails. The archived documents are not
in them: the store writes those itself, with the rows a shard brings, in one transaction."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow
from pyarrow import parquet

from corroborate.document import Claim, Document, Event, Text
from corroborate.store.records import COLUMNS, DERIVED, derived_rows

FOCUS = "focus"  # the table of (doc_id, version, focus): the documents' column the store writes
KEYS = {"texts": "doc_id, version", "search_texts": "doc_id, version", "claims": "doc_id, version, n",
        "events": "doc_id, version, n",
        FOCUS: "doc_id, version"}


def schemas(con: duckdb.DuckDBPyConnection) -> dict[str, pyarrow.Schema]:
    """Each table's Arrow schema, as DuckDB gives the store's own columns (of its `staging`
    tables, made like the store's): the bytes of a shard are those a copy out of the store's
    tables would write. Read by the writer and sent with each task: a worker, which cannot
    open the store, would otherwise build the store's tables to ask them (a fifth of a CPU
    second at its start)."""
    return {table: con.sql(f"SELECT * FROM {STAGED}{table} LIMIT 0").to_arrow_table().schema for table in KEYS}


def rows(doc: Document, version: int, text: Text, claims: list[Claim], events: Sequence[Event],
         focus: str | None) -> dict[str, list[tuple]]:
    """What a shard holds of one version of a document: its rows of each table."""
    return {**derived_rows(doc, version, text, claims, events), FOCUS: [(doc.doc_id, version, focus)]}


def tables(documents: Iterable[dict[str, list[tuple]]], schemas: dict[str, pyarrow.Schema]) -> dict[str, pyarrow.Table]:
    """Documents' `rows` as one Arrow table each, of its `schemas`, sorted by its key (as
    ORDER BY sorts text: by code point). Raises when a value is not of its column's type."""
    found: dict[str, list[tuple]] = {table: [] for table in KEYS}
    for document in documents:
        for table, some in document.items():
            found[table].extend(some)
    built = {}
    for table, some in found.items():
        schema = schemas[table]
        columns = COLUMNS.get(table) or schema.names
        if sorted(columns) != sorted(schema.names):  # a column the rows do not give would be a silent NULL
            raise ValueError(f"the rows of {table} give {columns}, its columns are {schema.names}")
        key = [columns.index(name) for name in KEYS[table].split(", ")]
        some.sort(key=lambda row: [row[k] for k in key])
        values = dict(zip(columns, zip(*some, strict=True), strict=True)) if some else dict.fromkeys(columns, ())
        built[table] = pyarrow.Table.from_arrays([pyarrow.array(values[field.name], type=field.type)
                                                  for field in schema], schema=schema)
    return built


def files(stem: Path) -> dict[str, Path]:
    return {table: stem.with_name(f"{stem.name}.{table}.parquet") for table in (*DERIVED, FOCUS)}


def write(built: dict[str, pyarrow.Table], stem: Path) -> None:
    """The `tables` of a shard as the files of `stem`, each written whole or not at all."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    for table, path in files(stem).items():
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        parquet.write_table(built[table], partial)
        os.replace(partial, path)


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
