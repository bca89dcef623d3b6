"""Reading and writing incidents, the claims they hold and their history."""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

import duckdb

from corroborate.store.db import INSERT_BATCH, insert

# An incident's summary: the columns of the incidents table after its id.
SUMMARY = ("kind", "date_start", "date_end", "place", "place_id", "latitude", "longitude", "precision", "country",
           "event_type", "victim_type", "killed_low", "killed_high", "injured_low", "injured_high",
           "grade", "independent_sources", "indirect")
ROW = ("id", *SUMMARY)


def held(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, set[str]]:
    """The stored incidents (or aggregates) with the keys ("doc:n") of the claims they hold."""
    found: dict[str, set[str]] = {}
    for incident_id, doc, n in con.execute(
            "SELECT c.incident_id, c.doc_id, c.n FROM incident_claims c JOIN incidents i ON i.id = c.incident_id "
            "WHERE i.kind = ?", [kind]).fetchall():
        found.setdefault(incident_id, set()).add(f"{doc}:{n}")
    return found


def summary(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict | None:
    row = con.execute(f"SELECT {', '.join(ROW)} FROM incidents WHERE id = ?", [incident_id]).fetchone()
    if row is None:
        return None
    found = dict(zip(ROW, row, strict=True))
    found["claims"] = sorted(f"{d}:{n}" for d, n in con.execute(
        "SELECT doc_id, n FROM incident_claims WHERE incident_id = ?", [incident_id]).fetchall())
    return found


def write(con: duckdb.DuckDBPyConnection, incident_id: str, summary: dict,
          holdings: list[tuple[str, int, int, str, str | None]]) -> None:
    """An incident in place of what was stored under its id: its summary (SUMMARY) and the
    claims it holds, as (doc, version, n, role, reason)."""
    write_many(con, [(incident_id, summary, holdings)])


def write_many(con: duckdb.DuckDBPyConnection, incidents: Sequence[tuple[str, dict, Sequence[tuple]]]) -> None:
    """Incidents as `write` writes each, given as its arguments, each id once: in a few
    statements, not five to an incident (a reconciliation rewrites a hundred at a time)."""
    remove_many(con, [incident_id for incident_id, _, _ in incidents])
    insert(con, "incidents", [(incident_id, *(summary[k] for k in SUMMARY)) for incident_id, summary, _ in incidents],
           ROW)
    insert(con, "incident_claims", [(incident_id, *holding) for incident_id, _, holdings in incidents
                                    for holding in holdings])


def holdings(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[tuple]]:
    """The claims each of these incidents holds, sorted, as `write` takes them:
    (doc, version, n, role, reason)."""
    found: dict[str, list[tuple]] = {i: [] for i in ids}
    for incident_id, *holding in con.execute(
            "SELECT incident_id, doc_id, version, n, role, reason FROM incident_claims "
            "WHERE list_contains(?, incident_id)", [ids]).fetchall():
        found[incident_id].append(tuple(holding))
    return {i: sorted(h) for i, h in found.items()}


def remove(con: duckdb.DuckDBPyConnection, incident_id: str) -> None:
    remove_many(con, [incident_id])


def remove_many(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    if ids:
        con.execute("DELETE FROM incidents WHERE list_contains(?, id)", [ids])
        con.execute("DELETE FROM incident_claims WHERE list_contains(?, incident_id)", [ids])


def record(con: duckdb.DuckDBPyConnection, incident_id: str, cause: str | None, change: str, detail: dict) -> None:
    record_many(con, [(incident_id, cause, change, detail)])


def record_many(con: duckdb.DuckDBPyConnection, changes: Sequence[tuple[str, str | None, str, dict]]) -> None:
    """Changes (incident, cause, change, detail) as `record` records each, in this order,
    which is theirs in the history (it reads them by time, then as written)."""
    for start in range(0, len(changes), INSERT_BATCH):
        batch = changes[start:start + INSERT_BATCH]
        con.execute("INSERT INTO incident_history VALUES " + ", ".join(["(?, now(), ?, ?, ?)"] * len(batch)),
                    [value for incident_id, cause, change, detail in batch
                     for value in (incident_id, cause, change, json.dumps(detail, ensure_ascii=False, default=str))])


def history(con: duckdb.DuckDBPyConnection, incident_id: str) -> Iterator[tuple]:
    yield from con.execute("SELECT changed_at, cause, change, detail FROM incident_history WHERE incident_id = ? "
                           "ORDER BY changed_at, rowid", [incident_id]).fetchall()


CHANGE = ("changed_at", "cause", "change", "detail")


def changes(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[dict]:
    """The incident's `history` as records: when (a datetime), because of which document, what, and the detail."""
    return [{"changed_at": at, "cause": cause, "change": change, "detail": json.loads(detail)}
            for at, cause, change, detail in history(con, incident_id)]


def all_ids(con: duckdb.DuckDBPyConnection, kind: str | None = None) -> list[str]:
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    return [i for (i,) in con.execute(f"SELECT id FROM incidents {where} ORDER BY kind DESC, date_start NULLS LAST, id",
                                      params).fetchall()]


def unreconciled_docs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Documents whose current claims are not all held by an incident (ingested before the
    incidents migration, or by a run that stopped between a document and its incidents), or
    that an incident placed before its precision was recorded holds: it is built again.
    Claims reconciling never holds do not count: those of other deaths (never loaded), and
    totals with no date in a document with no publication date, which cover no span
    (reconcile/aggregates.py; one whose sentence states a period counts from a dated
    claim of its document, which an incident holds once it is reconciled)."""
    return [d for (d,) in con.execute(
        "SELECT c.doc_id FROM claims c JOIN current_documents d USING (doc_id, version) "
        "ANTI JOIN incident_claims i ON i.doc_id = c.doc_id AND i.version = c.version AND i.n = c.n "
        "WHERE coalesce(c.cause, 'violence') <> 'other' "
        "AND (c.scope <> 'aggregate' OR c.date IS NOT NULL OR d.published IS NOT NULL) "
        "UNION SELECT m.doc_id FROM incident_claims m JOIN incidents i ON i.id = m.incident_id "
        "WHERE i.place IS NOT NULL AND i.precision IS NULL ORDER BY 1").fetchall()]


def held_by_docs(con: duckdb.DuckDBPyConnection, docs: list[str], kind: str) -> dict[str, set[str]]:
    """The stored incidents (or aggregates) that hold any claim of these documents, with all their keys."""
    held: dict[str, set[str]] = {}
    for incident_id, doc, n in con.execute(
            "SELECT incident_id, doc_id, n FROM incident_claims WHERE incident_id IN "
            "(SELECT c.incident_id FROM incident_claims c JOIN incidents i ON i.id = c.incident_id "
            "WHERE list_contains(?, c.doc_id) AND i.kind = ?)", [docs, kind]).fetchall():
        held.setdefault(incident_id, set()).add(f"{doc}:{n}")
    return held


CLAIMS = ("SELECT i.incident_id, c.doc_id, c.n, c.outcome, c.low, c.high, c.source, c.status, c.evidence, c.date, "
          "c.cause, c.qualifier, i.role, i.reason "
          "FROM incident_claims i JOIN claims c USING (doc_id, version, n) WHERE list_contains(?, i.incident_id) "
          "ORDER BY i.incident_id, c.doc_id, c.n")
PARTS = ("SELECT id FROM incidents WHERE kind = 'incident' AND country IS NOT DISTINCT FROM ? "
         "AND date_start BETWEEN ? AND ? AND (victim_type = ? OR victim_type IN ('unknown', 'mixed')) "
         "ORDER BY date_start, id")
EXCHANGE = ("id", "kind", "date_start", "date_end", "place", "latitude", "longitude", "event_type", "victim_type",
            "killed_low", "killed_high", "injured_low", "injured_high", "grade", "independent_sources",
            # beyond the spec: true when it holds claims of indirect deaths (starvation under siege)
            "indirect")
PLACE = ("precision", "country")  # after the spec's fields: how precisely the place is known, and its country
RECORD = (*EXCHANGE, "claims", "outliers", "parts", *PLACE)  # the fields of an `exchange` record, in order
CHUNK = 1000  # incidents read per query


def exchange(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict | None:
    """The record as spec/incidents.md defines it, field order included; each claim says
    its role in the range (and whether its figure is open-ended)."""
    return next(exchanges(con, [incident_id]), None)


def exchanges(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[dict]:
    """The `exchange` records of these incidents, in the order of `ids` (those not stored are
    left out): two queries for a thousand incidents, not three or four for each, and a
    thousand held at a time."""
    for at in range(0, len(ids), CHUNK):
        yield from _exchanges(con, ids[at:at + CHUNK])


def _exchanges(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict]:
    stored = {row[0]: dict(zip(ROW, row, strict=True)) for row in con.execute(
        f"SELECT {', '.join(ROW)} FROM incidents WHERE list_contains(?, id)", [ids]).fetchall()}
    records = {i: {**{k: row[k] for k in EXCHANGE}, "claims": [], "outliers": []} for i, row in stored.items()}
    if not records:
        return []
    for incident_id, doc, n, outcome, low, high, source, status, evidence, day, cause, qualifier, role, reason in \
            con.execute(CLAIMS, [list(records)]).fetchall():
        # n: the claim's number in its document, as PATCH /api/claims/{doc}/{n} and a split name it
        claim = {"doc": doc, "n": n, "outcome": outcome, "low": low, "high": high, "source": source, "status": status,
                 "evidence": evidence, "date": day, "cause": cause}
        record = records[incident_id]
        if role == "outlier":
            record["outliers"].append({**claim, "reason": reason})
        else:
            record["claims"].append({**claim, "role": role,
                                     "open_ended": high is None and qualifier in ("at_least", "more_than")})
    for incident_id, record in records.items():
        row = stored[incident_id]
        record["parts"] = [] if row["kind"] != "aggregate" or not row["date_start"] else [
            i for (i,) in con.execute(PARTS, [row["country"], row["date_start"], row["date_end"],
                                              row["victim_type"]]).fetchall()]
        record.update({k: row[k] for k in PLACE})
    return [records[i] for i in ids if i in records]


def decide(con: duckdb.DuckDBPyConnection, who: str, decision: str, these: list[str], those: list[str]) -> None:
    """A person's word that each claim of `these` goes `decision` (together, apart) with each of `those`."""
    pairs = sorted({tuple(sorted((a, b))) for a in these for b in those if a != b})
    if pairs:
        con.executemany("INSERT INTO incident_decisions VALUES (now(), ?, ?, ?, ?)",
                        [[who, decision, a, b] for a, b in pairs])


def decisions(con: duckdb.DuckDBPyConnection, keys: list[str]) -> list[tuple[str, str, str]]:
    """(decision, claim, other) for the pairs that touch any of `keys`, oldest first."""
    return con.execute("SELECT decision, claim, other FROM incident_decisions "
                       "WHERE list_contains(?, claim) OR list_contains(?, other) ORDER BY decided_at, rowid",
                       [sorted(keys), sorted(keys)]).fetchall()


MEMBERS = ("SELECT m.doc_id, m.n, m.role, m.reason, c.outcome, c.low, c.high, c.qualifier, c.source, c.status, "
           "c.date, c.sent_start, c.sent_end, t.text, d.title, d.outlet "
           "FROM incident_claims m JOIN claims c USING (doc_id, version, n) JOIN texts t USING (doc_id, version) "
           "JOIN documents d USING (doc_id, version) WHERE m.incident_id = ? "
           "ORDER BY m.role = 'outlier', c.doc_id, c.n")
MEMBER = ("doc", "n", "role", "reason", "outcome", "low", "high", "qualifier", "source", "status", "date", "start",
          "end", "text", "title", "outlet")


def members(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[dict]:
    """The claims an incident holds, outliers last, each with its document's cleaned text
    (`start`, `end`: the evidence in it), title and outlet."""
    return [dict(zip(MEMBER, row, strict=True)) for row in con.execute(MEMBERS, [incident_id]).fetchall()]


def holders(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[int, str]:
    """The incident holding each claim of the document's current version, by n."""
    return dict(con.execute("SELECT n, incident_id FROM incident_claims JOIN current_documents USING (doc_id, version) "
                            "WHERE doc_id = ?", [doc_id]).fetchall())


def days_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[str]:
    """The days these incidents are dated to (incidents of one day or a night)."""
    return [d for (d,) in con.execute("SELECT DISTINCT date_start FROM incidents WHERE kind = 'incident' "
                                      "AND date_start IS NOT NULL AND list_contains(?, id)", [ids]).fetchall()]


def summaries(con: duckdb.DuckDBPyConnection, ids: list[str], columns: tuple[str, ...]) -> list[tuple[str, dict]]:
    """(id, {column: value}) of these incidents, for the columns a summary holds."""
    found = con.execute(f"SELECT id, {', '.join(columns)} FROM incidents WHERE list_contains(?, id)", [ids]).fetchall()
    return [(row[0], dict(zip(columns, row[1:], strict=True))) for row in found]
