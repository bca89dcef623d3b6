"""Who holds the store file, and for how long.

DuckDB lets many processes read a file at once but only one write it, and a writer
excludes the readers. So that `corroborate claims` works while `corroborate serve` runs,
and an ingest from the command line can wait its turn, a server holds the file only while
it is busy (`linger` seconds after the last use), reads through a read-only connection,
and takes the writable one only for a write. Inside one process, writes go one at a time
(the one writer), and reads never wait for a write: only for the moment the file changes
hands between a read-only and a writable connection."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from corroborate.store.db import connect

RETRY_EVERY = 0.05  # seconds between attempts to take a file another process holds


class StoreBusy(RuntimeError):
    """Another process holds the store; the message says what to do."""


def _locked(problem: Exception) -> bool:
    return isinstance(problem, duckdb.IOException) and "lock" in str(problem).lower()


class Lease:
    """The store file, opened when needed. `wait`: seconds to keep trying while another
    process holds it. `linger`: seconds an unused connection stays open (None: until
    `close`)."""

    def __init__(self, path: Path, *, read_only: bool = False, wait: float = 0.0, linger: float | None = None,
                 on_wait: Callable[[str], None] = lambda message: None):
        self.path, self.read_only, self.wait, self.linger, self.on_wait = path, read_only, wait, linger, on_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writable = False
        self._users = 0
        # Bumped each time the file is taken again: another process may have written it in between.
        self.opened = 0
        self._idle_since = 0.0  # when the last user left
        self._timer: threading.Timer | None = None  # at most one, however many requests come and go
        self._state = threading.Condition()
        self.writer = threading.RLock()  # the one writer

    def _open(self, writable: bool) -> duckdb.DuckDBPyConnection:
        deadline, told = time.monotonic() + self.wait, False
        while True:
            try:
                self._con = connect(self.path, read_only=not writable)
                self._writable = writable
                self.opened += 1
                return self._con
            except duckdb.Error as problem:
                if not _locked(problem):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{self.path}: in use by another process (a running `corroborate serve` or "
                                    f"ingest?){f' for more than {self.wait:g} s' if self.wait else ''}") from None
                if not told:
                    self.on_wait(f"{self.path}: in use by another process; waiting up to {self.wait:g} s")
                    told = True
                time.sleep(RETRY_EVERY)

    def _shut(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def _use(self, writable: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._state:
            if writable and self._con is not None and not self._writable:
                self._state.wait_for(lambda: self._users == 0)  # readers leave the read-only connection first
                self._shut()
            con = self._con if self._con is not None else self._open(writable)
            self._users += 1
            cursor = con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._state:
                self._users -= 1
                self._state.notify_all()
                if self._users == 0 and self.linger is not None:
                    self._idle_since = time.monotonic()
                    if self._timer is None:
                        self._later(self.linger)

    def _later(self, delay: float) -> None:
        """Let go of the file once it has been idle for `linger` seconds; one timer, put off
        while the file keeps being used."""
        self._timer = threading.Timer(delay, self._close_if_idle)
        self._timer.daemon = True
        self._timer.start()

    def _close_if_idle(self) -> None:
        with self._state:
            self._timer = None
            if self._users:
                return  # the last one out starts it again
            left = self._idle_since + (self.linger or 0.0) - time.monotonic()
            if left > 0:
                self._later(left)
            else:
                self._shut()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for reads; many at once."""
        with self._use(False) as cursor:
            yield cursor

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for a write, one writer at a time; the caller runs its transaction."""
        if self.read_only:
            raise PermissionError(f"{self.path}: opened read-only")
        with self.writer, self._use(True) as cursor:
            yield cursor

    def close(self) -> None:
        with self._state:
            self._state.wait_for(lambda: self._users == 0)
            self._shut()
