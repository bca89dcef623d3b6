"""The stages in order: archive → clean → extract → store, one document at a time."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import duckdb

from corroborate.archive import ReadFailure, read_file
from corroborate.clean import clean
from corroborate.document import Claim, Document, Text
from corroborate.extract import extract_claims
from corroborate.extract.events import Event, extract_events
from corroborate import reconcile
from corroborate.resolve import gazetteer, locate
from corroborate.resolve.gazetteer import Gazetteer
from corroborate.store import records


def analyse(doc: Document, places: Gazetteer | None = None) -> tuple[Text, list[Claim], list[Event]]:
    """Everything derived from one document; a pure function of it (and of the gazetteer
    its places are resolved in, when one is given)."""
    text = clean(doc)
    claims = extract_claims(doc, text)
    if places is not None:
        locate(claims, text, places)
    return text, claims, extract_events(doc, text, claims)


@dataclass
class Summary:
    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def __str__(self) -> str:
        parts = [f"{self.ingested} ingested"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        parts += [f"{self.unchanged} unchanged", f"{self.failed} failed"]
        return ", ".join(parts)


def ingest(con: duckdb.DuckDBPyConnection, files: Iterable[Path], meta: dict[str, dict] | None = None,
           on_failure: Callable[[ReadFailure], None] = lambda f: None,
           on_file: Callable[[Path], None] = lambda path: None) -> Summary:
    """Archive and analyse every document in `files`; a bad file or line is reported and
    skipped. Each document is written in its own transaction, so an interrupted run
    leaves whole documents only, and running again finishes the job."""
    summary = Summary()
    places = gazetteer.for_store(con)
    meta = meta or {}

    def fail(failure: ReadFailure) -> None:
        summary.failures.append(failure)
        on_failure(failure)

    for path in files:
        for item in read_file(Path(path)):
            _ingest_one(con, item, meta, summary, fail, places)
        on_file(Path(path))
    return summary


def _ingest_one(con, item, meta: dict[str, dict], summary: Summary, fail, places: Gazetteer | None = None) -> None:
    if isinstance(item, ReadFailure):
        fail(item)
        return
    doc = item.with_meta(meta.get(item.doc_id, {}))
    step = records.plan(con, doc)
    if step.action == "unchanged":
        summary.unchanged += 1
        return
    try:
        text, claims, events = analyse(doc, places)
        records.write(con, doc, step, text, claims, events)
        reconcile.update(con, doc.doc_id)  # only the incidents of this document's days
    except Exception as err:  # noqa: BLE001 - one bad document must not end the batch
        fail(ReadFailure(doc.origin, f"could not be processed: {type(err).__name__}: {err}"))
        return
    if step.action == "new":
        summary.ingested += 1
    else:
        summary.updated += 1
