"""The record as lists: documents, claims, events and incidents, filtered by dates, a
bounding box, grade, kind, country, victims, event type, cause, source or words, a page at a
time. Pages, API and exports all read it here, so that one filter means one set of records."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from corroborate.document import Claim, Event
from corroborate.store import incidents as incident_rows

MAX_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    start: str | None = None  # YYYY-MM-DD, inclusive
    end: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (GeoJSON order)
    grade: str | None = None
    source: str | None = None  # part of a source's (or outlet's) name
    q: str | None = None  # words in a document's title or text
    kind: str | None = None  # incident | aggregate
    country: str | None = None  # ISO 3166 alpha-2, as the records hold it
    victim_type: str | None = None  # civilian, security_forces, combatant, mixed, unknown
    event_type: str | None = None  # ACLED's type
    cause: str | None = None  # violence | indirect (| other, for claims)

    def given(self) -> dict[str, str]:
        """The filters set, as the query string of a link writes them (a permalink)."""
        found = {k: v for k, v in vars(self).items() if v not in (None, "") and k != "bbox"}
        if self.bbox:
            found["bbox"] = ",".join(f"{v:g}" for v in self.bbox)
        return found


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"bbox must be west,south,east,north in degrees, not {text!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(f"bbox {text!r} is outside the world or upside down")
    return west, south, east, north


@dataclass(frozen=True)
class Subject:
    """How one table answers the filters: the SQL expression each filter tests."""

    select: str
    order: str
    first_day: str
    last_day: str
    latitude: str | None = None
    longitude: str | None = None
    source: str | None = None
    grade: str | None = None
    text: str | None = None
    kind: str | None = None
    country: str | None = None
    victim_type: str | None = None
    event_type: str | None = None
    cause: str | None = None
    newest: str | None = None  # the order, most recent first, of the explorer's pages
    key: str | None = None  # the record's id, as an export of a filtered view writes them


CURRENT = "JOIN current_documents d USING (doc_id, version)"
DOCUMENT_FIELDS = ("doc_id", "version", "sha256", "media_type", "origin", "captured_at", "title", "outlet",
                   "published", "url")
CLAIM_FIELDS = ("doc", "n", *Claim.EXCHANGE_FIELDS[1:])  # the exchange format, with the claim's number
EVENT_FIELDS = ("doc", "n", *Event.EXCHANGE_FIELDS[1:])  # the same, for an event

SUBJECTS = {
    "documents": Subject(
        select=f"SELECT {', '.join('d.' + f for f in DOCUMENT_FIELDS)} FROM current_documents d "
               "JOIN texts t USING (doc_id, version)",
        order="d.doc_id", first_day="left(d.published, 10)", last_day="left(d.published, 10)",
        source="d.outlet", text="coalesce(d.title, '') || ' ' || t.text", key="d.doc_id"),
    "claims": Subject(
        select=f"SELECT c.doc_id, {', '.join('c.' + f for f in CLAIM_FIELDS[1:])} FROM claims c {CURRENT}",
        order="c.doc_id, c.n", first_day="left(c.date, 10)", last_day="right(c.date, 10)",
        latitude="c.latitude", longitude="c.longitude", source="c.source", victim_type="c.victim_type",
        country="c.country", cause="c.cause", text="c.evidence", key="c.doc_id || ':' || c.n"),
    "events": Subject(
        select=f"SELECT e.doc_id, {', '.join('e.' + f for f in EVENT_FIELDS[1:])} FROM events e {CURRENT}",
        order="e.doc_id, e.n", first_day="e.date", last_day="e.date",
        latitude="e.latitude", longitude="e.longitude", source="d.outlet", country="e.country",
        event_type="e.event_type", text="e.evidence", key="e.doc_id || ':' || e.n"),
    "incidents": Subject(
        select="SELECT i.id FROM incidents i",
        order="i.kind DESC, i.date_start NULLS LAST, i.id", first_day="i.date_start", last_day="i.date_end",
        latitude="i.latitude", longitude="i.longitude", grade="i.grade", kind="i.kind", country="i.country",
        victim_type="i.victim_type", event_type="i.event_type",
        cause="CASE WHEN i.indirect THEN 'indirect' ELSE 'violence' END",
        text="concat_ws(' ', i.place, i.country, i.event_type, i.victim_type)",
        newest="i.date_start DESC NULLS LAST, i.date_end DESC NULLS LAST, i.id", key="i.id",
        source="(SELECT string_agg(c.source, ' ') FROM incident_claims m JOIN claims c USING (doc_id, version, n) "
               "WHERE m.incident_id = i.id)"),
}
FIELDS = {"documents": DOCUMENT_FIELDS, "claims": CLAIM_FIELDS, "events": EVENT_FIELDS}


def _where(subject: Subject, f: Filters) -> tuple[str, list]:
    clauses: list[str] = []
    params: list[str | float] = []
    if f.start:
        clauses.append(f"{subject.last_day} >= ?")
        params.append(f.start)
    if f.end:
        clauses.append(f"{subject.first_day} <= ?")
        params.append(f.end)
    if f.bbox and subject.latitude:
        west, south, east, north = f.bbox
        # a box across the antimeridian has west > east
        lon = (f"{subject.longitude} BETWEEN ? AND ?" if west <= east
               else f"({subject.longitude} >= ? OR {subject.longitude} <= ?)")
        clauses.append(f"{subject.latitude} BETWEEN ? AND ? AND {lon}")
        params += [south, north, west, east]
    for value, column in ((f.grade, subject.grade), (f.kind, subject.kind), (f.country, subject.country),
                          (f.victim_type, subject.victim_type), (f.event_type, subject.event_type),
                          (f.cause, subject.cause)):
        if value and column:
            clauses.append(f"{column} = ?")
            params.append(value)
    for value, column in ((f.source, subject.source), (f.q, subject.text)):
        if value and column:
            # ILIKE, not DuckDB's full-text extension: that one is downloaded on first use
            clauses.append(f"{column} ILIKE ? ESCAPE '\\'")
            params.append("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass
class Page:
    total: int
    limit: int
    offset: int
    items: list[dict]


def page(con: duckdb.DuckDBPyConnection, what: str, f: Filters, limit: int = 100, offset: int = 0,
         newest: bool = False) -> Page:
    """`newest`: most recent first (where the records have an order by time), else the API's order."""
    subject = SUBJECTS[what]
    limit = max(1, min(limit, MAX_LIMIT))
    where, params = _where(subject, f)
    [(total,)] = con.execute(f"SELECT count(*) FROM ({subject.select}{where})", params).fetchall()
    order = subject.newest if newest and subject.newest else subject.order
    rows = con.execute(f"{subject.select}{where} ORDER BY {order} LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    if what == "incidents":
        items = list(incident_rows.exchanges(con, [incident_id for (incident_id,) in rows]))
    else:
        items = [dict(zip(FIELDS[what], row, strict=True)) for row in rows]
    return Page(total, limit, offset, items)


def keys(con: duckdb.DuckDBPyConnection, what: str, f: Filters) -> list[str]:
    """The ids of every record the filters let through, unpaged, in the API's order: what an
    export of the filtered view holds."""
    subject = SUBJECTS[what]
    where, params = _where(subject, f)
    tables = subject.select.split(" FROM ", 1)[1]
    return [k for (k,) in con.execute(f"SELECT {subject.key} FROM {tables}{where} ORDER BY {subject.order}",
                                      params).fetchall()]


def daily(con: duckdb.DuckDBPyConnection, f: Filters | None = None) -> list[dict]:
    """Deaths per day over the incidents of one day (that the filters let through), low and
    high, every day of the span (a day without any: 0)."""
    where, params = _where(SUBJECTS["incidents"], f or Filters())
    rows = con.execute(
        "SELECT date_start, sum(coalesce(killed_low, 0)), sum(coalesce(killed_high, killed_low, 0)), "
        "bool_or(killed_high IS NULL AND killed_low IS NOT NULL), count(*) FROM incidents i "
        f"{where}{' AND' if where else ' WHERE'} kind = 'incident' AND date_start IS NOT NULL "
        "AND date_start = date_end GROUP BY date_start ORDER BY date_start", params).fetchall()
    by_day = {day: (low, high, open_, n) for day, low, high, open_, n in rows}
    if not by_day:
        return []
    first, last = date.fromisoformat(min(by_day)), date.fromisoformat(max(by_day))
    days = [(first + timedelta(d)).isoformat() for d in range((last - first).days + 1)]
    return [dict(zip(("day", "low", "high", "open_ended", "incidents"), (d, *by_day.get(d, (0, 0, False, 0))),
                     strict=True)) for d in days]
