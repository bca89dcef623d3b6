"""reconcile: claims from all documents grouped into incidents and aggregates, with the
range credible sources support, a grade, and a history of every change
(../shared/spec/incidents.md).

`update_many(con, doc_ids)` runs after a batch of documents is stored and touches only the
incidents of the days their claims (now or before) are dated to."""
from __future__ import annotations

from datetime import date, timedelta

import duckdb

from corroborate.reconcile import aggregates, blocking, decisions, history, identity
from corroborate.reconcile.incident import Incident, build
from corroborate.reconcile.members import Member, by_keys, load
from corroborate.reconcile.rules import rules
from corroborate.store import incidents as rows
from corroborate.store import members as claim_rows
from corroborate.store.incidents import SUMMARY


def _days_around(days: set[date]) -> list[str]:
    window = rules().date_window_days + 1  # a night told on a neighbouring day may belong
    return sorted({(d + timedelta(days=k)).isoformat() for d in days for k in range(-window, window + 1)})


def _block(con: duckdb.DuckDBPyConnection, docs: list[str], before: dict[str, set[str]]) -> list[Member]:
    """The incident claims of the days the documents' claims are (or were) dated to, with
    the documents' own undated ones; whole documents are read, for their country."""
    mine = load(con, "docs", docs)
    days = {m.day for m in mine if m.scope != "aggregate" and m.day}
    days |= {date.fromisoformat(d) for d in rows.days_of(con, sorted(before))}
    wanted = _days_around(days)
    others = load(con, "days", docs, wanted) if wanted else []
    return [m for m in mine + others if m.scope != "aggregate" and
            ((m.day and m.day.isoformat() in wanted) or (m.day is None and m.doc in docs))]


def _closed(con: duckdb.DuckDBPyConnection, block: list[Member], before: dict[str, set[str]]):
    """The block, with every other claim of the stored incidents it touches (one may run
    over a night into a day outside the block) and the claims a person put together with
    its claims; those incidents, and the decisions that bind the block."""
    keys = {m.key for m in block}
    while True:
        decided = decisions.read(con, keys)
        stored = {i: k for i, k in rows.held_by_docs(con, sorted({m.doc for m in block}), "incident").items()
                  if k & keys} | before
        extra = (decided.partners(keys) | set().union(*stored.values())) - keys
        if not extra:
            return block, stored, decided
        block = block + by_keys(con, extra)
        keys |= extra


def current_versions(con: duckdb.DuckDBPyConnection, members: list[Member]) -> dict[str, int]:
    """The version of each member's document its claims were read from: the current one."""
    return claim_rows.versions(con, sorted({m.doc for m in members}))


def _cause(incident: Incident | None, docs: list[str]) -> str:
    """The documents of this update that the incident holds claims of (all of them, when it
    holds none: they are what regrouped it)."""
    held = sorted({m.doc for m in incident.members} & set(docs)) if incident else []
    return ",".join(held or docs)


def _before(con: duckdb.DuckDBPyConnection, ids: set[str], stored: dict[str, set[str]]) -> dict[str, dict]:
    """The stored summaries of `ids`, in one query, each with the keys of its claims
    (`stored` holds them all: they were read whole)."""
    if not ids:
        return {}
    return {i: {**summary, "claims": sorted(stored[i])} for i, summary in rows.summaries(con, sorted(ids), SUMMARY)}


def _save(con, found: list[Incident], stored: dict[str, set[str]], docs: list[str]) -> None:
    versions = current_versions(con, [m for i in found for m in i.members])
    kept = {i.id for i in found}
    summaries = _before(con, kept & set(stored), stored)
    held = rows.holdings(con, sorted(kept & set(stored)))
    written, recorded = [], []  # written together: a statement costs as much as an incident's rows
    for incident in found:
        changes = history.changes(summaries.get(incident.id), incident)
        # a new version of a document tells the same claims: nothing a reader sees changed, but
        # the incident must hold the claims of the version that is current now
        if changes or sorted(incident.holdings(versions)) != held.get(incident.id):
            written.append((incident.id, incident.summary, incident.holdings(versions)))
        recorded += [(incident.id, _cause(incident, docs), change, detail) for change, detail in changes]
    gone = sorted(set(stored) - kept)
    for incident_id in gone:
        into = sorted({i.id for i in found if i.keys & stored[incident_id]})
        recorded.append((incident_id, _cause(None, docs), "merged" if into else "dissolved", {"into": into}))
    rows.write_many(con, written)
    rows.remove_many(con, gone)
    rows.record_many(con, recorded)


def update(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    update_many(con, [doc_id])


def update_many(con: duckdb.DuckDBPyConnection, docs: list[str]) -> None:
    """Bring the incidents (and, when the documents carry totals, the aggregates) that the
    documents touch up to date, inside the caller's transaction: one pass over their days'
    block, however many documents a batch brought."""
    if not docs:
        return
    docs = sorted(set(docs))
    before = rows.held_by_docs(con, docs, "incident")
    block, stored, decided = _closed(con, _block(con, docs, before), before)
    groups = decisions.honour(blocking.incidents(block), decided)
    _save(con, [build(i, g) for i, g in identity.assign(groups, stored, "I")], stored, docs)
    if rows.held_by_docs(con, docs, "aggregate") or claim_rows.has_totals(con, docs):
        _aggregates(con, docs)


def _aggregates(con: duckdb.DuckDBPyConnection, docs: list[str]) -> None:
    members = load(con, "totals")
    groups, spans = aggregates.group(members)
    stored = rows.held(con, "aggregate")
    _save(con, [build(i, g, "aggregate", spans) for i, g in identity.assign(groups, stored, "A")], stored, docs)


def catch_up(con: duckdb.DuckDBPyConnection) -> int:
    """Reconcile the documents stored before incidents existed (or left unreconciled by an
    interrupted run), together, so that a re-run names everything the same."""
    pending = rows.unreconciled_docs(con)
    update_many(con, pending)
    return len(pending)
