"""The command line. Each module in corroborate.commands adds its commands to `app`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from corroborate.store import connect
from corroborate.store.db import ENV_VAR

app = typer.Typer(help="Casualty claims from open sources, each traced to an archived sentence.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", envvar=ENV_VAR, help="DuckDB store (default ./corroborate.duckdb).")


def fail(message: str, code: int = 2) -> None:
    """Say what is wrong in one line and exit with `code`."""
    # soft_wrap: one line whatever the width, so that logs can be grepped
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_store(db: Optional[Path], read_only: bool = False):
    try:
        return connect(db, read_only=read_only)
    except FileNotFoundError as problem:
        fail(str(problem))
    except Exception as problem:  # duckdb raises its own IOException, lock errors, corrupt files
        fail(f"{db or 'store'}: cannot open: {problem}")


# Registering the commands: importing a module adds its commands to `app`.
from corroborate.commands import documents  # noqa: E402,F401
from corroborate.commands import places  # noqa: E402,F401
from corroborate.commands import events  # noqa: E402,F401
from corroborate.commands import incidents  # noqa: E402,F401
from corroborate.commands import serve  # noqa: E402,F401
from corroborate.commands import tokens  # noqa: E402,F401
from corroborate.commands import export  # noqa: E402,F401
from corroborate.commands import check  # noqa: E402,F401
