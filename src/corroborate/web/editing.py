"""Editing in the pages: an editor logs in with their token (kept in an HttpOnly, SameSite=Strict
cookie), then merges incidents, splits claims off and changes a claim's status from the
incident's page, each with a reason the audit log keeps. The forms call the Store's edits, as
the JSON API does. Every POST carries a CSRF token (access.csrf_token) or is refused (403)."""
from __future__ import annotations

import secrets
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api import Holder, Store
from corroborate.web.access import COOKIE, check_csrf, csrf_token, the_store
from corroborate.web.api import answer_edit
from corroborate.web.pages import render

router = APIRouter(include_in_schema=False)
NONCE = "corroborate_login"  # the login form's session, before there is a token to sign
MAX_REASON = 2000


async def _form(request: Request) -> dict[str, list[str]]:
    """An HTML form's fields (application/x-www-form-urlencoded), each with its values."""
    return parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _cookie(response, name: str, value: str, request: Request, path: str = "/") -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path=path,
                        secure=request.url.scheme == "https")


def _back(next_page: str) -> str:
    """Where to go after logging in: a path of this site only (never another host's page)."""
    return next_page if next_page.startswith("/") and not next_page.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):  # noqa: A002 (the query string's name)
    nonce = secrets.token_urlsafe(24)
    page = render(request, "login.html", next=_back(next), login_csrf=csrf_token(request, nonce), problem=None)
    _cookie(page, NONCE, nonce, request, path="/login")
    return page


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, store: Store = Depends(the_store)):
    form = await _form(request)
    nonce = request.cookies.get(NONCE)
    check_csrf(request, nonce, _one(form, "csrf"))
    token, next_page = _one(form, "token"), _back(_one(form, "next") or "/")
    if store.holder(token) is None:
        return render(request, "login.html", next=next_page, login_csrf=csrf_token(request, nonce or ""),
                      problem="That token is not valid (mistyped, or revoked).", status_code=401)
    done = RedirectResponse(next_page, status_code=303)
    _cookie(done, COOKIE, token, request)
    done.delete_cookie(NONCE, path="/login", httponly=True, samesite="strict")
    return done


@router.post("/logout")
async def logout(request: Request):
    check_csrf(request, request.cookies.get(COOKIE), _one(await _form(request), "csrf"))
    done = RedirectResponse("/", status_code=303)
    done.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return done


async def _editor(request: Request, store: Store) -> tuple[Holder, dict[str, list[str]], str]:
    """The editor sending this form, its fields and its reason: 403 without the form's CSRF
    token, 401 without a valid login, 403 for a token below the editor's role, 422 with no reason."""
    form = await _form(request)
    token = request.cookies.get(COOKIE)
    check_csrf(request, token, _one(form, "csrf"))
    who = store.holder(token)
    if who is None:
        raise HTTPException(401, "log in again: the token is no longer valid")
    if not who.may("editor"):
        raise HTTPException(403, f"editing needs the editor role; the token is {who.role}'s")
    reason = _one(form, "reason")
    if not reason or len(reason) > MAX_REASON:
        raise HTTPException(422, f"say why (a reason of 1 to {MAX_REASON} characters): the audit log keeps it")
    return who, form, reason


def _incident_page(incident_id: str) -> RedirectResponse:
    return RedirectResponse(f"/incidents/{quote(incident_id, safe='')}#audit", status_code=303)


@router.post("/incidents/{incident_id}/merge")
async def merge(incident_id: str, request: Request, store: Store = Depends(the_store)):
    who, form, reason = await _editor(request, store)
    answer_edit(lambda: store.merge(incident_id, _one(form, "absorb"), who, reason))
    return _incident_page(incident_id)


@router.post("/incidents/{incident_id}/split")
async def split(incident_id: str, request: Request, store: Store = Depends(the_store)):
    who, form, reason = await _editor(request, store)
    answer_edit(lambda: store.split(incident_id, form.get("claims", []), who, reason))
    return _incident_page(incident_id)


@router.post("/incidents/{incident_id}/status")
async def status(incident_id: str, request: Request, store: Store = Depends(the_store)):
    """A claim's status, from the page of an incident that holds it ("claim" is "doc:n")."""
    who, form, reason = await _editor(request, store)
    doc_id, _, n = _one(form, "claim").rpartition(":")
    if not doc_id or not n.isdigit():
        raise HTTPException(422, "choose a claim")
    answer_edit(lambda: store.set_status(doc_id, int(n), _one(form, "status"), who, reason))
    return _incident_page(incident_id)
