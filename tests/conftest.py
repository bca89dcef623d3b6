"""Shared fixtures. Tests that need ../shared read it from there and skip, saying why, when
it is absent (a user's checkout); CI always has it."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate import Store
from corroborate.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CORROBORATE_SHARED", ROOT.parent / "shared"))
CLI = [sys.executable, "-m", "corroborate"]


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: these checks read ../shared (the seeds, gold and data), "
                    "which CI always has")
    return path


@pytest.fixture(scope="session")
def large_store_file(request, tmp_path_factory) -> Path:
    """A copy of the large store (live_server.large_store: seeds, demo corpus and generated
    reports, over 2,000 incidents), built once and kept in pytest's cache (live_server.built_large_store)."""
    from live_server import built_large_store

    copy = tmp_path_factory.mktemp("large") / "large.duckdb"
    shutil.copyfile(built_large_store(request.config.cache.mkdir("large-store")), copy)
    return copy


@pytest.fixture(scope="session")
def builtin():
    """The gazetteer a store with none imported reads: the built-in one only."""
    from corroborate.resolve import gazetteer as gz

    return gz.for_store(None)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def fresh_store(db) -> Iterator[Store]:
    """A `corroborate.Store` on a new file, closed after the test."""
    with Store(db) as store:
        yield store


@dataclass
class Ran:
    """What a command did, named as `subprocess.CompletedProcess` names it."""
    returncode: int
    stdout: str
    stderr: str


def cli(*args, check: bool = True, input: str | None = None, env: dict[str, str | None] | None = None,
        cwd: Path | None = None) -> Ran:
    """Run the real command line in this process (Click's CliRunner over `corroborate.cli.app`):
    the command's own work without a Python start-up each time. `env` is set for the call and
    restored after (None unsets a variable); `cwd` is the working directory for the call. An
    uncaught exception is exit 1 with its traceback on stderr, as in a process of its own."""
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    ran = Ran(result.exit_code, result.stdout, stderr)
    if check and ran.returncode != 0:
        raise AssertionError(f"corroborate {' '.join(map(str, args))} exited {ran.returncode}:\n"
                             f"{ran.stdout}\n{ran.stderr}")
    return ran


def run_cli(*args: str, check: bool = True, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would: for the few tests that need
    a process of their own (killed, holding the store file, serving); the rest use `cli`."""
    result = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, **kw)
    if check and result.returncode != 0:
        raise AssertionError(f"corroborate {' '.join(map(str, args))} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
