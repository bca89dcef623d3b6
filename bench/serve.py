"""The web server on a large store: what the map page weighs and how soon it draws, and how
many requests per second it answers beside a static file served by the same server.

The store is the page tests' large one (tests/live_server.large_store: the seeds, the demo
corpus and generated reports, over 2,000 incidents from 2012 to 2025), built through the real
ingest once and kept under .pytest_cache/d/large-store, where the tests find it too.
A real `corroborate serve` on loopback:
- in headless Chromium (npm playwright-core, as the page tests): the bytes the map page
  transfers with all its assets (compressed, as sent), and the time to its first marker;
- `clients` concurrent clients, each sending its requests one after another: requests per
  second and p95 latency for `/`, an incident page and `/api/incidents?limit=100`, each beside
  the static file's in the same run. Targets: the map page at most 600 KB; every dynamic page
  at least 25% of the static file's requests per second.

usage: python bench/serve.py [--shared ../shared] [--clients 8] [--requests 400] [--profile PATH]
`--profile PATH`: cProfile of the dynamic pages served in this process (TestClient), each asked
once (ten pages of the list, forty incidents, ten pages of the API), written to PATH.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
MAP_LIMIT = 600 * 1024  # bytes the map page may transfer, all assets included
SHARE = 0.25  # of the static file's requests per second, for every dynamic page

# In the browser: the first marker (or cluster) is timed by an observer set before the page's
# own scripts run; the bytes are each answer's body as sent (compressed) and its headers.
WEIGH = r"""  await page.addInitScript(() => {
    new MutationObserver((changes, observer) => {
      if (document.querySelector('.incident-marker, .marker-cluster')) {
        window.firstMarker = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const answers = [];
  page.on('requestfinished', request => answers.push(request));
  await page.goto(base + '/');
  await page.waitForFunction(() => window.firstMarker !== undefined
                                   && document.getElementById('map').dataset.outlineLoaded === 'true',
                             null, { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const sizes = [];
  for (const request of answers) {
    const s = await request.sizes();
    sizes.push({ url: request.url().slice(base.length), bytes: s.responseBodySize + s.responseHeadersSize });
  }
  console.log(JSON.stringify({ outside, errors, sizes, firstMarker: await page.evaluate(() => window.firstMarker),
                               markers: await page.locator('#map').getAttribute('data-markers') }));
  await context.close();
})().catch(e => { console.error(e); process.exit(1); });
"""


def _load(base: str, paths: str | list[str], clients: int, requests: int) -> tuple[float, float]:
    """(requests per second, p95 latency in ms) for `requests` GETs over `clients` connections:
    of one path, or of each of a list in turn (a different page each time)."""
    per_client = max(1, requests // clients)
    every = [paths] if isinstance(paths, str) else paths

    def client(k: int) -> list[float]:
        times = []
        with httpx.Client(base_url=base, timeout=60, headers={"accept-encoding": "gzip"}) as http:
            for j in range(per_client):
                start = time.perf_counter()
                response = http.get(every[(k * per_client + j) % len(every)])
                times.append(time.perf_counter() - start)
                response.raise_for_status()
        return times

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = [t for batch in pool.map(client, range(clients)) for t in batch]
    elapsed = time.perf_counter() - start
    return len(times) / elapsed, statistics.quantiles(times, n=20)[18] * 1000


def _weigh_map(base: str, folder: Path) -> dict | None:
    """The map page in headless Chromium: bytes per answer and ms to the first marker; None
    (saying why) without the browser or npm's packages."""
    from test_pages import CHROMIUM, FLAGS, NODE_MODULES, _browser_missing, browser_script

    missing = _browser_missing()
    if missing:
        print(f"map page not weighed: {missing}")
        return None
    script = folder / "weigh.js"
    script.write_text(browser_script(WEIGH, width=1400), encoding="utf-8")
    ran = subprocess.run(["node", str(script), base, str(folder), str(folder / "profile"), CHROMIUM,
                          json.dumps(FLAGS)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
    if ran.returncode != 0:
        raise SystemExit(f"the browser failed:\n{ran.stderr}")
    return json.loads(ran.stdout.strip().splitlines()[-1])


def _profile(db: Path, paths: list[str], out: Path) -> None:
    """cProfile of the app answering `paths` in this process: the endpoints run inline (not in
    a worker thread), so that one profile, on for each request, sees the whole of its work."""
    import fastapi.dependencies.utils
    import fastapi.routing
    from fastapi.testclient import TestClient

    from corroborate import Store
    from corroborate.web.app import create_app

    async def inline(call, *args, **kwargs):
        return call(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = inline  # type: ignore[assignment]
    profile = cProfile.Profile()

    def profiled(app):
        async def asgi(scope, receive, send):
            if scope["type"] != "http" or not counting:
                return await app(scope, receive, send)
            profile.enable()
            try:
                await app(scope, receive, send)
            finally:
                profile.disable()
        return asgi

    counting = False
    with Store(db) as store, TestClient(profiled(create_app(store=store))) as client:
        client.get("/")  # warm: the first request opens the store and reads the rules
        counting = True
        for path in paths:
            client.get(path)
    with out.open("w") as file:
        for order in ("tottime", "cumulative"):
            pstats.Stats(profile, stream=file).sort_stats(order).print_stats(40)
    print(f"profile of {len(paths)} requests, none asked before: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    os.environ["CORROBORATE_SHARED"] = str(args.shared)  # read by the tests' conftest, on import
    from live_server import built_large_store, serving  # the tests' store and server, made the same way

    folder = ROOT / ".pytest_cache" / "d" / "large-store"
    start = time.perf_counter()
    built = built_large_store(folder)
    took = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.duckdb"
        shutil.copyfile(built, db)
        with serving(db) as base:
            total = httpx.get(base + "/api/incidents", params={"limit": 1}).json()["total"]
            built_in = (folder / "seconds.txt").read_text().strip()
            print(f"store: {total:,} incidents and totals, " +
                  (f"built in {built_in} s" if took > 5 else f"kept from an earlier build (built in {built_in} s)"))
            weighed = _weigh_map(base, Path(scratch))
            if weighed:
                assert not weighed["outside"] and not weighed["errors"], weighed
                sent = sum(s["bytes"] for s in weighed["sizes"])
                print(f"map page: {sent / 1024:,.0f} KB transferred in {len(weighed['sizes'])} answers "
                      f"(target ≤ {MAP_LIMIT // 1024} KB); first marker at {weighed['firstMarker']:,.0f} ms; "
                      f"{int(weighed['markers']):,} incidents on the map")
                for s in sorted(weighed["sizes"], key=lambda s: -s["bytes"])[:6]:
                    print(f"    {s['bytes'] / 1024:>8,.1f} KB  {s['url']}")
            ids = [i["id"] for i in httpx.get(base + "/api/incidents", params={
                "kind": "incident", "limit": args.requests + 1, "offset": 100}).json()["items"]]
            incident = f"/incidents/{quote(ids[0], safe='')}"
            dynamic = ["/", incident, "/api/incidents?limit=100"]
            # the same page asked again and again is kept (web/answers.py); a different incident
            # each time shows what making a page costs
            cold = [f"/incidents/{quote(i, safe='')}" for i in ids[1:]]
            _load(base, "/static/style.css", args.clients, args.clients * 5)  # warm up
            print(f"{args.clients} concurrent clients, {args.requests} requests per path, loopback, gzip accepted")
            print(f"{'path':<40} {'req/s':>8} {'p95 ms':>8} {'static req/s':>13} {'share':>6}")
            for label, paths in [*((path, path) for path in dynamic),
                                 (f"/incidents/… ({len(cold)} different ones)", cold)]:
                static, _ = _load(base, "/static/style.css", args.clients, args.requests)
                rate, p95 = _load(base, paths, args.clients, args.requests)
                print(f"{label:<40} {rate:>8.1f} {p95:>8.1f} {static:>13.1f} {rate / static:>6.0%}"
                      f"{'' if rate / static >= SHARE else '  (below the 25% target)'}")
        if args.profile:
            _profile(db, [f"/?page={k}" for k in range(2, 12)] + cold[:40] +
                     [f"/api/incidents?limit=100&offset={100 * k}" for k in range(1, 11)], args.profile)


if __name__ == "__main__":
    main()
