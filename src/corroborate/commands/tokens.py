"""`corroborate token create|list|revoke`: who may change the record through the web."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from corroborate.cli import DbOption, app, fail, open_store
from corroborate.publish.formats import write_rows
from corroborate.web import auth

token_app = typer.Typer(help="Tokens for the web API: viewer, editor or admin.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def create(role: str = typer.Option(..., "--role", help=f"One of {', '.join(auth.ROLES)}."),
           name: str = typer.Option("cli", "--name", help="Who holds it: the audit log names them."),
           db: Optional[Path] = DbOption) -> None:
    """Make a token and print it: it is shown this once and stored only as a hash."""
    if role not in auth.ROLES:
        fail(f"--role must be one of {', '.join(auth.ROLES)}")
    con = open_store(db)
    print(auth.create(con, role, name))


@token_app.command("list")
def list_(db: Optional[Path] = DbOption) -> None:
    """The tokens, by name and role (never the tokens themselves)."""
    con = open_store(db)
    write_rows(auth.listing(con), "table", (), ("hash", "name", "role", "created_at", "revoked_at"))


@token_app.command("revoke")
def revoke(token: str = typer.Argument(..., help="The token to revoke."), db: Optional[Path] = DbOption) -> None:
    con = open_store(db)
    if not auth.revoke(con, token):
        fail("no such token, or revoked already")
