"""Opening the store, and bringing its schema up to date."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from corroborate.store.schema import MIGRATIONS

DEFAULT_DB = "corroborate.duckdb"
ENV_VAR = "CORROBORATE_DB"
# DuckDB's own default is 80% of the machine's memory, and it keeps every block it has read
# or written cached until it reaches that: ingesting 100,000 documents grew it by ~36 MB
# every 10,000 without end, and each checkpoint took what it could besides (one of 13 MB of
# log over 23,000 documents: +250 MB; +180 MB held to 256 MB). Past the limit it evicts what
# is on disk already, and what a query holds beyond it spills to the folder beside the store.
MEMORY_LIMIT = "256MB"
MEMORY_VAR = "CORROBORATE_MEMORY_LIMIT"  # a DuckDB size ("1GB") for a store on a bigger machine


def resolve_db_path(db: str | os.PathLike | None) -> Path:
    return Path(db or os.environ.get(ENV_VAR) or DEFAULT_DB)


def missing(path: Path) -> FileNotFoundError:
    """What opening a store to read says when there is none at `path`."""
    return FileNotFoundError(f"{path}: no such store (run `corroborate ingest` first, or pass --db)")


Config = dict[str, str | bool | int | float | list[str]]  # what duckdb.connect takes as `config`


def settings(path: Path) -> Config:
    """How much memory DuckDB may keep for the store (MEMORY_LIMIT, or $CORROBORATE_MEMORY_LIMIT),
    and where it spills what does not fit: a folder beside the store file."""
    return {"memory_limit": os.environ.get(MEMORY_VAR) or MEMORY_LIMIT,
            "temp_directory": str(path.with_name(path.name + ".tmp"))}


def connect(db: str | os.PathLike | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = resolve_db_path(db)
    if read_only and not path.exists():
        raise missing(path)
    con = duckdb.connect(str(path), read_only=read_only, config=settings(path))
    if not read_only:
        migrate(con)
    elif _behind(con):
        # written by an older release: readers would miss columns, so bring it up to date first
        con.close()
        with duckdb.connect(str(path), config=settings(path)) as writable:
            migrate(writable)
        con = duckdb.connect(str(path), read_only=True, config=settings(path))
    return con


INSERT_BATCH = 500  # rows to a statement: one statement for thousands of rows is slow to plan too


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence], columns: Sequence[str] = ()) -> None:
    """`rows` in a few multi-row INSERTs: DuckDB plans each row of an executemany on its own,
    which cost seconds for 4,000 list records. `columns`: the table's own columns, in its
    order, when empty."""
    if not rows:
        return
    row = f"({', '.join('?' * len(rows[0]))})"
    into = f"{table} ({', '.join(columns)})" if columns else table
    for start in range(0, len(rows), INSERT_BATCH):
        batch = rows[start:start + INSERT_BATCH]
        con.execute(f"INSERT INTO {into} VALUES {', '.join([row] * len(batch))}", [v for r in batch for v in r])


def applied_migrations(con: duckdb.DuckDBPyConnection) -> set[str]:
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)")
    return {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}


def _behind(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether migrations are missing, asked without writing (works on a read-only store)."""
    if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'schema_migrations'").fetchone():
        return True
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    return any(name not in done for name, _ in MIGRATIONS)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    done = applied_migrations(con)
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        con.execute("COMMIT")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Everything inside commits together, or nothing does. Writers below the Store run
    inside the caller's transaction and never open their own, so that a change and its
    audit entry (and a document and its incidents) are one commit."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()
