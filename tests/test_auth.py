"""Roles against the app (in this process): writes need a token of the right role (401 without a valid
one, 403 with too small a one), every write is in the audit log and on the page it changed,
reads can be made token-only, and only hashes of tokens are stored."""
from __future__ import annotations

import duckdb
import pytest

from conftest import cli
from live_server import app_client

pytestmark = pytest.mark.slow

# Our own sentences: one shelling, told twice; the second report misdates it by a day.
FIRST = {"doc_id": "aleppo-shelling", "meta": {"title": "Shelling kills 12 in Aleppo", "outlet": "Example Wire",
                                               "published": "2024-05-03"},
         "content": "Shelling kills 12 in Aleppo\n\nALEPPO, May 3, 2024 - Shelling killed 12 civilians in Aleppo "
                    "on Friday, the Syrian Observatory for Human Rights said.\n"}
SECOND = {"doc_id": "aleppo-followup",
          "meta": {"title": "Toll rises", "outlet": "Other Wire", "published": "2024-05-04"},
          "content": "Toll rises in Aleppo\n\nALEPPO, May 4, 2024 - Fourteen civilians were killed in the shelling "
                     "of Aleppo on Saturday, the civil defence said.\n"}


def _token(db, role: str, name: str) -> str:
    return cli("token", "create", "--role", role, "--name", name, "--db", db).stdout.strip()


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    db = tmp_path_factory.mktemp("auth") / "store.duckdb"
    made = {role: _token(db, role, f"{role}-person") for role in ("viewer", "editor", "admin")}
    return db, made


@pytest.fixture(scope="module")
def server(tokens):
    db, _ = tokens
    with app_client(db) as client:
        yield client


def _as(token: str | None) -> dict:
    return {"Authorization": f"Bearer {token}"} if token else {}


def test_only_hashes_of_tokens_are_stored(tokens):
    db, made = tokens
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT token_hash, role FROM tokens").fetchall()
    con.close()
    assert len(stored) == 3
    dump = repr(stored)
    assert not any(token in dump for token in made.values())


def test_writes_need_a_valid_token_of_the_editor_role(server, tokens):
    _, made = tokens
    assert server.post("/api/documents", json=FIRST).status_code == 401
    assert server.post("/api/documents", json=FIRST, headers=_as("cor_forged")).status_code == 401
    assert server.post("/api/documents", json=FIRST, headers=_as(made["viewer"])).status_code == 403
    for posted in (FIRST, SECOND):
        response = server.post("/api/documents", json=posted, headers=_as(made["editor"]))
        assert response.status_code == 201, response.text
        assert response.json()["outcome"] == "ingested" and response.json()["claims"] == 1
    again = server.post("/api/documents", json=FIRST, headers=_as(made["admin"]))
    assert again.json()["outcome"] == "unchanged"


def test_a_status_change_is_audited_and_shown_on_the_document_page(server, tokens):
    _, made = tokens
    change = {"status": "verified"}
    assert server.patch("/api/claims/aleppo-shelling/0", json=change).status_code == 401
    assert server.patch("/api/claims/aleppo-shelling/0", json=change, headers=_as(made["viewer"])).status_code == 403
    assert server.patch("/api/claims/aleppo-shelling/0", json={"status": "certain"},
                        headers=_as(made["editor"])).status_code == 422
    response = server.patch("/api/claims/aleppo-shelling/0", json=change, headers=_as(made["editor"]))
    assert response.status_code == 200, response.text
    claim = server.get("/api/claims", params={"source": "Observatory"}).json()["items"][0]
    assert claim["status"] == "verified"
    audit = server.get("/api/documents/aleppo-shelling").json()["audit"]
    status = [a for a in audit if a["action"] == "claim status"]
    assert status[-1]["who"] == "editor-person" and status[-1]["before"] == {"status": "reported"}
    assert status[-1]["after"] == {"status": "verified"}
    page = server.get("/documents/aleppo-shelling").text
    assert "editor-person" in page and "claim status" in page


def _incidents(server) -> dict[str, dict]:
    return {i["id"]: i for i in server.get("/api/incidents", params={"kind": "incident"}).json()["items"]}


def test_merging_and_splitting_incidents(server, tokens):
    _, made = tokens
    before = _incidents(server)
    by_doc = {c["doc"]: i for i in before.values() for c in i["claims"]}
    keep, absorb = by_doc["aleppo-shelling"]["id"], by_doc["aleppo-followup"]["id"]
    assert keep != absorb, "the misdated report should have made an incident of its own"
    path = f"/api/incidents/{keep}/merge"
    assert server.post(path, json={"absorb": absorb}).status_code == 401
    assert server.post(path, json={"absorb": absorb}, headers=_as(made["viewer"])).status_code == 403
    assert server.post(path, json={"absorb": keep}, headers=_as(made["editor"])).status_code == 422
    merged = server.post(path, json={"absorb": absorb}, headers=_as(made["editor"]))
    assert merged.status_code == 200, merged.text
    after = _incidents(server)
    assert absorb not in after
    assert (after[keep]["killed_low"], after[keep]["killed_high"]) == (12, 14)
    assert after[keep]["independent_sources"] == 2
    page = server.get(f"/incidents/{keep}").text
    assert "merge" in page and "editor-person" in page

    split = server.post(f"/api/incidents/{keep}/split", json={"claims": ["aleppo-followup:0"]},
                        headers=_as(made["editor"]))
    assert split.status_code == 200, split.text
    parted = _incidents(server)
    new = split.json()["new"]["id"]
    assert [c["doc"] for c in parted[keep]["claims"]] == ["aleppo-shelling"]
    assert [c["doc"] for c in parted[new]["claims"]] == ["aleppo-followup"]
    actions = [a["action"] for a in server.get(f"/api/incidents/{keep}").json()["audit"]]
    assert actions == ["merge", "split"]


def test_only_an_admin_makes_tokens_over_the_api(server, tokens):
    _, made = tokens
    wanted = {"role": "viewer", "name": "reader"}
    assert server.post("/api/tokens", json=wanted, headers=_as(made["editor"])).status_code == 403
    response = server.post("/api/tokens", json=wanted, headers=_as(made["admin"]))
    assert response.status_code == 201
    assert server.get("/api/incidents", headers=_as(response.json()["token"])).status_code == 200


def test_private_reads_need_a_token(tmp_path):
    db = tmp_path / "private.duckdb"
    viewer = _token(db, "viewer", "reader")
    with app_client(db, private=True) as client:
        assert client.get("/api/incidents").status_code == 401
        assert client.get("/").status_code == 401
        assert client.get("/api/incidents", headers=_as(viewer)).status_code == 200
        client.cookies.set("corroborate_token", viewer)
        assert client.get("/").status_code == 200
