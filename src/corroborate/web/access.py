"""Who is asking: FastAPI dependencies that read the bearer token and enforce roles.

No valid token where one is needed: 401. A valid token of too small a role: 403."""
from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

from corroborate.api import Holder, Store

COOKIE = "corroborate_token"  # so that a browser can read a private record's pages


def the_store(request: Request) -> Store:
    return request.app.state.store


def _token(request: Request, cookie: bool = True) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    return request.cookies.get(COOKIE) if cookie else None


def _holder(request: Request, cookie: bool = True) -> Holder:
    found = request.app.state.store.holder(_token(request, cookie))
    if found is None:
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    return found


def needs(role: str):
    """The API's writes: the token in the Authorization header only. A browser sends its login
    cookie with any request, one another page makes too; the pages' forms, which carry a CSRF
    token, are the browser's way to write (web/editing.py)."""
    def check(request: Request) -> Holder:
        found = _holder(request, cookie=False)
        if not found.may(role):
            raise HTTPException(403, f"this needs the {role} role; the token is {found.role}'s")
        return found
    return check


def reader(request: Request) -> Holder | None:
    """Reads are public unless the server was started with reads for token holders only."""
    return _holder(request) if request.app.state.private else None


def signed_in(request: Request) -> Holder | None:
    """Who the browser's login cookie names (None: nobody, or a token no longer valid). Asked
    only when the cookie is there, so that a page read by anyone costs no query."""
    token = request.cookies.get(COOKIE)
    return request.app.state.store.holder(token) if token else None


def csrf_token(request: Request, session: str) -> str:
    """The form field that proves a POST came from one of our pages: the session (the login
    cookie, or before it the login form's nonce) signed with the server's key. Another site
    can neither read the HttpOnly cookie nor make the signature."""
    return hmac.new(request.app.state.csrf_key, session.encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, session: str | None, given: str | None) -> None:
    """403 unless `given` is the field `csrf_token` made for this session."""
    if not session or not given or not hmac.compare_digest(csrf_token(request, session), given):
        raise HTTPException(403, "the form is not one of this server's pages (its CSRF token is missing or wrong): "
                                 "reload the page and send it again")
