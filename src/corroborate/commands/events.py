"""Commands over events: what happened, where and when, per document (../spec/events.md)."""
from __future__ import annotations

from pathlib import Path

import typer

from corroborate.cli import DbOption, WaitOption, app, fail, open_store
from corroborate.document import Event
from corroborate.publish.formats import FORMATS, span, write_rows

TABLE = ("doc", "event_type", "sub_event_type", "date", "place", "actor1", "actor2", "killed", "injured",
         "fatalities")


def _row(event: Event, fmt: str) -> dict:
    row = event.to_exchange()
    if fmt == "table":
        row["killed"] = span(event.killed_low, event.killed_high)
        row["injured"] = span(event.injured_low, event.injured_high)
    return row


@app.command()
def events(db: Path | None = DbOption,
           doc: str | None = typer.Option(None, "--doc", help="Only this document's events."),
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
           wait: float = WaitOption) -> None:
    """Events per document: ACLED type, place, date, actors, killed and injured, ACLED fatalities."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    store = open_store(db, read_only=True, wait=wait)
    if doc and store.document(doc) is None:
        fail(f"no document {doc!r} in the store")
    write_rows((_row(e, fmt) for e in store.events(doc)), fmt, Event.EXCHANGE_FIELDS, TABLE)
