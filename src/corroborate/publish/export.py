"""Exports of claims, events or incidents as JSON Lines, CSV, GeoJSON or ACLED-style CSV, and of
linked persons (one row per list record) as JSON Lines or CSV."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

import duckdb

from corroborate import profiles
from corroborate.document import Claim, Event
from corroborate.publish import acled, geojson
from corroborate.publish.formats import flat, write_rows
from corroborate.reconcile.incident import as_claim
from corroborate.store import incidents as incident_rows
from corroborate.store import lists as victim_lists
from corroborate.store import records
from corroborate.store.events import current_events

FORMATS = ("jsonl", "csv", "geojson", "acled-csv")
SUBJECTS = ("claims", "events", "incidents", "persons")
PERSONS = ("list", "record_id", "person_id")


def _rows(con: duckdb.DuckDBPyConnection, what: str, profile: str | None, keys: list[str] | None) -> Iterator[dict]:
    wanted = None if keys is None else set(keys)
    if what == "claims":
        for claim in records.current_claims(con):
            if wanted is None or f"{claim.doc}:{claim.n}" in wanted:
                yield {"id": f"{claim.doc}:{claim.n}", **claim.to_exchange(),
                   **(profiles.figures(profile, claim) if profile else {})}
    elif what == "events":
        for event in current_events(con):
            if wanted is None or f"{event.doc}:{event.n}" in wanted:
                yield {"id": f"{event.doc}:{event.n}", **event.to_exchange()}
    elif what == "persons":  # so that anyone can score the linkage against their own truth
        for linked, person in victim_lists.persons(con).items():
            name, _, record_id = linked.partition(":")
            yield {"list": name, "record_id": record_id, "person_id": person}
    else:
        for record in incident_rows.exchanges(con, incident_rows.all_ids(con) if keys is None else keys):
            yield {**record, **(profiles.figures(profile, as_claim(record), record) if profile else {})}


def fields(what: str, profile: str | None) -> tuple[str, ...]:
    extra = profiles.COLUMNS[profile] if profile else ()
    if what == "claims":
        return ("id", *Claim.EXCHANGE_FIELDS, *extra)
    if what == "events":
        return ("id", *Event.EXCHANGE_FIELDS)
    if what == "persons":
        return PERSONS
    return (*incident_rows.RECORD, *extra)


INDIRECT_NOTE = "[Indirect deaths: tied to the conflict, not to a violent act] "


def _acled(con: duckdb.DuckDBPyConnection, what: str, rows: Iterator[dict]) -> Iterator[dict]:
    """ACLED records political violence: claims of other deaths (an epidemic, a crash) are
    left out, and indirect deaths say so in the notes."""
    outlets = records.outlets(con)
    for r in rows:
        if what == "incidents":
            docs = sorted({c["doc"] for c in r["claims"]})
            yield acled.row(key=r["id"], day=r["date_start"], event_type=r["event_type"], country=r["country"],
                            location=r["place"], latitude=r["latitude"], longitude=r["longitude"],
                            source="; ".join(dict.fromkeys(c["source"] or outlets[c["doc"]][0] or ""
                                                           for c in r["claims"])),
                            notes=(INDIRECT_NOTE if r["indirect"] else "")
                            + " ".join(c["evidence"] for c in r["claims"]),
                            fatalities=profiles.acled(as_claim(r)),
                            timestamp=max((outlets[d][1] for d in docs), default=None))
            continue
        outlet, captured = outlets[r["doc"]]
        if what == "events":
            yield acled.row(key=r["id"], day=r["date"], event_type=r["event_type"],
                            sub_event_type=r["sub_event_type"], actor1=r["actor1"], actor2=r["actor2"],
                            country=r["country"], admin1=r["admin1"], location=r["place"], latitude=r["latitude"],
                            longitude=r["longitude"], source=outlet, notes=r["evidence"], fatalities=r["fatalities"],
                            timestamp=captured)
        elif r["outcome"] == "killed" and r["cause"] != "other":  # ACLED records fatalities only
            yield acled.row(key=r["id"], day=r["date"], actor1=r["perpetrator"], location=r["place"],
                            latitude=r["latitude"], longitude=r["longitude"], precision=r["precision"],
                            source=r["source"] or outlet,
                            notes=(INDIRECT_NOTE if r["cause"] == "indirect" else "") + r["evidence"],
                            fatalities=profiles.acled(Claim(**{k: r[k] for k in Claim.EXCHANGE_FIELDS},
                                                            start=0, end=0)),
                            timestamp=captured)


def export(con: duckdb.DuckDBPyConnection, what: str, fmt: str, profile: str | None = None,
           out: TextIO | None = None, keys: list[str] | None = None) -> tuple[int, int]:
    """(records written, records left out): GeoJSON leaves out what has no coordinates.
    `out`: standard output when not given, as it is at the call. `keys`: only the records
    of these ids ("doc:n" for a claim or an event), as a filtered view holds them."""
    out = sys.stdout if out is None else out
    if what == "persons" and fmt not in ("jsonl", "csv"):
        raise ValueError("persons are exported as jsonl or csv: they have no coordinates or ACLED columns")
    if what == "persons" and victim_lists.linkage(con) is None:
        raise ValueError("no persons yet: import victim lists (`corroborate lists import`) and run `corroborate link`")
    rows = _rows(con, what, profile, keys)
    if fmt == "geojson":
        return geojson.write((geojson.feature(r, r["latitude"], r["longitude"]) for r in rows), out)
    if fmt == "acled-csv":
        return acled.write(_acled(con, what, rows), out), 0
    return write_rows((flat(r) for r in rows) if fmt == "csv" else rows, fmt, fields(what, profile), (), out), 0
