"""Editors edit in the pages (issue 14, item 7), through the app in this process on a real store:
log in with a token (an HttpOnly, SameSite=Strict cookie), every POST refused without the page's
CSRF token, forms only for editors, and merge, split and a claim's status each with a reason
that the audit log and the page show. The forms make the same Store edits as the JSON API."""
from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from corroborate import Store
from corroborate.web.app import create_app
from test_auth import FIRST, SECOND, _token

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    db = tmp_path_factory.mktemp("editing") / "store.duckdb"
    made = {role: _token(db, role, f"{role}-person") for role in ("viewer", "editor")}
    with Store(db) as store, TestClient(create_app(store=store)) as client:
        for doc in (FIRST, SECOND):
            assert client.post("/api/documents", json=doc,
                               headers={"Authorization": f"Bearer {made['editor']}"}).status_code == 201
    return db, made


@pytest.fixture
def app(store_file):
    """A browser of its own for each test: its own cookies."""
    db, _ = store_file
    with Store(db) as store, TestClient(create_app(store=store), follow_redirects=False) as client:
        yield client


def _field(html: str, name: str, form: str | None = None) -> str:
    """A hidden field's value: the first in the page, or in the form of id `form`."""
    found = re.search(rf'name="{name}" value="([^"]*)"', html[html.index(f'id="{form}"'):] if form else html)
    assert found, f"no field {name!r} in the page"
    return unescape(found.group(1))


def _login(app, token: str):
    form = app.get("/login").text
    return app.post("/login", data={"token": token, "csrf": _field(form, "csrf", "login"), "next": "/"})


def _incidents(app) -> dict[str, dict]:
    return {i["id"]: i for i in app.get("/api/incidents").json()["items"]}


def test_logging_in_sets_a_cookie_no_script_reads_and_only_from_our_form(app, store_file):
    _, made = store_file
    form = app.get("/login").text
    assert re.search(r'<label for="token">[^<]+</label>\s*<input type="password" id="token"', form)
    assert app.post("/login", data={"token": made["editor"]}).status_code == 403  # no CSRF token
    assert app.post("/login", data={"token": made["editor"], "csrf": "0" * 64}).status_code == 403
    wrong = app.post("/login", data={"token": "cor_forged", "csrf": _field(form, "csrf")})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    done = app.post("/login", data={"token": made["editor"], "csrf": _field(form, "csrf"), "next": "//evil.example/"})
    assert done.status_code == 303 and done.headers["location"] == "/"  # never to another host
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith("corroborate_token="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "editor-person (editor)" in app.get("/").text
    # the cookie reads; it does not write through the API, where no CSRF token is asked
    incident = next(iter(_incidents(app)))
    assert app.post(f"/api/incidents/{incident}/merge", json={"absorb": incident}).status_code == 401


def test_the_forms_are_for_editors_only(app, store_file):
    _, made = store_file
    incident = next(iter(_incidents(app)))
    assert 'id="merge-form"' not in app.get(f"/incidents/{incident}").text
    _login(app, made["viewer"])
    assert 'id="merge-form"' not in app.get(f"/incidents/{incident}").text
    page = app.get("/")
    csrf = _field(page.text, "csrf")
    # a viewer with a valid CSRF token is still refused the edit itself
    assert app.post(f"/incidents/{incident}/status", data={"csrf": csrf, "claim": "aleppo-shelling:0",
                                                           "status": "verified", "reason": "x"}).status_code == 403
    _login(app, made["editor"])
    page = app.get(f"/incidents/{incident}").text
    for form in ("merge-form", "status-form"):
        assert f'id="{form}"' in page
    for name in ("merge-absorb", "merge-reason", "status-claim", "status-status", "status-reason"):
        assert f'<label for="{name}">' in page  # every field has its label


def test_merge_split_and_status_each_with_a_reason_in_the_audit_log(app, store_file):
    _, made = store_file
    _login(app, made["editor"])
    by_doc = {c["doc"]: i["id"] for i in _incidents(app).values() for c in i["claims"]}
    keep, absorb = by_doc["aleppo-shelling"], by_doc["aleppo-followup"]
    assert keep != absorb, "the misdated report should have made an incident of its own"
    csrf = _field(app.get(f"/incidents/{keep}").text, "csrf")
    merge = f"/incidents/{keep}/merge"
    assert app.post(merge, data={"absorb": absorb, "reason": "same shelling"}).status_code == 403
    assert app.post(merge, data={"absorb": absorb, "reason": "same shelling", "csrf": csrf[::-1]}).status_code == 403
    assert app.post(merge, data={"absorb": absorb, "reason": " ", "csrf": csrf}).status_code == 422
    assert absorb in _incidents(app)  # nothing refused was written
    done = app.post(merge, data={"absorb": absorb, "reason": "one shelling, misdated by a day", "csrf": csrf})
    assert done.status_code == 303 and done.headers["location"] == f"/incidents/{keep}#audit"
    assert absorb not in _incidents(app)
    page = app.get(f"/incidents/{keep}").text
    assert re.search(r"<td>merge</td><td class=\"reason\">one shelling, misdated by a day</td>", page)
    assert "merged" in page  # the history tells it too
    entry = app.get(f"/api/incidents/{keep}").json()["audit"][-1]
    assert (entry["action"], entry["who"], entry["reason"]) == ("merge", "editor-person",
                                                                 "one shelling, misdated by a day")

    status = app.post(f"/incidents/{keep}/status", data={"claim": "aleppo-followup:0", "status": "unverified",
                                                         "reason": "the civil defence retracted", "csrf": csrf})
    assert status.status_code == 303
    claim = next(c for c in app.get("/api/documents/aleppo-followup").json()["claims"] if c["n"] == 0)
    assert claim["status"] == "unverified"
    audit = app.get("/api/documents/aleppo-followup").json()["audit"]
    assert audit[-1]["action"] == "claim status" and audit[-1]["reason"] == "the civil defence retracted"

    split = app.post(f"/incidents/{keep}/split", data={"claims": "aleppo-followup:0", "reason": "two days apart",
                                                       "csrf": csrf})
    assert split.status_code == 303
    parted = _incidents(app)
    assert [c["doc"] for c in parted[keep]["claims"]] == ["aleppo-shelling"]
    actions = [(a["action"], a["reason"]) for a in app.get(f"/api/incidents/{keep}").json()["audit"]]
    assert actions == [("merge", "one shelling, misdated by a day"), ("split", "two days apart")]


def test_logging_out_needs_the_form_too(app, store_file):
    _, made = store_file
    _login(app, made["editor"])
    csrf = _field(app.get("/").text, "csrf")
    assert app.post("/logout").status_code == 403
    assert "editor-person" in app.get("/").text
    out = app.post("/logout", data={"csrf": csrf})
    assert out.status_code == 303
    assert "editor-person" not in app.get("/").text and 'href="/login?next=/"' in app.get("/").text
