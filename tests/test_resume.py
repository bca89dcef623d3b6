"""A batch killed outright (SIGKILL, no chance to clean up) leaves a consistent store, and
running the same command again finishes the job without duplicating anything."""
from __future__ import annotations

import signal
import subprocess

import duckdb
import pytest

from conftest import CLI, jsonl, run_cli

pytestmark = pytest.mark.slow

REPORTS = 600
EMPTY_EVERY = 25  # an empty file every so often: its failure line tells how far the run got
KILL_AFTER_FAILURES = 3


def batch(folder) -> dict[str, int]:
    """Write the batch; return the number each good report gives as killed, by id."""
    folder.mkdir()
    killed = {}
    for n in range(REPORTS):
        path = folder / f"report-{n:04d}.txt"
        if n % EMPTY_EVERY == EMPTY_EVERY - 1:
            path.write_bytes(b"")
            continue
        path.write_text(f"Gunmen killed {n + 1} villagers near Abaro on Monday, police said.\n", encoding="utf-8")
        killed[path.stem] = n + 1
    return killed


def kill_mid_batch(folder, db) -> None:
    proc = subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(KILL_AFTER_FAILURES):
            line = proc.stderr.readline()
            assert line.startswith("failed: "), f"the run ended early: {line!r}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def check_consistent(db) -> int:
    """Every stored document has its text and its claims, and nothing is stored twice;
    returns how many documents are in."""
    with duckdb.connect(str(db), read_only=True) as con:
        def one(sql: str):
            return con.execute(sql).fetchone()[0]

        assert one("SELECT count(*) FROM documents d ANTI JOIN texts t USING (doc_id, version)") == 0
        assert one("SELECT count(*) FROM texts t ANTI JOIN documents d USING (doc_id, version)") == 0
        assert one("SELECT count(*) FROM claims c ANTI JOIN documents d USING (doc_id, version)") == 0
        assert one("SELECT count(*) FROM documents d ANTI JOIN claims c USING (doc_id, version)") == 0, \
            "every report carries a claim, so a document without claims is a half-written one"
        assert one("SELECT count(*) FROM documents WHERE version <> 1") == 0
        return one("SELECT count(*) FROM documents")


def test_killed_batch_is_consistent_and_a_rerun_completes_it(tmp_path):
    folder, db = tmp_path / "batch", tmp_path / "store.duckdb"
    killed = batch(folder)
    kill_mid_batch(folder, db)

    stored = check_consistent(db)
    assert 0 < stored < len(killed), "the kill must land mid-batch"
    # the killed writer's log (.wal) must not stop a reader
    assert len(jsonl(run_cli("claims", "--format", "jsonl", "--db", db).stdout)) >= stored

    result = run_cli("ingest", folder, "--db", db, check=False)
    empty = REPORTS // EMPTY_EVERY
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"{len(killed) - stored} ingested, {stored} unchanged, {empty} failed"
    assert check_consistent(db) == len(killed)
    claims = jsonl(run_cli("claims", "--format", "jsonl", "--db", db).stdout)
    assert {c["doc"]: c["low"] for c in claims if c["outcome"] == "killed"} == killed
    assert len([c for c in claims if c["outcome"] == "killed"]) == len(killed), "no claim twice"
