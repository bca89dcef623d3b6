"""Rows read from the current version of each document (claims, events), in document order."""
from __future__ import annotations

from collections.abc import Iterator

import duckdb


def rows(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
         doc_id: str | None = None) -> Iterator[tuple[str, int, int, dict]]:
    """(doc, sentence start, sentence end, {column: value, "n": its number}) for each row of
    `table` (all documents, or `doc_id`'s); fetched a thousand at a time, so that a whole store
    is never held."""
    where = "WHERE t.doc_id = ?" if doc_id else ""
    cursor = con.execute(
        f"SELECT t.doc_id, t.sent_start, t.sent_end, {', '.join('t.' + k for k in (*columns, 'n'))} "
        f"FROM {table} t JOIN current_documents d USING (doc_id, version) {where} "
        "ORDER BY t.doc_id, t.n", [doc_id] if doc_id else [])
    while batch := cursor.fetchmany(1000):
        for doc, start, end, *values in batch:
            yield doc, start, end, dict(zip((*columns, "n"), values, strict=True))
