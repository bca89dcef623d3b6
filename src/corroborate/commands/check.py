"""`corroborate check`: the store's fsck (corroborate/check.py), read-only."""
from __future__ import annotations

from pathlib import Path

import typer

from corroborate import check as checking
from corroborate.cli import DbOption, WaitOption, app, open_store
from corroborate.store import resolve_db_path


@app.command()
def check(db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Verify the store's invariants: exit 0 with a one-line summary when all hold, 1 with a report when any fails."""
    totals, findings = open_store(db, read_only=True, wait=wait).check()
    print(checking.report(str(resolve_db_path(db)), totals, findings))
    raise typer.Exit(1 if findings else 0)
