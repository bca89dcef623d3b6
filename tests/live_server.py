"""The web app for the API and page tests: in this process through Starlette's TestClient
(`app_client`, no socket) when the test is about what it answers, or a real `corroborate serve`
in a subprocess on 127.0.0.1 (`serving`) when a browser or another process must reach it."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from conftest import CLI, ROOT, cli, shared_path
from corroborate import Store
from corroborate.web.app import create_app

DEMO = ROOT / "demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, *flags: str, env: dict | None = None):
    """The server's base URL while it runs; it is stopped (by its own pid) afterwards."""
    port = free_port()
    process = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"corroborate serve exited {process.returncode}:\n{process.stdout.read()}")
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise AssertionError("corroborate serve did not answer within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def app_client(db: Path, private: bool = False):
    """An HTTP client of the app over `db`, run in this process; the store is closed afterwards."""
    with Store(db) as store, TestClient(create_app(store=store, private=private)) as client:
        yield client


def seeded_store(db: Path) -> Path:
    """The two seed articles, with the Syria gazetteer imported so that places have coordinates."""
    seeds = shared_path("seeds")
    cli("gazetteer", "import", shared_path("data", "syria_gazetteer", "wof_syria_places.csv"), "--db", db)
    cli("ingest", seeds, "--meta", seeds / "meta.jsonl", "--db", db)
    cli("incidents", "--db", db)  # reconciled before the server holds the store
    return db


def large_store(db: Path) -> Path:
    """The seeds, the demo corpus and the generated reports (tests/generated.py), each through
    the real ingest (`Store.ingest`), then reconciled: more than 2,000 incidents over thirteen years."""
    from generated import reports

    seeded_store(db)
    with Store(db) as store:
        store.ingest(DEMO / "corpus", DEMO / "meta.jsonl")
        store.ingest(reports())
        store.catch_up()
    return db


def large_store_key() -> str:
    """What a built large store depends on: the code that builds it (the package but its web
    pages, the demo corpus, the generator) and the seeds. A change to any of them builds it again."""
    digest = hashlib.sha256()
    package = ROOT / "src" / "corroborate"
    for root in (package, DEMO, shared_path("seeds"), Path(__file__).parent / "generated.py"):
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.is_file() and "__pycache__" not in path.parts and not path.is_relative_to(package / "web"):
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def built_large_store(folder: Path) -> Path:
    """The large store kept in `folder` under `large_store_key()`: built through the real
    ingest when absent (minutes; how many seconds is kept beside it in seconds.txt), else as it
    was. Callers that write copy it first."""
    built = folder / f"{large_store_key()}.duckdb"
    if not built.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        partial = folder / "partial.duckdb"
        start = time.perf_counter()
        large_store(partial)
        (folder / "seconds.txt").write_text(f"{time.perf_counter() - start:.0f}\n")
        os.replace(partial, built)
    return built
