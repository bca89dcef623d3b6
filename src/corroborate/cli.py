"""The command line. Each module in corroborate.commands adds its commands to `app`."""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from corroborate.store.db import ENV_VAR
from corroborate.store.lease import StoreBusy

app = typer.Typer(help="Casualty claims from open sources, each traced to an archived sentence.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", envvar=ENV_VAR, help="DuckDB store (default ./corroborate.duckdb).")
WaitOption = typer.Option(10.0, "--wait", min=0, help="Seconds to wait while another process (a running "
                          "`corroborate serve`, an ingest) holds the store.")


def fail(message: str, code: int = 2) -> NoReturn:
    """Say what is wrong in one line and exit with `code`."""
    # soft_wrap: one line whatever the width, so that logs can be grepped
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_store(db: Path | None, read_only: bool = False, wait: float = 10.0, writes: bool = False,
               through_server: bool = False):
    """The store as a `corroborate.Store`, taken for writing now when the command `writes`;
    any failure to open it is one line and exit 2."""
    from corroborate.api import Store  # here: `--help` need not import the pipeline

    try:
        store = Store(db, read_only=read_only, wait=wait, on_wait=lambda message: err.print(message, highlight=False,
                                                                                             soft_wrap=True))
        with store.writing() if writes else store.reading():
            pass  # the file is taken now, so that a lock or a bad file is told here, in one line
        return store
    except FileNotFoundError as problem:
        fail(str(problem))
    except StoreBusy as problem:
        fail(f"{problem}: pass --wait SECONDS to wait longer" +
             (", or write through the running server: --server URL --token TOKEN" if through_server else ""))
    except Exception as problem:  # duckdb raises its own IOException, corrupt files
        fail(f"{db or 'store'}: cannot open: {problem}")


# Registering the commands: importing a module adds its commands to `app`. The import comes last because
# each command module imports `app` from here.
from corroborate.commands import (  # noqa: E402 (must follow the definition of `app`, see above)
    check,  # noqa: F401 (imported for its commands)
    documents,  # noqa: F401
    events,  # noqa: F401
    export,  # noqa: F401
    incidents,  # noqa: F401
    lists,  # noqa: F401
    places,  # noqa: F401
    serve,  # noqa: F401
    tokens,  # noqa: F401
)
