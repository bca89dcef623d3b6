"""Shards: what workers read from a partition of documents (their texts, search words, claims,
events and focus), as Parquet files that the store's writer reads once each (`read`), and
from which it stores their documents' rows (`store`).

A worker builds each table of the shard straight from the rows of records.derived_rows (as
one process writes them), as an Arrow table of the store's own columns (`schemas`, read by
the writer), sorted by its key, and writes it to `STEM.TABLE.parquet` under a temporary name
renamed into place: a retried task or a rerun writes the same bytes, and a reader never sees
half a file. (Inserted into a scratch DuckDB database first and copied out, the same bytes
cost half as much CPU again.) The store's constraints are checked where one process checks
them: when the writer stores the rows, one document at a time when a group fails. The
archived documents are not in them: the store writes those itself, with the rows a shard
brings, in one transaction.

The writer keeps what it read of a shard as each document's slice of its Arrow tables, until
that document is stored. (Read into temporary DuckDB tables, and deleted from them as their
documents were stored, the 1,135 articles' shards cost it twice the CPU: 1.0-1.3 s against
0.55-0.7, measured alone.)"""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
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
    """Each table's Arrow schema, as DuckDB gives the store's own columns: the bytes of a shard
    are those a copy out of the store's tables would write. Read by the writer and sent with
    each task: a worker, which cannot open the store, would otherwise build the store's tables
    to ask them (a fifth of a CPU second at its start)."""
    found = {table: con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema for table in DERIVED}
    return {**found, FOCUS: con.sql(f"SELECT {FOCUS_COLUMNS} LIMIT 0").to_arrow_table().schema}


FOCUS_COLUMNS = "NULL::TEXT AS doc_id, NULL::INTEGER AS version, NULL::TEXT AS focus"  # as documents has them


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


def read(stem: Path) -> dict[tuple[str, int], dict[str, pyarrow.Table]]:
    """The shard `stem`, by (doc_id, version): the document's rows of each table, as a slice of
    the table read (its rows are together: each table is sorted by its key). A table the
    document has no rows in is left out."""
    found: dict[tuple[str, int], dict[str, pyarrow.Table]] = {}
    for table, path in files(stem).items():
        read = parquet.ParquetFile(path).read()  # half the CPU of read_table, which plans a dataset
        start = 0
        keys = zip(read.column("doc_id").to_pylist(), read.column("version").to_pylist(), strict=True)
        for key, run in itertools.groupby(keys):
            size = sum(1 for _ in run)
            found.setdefault(key, {})[table] = read.slice(start, size)
            start += size
    return found


def focus(document: dict[str, pyarrow.Table]) -> str | None:
    """The country a document (its `read` rows) is most about."""
    return document[FOCUS]["focus"][0].as_py()


def store(con: duckdb.DuckDBPyConnection, documents: Sequence[dict[str, pyarrow.Table]]) -> None:
    """The texts, search words, claims and events of these documents (their `read` rows) into
    the store, one INSERT a table, inside the caller's transaction, which has written their
    documents (records.write_documents: a version written again drops its rows first)."""
    for table in DERIVED:
        some = [document[table] for document in documents if table in document]
        if not some:
            continue
        con.register(SHARD_ROWS, pyarrow.concat_tables(some).combine_chunks())  # one chunk: a third cheaper to scan
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {SHARD_ROWS}")
        finally:
            con.unregister(SHARD_ROWS)


SHARD_ROWS = "shard_rows"  # the name the rows being stored go by in the INSERT
