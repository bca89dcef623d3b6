"""Reading and writing events: their `rows` are written with the document's (records.write_many)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import duckdb

from corroborate.document import Document, Event
from corroborate.store import current

# In table order, between (doc_id, version, n, sha256) and the evidence offsets.
COLUMNS = ("event_type", "sub_event_type", "date", "place", "latitude", "longitude", "admin1", "country",
           "actor1", "actor2", "killed_low", "killed_high", "injured_low", "injured_high", "fatalities",
           "evidence")


def rows(doc: Document, version: int, events: Sequence[Event]) -> list[tuple]:
    """The events of this version of the document as rows of the table."""
    return [(doc.doc_id, version, n, doc.sha256, *(getattr(e, k) for k in COLUMNS), e.start, e.end)
            for n, e in enumerate(events)]


def current_events(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> Iterator[Event]:
    for doc, start, end, values in current.rows(con, "events", COLUMNS, doc_id):
        yield Event(doc=doc, start=start, end=end, **values)
