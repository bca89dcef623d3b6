"""A SHA-256 of each table of what is read from documents, over its rows sorted: two stores
that read the same documents the same way give the same digests, however the work was split
(ingest --workers) or sped up. Times of writing (captured_at, changed_at) are not in them."""
from __future__ import annotations

import duckdb

TABLES = ("texts", "search_texts", "claims", "events", "incidents", "incident_claims")


def digests(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{table: SHA-256 of its sorted rows, and how many}."""
    found = {}
    for table in TABLES:
        sha, rows = con.execute(
            f"SELECT sha256(coalesce(string_agg(row, chr(10) ORDER BY row), '')), count(*) "
            f"FROM (SELECT CAST(t AS TEXT) AS row FROM {table} t)").fetchone() or ("", 0)
        found[table] = f"{sha} ({rows} rows)"
    return found
