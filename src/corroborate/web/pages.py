"""The pages people read: the map, the timeline, an incident, a document, search."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from corroborate.publish import formats
from corroborate.reconcile import places
from corroborate.reconcile.rules import rules
from corroborate.store import audit, queries, records
from corroborate.store import incidents as incident_rows
from corroborate.web import explain
from corroborate.web.access import reader, store

router = APIRouter(dependencies=[Depends(reader)], default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
CONTEXT = 240  # characters shown either side of an evidence sentence


def figure(low: int | None, high: int | None, qualifier: str = "range") -> str:
    if low is None and high is None:
        return "?"
    return formats.figure(low, high, qualifier)


templates.env.filters.update(
    span=lambda r, what="killed": formats.span(r[f"{what}_low"], r[f"{what}_high"], empty="—"),
    tojson_pretty=lambda v: json.dumps(v, ensure_ascii=False, indent=1, default=str),
    told=lambda r: places.told(r["place"], r["precision"]) or "no place",  # "somewhere in Latakia Governorate"
    area=lambda r: places.area(r["precision"]))
templates.env.globals["precision"] = rules().precision  # the map tells places as the pages do


def _render(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"assets": request.app.state.assets is not None, **context})


@router.get("/")
def home(request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    listed = queries.page(con, "incidents", queries.Filters(), limit=queries.MAX_LIMIT).items
    return _render(request, "map.html", incidents=[i for i in listed if i["kind"] == "incident"],
                   aggregates=[i for i in listed if i["kind"] == "aggregate"])


def daily(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Deaths per day over the incidents, low and high, every day of the span (none: 0)."""
    rows = con.execute(
        "SELECT date_start, sum(coalesce(killed_low, 0)), sum(coalesce(killed_high, killed_low, 0)), "
        "bool_or(killed_high IS NULL AND killed_low IS NOT NULL), count(*) FROM incidents "
        "WHERE kind = 'incident' AND date_start IS NOT NULL AND date_start = date_end "
        "GROUP BY date_start ORDER BY date_start").fetchall()
    by_day = {day: (low, high, open_, n) for day, low, high, open_, n in rows}
    if not by_day:
        return []
    first, last = date.fromisoformat(min(by_day)), date.fromisoformat(max(by_day))
    days = [(first + timedelta(d)).isoformat() for d in range((last - first).days + 1)]
    return [dict(zip(("day", "low", "high", "open_ended", "incidents"), (d, *by_day.get(d, (0, 0, False, 0))),
                     strict=True))
            for d in days]


def band(days: list[dict], width: int = 900, height: int = 260, pad: int = 40) -> dict:
    """The SVG geometry of the low–high band: a step per day, high along the top, low back along the bottom."""
    top = max((d["high"] for d in days), default=0) or 1
    step = (width - 2 * pad) / max(len(days), 1)
    y = lambda v: round(height - pad - v * (height - 2 * pad) / top, 1)  # noqa: E731
    upper, lower = [], []
    for k, d in enumerate(days):
        x0, x1 = round(pad + k * step, 1), round(pad + (k + 1) * step, 1)
        upper += [(x0, y(d["high"])), (x1, y(d["high"]))]
        lower += [(x0, y(d["low"])), (x1, y(d["low"]))]
    points = upper + lower[::-1]
    path = ("M" + " L".join(f"{x},{yy}" for x, yy in points) + " Z") if points else ""
    ticks = [{"x": round(pad + (k + 0.5) * step, 1), "label": d["day"]} for k, d in enumerate(days)
             if len(days) <= 12 or k % (len(days) // 12 + 1) == 0]
    return {"path": path, "width": width, "height": height, "pad": pad, "top": top, "ticks": ticks,
            "y_top": y(top), "baseline": y(0)}


@router.get("/timeline")
def timeline(request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    days = daily(con)
    return _render(request, "timeline.html", days=days, band=band(days))


MEMBERS = ("SELECT m.doc_id, m.n, m.role, m.reason, c.outcome, c.low, c.high, c.qualifier, c.source, c.status, "
           "c.date, c.sent_start, c.sent_end, t.text, d.title, d.outlet "
           "FROM incident_claims m JOIN claims c USING (doc_id, version, n) JOIN texts t USING (doc_id, version) "
           "JOIN documents d USING (doc_id, version) WHERE m.incident_id = ? "
           "ORDER BY m.role = 'outlier', c.doc_id, c.n")


def in_context(text: str, start: int, end: int) -> Markup:
    """The evidence sentence highlighted, with the text around it."""
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    return Markup(f"{'…' if start > CONTEXT else ''}{escape(before)}<mark>{escape(text[start:end])}</mark>"
                  f"{escape(after)}{'…' if end + CONTEXT < len(text) else ''}")


@router.get("/incidents/{incident_id}")
def incident(incident_id: str, request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    record = incident_rows.exchange(con, incident_id)
    if record is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    members = []
    for doc, n, role, reason, outcome, low, high, qualifier, source, status, day, start, end, text, title, outlet \
            in con.execute(MEMBERS, [incident_id]).fetchall():
        members.append({"key": f"{doc}:{n}", "doc": doc, "n": n, "role": role, "reason": reason, "outcome": outcome,
                        "figure": figure(low, high, qualifier), "source": source, "status": status, "date": day,
                        "context": in_context(text, start, end), "title": title or doc, "outlet": outlet})
    outliers = [m["key"] for m in members if m["role"] == "outlier"]
    return _render(request, "incident.html", record=record, members=members,
                   grade_why=explain.grade(con, [m["key"] for m in members], outliers),
                   range_why=explain.range_(record), history=incident_rows.changes(con, incident_id),
                   audit=audit.entries(con, f"incident:{incident_id}"))


def highlighted(text: str, claims: list) -> Markup:
    """The cleaned text with each evidence sentence marked, its claims' numbers as an anchor."""
    spans: dict[tuple[int, int], list[int]] = {}
    for n, claim in enumerate(claims):
        spans.setdefault((claim.start, claim.end), []).append(n)
    out, at = [], 0
    for (start, end), ns in sorted(spans.items()):
        if start < at:  # a sentence inside one already marked
            continue
        out += [str(escape(text[at:start])),
                f'<mark id="claim-{ns[0]}" class="claim" title="claims {", ".join(map(str, ns))}">'
                f"{escape(text[start:end])}</mark>"]
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


@router.get("/documents/{doc_id}")
def document(doc_id: str, request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    meta = records.document_meta(con, doc_id)
    if meta is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    stored = records.current_text(con, doc_id)
    if stored is None:
        raise HTTPException(404, f"no text of document {doc_id!r}")
    text = stored.text
    claims = list(records.current_claims(con, doc_id))
    held = dict(con.execute("SELECT n, incident_id FROM incident_claims WHERE doc_id = ? AND version = ?",
                            [doc_id, meta["version"]]).fetchall())
    return _render(request, "document.html", meta=meta, text=highlighted(text, claims),
                   claims=[{"n": n, "figure": figure(c.low, c.high, c.qualifier), "incident": held.get(n),
                            **c.to_exchange()} for n, c in enumerate(claims)],
                   audit=audit.entries(con, f"document:{doc_id}", prefix=f"claim:{doc_id}:"))


@router.get("/documents/{doc_id}/original")
def original(doc_id: str, con: duckdb.DuckDBPyConnection = Depends(store)):
    """The archived bytes as captured. Sandboxed: an archived page must not run scripts here."""
    row = con.execute("SELECT content, media_type, sha256 FROM current_documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    content, media_type, sha256 = row
    return Response(bytes(content), media_type=media_type,
                    headers={"Content-Security-Policy": "sandbox", "ETag": f'"{sha256}"'})


@router.get("/search")
def search(request: Request, q: str = "", con: duckdb.DuckDBPyConnection = Depends(store)):
    found = queries.page(con, "documents", queries.Filters(q=q), limit=100) if q.strip() else None
    items = found.items if found else []
    texts = records.current_texts(con, [item["doc_id"] for item in items])
    hits = []
    for item in items:
        text = texts[item["doc_id"]]
        at = text.lower().find(q.lower())
        hits.append({**item, "snippet": in_context(text, at, at + len(q)) if at >= 0 else text[:2 * CONTEXT]})
    return _render(request, "search.html", q=q, hits=hits, total=found.total if found else 0)
