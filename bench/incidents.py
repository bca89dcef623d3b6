"""Reconciliation measured on real multi-source data, and its cost as claims grow.

1. UCDP GED Syria (a TEST set for geocoding: read here only to measure reconciliation):
   for events told by several sources, the claims read from each source's headline are
   reconciled, and we count how often the reconciled range holds UCDP's `best`. Place and
   date come from the event, so the figure measures reconciliation, not geocoding.
   Baseline, same process: the range of the first source's claims alone.
2. Time and memory to reconcile 10k, 30k and 100k claims, made from the real ones by
   shifting places and dates, beside a baseline that only sorts and groups them by place and day.

    .venv/bin/python bench/incidents.py [--limit N]
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import date, timedelta
from itertools import groupby
from pathlib import Path

from corroborate.document import Document
from corroborate.pipeline import analyse
from corroborate.reconcile import blocking
from corroborate.reconcile.incident import build
from corroborate.reconcile.members import Member

ROOT = Path(__file__).resolve().parents[1]
GED = ROOT.parent / "shared" / "data" / "ucdp_ged_syria" / "ged_syria_2016_2019.csv"


def _members(event: dict) -> list[Member]:
    """One document per source of the event; the event's place and day on every claim."""
    found = []
    for k, (office, published, headline) in enumerate(_sources(event["source_article"])):
        doc = Document(f"ged{event['id']}-{k}", headline.encode(), "text/plain", "ged", {"published": published})
        for n, c in enumerate(analyse(doc)[1]):
            found.append(Member(doc=doc.doc_id, n=n, outcome=c.outcome, low=c.low, high=c.high, qualifier=c.qualifier,
                                victims=c.victims, victim_type=c.victim_type, perpetrator=c.perpetrator,
                                place=event["where_coordinates"], date=event["date_start"], source=c.source or office,
                                status=c.status, scope="incident", evidence=c.evidence, outlet=office,
                                published=published, place_id=f"ged:{event['where_coordinates']}", precision=1,
                                country="SY"))
    return found


def _sources(article: str) -> list[tuple[str, str, str]]:
    """'"SOHR,2016-01-23,headline";"HRW,2016-02-08,headline"' → [(office, date, headline), …]."""
    found = []
    for part in article.strip('"').split('";"'):
        office, _, rest = part.partition(",")
        day, _, headline = rest.partition(",")
        found.append((office, day, headline))
    return found


def ucdp(limit: int) -> list[Member]:
    events = [e for e in csv.DictReader(GED.open(encoding="utf-8")) if int(e["number_of_sources"]) > 1][:limit]
    held = first = told = 0
    everything = []
    for event in events:
        members = [m for m in _members(event) if m.outcome == "killed"]
        everything += members
        if not members:
            continue
        told += 1
        best = int(event["best"])
        groups = blocking.incidents(members)
        main = max(groups, key=len)
        record = build("x", main).summary
        low, high = record["killed_low"], record["killed_high"]
        held += low is not None and low <= best <= (high if high is not None else best)
        alone = build("y", [m for m in main if m.doc == main[0].doc]).summary
        first += alone["killed_low"] is not None and alone["killed_low"] <= best <= (alone["killed_high"] or best)
    print(f"UCDP GED Syria, {len(events)} events with several sources, {told} with a death claim read:")
    print(f"  reconciled range holds UCDP best: {held}/{told} = {held / max(told, 1):.1%}")
    print(f"  baseline (first source only):     {first}/{told} = {first / max(told, 1):.1%}")
    return everything


def _shifted(real: list[Member], size: int) -> list[Member]:
    rng = random.Random(7)
    start = date(2016, 1, 1)
    out = []
    for i in range(size):
        m = real[i % len(real)]
        day = start + timedelta(days=rng.randrange(1500))
        place = f"p{rng.randrange(2000)}"
        out.append(replace(m, doc=f"{m.doc}#{i}", date=day.isoformat(), place_id=place, place=place))
    return out


def _measure(work, *args) -> tuple[float, float]:
    """Seconds (a run of its own: tracing memory slows Python several times) and peak MiB."""
    began = time.perf_counter()
    work(*args)
    seconds = time.perf_counter() - began
    tracemalloc.start()
    work(*args)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def _baseline(members: list[Member]) -> None:
    key = lambda m: (m.date, m.place_id)  # noqa: E731
    for _, group in groupby(sorted(members, key=key), key=key):
        list(group)


def _reconcile(members: list[Member]) -> None:
    for group in blocking.incidents(members):
        build("x", group)


def scaling(real: list[Member]) -> None:
    print("claims   reconcile s  peak MiB   | baseline (sort+group) s  peak MiB")
    for size in (10_000, 30_000, 100_000):
        members = _shifted(real, size)
        t, mem = _measure(_reconcile, members)
        bt, bmem = _measure(_baseline, members)
        print(f"{size:>7,}  {t:10.2f}  {mem:8.1f}   | {bt:10.2f}  {bmem:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="UCDP events with several sources to read")
    args = parser.parse_args()
    if not GED.exists():
        sys.exit(f"{GED}: absent (this benchmark reads ../shared)")
    real = ucdp(args.limit)
    scaling(real)


if __name__ == "__main__":
    main()
