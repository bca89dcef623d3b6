"""The command line. Each module in corroborate.commands adds its commands to `app`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from corroborate.store import connect
from corroborate.store.db import ENV_VAR

app = typer.Typer(help="Casualty claims from open sources, each traced to an archived sentence.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", envvar=ENV_VAR, help="DuckDB store (default ./corroborate.duckdb).")


def fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(2)


def open_store(db: Optional[Path], read_only: bool = False):
    try:
        return connect(db, read_only=read_only)
    except FileNotFoundError as problem:
        fail(str(problem))
    except Exception as problem:  # duckdb raises its own IOException, lock errors, corrupt files
        fail(f"{db or 'store'}: cannot open: {problem}")


# Registering the commands: importing a module adds its commands to `app`.
from corroborate.commands import documents  # noqa: E402,F401
