"""ingest on a Dask cluster (corroborate.scale) reads as one process does: the same claims,
events and incidents (a SHA-256 over each table's sorted rows), the same failures; a rerun
writes the same shards, byte for byte; a worker killed mid-run changes nothing."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import cli
from corroborate import Store
from corroborate.store.digest import digests
from scale_corpus import write_corpus

pytestmark = pytest.mark.slow

DOCUMENTS = 320


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "reports.jsonl"
    write_corpus(path, DOCUMENTS)
    return path


def ingested(db: Path, corpus: Path, **how) -> tuple[str, list[str], dict[str, str]]:
    """(summary, failures, digests) of ingesting `corpus` into the store `db`."""
    with Store(db) as store:
        summary = store.ingest(corpus, **how)
    return str(summary), sorted(map(str, summary.failures)), stored_digests(db)


def stored_digests(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return digests(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("one") / "store.duckdb", corpus)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """Where the cluster runs write their store and shards, one run after another."""
    return tmp_path_factory.mktemp("cluster")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> Iterator[str]:
    """`dask scheduler` on 127.0.0.1 and `dask worker` (two processes of one thread), as the
    README starts them; the scheduler's address."""
    logs = tmp_path_factory.mktemp("dask")
    address_file = logs / "scheduler.json"
    dask = Path(sys.executable).parent / "dask"
    started = []
    with (logs / "scheduler.log").open("w") as scheduler_log, (logs / "worker.log").open("w") as worker_log:
        try:
            started.append(subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                             "--scheduler-file", address_file],
                                            stdout=scheduler_log, stderr=subprocess.STDOUT))
            address = _written_address(address_file, deadline=time.monotonic() + 60)
            started.append(subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                             "--no-dashboard"], stdout=worker_log, stderr=subprocess.STDOUT))
            yield address
        finally:
            for process in reversed(started):
                process.terminate()
                process.wait(timeout=60)


def _written_address(address_file: Path, deadline: float) -> str:
    """The address in the scheduler's file once it is written whole: the file exists, empty,
    a moment before its JSON is in it (a loaded machine read it so and failed)."""
    while True:
        try:
            return json.loads(address_file.read_text())["address"]
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def shard_bytes(shard_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(shard_dir.glob("*.parquet"))}


def test_workers_read_as_one_process(one_process, corpus, store_dir):
    summary, failures, found = one_process
    assert summary == f"{DOCUMENTS} ingested, 0 unchanged, 2 failed"
    assert "reports.jsonl:321: no text found in it" in failures[0]  # the page with no article: analysed, reported
    assert all(int(d.split("(")[1].split()[0]) > 0 for d in found.values())  # every table has rows
    db = store_dir / "store.duckdb"
    assert ingested(db, corpus, workers=2, partitions=16) == one_process
    shards = db.with_name("store.duckdb.shards")
    assert {name[:4] for name in shard_bytes(shards)} == {f"p{p:03d}" for p in range(16)}
    assert not list(shards.glob("*.partial"))


def test_ingest_at_a_running_scheduler_writes_the_same_shards_again(one_process, corpus, store_dir, scheduler):
    """`ingest --scheduler` as a user runs it, into a new store where the run before left its
    shards: the same shards are written again, byte for byte, and the store reads the same."""
    assert scheduler.startswith("tcp://127.0.0.1:")
    db = store_dir / "store.duckdb"
    shards = db.with_name("store.duckdb.shards")
    written = shard_bytes(shards)
    assert written, "test_workers_read_as_one_process runs first and leaves its shards"
    before = {p: p.stat().st_mtime_ns for p in shards.glob("*.parquet")}
    for old in store_dir.glob("store.duckdb*"):
        if old.is_file():
            old.unlink()
    ran = cli("ingest", corpus, "--db", db, "--scheduler", scheduler, "--partitions", 16, check=False)
    summary, failures, found = one_process
    assert ran.returncode == 1  # the two failures, as one process reports them
    assert summary in ran.stderr
    assert all(f"failed: {failure}" in ran.stderr for failure in failures)
    assert stored_digests(db) == found
    assert shard_bytes(shards) == written
    assert all(p.stat().st_mtime_ns != mtime for p, mtime in before.items())  # written again, not left


def test_a_worker_killed_mid_run_changes_nothing(one_process, corpus, tmp_path, scheduler):
    from distributed import Client

    with Client(scheduler) as client:
        pids = client.run(os.getpid)
        killed: list[int] = []

        def kill_a_busy_worker():
            """SIGKILL the first worker seen analysing a shard, once it is into it."""
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                busy = [worker for worker, keys in client.processing().items() if keys and worker in pids]
                if busy:
                    time.sleep(0.3)
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        result = ingested(tmp_path / "store.duckdb", corpus, scheduler=scheduler, partitions=16)
        killer.join()
        assert killed, "no worker was seen busy"
        assert killed[0] not in client.run(os.getpid).values()  # its nanny started another
    assert result == one_process


def test_documents_read_again_are_stored_as_one_process_stores_them(tmp_path, scheduler):
    """A second ingest that changes some documents' metadata (the same version, its rows read
    again) and others' text (a new version) gives what one process gives."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_corpus(first, 40)
    lines = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()[:40]]
    for i, line in enumerate(lines):
        if i % 3 == 0:
            line["title"] = line["title"].replace("Attack", "Strike")
        if i % 5 == 0:
            line["text"] += " The toll was later revised."
    second.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    def twice(db: Path, **how) -> tuple[str, dict[str, str]]:
        with Store(db) as store:
            store.ingest(first, **how)
            summary = store.ingest(second, **how)
        return str(summary), stored_digests(db)

    one = twice(tmp_path / "one.duckdb")
    assert one[0] == "8 ingested, 11 updated, 21 unchanged, 0 failed"
    assert twice(tmp_path / "cluster.duckdb", scheduler=scheduler, partitions=4) == one


def stored_documents(db: Path) -> tuple[list[tuple], list[tuple]]:
    """The documents' versions (without their times of capture) and the audit entries (without
    their times of writing), sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = con.execute("SELECT doc_id, version, sha256, origin, title, outlet, published, url, authors, "
                                "country, focus FROM documents ORDER BY ALL").fetchall()
        entries = con.execute("SELECT who, role, action, subject, before_json, after_json FROM audit_log "
                              "ORDER BY ALL").fetchall()
    finally:
        con.close()
    return documents, entries


def test_an_id_read_twice_in_one_run_is_stored_as_one_process_stores_it(tmp_path, scheduler):
    """The same id twice or more in one input: its metadata changed (the version updated), its
    text changed (a new version), changed and changed back, read twice when it cannot be read
    (failed twice), unreadable and then readable (a first version); near its first reading (the
    same batch planned) and far from it (a later batch, still being analysed or stored)."""
    path = tmp_path / "reports.jsonl"
    write_corpus(path, 150)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:150]]

    def again(i: int, **changed) -> dict:
        return {**lines[i], **changed}

    blank = {"id": "report-late", "html": "<html><body><p> </p></body></html>"}
    readable = {**lines[5], "id": "report-late"}
    dups = {
        3: [again(3, country="SY")],  # new metadata: the same version read again
        7: [again(7, text=lines[7]["text"] + " The toll was later revised.")],  # new text: a second version
        11: [again(11, title="Strike in Homs"), again(11)],  # changed, and changed back
        20: [blank, blank, readable],  # unreadable twice, then readable: its first version
        92: [again(92, outlet="Outlet 99")],  # the last of a batch planned (of 100 lines), again the first of the next
        140: [again(2, country="IQ"), again(12, text="At least 4 people were killed in Gao on 2 May 2024.")],
    }
    doubled = []
    for i, line in enumerate(lines):
        doubled += [line, *dups.get(i, [])]
    path.write_text("".join(json.dumps(line) + "\n" for line in doubled), encoding="utf-8")

    one = ingested(tmp_path / "one.duckdb", path)
    assert one[0] == "153 ingested, 5 updated, 0 unchanged, 2 failed"
    assert [f.split("reports.jsonl:")[1][:3] for f in one[1]] == ["26:", "27:"]  # the blank page, twice
    documents, entries = stored_documents(tmp_path / "one.duckdb")
    assert ("report-0003", 1) in [d[:2] for d in documents] and ("report-0007", 2) in [d[:2] for d in documents]
    assert len(entries) == 158
    cluster = ingested(tmp_path / "cluster.duckdb", path, scheduler=scheduler, partitions=4)
    assert cluster == one
    assert stored_documents(tmp_path / "cluster.duckdb") == (documents, entries)


def test_the_cluster_started_here_runs_without_dask_monitoring():
    """`ingest --workers`' own cluster: its workers do not sample their tasks' stacks nor time
    their event loop 50 times a second (scale.QUIET), but still watch their memory."""
    from corroborate import scale

    with scale.cluster(1) as client:
        [callbacks] = client.run(lambda dask_worker: {name: callback.callback_time
                                                      for name, callback in dask_worker.periodic_callbacks.items()}
                                 ).values()
    assert "profile" not in callbacks and "profile-cycle" not in callbacks
    assert callbacks["tick"] == 1000 and callbacks["memory_monitor"] == 1000  # milliseconds


def test_the_cluster_started_here_forks_its_workers_with_their_modules_imported():
    """`ingest --workers`' own cluster: its workers are forked from a server that imported what
    they use (scale.FORKED) once, so each starts with it rather than importing it again."""
    from corroborate import scale

    with scale.cluster(2) as client:
        imported = client.run(lambda: {name for name in scale.FORKED if name in sys.modules})
    assert list(imported.values()) == [set(scale.FORKED)] * 2


def test_the_cluster_started_here_forks_its_workers_warm():
    """`ingest --workers`' own cluster: what a worker's first document would load (spaCy's
    tokenizer, the country cues of the built-in gazetteer) was loaded once, in the fork server
    (scale.warm), and each worker starts with it; its gazetteer is its own, the cues copied in."""
    from corroborate import scale
    from corroborate.extract import tokens

    def started() -> tuple[int, list[str], list[str]]:
        return (tokens.nlp.cache_info().currsize, sorted(scale._warm_memo),
                sorted(scale._worker_places(None).memo))

    with scale.cluster(2) as client:
        warm = client.run(started)
    assert list(warm.values()) == [(1, ["cues"], ["cues"])] * 2
