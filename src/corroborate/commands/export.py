"""`corroborate export`: claims, events or incidents for other tools (QGIS, ACLED's users)."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import typer

from corroborate import profiles
from corroborate.cli import DbOption, WaitOption, app, fail, open_store
from corroborate.publish.export import FORMATS, SUBJECTS


@app.command()
def export(fmt: str = typer.Option(..., "--format", help=f"One of {', '.join(FORMATS)}."),
           what: str = typer.Option(..., "--what", help=f"One of {', '.join(SUBJECTS)}."),
           profile: str | None = typer.Option(None, "--profile",
                                                 help=f"Add a recorder's figures: {', '.join(profiles.PROFILES)}."),
           out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of to stdout."),
           db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Write claims, events or incidents as JSON Lines, CSV, GeoJSON (RFC 7946) or ACLED-style CSV;
    or linked persons (one row per list record: list, record_id, person_id) as JSON Lines or CSV."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if what not in SUBJECTS:
        fail(f"--what must be one of {', '.join(SUBJECTS)}")
    if profile and profile not in profiles.PROFILES:
        fail(f"--profile must be one of {', '.join(profiles.PROFILES)}")
    if what == "persons" and fmt not in ("jsonl", "csv"):
        fail("persons are exported as --format jsonl or csv")
    store = open_store(db, read_only=what != "incidents", wait=wait)
    if what == "persons" and store.linkage() is None:
        fail("no persons yet: import victim lists (`corroborate lists import`) and run `corroborate link`")
    # standard output is written to, not closed: the caller (a shell, a test's runner) still holds it
    with out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
        written, skipped = store.export(what, fmt, stream, profile)
    if skipped:
        print(f"{skipped} {what} without coordinates left out of the GeoJSON", file=sys.stderr)
    print(f"{written} {what} exported", file=sys.stderr)
