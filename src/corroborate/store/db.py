"""Opening the store, and bringing its schema up to date."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from corroborate.store.schema import MIGRATIONS

DEFAULT_DB = "corroborate.duckdb"
ENV_VAR = "CORROBORATE_DB"


def resolve_db_path(db: str | os.PathLike | None) -> Path:
    return Path(db or os.environ.get(ENV_VAR) or DEFAULT_DB)


def connect(db: str | os.PathLike | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = resolve_db_path(db)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no such store (run `corroborate ingest` first, or pass --db)")
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        migrate(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    current = schema_version(con)
    for number, statements in enumerate(MIGRATIONS[current:], current + 1):
        con.execute("BEGIN TRANSACTION")
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?)", [number])
        con.execute("COMMIT")
