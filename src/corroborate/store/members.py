"""The rows reconciliation reads: current claims of violence and indirect deaths (never of
other deaths: an epidemic, a crash), selected by document, by day, by key or as totals, and
the events their sentences belong to."""
from __future__ import annotations

import duckdb

CLAIMS = """SELECT c.doc_id, c.n, c.outcome, c.low, c.high, c.qualifier, c.victims, c.victim_type,
    c.perpetrator, c.place, c.date, c.source, c.status, c.scope, c.evidence, d.outlet, d.published,
    c.place_id, c.precision, c.latitude, c.longitude, c.place_name, c.country, c.admin1, c.admin2,
    c.place_found, c.place_kind, c.cause, c.sent_start, c.sent_end, d.focus
    FROM claims c JOIN current_documents d USING (doc_id, version)
    WHERE coalesce(c.cause, 'violence') <> 'other' AND ({where})
    ORDER BY c.doc_id, c.n"""
SELECTIONS = {
    "all": ("true", 0),
    "docs": ("list_contains(?, c.doc_id)", 1),
    "keys": ("list_contains(?, c.doc_id || ':' || c.n::VARCHAR)", 1),
    # the claims of other documents that date a claim to one of the days
    "days": ("NOT list_contains(?, c.doc_id) AND c.doc_id IN (SELECT doc_id FROM claims WHERE list_contains(?, date))",
             2),
    "totals": ("c.doc_id IN (SELECT doc_id FROM claims WHERE scope = 'aggregate')", 0),
}


def claims(con: duckdb.DuckDBPyConnection, selection: str, *params: list) -> list[tuple]:
    """The claims a selection of SELECTIONS picks; each row in CLAIMS' column order."""
    where, arity = SELECTIONS[selection]
    if len(params) != arity:
        raise TypeError(f"the selection {selection!r} takes {arity} lists, not {len(params)}")
    return con.execute(CLAIMS.format(where=where), list(params)).fetchall()


def events(con: duckdb.DuckDBPyConnection, docs: list[str]) -> list[tuple[str, str, int, int]]:
    """(doc, event type, sentence start, end) of the documents' current events."""
    return con.execute("SELECT e.doc_id, e.event_type, e.sent_start, e.sent_end FROM events e "
                       "JOIN current_documents d USING (doc_id, version) WHERE list_contains(?, e.doc_id)",
                       [docs]).fetchall()


def has_totals(con: duckdb.DuckDBPyConnection, docs: list[str]) -> bool:
    [(totals,)] = con.execute("SELECT count(*) FROM claims WHERE list_contains(?, doc_id) AND scope = 'aggregate'",
                              [docs]).fetchall()
    return totals > 0


def versions(con: duckdb.DuckDBPyConnection, docs: list[str]) -> dict[str, int]:
    """The current version of each of these documents."""
    return dict(con.execute("SELECT doc_id, version FROM current_documents WHERE list_contains(?, doc_id)",
                            [docs]).fetchall())
