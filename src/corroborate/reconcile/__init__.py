"""reconcile: claims from all documents grouped into incidents and aggregates, with the
range credible sources support, a grade, and a history of every change
(../shared/spec/incidents.md).

`update(con, doc_id)` runs after a document is stored and touches only the incidents of
the days its claims (now or before) are dated to."""
from __future__ import annotations

from datetime import date, timedelta

import duckdb

from corroborate.reconcile import aggregates, blocking, history, identity
from corroborate.reconcile.incident import Incident, build
from corroborate.reconcile.members import Member, load
from corroborate.reconcile.rules import rules
from corroborate.store import incidents as rows


def _days_around(days: set[date]) -> list[str]:
    window = rules().date_window_days
    return sorted({(d + timedelta(days=k)).isoformat() for d in days for k in range(-window, window + 1)})


def _block(con: duckdb.DuckDBPyConnection, doc_id: str, before: dict[str, set[str]]) -> list[Member]:
    """The incident claims of the days the document's claims are (or were) dated to, with
    the document's own undated ones; whole documents are read, for their country."""
    mine = load(con, "c.doc_id = ?", [doc_id])
    days = {m.day for m in mine if m.scope != "aggregate" and m.day}
    days |= {date.fromisoformat(d) for (d,) in con.execute(
        "SELECT DISTINCT date_start FROM incidents WHERE kind = 'incident' AND date_start IS NOT NULL "
        "AND list_contains(?, id)", [sorted(before)]).fetchall()}
    wanted = _days_around(days)
    others = load(con, "c.doc_id <> ? AND c.doc_id IN (SELECT doc_id FROM claims WHERE list_contains(?, date))",
                  [doc_id, wanted]) if wanted else []
    return [m for m in mine + others if m.scope != "aggregate" and
            ((m.day and m.day.isoformat() in wanted) or (m.day is None and m.doc == doc_id))]


def _versions(con: duckdb.DuckDBPyConnection, members: list[Member]) -> dict[str, int]:
    docs = sorted({m.doc for m in members})
    return dict(con.execute("SELECT doc_id, version FROM current_documents WHERE list_contains(?, doc_id)",
                            [docs]).fetchall())


def _save(con, found: list[Incident], stored: dict[str, set[str]], cause: str | None) -> None:
    versions = _versions(con, [m for i in found for m in i.members])
    kept = {i.id for i in found}
    for incident in found:
        before = rows.summary(con, incident.id) if incident.id in stored else None
        changes = history.changes(before, incident)
        if changes:
            rows.write(con, incident, versions)
        for change, detail in changes:
            rows.record(con, incident.id, cause, change, detail)
    for gone in sorted(set(stored) - kept):
        into = sorted({i.id for i in found if i.keys & stored[gone]})
        rows.remove(con, gone)
        rows.record(con, gone, cause, "merged" if into else "dissolved", {"into": into})


def update(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Bring the incidents (and, when the document carries totals, the aggregates) that the
    document touches up to date, in one transaction."""
    con.begin()
    try:
        before = rows.held_by_docs(con, [doc_id], "incident")
        block = _block(con, doc_id, before)
        keys = {m.key for m in block}
        stored = {i: k for i, k in rows.held_by_docs(con, sorted({m.doc for m in block}), "incident").items()
                  if k & keys} | before
        groups = blocking.incidents(block)
        _save(con, [build(i, g) for i, g in identity.assign(groups, stored, "I")], stored, doc_id)
        if rows.held_by_docs(con, [doc_id], "aggregate") or _has_totals(con, doc_id):
            _aggregates(con, doc_id)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _has_totals(con: duckdb.DuckDBPyConnection, doc_id: str) -> bool:
    return con.execute("SELECT count(*) FROM claims WHERE doc_id = ? AND scope = 'aggregate'", [doc_id]).fetchone()[0] > 0


def _aggregates(con: duckdb.DuckDBPyConnection, cause: str | None) -> None:
    members = load(con, "c.doc_id IN (SELECT doc_id FROM claims WHERE scope = 'aggregate')", [])
    groups, spans = aggregates.group(members)
    stored = rows.held(con, "aggregate")
    _save(con, [build(i, g, "aggregate", spans) for i, g in identity.assign(groups, stored, "A")], stored, cause)


def catch_up(con: duckdb.DuckDBPyConnection) -> int:
    """Reconcile the documents stored before incidents existed (or left unreconciled by an
    interrupted run), in id order so that a re-run names everything the same."""
    pending = rows.unreconciled_docs(con)
    for doc_id in pending:
        update(con, doc_id)
    return len(pending)
