"""The pages people read: the map, the timeline, an incident, a document, search."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from corroborate.api import Store
from corroborate.edits import STATUSES
from corroborate.publish import formats
from corroborate.reconcile import places
from corroborate.reconcile.rules import rules
from corroborate.store.queries import Filters
from corroborate.web import filters, words
from corroborate.web import search as searching
from corroborate.web.access import COOKIE, csrf_token, reader, signed_in, the_store

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
    span=lambda r, what="killed": formats.incident_range(r, what),
    reads=lambda low, high: formats.reads(low, high),  # a claim's figures with no qualifier at hand
    tojson_pretty=lambda v: json.dumps(v, ensure_ascii=False, indent=1, default=str),
    told=lambda r: places.told(r["place"], r["precision"]) or "no place",  # "somewhere in Latakia Governorate"
    area=lambda r: places.area(r["precision"]),
    victims=lambda code: words.word("victims", code),
    country=words.country,
    grade_words=lambda code: words.word("grades", code))
templates.env.globals["precision"] = rules().precision  # places told in words, as reconcile/rules.toml says
templates.env.globals["words"] = words.words()
PER_PAGE = 100  # incidents listed on a page of the explorer, the most recent first
EXPORTS = {"CSV": "csv", "GeoJSON": "geojson", "JSON Lines": "jsonl", "ACLED CSV": "acled-csv"}


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page, with who is logged in (the header says so, and offers to log out)."""
    who = signed_in(request)
    return templates.TemplateResponse(request, name, {
        "assets": request.app.state.assets is not None, "who": who,
        "csrf": csrf_token(request, request.cookies[COOKIE]) if who else None, **context}, status_code=status_code)


def _paging(total: int, page: int, per_page: int, f: Filters, path: str, **more: str | None) -> dict:
    """What a page of a list says of itself: "101–200 of 1,970", and the links either side
    (carrying the filters and `more` of the query string)."""
    last = max(1, -(-total // per_page))
    return {"total": total, "first": min(total, (page - 1) * per_page + 1), "last": min(total, page * per_page),
            "page": page, "pages": last,
            "previous": path + filters.link(f, **more, page=page - 1 if page > 2 else None) if page > 1 else None,
            "next": path + filters.link(f, **more, page=page + 1) if page < last else None}


@router.get("/")
def home(request: Request, f: Filters = Depends(filters.the_filters), page: int = Query(1, ge=1, le=10**6),
         store: Store = Depends(the_store)):
    found = store.page("incidents", f, PER_PAGE, (page - 1) * PER_PAGE, newest=True)
    drawn = replace(f, kind=f.kind or "incident")  # a total over many incidents is listed, not drawn, unless asked
    return render(request, "map.html", items=found.items, paging=_paging(found.total, page, PER_PAGE, f, "/"),
                  f=f, here=filters.link(f), map_source="/api/points" + filters.link(drawn),
                  exports={name: "/api/export/incidents" + filters.link(f, format=fmt)
                           for name, fmt in EXPORTS.items()})


def buckets(days: list[dict]) -> tuple[str, list[dict]]:
    """Days summed into what a chart can show: days over a year or so, months over decades,
    else years. Each bucket: its first and last day, low, high, open-ended, incidents."""
    unit = "day" if len(days) <= 400 else "month" if len(days) <= 366 * 30 else "year"
    width = {"day": 10, "month": 7, "year": 4}[unit]
    found: dict[str, dict] = {}
    for d in days:
        b = found.setdefault(d["day"][:width], {"label": d["day"][:width], "first": d["day"], "low": 0, "high": 0,
                                                "open_ended": False, "incidents": 0})
        b["last"] = d["day"]
        b["low"] += d["low"]
        b["high"] += d["high"]
        b["open_ended"] |= d["open_ended"]
        b["incidents"] += d["incidents"]
    return unit, list(found.values())


def band(days: list[dict], width: int = 900, height: int = 260, pad: int = 50, log: bool = False) -> dict:
    """The SVG geometry of the low–high band: a step per bucket (day, month or year), high along
    the top, low back along the bottom; ticks that always say the year; a bar to click per
    bucket with incidents. `log`: a log scale, so that one spike does not flatten the rest."""
    unit, rows = buckets(days)
    top = max((d["high"] for d in rows), default=0) or 1
    step = (width - 2 * pad) / max(len(rows), 1)
    scale = (lambda v: math.log10(1 + v) / math.log10(1 + top)) if log else (lambda v: v / top)
    y = lambda v: round(height - pad - scale(v) * (height - 2 * pad), 1)  # noqa: E731
    upper, lower, bars = [], [], []
    for k, d in enumerate(rows):
        x0, x1 = round(pad + k * step, 1), round(pad + (k + 1) * step, 1)
        upper += [(x0, y(d["high"])), (x1, y(d["high"]))]
        lower += [(x0, y(d["low"])), (x1, y(d["low"]))]
        if d["incidents"]:
            bars.append({**d, "x": x0, "width": max(round(x1 - x0, 1), 1)})
    points = upper + lower[::-1]
    path = ("M" + " L".join(f"{x},{yy}" for x, yy in points) + " Z") if points else ""
    every = len(rows) // 10 + 1
    ticks = [{"x": round(pad + (k + 0.5) * step, 1), "label": d["label"]} for k, d in enumerate(rows)
             if k % every == 0]
    return {"path": path, "width": width, "height": height, "pad": pad, "top": top, "ticks": ticks,
            "y_top": y(top), "baseline": y(0), "bars": bars, "unit": unit, "log": log,
            "middle": {"y": y(round(top ** 0.5) if log else top // 2), "label": round(top ** 0.5) if log else top // 2}}


@router.get("/timeline")
def timeline(request: Request, f: Filters = Depends(filters.the_filters), scale: str = "linear",
             store: Store = Depends(the_store)):
    days = store.daily(f)
    return render(request, "timeline.html", days=days, band=band(days, log=scale == "log"), f=f,
                  here=filters.link(f), scale=scale,
                  day_link=lambda first, last: "/" + filters.link(replace(f, start=first, end=last)),
                  zoom_link=lambda first, last: "/timeline" + filters.link(replace(f, start=first, end=last),
                                                                           scale=None if scale == "linear" else scale))


def in_context(text: str, start: int, end: int) -> Markup:
    """The evidence sentence highlighted, with the text around it."""
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    return Markup(f"{'…' if start > CONTEXT else ''}{escape(before)}<mark>{escape(text[start:end])}</mark>"
                  f"{escape(after)}{'…' if end + CONTEXT < len(text) else ''}")


def _incident(store: Store, incident_id: str) -> dict:
    record = store.incident(incident_id)
    if record is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return record


def citation(record: dict, url: str, accessed: date) -> dict:
    """How to cite an incident: its title, the permalink, the day it was read, as plain text and CSL-JSON."""
    when = record["date_start"] if record["date_start"] == record["date_end"] else \
        f"{record['date_start'] or '?'} – {record['date_end'] or '?'}"
    where = places.told(record["place"], record["precision"]) or "no place"
    title = (f"{record['kind'].capitalize()} {record['id']}: {where}, {when or 'undated'}; "
             f"killed {formats.incident_range(record)} ({record['grade']})")
    text = f"corroborate. “{title}.” {url} (accessed {accessed.isoformat()})."
    csl = {"id": record["id"], "type": "dataset", "title": title, "publisher": "corroborate", "URL": url,
           "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]}}
    return {"text": text, "csl": csl}


@router.get("/incidents/{incident_id}")
def incident(incident_id: str, request: Request, store: Store = Depends(the_store)):
    record = _incident(store, incident_id)
    members = [{**m, "key": f"{m['doc']}:{m['n']}", "figure": figure(m["low"], m["high"], m["qualifier"]),
                "context": in_context(m["text"], m["start"], m["end"]), "title": m["title"] or m["doc"]}
               for m in store.members(incident_id)]
    why = store.explain(record)
    history = [{**h, "lines": words.history_lines(h["change"], h["detail"])} for h in store.history(incident_id)]
    cite = citation(record, str(request.url_for("incident", incident_id=incident_id)), date.today())
    return render(request, "incident.html", record=record, members=members, grade_why=why["grade"],
                  range_why=why["range"], history=history, killed=formats.incident_range(
                      record, approx=words.approximate(members, record)),
                  cite=cite, audit=store.audit(f"incident:{incident_id}"), statuses=STATUSES)


@router.get("/incidents/{incident_id}/cite.json", response_class=JSONResponse)
def cite(incident_id: str, request: Request, store: Store = Depends(the_store)):
    """The incident as CSL-JSON (Zotero, pandoc, citeproc read it): a list of one item."""
    record = _incident(store, incident_id)
    found = citation(record, str(request.url_for("incident", incident_id=incident_id)), date.today())
    return JSONResponse([found["csl"]], media_type="application/vnd.citationstyles.csl+json")


def highlighted(text: str, claims: list) -> Markup:
    """The cleaned text with each evidence sentence marked; every claim has its anchor
    ("claim-N") there, also when several share a sentence or one sentence lies inside another."""
    spans: list[list] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end, c.n)):
        if spans and claim.start < spans[-1][1]:  # inside (or across) a sentence already marked
            spans[-1][1] = max(spans[-1][1], claim.end)
            spans[-1][2].append(claim.n)
        else:
            spans.append([claim.start, claim.end, [claim.n]])
    out, at = [], 0
    for start, end, ns in spans:
        more = "".join(f'<span id="claim-{n}" class="anchor"></span>' for n in ns[1:])
        out += [str(escape(text[at:start])),
                f'<mark id="claim-{ns[0]}" class="claim" title="claims {", ".join(map(str, ns))}">{more}'
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
    return render(request, "document.html", meta=meta, text=highlighted(text, claims),
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


NEAR = 0.05  # degrees either side of a place: its box on the map


@router.get("/search")
def search(request: Request, q: str = "", what: searching.Kind | None = searching.ONE_KIND,
           page: int = Query(1, ge=1, le=10**6), store: Store = Depends(the_store)):
    """Places, incidents and documents for what a person typed, however they spelled it."""
    found = searching.results(store, q.strip(), what, page) if q.strip() else None
    paging = (_paging(found[what]["total"], page, searching.PER_KIND_PAGE, Filters(q=q), "/search", what=what)
              if found and what else None)
    for place in found["places"]["items"] if found and "places" in found else []:
        if place["latitude"] is not None:
            box = (place["longitude"] - NEAR, place["latitude"] - NEAR, place["longitude"] + NEAR,
                   place["latitude"] + NEAR)
            place["map"] = "/" + filters.link(Filters(bbox=box))
    return render(request, "search.html", q=q, what=what, found=found, paging=paging,
                  more={kind: "/search" + filters.link(Filters(q=q), what=kind) for kind in searching.KINDS})


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
        return render(request, "estimate.html", found=None, lists=lists, chart=None)
    try:
        found = store.estimate(None, by, method=method, select=select)
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None
    rows = [{"label": "all persons", **found}]
    rows += [{"label": f"links ≥ {r['threshold']}", **r} for r in found["linkage"]["across_thresholds"]]
    rows += [{"label": f"{by}: {name}", **s} for name, s in (found.get("strata") or {}).items()]
    return render(request, "estimate.html", found=found, lists=lists, chart=intervals(rows), method=method,
                  select=select or "", by=by or "")


@router.get("/persons/{person_id}")
def person(person_id: str, request: Request, store: Store = Depends(the_store)):
    """A linked person: the records the lists hold of them side by side, and for each link how
    every field agreed and the match weight it added."""
    found = store.person(person_id)
    if found is None:
        raise HTTPException(404, f"no person {person_id!r}")
    return render(request, "person.html", person=found)
