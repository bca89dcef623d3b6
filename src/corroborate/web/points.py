"""The map's points: each incident the filters let through, as little as the map draws (where,
how precisely, the grade, the size) and its label in the pages' own words, a page at a time.
A thousand incidents with their claims weigh a megabyte; their points a tenth of it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from corroborate.api import Store
from corroborate.publish import formats
from corroborate.reconcile import places
from corroborate.reconcile.rules import rules
from corroborate.store import queries
from corroborate.web.access import reader, the_store
from corroborate.web.answer_json import JSONAnswer
from corroborate.web.filters import the_filters

router = APIRouter(prefix="/api", dependencies=[Depends(reader)])


def label(record: dict) -> str:
    """What a marker says, to the eye (its tooltip) and to a screen reader (its name):
    "somewhere in Idlib Governorate (SY), 2024-05-02: 3 – 5 killed (grade: fair)"."""
    where = places.told(record["place"], record["precision"]) or "no place"
    country = f" ({record['country']})" if record["country"] else ""
    return (f"{where}{country}, {record['date_start'] or 'undated'}: {formats.incident_range(record)} killed "
            f"(grade: {record['grade']})")


def point(record: dict) -> dict:
    located = record["latitude"] is not None and record["longitude"] is not None \
        and record["precision"] != rules().precision["unresolved"]
    return {"id": record["id"], "lat": record["latitude"] if located else None,
            "lon": record["longitude"] if located else None, "area": places.area(record["precision"]),
            "grade": record["grade"], "deaths": record["killed_high"] or record["killed_low"] or 0,
            "label": label(record)}


@router.get("/points", response_class=JSONAnswer,
            summary="The map's points: each incident the filters let through, with its label, a page at a time")
def points(f: queries.Filters = Depends(the_filters), limit: int = Query(1000, ge=1, le=queries.MAX_LIMIT),
           offset: int = Query(0, ge=0, le=2**31 - 1), store: Store = Depends(the_store)):
    found = store.page("incidents", f, limit, offset)
    return JSONAnswer({"total": found.total, "limit": found.limit, "offset": found.offset,
                       "items": [point(record) for record in found.items]})
