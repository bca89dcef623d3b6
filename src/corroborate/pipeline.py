"""The stages in order: archive → clean → extract → store, one document at a time."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import duckdb

from corroborate import reconcile
from corroborate.archive import FIELDS, Fields, ReadFailure, read_file
from corroborate.clean import clean
from corroborate.document import Claim, Document, Event, Text, id_problem, meta_problem
from corroborate.extract import extract_claims
from corroborate.extract.events import extract_events
from corroborate.extract.sentences import split
from corroborate.resolve import gazetteer, locate, locate_events
from corroborate.store import audit, records
from corroborate.store.db import transaction
from corroborate.store.gazetteer import Gazetteer
from corroborate.store.tokens import LOCAL, Holder


class Analysis(NamedTuple):
    """Everything derived from one document."""

    text: Text
    claims: list[Claim]
    events: list[Event]
    focus: str | None  # the country it is most about (resolve/focus.py), recorded with it


def analyse(doc: Document, places: Gazetteer | None = None) -> Analysis:
    """Everything derived from one document; a pure function of it (and of the gazetteer
    its places are resolved in, when one is given)."""
    text = clean(doc)
    sentences = split(text.text)
    claims = extract_claims(doc, text, sentences)
    located = locate(claims, text, places, doc.meta.get("country")) if places is not None else None
    events = extract_events(doc, text, claims, sentences)
    if located is not None:
        locate_events(events, located)
    focus = located.focus.countries[0] if located is not None and located.focus.countries else None
    return Analysis(text, claims, events, focus)


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


RECONCILE_EVERY = 200  # documents per reconciliation: bounds what a killed run leaves to catch up
PLAN_AHEAD = 100  # documents read ahead, so that what is stored of them is asked in one query


def ingest(con: duckdb.DuckDBPyConnection, files: Iterable[Path], meta: dict[str, dict] | None = None,
           who: Holder = LOCAL, on_failure: Callable[[ReadFailure], None] = lambda f: None,
           on_file: Callable[[Path], None] = lambda path: None, fields: Fields = FIELDS) -> Summary:
    """Archive and analyse every document in `files`; a bad file or line is reported and
    skipped."""
    def items():
        for path in files:
            yield from read_file(Path(path), fields)
            on_file(Path(path))
    return ingest_items(con, items(), meta, who, on_failure)


def ingest_items(con: duckdb.DuckDBPyConnection, items: Iterable[Document | ReadFailure],
                 meta: dict[str, dict] | None = None, who: Holder = LOCAL,
                 on_failure: Callable[[ReadFailure], None] = lambda f: None, atomic: bool = False) -> Summary:
    """Each document is written with its audit entry in a transaction of its own, so an
    interrupted run leaves whole documents only, and running again finishes the job.
    Incidents are brought up to date every RECONCILE_EVERY documents and at the end; what
    a kill leaves unreconciled is caught up by the next command that reads incidents.

    `atomic`: the caller holds one transaction for everything (a document posted to the
    API is stored with its incidents and audit entry, or not at all); failures raise."""
    summary = Summary()
    places = gazetteer.for_store(con)
    meta = meta or {}
    touched: list[str] = []
    unit = (lambda con: nullcontext()) if atomic else transaction

    def fail(failure: ReadFailure) -> None:
        if atomic:
            raise Refused(str(failure))
        summary.failures.append(failure)
        on_failure(failure)

    items = iter(items)
    while chunk := list(islice(items, PLAN_AHEAD)):
        stored = records.stored_versions(con, sorted({i.doc_id for i in chunk if isinstance(i, Document)}))
        for item in chunk:
            doc_id = _ingest_one(con, item, meta, who, summary, fail, places, stored, unit)
            if doc_id:
                touched.append(doc_id)
            if len(touched) >= RECONCILE_EVERY:
                _reconcile(con, touched, fail, unit)
    _reconcile(con, touched, fail, unit)
    return summary


class Refused(ValueError):
    """A write that cannot be done as asked; the message says why."""


def _reconcile(con: duckdb.DuckDBPyConnection, touched: list[str], fail, unit) -> None:
    if not touched:
        return
    try:
        with unit(con):
            reconcile.update_many(con, touched)
    except duckdb.TransactionException:
        raise  # a conflict: the caller may retry the whole write
    except Exception as err:  # noqa: BLE001 - the documents are stored; incidents catch up later
        fail(ReadFailure(", ".join(touched[:3]) + (" …" if len(touched) > 3 else ""),
                         f"incidents not updated: {type(err).__name__}: {err}"))
    touched.clear()


def _ingest_one(con, item, meta: dict[str, dict], who: Holder, summary: Summary, fail, places: Gazetteer | None,
                stored: dict[str, list[tuple]], unit) -> str | None:
    """Store one document; its id when its incidents need updating. `stored` holds the
    versions of the documents around it and is kept up to date."""
    if isinstance(item, ReadFailure):
        fail(item)
        return None
    doc = item.with_meta(meta.get(item.doc_id, {}))
    problem = id_problem(doc.doc_id) or meta_problem(doc.meta)  # for Documents that no reader checked
    if problem:
        fail(ReadFailure(doc.origin, problem))
        return None
    step = records.plan(doc, stored[doc.doc_id])
    if step.action == "unchanged":
        summary.unchanged += 1
        return None
    try:
        text, claims, events, focus = analyse(doc, places)
        if not text.text.strip():
            fail(ReadFailure(doc.origin, f"no text found in it ({doc.kind}): nothing to read claims in"))
            return None
        with unit(con):
            records.write(con, doc, step, text, claims, events, focus)
            audit.record(con, who, "ingest", f"document:{doc.doc_id}", _version(stored[doc.doc_id]),
                         {"version": step.version, "sha256": doc.sha256, "origin": doc.origin, "change": step.action})
        records.remember(stored[doc.doc_id], doc, step)
    except (duckdb.TransactionException, Refused):
        raise  # a conflict: the caller may retry the whole write; or a refusal, told as it is
    except Exception as err:  # noqa: BLE001 - one bad document must not end the batch
        fail(ReadFailure(doc.origin, f"could not be processed: {type(err).__name__}: {err}"))
        return None
    if step.action == "new":
        summary.ingested += 1
    else:
        summary.updated += 1
    # a first version without claims cannot touch any incident
    return doc.doc_id if claims or step.version > 1 or step.action == "meta" else None


def _version(versions: list[tuple]) -> dict | None:
    """The newest stored version, as the audit entry's "before"."""
    return {"version": versions[0][0], "sha256": versions[0][1]} if versions else None
