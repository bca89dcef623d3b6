"""Who is asking: FastAPI dependencies that read the bearer token and enforce roles.

No valid token where one is needed: 401. A valid token of too small a role: 403."""
from __future__ import annotations

from fastapi import HTTPException, Request

from corroborate.api import Holder, Store

COOKIE = "corroborate_token"  # so that a browser can read a private record's pages


def the_store(request: Request) -> Store:
    return request.app.state.store


def _token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    return request.cookies.get(COOKIE)


def _holder(request: Request) -> Holder:
    found = request.app.state.store.holder(_token(request))
    if found is None:
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    return found


def needs(role: str):
    def check(request: Request) -> Holder:
        found = _holder(request)
        if not found.may(role):
            raise HTTPException(403, f"this needs the {role} role; the token is {found.role}'s")
        return found
    return check


def reader(request: Request) -> Holder | None:
    """Reads are public unless the server was started with reads for token holders only."""
    return _holder(request) if request.app.state.private else None
