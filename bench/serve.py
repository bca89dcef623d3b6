"""The web server under load: requests per second and p95 latency for the incident list
(/api/incidents) and an incident page, beside a static file served by the same server.

A real `corroborate serve` on loopback, over the seed articles with the Syria gazetteer;
a bounded number of concurrent clients, each sending its requests one after another.

usage: python bench/serve.py [--shared ../shared] [--clients 8] [--requests 400]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _load(base: str, path: str, clients: int, requests: int) -> tuple[float, float]:
    """(requests per second, p95 latency in ms) for `requests` GETs of `path` over `clients` connections."""
    per_client = max(1, requests // clients)

    def client(_: int) -> list[float]:
        times = []
        with httpx.Client(base_url=base, timeout=60) as http:
            for _ in range(per_client):
                start = time.perf_counter()
                response = http.get(path)
                times.append(time.perf_counter() - start)
                response.raise_for_status()
        return times

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = [t for batch in pool.map(client, range(clients)) for t in batch]
    elapsed = time.perf_counter() - start
    return len(times) / elapsed, statistics.quantiles(times, n=20)[18] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    os.environ["CORROBORATE_SHARED"] = str(args.shared)  # read by the tests' conftest, on import
    from live_server import seeded_store, serving  # the tests' store and server, made the same way

    with tempfile.TemporaryDirectory() as folder:
        db = seeded_store(Path(folder) / "bench.duckdb")
        with serving(db) as base:
            incident = httpx.get(base + "/api/incidents", params={"kind": "incident", "limit": 1}).json()["items"][0]
            paths = {"baseline: /static/style.css": "/static/style.css",
                     "/api/incidents": "/api/incidents",
                     f"/incidents/{incident['id']}": f"/incidents/{incident['id']}"}
            _load(base, "/static/style.css", args.clients, args.clients * 5)  # warm up
            print(f"{args.clients} concurrent clients, {args.requests} requests per path, loopback")
            print(f"{'path':<34} {'req/s':>8} {'p95 ms':>8}")
            for label, path in paths.items():
                rate, p95 = _load(base, path, args.clients, args.requests)
                print(f"{label:<34} {rate:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
