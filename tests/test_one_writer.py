"""One writer: concurrent requests to a live server cannot interleave their writes, every
change lands with its audit entry or not at all, and the command line works beside it."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from conftest import run_cli
from corroborate import Store
from live_server import serving

pytestmark = pytest.mark.slow

# Twelve reports of one ambush: one village, one day, different counts and sources.
REPORT = ("Gunmen killed {n} civilians in an ambush near Baniyas on 6 March 2025, {who} said. "
          "The attackers fired on a minibus on the coastal road.")
SOURCES = ("residents", "a local doctor", "the Syrian Observatory for Human Rights", "a medic",
           "an official", "witnesses", "a rescuer", "the village's mayor", "a nurse", "relatives",
           "a police officer", "a monitor")


@pytest.fixture
def served(tmp_path):
    db = tmp_path / "store.duckdb"
    token = run_cli("token", "create", "--role", "editor", "--name", "desk", "--db", db).stdout.strip()
    with serving(db) as base:
        yield db, base, token


def _post(base: str, token: str, k: int) -> httpx.Response:
    body = {"doc_id": f"ambush-{k}", "content": REPORT.format(n=12 + k % 4, who=SOURCES[k]),
            "meta": {"published": "2025-03-07", "outlet": f"Outlet {k}"}}
    return httpx.post(f"{base}/api/documents", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=120)


def _patch(base: str, token: str, status: str) -> httpx.Response:
    return httpx.patch(f"{base}/api/claims/ambush-0/0", json={"status": status},
                       headers={"Authorization": f"Bearer {token}"}, timeout=120)


def test_concurrent_posts_and_patches_leave_one_incident_each_write_audited(served):
    db, base, token = served
    with ThreadPoolExecutor(12) as pool:
        posted = list(pool.map(lambda k: _post(base, token, k), range(12)))
    assert {r.status_code for r in posted} <= {201, 503}, [r.text for r in posted if r.status_code >= 400]
    statuses = ["verified", "unverified", "alleged", "reported"] * 3
    with ThreadPoolExecutor(12) as pool:
        patched = list(pool.map(lambda s: _patch(base, token, s), statuses))
    assert {r.status_code for r in patched} <= {200, 503}, [r.text for r in patched if r.status_code >= 400]
    stored_ok = {f"ambush-{k}" for k, r in enumerate(posted) if r.status_code == 201}
    assert "ambush-0" in stored_ok or all(r.status_code != 200 for r in patched)

    with Store(db, read_only=True, wait=60) as store:
        assert store.check()[1] == []  # every invariant of `corroborate check` holds
        incidents = [i for i in store.incidents() if i["kind"] == "incident"]
        assert len(incidents) == 1, incidents  # never the same incident twice
        held = [c["doc"] for c in incidents[0]["claims"] + incidents[0]["outliers"]]
        assert sorted(set(held)) == sorted(stored_ok) and len(held) == len(set(held))
        for k in range(12):  # a 2xx has its entry; anything else left nothing behind
            doc = f"ambush-{k}"
            entries = store.audit(f"document:{doc}")
            if doc in stored_ok:
                assert [e["action"] for e in entries] == ["ingest"] and entries[0]["who"] == "desk"
            else:
                assert store.document(doc) is None and not entries
        changes = store.audit("claim:ambush-0:0")
        assert len(changes) == sum(r.status_code == 200 for r in patched)
        if changes:  # the claim's status is the one the last audited change set
            assert store.claims("ambush-0")[0].status == changes[-1]["after"]["status"]


def test_cli_reads_and_writes_beside_a_running_server(served, tmp_path):
    db, base, token = served
    assert _post(base, token, 0).status_code == 201
    claims = run_cli("claims", "--db", db, "--format", "jsonl").stdout
    assert [json.loads(line)["doc"] for line in claims.splitlines()] == ["ambush-0"]
    report = tmp_path / "in" / "ambush-1.txt"
    report.parent.mkdir()
    report.write_text(REPORT.format(n=13, who="a medic"), encoding="utf-8")
    waited = run_cli("ingest", report.parent, "--db", db, "--wait", "60")
    assert "1 ingested" in waited.stderr
    assert _post(base, token, 2).status_code == 201  # the server took the file back
    report.write_text(REPORT.format(n=14, who="a rescuer"), encoding="utf-8")
    through = run_cli("ingest", report.parent, "--server", base, "--token", token)
    assert "writing through the server" in through.stderr and "1 ingested" in through.stderr
    incidents = run_cli("incidents", "--db", db, "--format", "jsonl").stdout
    assert len([line for line in incidents.splitlines() if '"kind": "incident"' in line]) == 1


def test_a_write_command_says_what_to_do_when_the_server_holds_the_store(served, tmp_path):
    db, base, token = served
    report = tmp_path / "in.txt"
    report.write_text(REPORT.format(n=13, who="a medic"), encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:  # keeps the server at work, and the file held
        busy = pool.submit(lambda: [httpx.get(f"{base}/api/claims", timeout=60) for _ in range(200)])
        refused = run_cli("ingest", report, "--db", db, "--wait", "0", check=False)
        busy.result()
    if refused.returncode == 0:
        pytest.skip("the server let go of the file between two requests: nothing to refuse this time")
    assert refused.returncode == 2
    assert "in use by another process" in refused.stderr and "--wait" in refused.stderr
    assert "--server URL --token" in refused.stderr and "Traceback" not in refused.stderr
