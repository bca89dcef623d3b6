"""One filter state for the whole explorer, read from the query string: the API's lists, the
map, the list, the timeline and the exports all take it, and links carry it on (a permalink)."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import HTTPException, Query

from corroborate.store import queries


def the_filters(start: str | None = Query(None, description="First day, YYYY-MM-DD."),
                end: str | None = Query(None, description="Last day, YYYY-MM-DD."),
                bbox: str | None = Query(None, description="west,south,east,north in degrees."),
                grade: str | None = Query(None, description="Incidents: confirmed, fair, weak or contested."),
                source: str | None = Query(None, description="Part of a source's (or outlet's) name."),
                q: str | None = Query(None, description="Words: a document's title or text, a claim's or an "
                                      "event's evidence, an incident's place, country or type."),
                kind: str | None = Query(None, description="Incidents: incident or aggregate."),
                country: str | None = Query(None, description="ISO 3166 alpha-2 code, as the records hold it."),
                victim_type: str | None = Query(None, description="civilian, security_forces, combatant, mixed "
                                                "or unknown."),
                event_type: str | None = Query(None, description="ACLED's event type."),
                cause: str | None = Query(None, description="violence or indirect (claims: also other).")
                ) -> queries.Filters:
    # an empty field of the page's filter form means "any", as an absent one does
    given: dict[str, str | None] = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in locals().items()}
    try:
        for day in (given["start"], given["end"]):
            if day:
                _day(day)
        return queries.Filters(**{**given, "bbox": queries.parse_bbox(given["bbox"])})  # type: ignore[arg-type]
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None


def _day(text: str) -> None:
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"a day is YYYY-MM-DD, not {text!r}") from None


def link(f: queries.Filters, **more: str | int | None) -> str:
    """The query string of these filters and `more` (left out when None): "?start=…&grade=…"."""
    given = {**f.given(), **{k: v for k, v in more.items() if v is not None}}
    return "?" + urlencode(given) if given else ""
