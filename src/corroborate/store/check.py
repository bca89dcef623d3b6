"""The rows `corroborate check` reads to verify the store's invariants (corroborate/check.py)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb

from corroborate.document import Document, Text

FIGURES = ("killed_low", "killed_high", "injured_low", "injured_high", "grade", "independent_sources")
BATCH = 100  # documents held at a time: their bytes can be large


def totals(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Current documents, their claims, and distinct incidents and aggregates."""
    [(documents, claims, incidents)] = con.execute(  # counts: always exactly one row
        "SELECT (SELECT count(*) FROM current_documents), "
        "(SELECT count(*) FROM claims JOIN current_documents USING (doc_id, version)), "
        "(SELECT count(DISTINCT id) FROM incidents)").fetchall()
    return documents, claims, incidents


def repeated_incidents(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(id, rows) of each incident id stored more than once."""
    return con.execute("SELECT id, count(*) FROM incidents GROUP BY id HAVING count(*) > 1 ORDER BY id").fetchall()


def claims_held_twice(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, list[str]]]:
    """(doc, n, incident ids, one per holding row) of each current claim held more than once."""
    return con.execute(
        "SELECT h.doc_id, h.n, list(h.incident_id ORDER BY h.incident_id) FROM incident_claims h "
        "JOIN current_documents d USING (doc_id, version) GROUP BY h.doc_id, h.n HAVING count(*) > 1 "
        "ORDER BY h.doc_id, h.n").fetchall()


def changed_bytes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(doc, version) of each stored document whose bytes no longer hash to its sha256."""
    return con.execute("SELECT doc_id, version FROM documents WHERE sha256(content) <> sha256 "
                       "ORDER BY doc_id, version").fetchall()


def stored_figures(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, dict]]:
    """The kind and stored FIGURES of each incident and aggregate, by id."""
    return {row[0]: (row[1], dict(zip(FIGURES, row[2:], strict=True))) for row in con.execute(
        f"SELECT id, kind, {', '.join(FIGURES)} FROM incidents ORDER BY id").fetchall()}


@dataclass(frozen=True)
class Evidence:
    """The claims of one stored version of a document, with what they were read from.
    `doc` and `text` are None when the document (or its cleaned text) is not stored."""

    doc_id: str
    version: int
    current: bool
    doc: Document | None
    text: Text | None
    claims: list[dict]  # {"n", "evidence", "start", "end"}, in document order


EVIDENCE = """
    SELECT c.doc_id, c.version, c.version = (SELECT max(version) FROM documents m WHERE m.doc_id = c.doc_id),
        d.content, d.media_type, d.origin, t.text, t.pieces, t.method, c.claims
    FROM (SELECT doc_id, version, list({'n': n, 'evidence': evidence, 'start': sent_start, 'end': sent_end}
                                       ORDER BY n) AS claims
          FROM claims GROUP BY doc_id, version) c
    LEFT JOIN documents d USING (doc_id, version)
    LEFT JOIN texts t USING (doc_id, version)
    ORDER BY c.doc_id, c.version"""


def evidence(con: duckdb.DuckDBPyConnection) -> Iterator[Evidence]:
    """Every stored version of a document that has claims, once, with its bytes, cleaned text
    and claims (of every version: an older one's claims are still the record's)."""
    cursor = con.execute(EVIDENCE)
    while batch := cursor.fetchmany(BATCH):
        for doc_id, version, current, content, media_type, origin, text, pieces, method, claims in batch:
            yield Evidence(
                doc_id, version, bool(current),
                None if content is None else Document(doc_id, content, media_type, origin),
                None if text is None else Text(text, tuple(tuple(p) for p in json.loads(pieces)), method),
                claims)


def unaudited(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Writes without their audit entry: a stored version of a document without its ingest
    entry; a claim whose status is not the one its last audited change set (since its
    document was last stored); an incident a person merged or split without an entry."""
    versions = con.execute(
        "SELECT d.doc_id, d.version FROM documents d WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
        "WHERE a.subject = 'document:' || d.doc_id AND a.action = 'ingest' "
        "AND TRY_CAST(json_extract(a.after_json, '$.version') AS INTEGER) = d.version) "
        "ORDER BY d.doc_id, d.version").fetchall()
    statuses = con.execute(
        "WITH changed AS (SELECT subject, arg_max(json_extract_string(after_json, '$.status'), changed_at) AS status, "
        "max(changed_at) AS at FROM audit_log WHERE action = 'claim status' GROUP BY subject), "
        "stored AS (SELECT subject, max(changed_at) AS at FROM audit_log WHERE action = 'ingest' GROUP BY subject) "
        "SELECT c.doc_id, c.n, c.status, changed.status FROM claims c JOIN current_documents USING (doc_id, version) "
        "JOIN changed ON changed.subject = 'claim:' || c.doc_id || ':' || c.n "
        "LEFT JOIN stored ON stored.subject = 'document:' || c.doc_id "
        "WHERE c.status <> changed.status AND (stored.at IS NULL OR changed.at > stored.at) "
        "ORDER BY c.doc_id, c.n").fetchall()
    edits = con.execute(
        "SELECT DISTINCT h.incident_id, h.cause FROM incident_history h WHERE (h.cause LIKE 'merge by %' "
        "OR h.cause LIKE 'split by %') AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
        "a.subject = 'incident:' || h.incident_id AND a.action IN ('merge', 'split')) "
        "ORDER BY h.incident_id").fetchall()
    return ([f"{doc} (version {version}): stored without its ingest entry" for doc, version in versions] +
            [f"claim {doc}:{n} is {status!r}, but its last audited change made it {audited!r}"
             for doc, n, status, audited in statuses] +
            [f"{incident}: {cause}, without an entry" for incident, cause in edits])


def changed_list_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(list, record id) of each victim-list record whose row no longer hashes to its sha256."""
    return con.execute("SELECT list, record_id FROM list_records WHERE sha256(original) <> sha256 "
                       "ORDER BY list, record_id").fetchall()


def unlinked_records(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Once lists are linked: each record without its person, and each person row of no record."""
    [(linked,)] = con.execute("SELECT count(*) FROM linkages").fetchall()  # a count: always one row
    if not linked:
        return []
    return [f"{r}: {why}" for r, why in con.execute(
        "SELECT r.list || ':' || r.record_id, 'a list record in no person' FROM list_records r "
        "WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.record = r.list || ':' || r.record_id) "
        "UNION ALL SELECT p.record, 'a person of no stored record' FROM persons p WHERE NOT EXISTS "
        "(SELECT 1 FROM list_records r WHERE p.record = r.list || ':' || r.record_id) ORDER BY 1").fetchall()]
