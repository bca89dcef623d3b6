"""store: one DuckDB file holds the archive and everything derived from it."""
from corroborate.store.db import DEFAULT_DB, connect, resolve_db_path

__all__ = ["DEFAULT_DB", "connect", "resolve_db_path"]
