"""The stages in order: archive → clean → extract → store, one document at a time."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

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
    """Documents are written with their audit entries, up to GROUP in a transaction, so an
    interrupted run leaves whole documents only, and running again finishes the job.
    Incidents are brought up to date every RECONCILE_EVERY documents and at the end; what
    a kill leaves unreconciled is caught up by the next command that reads incidents.

    `atomic`: the caller holds one transaction for everything (a document posted to the
    API is stored with its incidents and audit entry, or not at all); failures raise."""
    summary = Summary()
    places = gazetteer.for_store(con)
    unit = (lambda con: nullcontext()) if atomic else transaction

    def fail(failure: ReadFailure) -> None:
        if atomic:
            raise Refused(str(failure))
        summary.failures.append(failure)
        on_failure(failure)

    def write(con: duckdb.DuckDBPyConnection, group: list[Written]) -> None:
        records.write_many(con, [records.Analysed(work.doc, work.step, *analysis) for work, analysis, _ in group])
        audit.record_all(con, [ingest_entry(who, work) for work, _, _ in group])

    writer = Writer(con, write, summary, fail, unit)
    for work in planned(con, items, meta or {}, summary, fail, writer.settle):
        result = analysed(work.doc, places)
        if isinstance(result, str):
            fail(ReadFailure(work.doc.origin, result))
            continue
        records.remember(work.versions, work.doc, work.step)  # a later version of the id plans after it
        writer.add(work, result, bool(result.claims))
    writer.finish()
    return summary


class Refused(ValueError):
    """A write that cannot be done as asked; the message says why."""


class Work(NamedTuple):
    """A document to analyse and store, as `records.plan` planned it from `versions` (its
    stored versions, which the writer brings up to date: records.remember); `before`: the
    newest of them, as the audit entry's "before"."""

    doc: Document
    step: records.Plan
    versions: list[tuple]
    before: dict | None


def planned(con: duckdb.DuckDBPyConnection, items: Iterable[Document | ReadFailure], meta: dict[str, dict],
            summary: Summary, fail: Callable[[ReadFailure], None],
            settle: Callable[[set[str]], None]) -> Iterator[Work]:
    """The documents of `items` that need work, one at a time (items are read as they are
    asked for, so that no list of them all is held); bad items are failed and unchanged
    documents counted. A document is planned knowing those before it that were `stored`:
    an id read again in the same run is planned once its earlier reading is analysed and
    stored (`settle(ids)`: the caller finishes what it holds of them and commits it) and
    remembered (records.remember, by the caller, when it was read), as one at a time."""
    items = iter(items)
    while chunk := list(islice(items, PLAN_AHEAD)):
        doc_ids = {i.doc_id for i in chunk if isinstance(i, Document)}
        settle(doc_ids)  # read from the store next: what is held of them must be in it
        stored = records.stored_versions(con, sorted(doc_ids))
        for item in chunk:
            if isinstance(item, ReadFailure):
                fail(item)
                continue
            doc = item.with_meta(meta.get(item.doc_id, {}))
            problem = id_problem(doc.doc_id) or meta_problem(doc.meta)  # for Documents that no reader checked
            if problem:
                fail(ReadFailure(doc.origin, problem))
                continue
            settle({doc.doc_id})  # read earlier in this batch: remembered in stored[doc_id] when read
            step = records.plan(doc, stored[doc.doc_id])
            if step.action == "unchanged":
                summary.unchanged += 1
                continue
            yield Work(doc, step, stored[doc.doc_id], _version(stored[doc.doc_id]))


def analysed(doc: Document, places: Gazetteer | None) -> Analysis | str:
    """`analyse(doc)`, or why it could not be (the reason a ReadFailure gives)."""
    try:
        analysis = analyse(doc, places)
    except Exception as err:  # noqa: BLE001 - one bad document must not end the batch
        return f"could not be processed: {type(err).__name__}: {err}"
    if not analysis.text.text.strip():
        return f"no text found in it ({doc.kind}): nothing to read claims in"
    return analysis


def stored(summary: Summary, work: Work, claims: bool) -> bool:
    """Count a document as stored; whether its incidents need updating (`touches`)."""
    if work.step.action == "new":
        summary.ingested += 1
    else:
        summary.updated += 1
    return touches(work, claims)


def touches(work: Work, claims: bool) -> bool:
    """Whether storing the document (with or without `claims`) changes incidents: a first
    version without claims cannot touch any."""
    return claims or work.step.version > 1 or work.step.action == "meta"


def ingest_entry(who: Holder, work: Work) -> audit.Entry:
    """The audit entry of a stored document, written in its transaction."""
    doc, step = work.doc, work.step
    return audit.Entry(who, "ingest", f"document:{doc.doc_id}", work.before,
                       {"version": step.version, "sha256": doc.sha256, "origin": doc.origin, "change": step.action})


class Touched:
    """The documents whose incidents need updating: reconciled every RECONCILE_EVERY and at
    the end (`flush`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, fail: Callable[[ReadFailure], None], unit):
        self.con, self.fail, self.unit = con, fail, unit
        self.doc_ids: list[str] = []

    def room(self) -> int:
        """Documents to add before the next reconciliation."""
        return RECONCILE_EVERY - len(self.doc_ids)

    def add(self, doc_id: str) -> None:
        self.doc_ids.append(doc_id)
        if len(self.doc_ids) >= RECONCILE_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.doc_ids:
            return
        touched = self.doc_ids
        try:
            with self.unit(self.con):
                reconcile.update_many(self.con, touched)
        except duckdb.TransactionException:
            raise  # a conflict: the caller may retry the whole write
        except Exception as err:  # noqa: BLE001 - the documents are stored; incidents catch up later
            self.fail(ReadFailure(", ".join(touched[:3]) + (" …" if len(touched) > 3 else ""),
                                  f"incidents not updated: {type(err).__name__}: {err}"))
        self.doc_ids = []


class Written(NamedTuple):
    """A document to store, with what its rows are written from, and whether claims were read from it."""

    work: Work
    rows: Any
    claims: bool


GROUP = 50  # documents to a transaction: a commit costs as much as storing a few documents


class Writer:
    """Stores documents GROUP to a transaction, `write(con, group)` writing their rows and audit
    entries, and reconciles (Touched). A transaction ends where a reconciliation is due, so
    that what a reconciliation sees is what it would see were each document committed alone."""

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 write: Callable[[duckdb.DuckDBPyConnection, list[Written]], None], summary: Summary,
                 fail: Callable[[ReadFailure], None], unit=transaction):
        self.con, self.write, self.summary, self.fail, self.unit = con, write, summary, fail, unit
        self.touched = Touched(con, fail, unit)
        self.group: list[Written] = []
        self.touching = 0

    def add(self, work: Work, rows: Any, claims: bool) -> None:
        self.group.append(Written(work, rows, claims))
        self.touching += touches(work, claims)
        if len(self.group) >= GROUP or self.touching >= self.touched.room():
            self.commit()

    def finish(self) -> None:
        self.commit()
        self.touched.flush()

    def settle(self, doc_ids: set[str]) -> None:
        """Commit the documents held when any of them has one of these ids (to be read again)."""
        if any(written.work.doc.doc_id in doc_ids for written in self.group):
            self.commit()

    def commit(self) -> None:
        group, self.group, self.touching = self.group, [], 0
        if not group:
            return
        try:
            with self.unit(self.con):
                self.write(self.con, group)
        except (duckdb.TransactionException, Refused):
            raise  # a conflict: the caller may retry the whole write; or a refusal, told as it is
        except Exception as err:  # noqa: BLE001 - one bad document must not end the batch
            if len(group) > 1:  # each again alone, so that only the bad one fails
                for one in group:
                    self.group = [one]
                    self.commit()
                return
            self.fail(ReadFailure(group[0].work.doc.origin, f"could not be processed: {type(err).__name__}: {err}"))
            return
        for work, _, claims in group:
            if stored(self.summary, work, claims):
                self.touched.add(work.doc.doc_id)


def _version(versions: list[tuple]) -> dict | None:
    """The newest stored version, as the audit entry's "before"."""
    return {"version": versions[0][0], "sha256": versions[0][1]} if versions else None
