"""The pages people read: the map, the timeline, an incident, a document, search."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from corroborate.api import Store
from corroborate.publish import formats
from corroborate.reconcile import places
from corroborate.reconcile.rules import rules
from corroborate.store.queries import MAX_LIMIT, Filters
from corroborate.web.access import reader, the_store

router = APIRouter(dependencies=[Depends(reader)], default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
CONTEXT = 240  # characters shown either side of an evidence sentence


def figure(low: int | None, high: int | None, qualifier: str = "range") -> str:
    if low is None and high is None:
        return "?"
    return formats.figure(low, high, qualifier)


templates.env.filters.update(
    # an id as one segment of a link: "?", "#", "%", "\\" and the rest encoded, so the link leads to it
    urlpart=lambda value: quote(str(value), safe=""),
    span=lambda r, what="killed": formats.span(r[f"{what}_low"], r[f"{what}_high"], empty="—"),
    tojson_pretty=lambda v: json.dumps(v, ensure_ascii=False, indent=1, default=str),
    told=lambda r: places.told(r["place"], r["precision"]) or "no place",  # "somewhere in Latakia Governorate"
    area=lambda r: places.area(r["precision"]))
templates.env.globals["precision"] = rules().precision  # the map tells places as the pages do


def _render(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"assets": request.app.state.assets is not None, **context})


@router.get("/")
def home(request: Request, store: Store = Depends(the_store)):
    listed = store.page("incidents", Filters(), limit=MAX_LIMIT).items
    return _render(request, "map.html", incidents=[i for i in listed if i["kind"] == "incident"],
                   aggregates=[i for i in listed if i["kind"] == "aggregate"])


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
def timeline(request: Request, store: Store = Depends(the_store)):
    days = store.daily()
    return _render(request, "timeline.html", days=days, band=band(days))


def in_context(text: str, start: int, end: int) -> Markup:
    """The evidence sentence highlighted, with the text around it."""
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    return Markup(f"{'…' if start > CONTEXT else ''}{escape(before)}<mark>{escape(text[start:end])}</mark>"
                  f"{escape(after)}{'…' if end + CONTEXT < len(text) else ''}")


@router.get("/incidents/{incident_id}")
def incident(incident_id: str, request: Request, store: Store = Depends(the_store)):
    record = store.incident(incident_id)
    if record is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    members = [{**m, "key": f"{m['doc']}:{m['n']}", "figure": figure(m["low"], m["high"], m["qualifier"]),
                "context": in_context(m["text"], m["start"], m["end"]), "title": m["title"] or m["doc"]}
               for m in store.members(incident_id)]
    why = store.explain(record)
    return _render(request, "incident.html", record=record, members=members, grade_why=why["grade"],
                   range_why=why["range"], history=store.history(incident_id),
                   audit=store.audit(f"incident:{incident_id}"))


def highlighted(text: str, claims: list) -> Markup:
    """The cleaned text with each evidence sentence marked, its claims' numbers as an anchor."""
    spans: dict[tuple[int, int], list[int]] = {}
    for claim in claims:
        spans.setdefault((claim.start, claim.end), []).append(claim.n)
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
def document(doc_id: str, request: Request, store: Store = Depends(the_store)):
    meta = store.document(doc_id)
    if meta is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    text = store.text(doc_id)
    if text is None:
        raise HTTPException(404, f"no text of document {doc_id!r}")
    claims, held = store.claims(doc_id), store.holders(doc_id)
    return _render(request, "document.html", meta=meta, text=highlighted(text, claims),
                   claims=[{"n": c.n, "figure": figure(c.low, c.high, c.qualifier),
                            "incident": held.get(c.n) if c.n is not None else None, **c.to_exchange()}
                           for c in claims],
                   audit=store.audit(f"document:{doc_id}", prefix=f"claim:{doc_id}:"))


@router.get("/documents/{doc_id}/original")
def original(doc_id: str, store: Store = Depends(the_store)):
    """The archived bytes as captured. Sandboxed: an archived page must not run scripts here."""
    found = store.original(doc_id)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    content, media_type, sha256 = found
    return Response(content, media_type=media_type,
                    headers={"Content-Security-Policy": "sandbox", "ETag": f'"{sha256}"'})


@router.get("/search")
def search(request: Request, q: str = "", store: Store = Depends(the_store)):
    found = store.page("documents", Filters(q=q), limit=100) if q.strip() else None
    items = found.items if found else []
    texts = store.texts([item["doc_id"] for item in items])
    hits = []
    for item in items:
        text = texts[item["doc_id"]]
        at = text.lower().find(q.lower())
        hits.append({**item, "snippet": in_context(text, at, at + len(q)) if at >= 0 else text[:2 * CONTEXT]})
    return _render(request, "search.html", q=q, hits=hits, total=found.total if found else 0)


def intervals(rows: list[dict], width: int = 760, row_height: int = 34, pad: int = 150) -> dict:
    """The SVG geometry of documented against estimated: per row, a bar to the persons the lists
    documented, a mark at the estimate and a whisker over its interval (to the edge, with an
    arrow, when it has no upper end)."""
    top = max([r.get("high") or r.get("estimate") or r.get("observed") or 0 for r in rows] + [1])
    scale = (width - pad - 20) / top
    x = lambda v: round(pad + v * scale, 1)  # noqa: E731
    drawn = []
    for k, r in enumerate(rows):
        y = 10 + k * row_height
        known = "estimate" in r and r["estimate"] is not None
        drawn.append({"label": r["label"], "y": y, "mid": y + 10, "bar_end": x(r.get("observed") or 0),
                      "observed": r.get("observed"), "estimate": r.get("estimate") if known else None,
                      "at": x(r["estimate"]) if known else None, "low": x(r["low"]) if known else None,
                      "high": x(r["high"]) if known and r.get("high") is not None else width - 20,
                      "open": known and r.get("high") is None, "refused": not known})
    return {"rows": drawn, "width": width, "height": 20 + len(rows) * row_height, "pad": pad,
            "top": top, "axis_end": x(top)}


@router.get("/estimate")
def estimate(request: Request, method: str = "loglinear", select: str | None = None, by: str | None = None,
             store: Store = Depends(the_store)):
    if method not in ("loglinear", "lcmcr") or select not in (None, "bic", "aic", "stepwise"):
        raise HTTPException(422, "method is loglinear or lcmcr; select is bic, aic or stepwise")
    lists = store.lists()
    if store.linkage() is None:
        return _render(request, "estimate.html", found=None, lists=lists, chart=None)
    try:
        found = store.estimate(None, by, method=method, select=select)
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None
    rows = [{"label": "all persons", **found}]
    rows += [{"label": f"links ≥ {r['threshold']}", **r} for r in found["linkage"]["across_thresholds"]]
    rows += [{"label": f"{by}: {name}", **s} for name, s in (found.get("strata") or {}).items()]
    return _render(request, "estimate.html", found=found, lists=lists, chart=intervals(rows), method=method,
                   select=select or "", by=by or "")
