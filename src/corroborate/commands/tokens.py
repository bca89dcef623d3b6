"""`corroborate token create|list|revoke`: who may change the record through the web."""
from __future__ import annotations

from pathlib import Path

import typer

from corroborate.cli import DbOption, WaitOption, app, fail, open_store
from corroborate.publish.formats import write_rows
from corroborate.store import tokens as auth

token_app = typer.Typer(help="Tokens for the web API: viewer, editor or admin.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def create(role: str = typer.Option(..., "--role", help=f"One of {', '.join(auth.ROLES)}."),
           name: str = typer.Option("cli", "--name", help="Who holds it: the audit log names them."),
           db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Make a token and print it: it is shown this once and stored only as a hash."""
    if role not in auth.ROLES:
        fail(f"--role must be one of {', '.join(auth.ROLES)}")
    print(open_store(db, wait=wait, writes=True).create_token(role, name))


@token_app.command("list")
def list_(db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """The tokens, by name and role (never the tokens themselves)."""
    write_rows(open_store(db, read_only=True, wait=wait).tokens(), "table", (),
               ("hash", "name", "role", "created_at", "revoked_at"))


@token_app.command("revoke")
def revoke(token: str = typer.Argument(..., help="The token to revoke."), db: Path | None = DbOption,
           wait: float = WaitOption) -> None:
    """Revoke a token: it opens nothing from now on."""
    if not open_store(db, wait=wait, writes=True).revoke_token(token):
        fail("no such token, or revoked already")
