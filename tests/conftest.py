"""Shared fixtures. Tests that need ../shared read it from there and skip, saying why, when
it is absent (a user's checkout); CI always has it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CORROBORATE_SHARED", ROOT.parent / "shared"))
CLI = [sys.executable, "-m", "corroborate"]


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: these checks read ../shared (the seeds, gold and data), "
                    "which CI always has")
    return path


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store.duckdb"


def run_cli(*args: str, check: bool = True, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would."""
    result = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, **kw)
    if check and result.returncode != 0:
        raise AssertionError(f"corroborate {' '.join(map(str, args))} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
