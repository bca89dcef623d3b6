"""Tokens and roles. Only a token's sha256 is stored: a leaked store does not leak tokens."""
from __future__ import annotations

import getpass
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

import duckdb

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)  # each may do what the ones before it may


@dataclass(frozen=True)
class Holder:
    name: str
    role: str

    def may(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def _local() -> Holder:
    """Whoever runs the command line: they own the store file, so they may do anything."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        user = "unknown"
    return Holder(f"local:{user}", "admin")


LOCAL = _local()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(con: duckdb.DuckDBPyConnection, role: str, name: str) -> str:
    """A new token for `role`; the caller shows it once, as nothing can show it again."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    token = "cor_" + secrets.token_urlsafe(32)
    con.execute("INSERT INTO tokens VALUES (?, ?, ?, now(), NULL)", [_hash(token), role, name])
    return token


def holder(con: duckdb.DuckDBPyConnection, token: str | None) -> Holder | None:
    """Who holds a valid (known, not revoked) token; None otherwise."""
    if not token:
        return None
    row = con.execute("SELECT name, role FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
                      [_hash(token)]).fetchone()
    return Holder(*row) if row else None


def revoke(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    """Revoke a valid token; the name of its holder (None: unknown or revoked already)."""
    row = con.execute("UPDATE tokens SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL "
                      "RETURNING name", [_hash(token)]).fetchone()
    return row[0] if row else None


def listing(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The tokens by name and role; a hash prefix tells two of the same name apart."""
    rows = con.execute("SELECT left(token_hash, 12), name, role, created_at, revoked_at FROM tokens "
                       "ORDER BY created_at").fetchall()
    return [dict(zip(("hash", "name", "role", "created_at", "revoked_at"), r, strict=True)) for r in rows]
