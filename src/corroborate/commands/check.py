"""`corroborate check`: the store's fsck (corroborate/check.py), read-only."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from corroborate import check as checking
from corroborate.cli import DbOption, app, open_store
from corroborate.store import resolve_db_path
from corroborate.store.check import totals


@app.command()
def check(db: Optional[Path] = DbOption) -> None:
    """Verify the store's invariants: exit 0 with a one-line summary when all hold, 1 with a report when any fails."""
    con = open_store(db, read_only=True)
    findings = checking.problems(con)
    print(checking.report(str(resolve_db_path(db)), totals(con), findings))
    raise typer.Exit(1 if findings else 0)
