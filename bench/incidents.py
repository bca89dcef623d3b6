"""Reconciliation measured on real multi-source data, and its cost as claims grow.

1. UCDP GED Syria (a TEST set for geocoding: read here only to measure reconciliation):
   for events told by several sources, the claims read from each source's headline are
   reconciled, and we count how often the reconciled range holds UCDP's `best`. Place and
   date come from the event, so the figure measures reconciliation, not geocoding.
   Baseline, same process: the range of the first source's claims alone.
2. ACLED notes whose coder says the coded figure is not the reported one ("Fatalities coded
   as 0 (VoJ reported 1)", "Unknown fatalities coded as 10", "split between 3 events"): the
   coder's remark is cut off, and the ACLED profile of what is left (its events' figures,
   then the report's own rules: a party's claim, a total shared among events; publishers
   from ACLED's `source` column, as a document's outlet) is compared with the coded
   `fatalities`. Baseline, same process: the reported number (every "N ... killed" in the
   note, summed). Development set: the global file; the Afghanistan file is a TEST set,
   measured only.
3. Time and memory to reconcile 10k, 30k and 100k claims, made from the real ones by
   shifting places and dates, beside a baseline that only sorts and groups them by place and day.

    .venv/bin/python bench/incidents.py [--shared ../shared] [--limit N] [--part ucdp|acled|scaling]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import groupby
from pathlib import Path

from corroborate import profiles
from corroborate.document import Claim, Document
from corroborate.pipeline import analyse
from corroborate.reconcile import blocking
from corroborate.reconcile.incident import build
from corroborate.reconcile.members import Member

ROOT = Path(__file__).resolve().parents[1]
GED = Path("data") / "ucdp_ged_syria" / "ged_syria_2016_2019.csv"
ACLED = Path("data") / "acled_samples"
PARTS = ("ucdp", "acled", "scaling")
ACLED_FILES = (("dev", "acled_global_2020-04-27_2020-05-09.csv"),
               ("TEST", "acled_afghanistan_2020-03-01_2020-03-21.csv"))
# The coder's own remark on the figure: the answer, so it is cut off before reading the note.
REMARK = re.compile(r"[^.]*\b(?:fatalit\w*|coded)\b[^.]*\b(?:coded|split|spread)\b.*$", re.I | re.S)
# Which kind of remark it is, for the breakdown (first match wins).
KINDS = (("a party's claim coded 0", re.compile(r"coded as 0\b", re.I)),
         ("split between events", re.compile(r"split|spread|across \d+ events", re.I)),
         ("vague or unknown, fixed figure",
          re.compile(r"(?:unknown|unclear|several|dozens|unspecified)[^.]*coded as", re.I)),
         ("other", re.compile("")))
NAIVE = re.compile(r"\b(?!(?:19|20)\d\d\b)(\d[\d,]*)\s+(?:[\w-]+\s+){0,4}?"
                   r"(?:were\s+|was\s+)?(?:killed|dead|died|fatalit\w*)\b", re.I)


def _member(doc: Document, n: int, c: Claim, **known) -> Member:
    """A claim read here as reconciliation sees it; `known` overrides what the claim says."""
    said = dict(doc=doc.doc_id, n=n, outcome=c.outcome, low=c.low, high=c.high, qualifier=c.qualifier,
                victims=c.victims, victim_type=c.victim_type, perpetrator=c.perpetrator, place=c.place, date=c.date,
                source=c.source, status=c.status, scope=c.scope, evidence=c.evidence,
                published=doc.meta.get("published"))
    return Member(**{**said, **known})


def _members(event: dict) -> list[Member]:
    """One document per source of the event; the event's place and day on every claim."""
    found = []
    for k, (office, published, headline) in enumerate(_sources(event["source_article"])):
        doc = Document(f"ged{event['id']}-{k}", headline.encode(), "text/plain", "ged", {"published": published})
        for n, c in enumerate(analyse(doc)[1]):
            found.append(_member(doc, n, c, place=event["where_coordinates"], date=event["date_start"],
                                 source=c.source or office, scope="incident", outlet=office,
                                 place_id=f"ged:{event['where_coordinates']}", precision=1, country="SY"))
    return found


def _sources(article: str) -> list[tuple[str, str, str]]:
    """'"SOHR,2016-01-23,headline";"HRW,2016-02-08,headline"' → [(office, date, headline), …]."""
    found = []
    for part in article.strip('"').split('";"'):
        office, _, rest = part.partition(",")
        day, _, headline = rest.partition(",")
        found.append((office, day, headline))
    return found


def _figure(m: Member, high: bool = False) -> int | None:
    return (m.high if m.high is not None else m.low) if high else (m.low if m.low is not None else m.high)


def _record(members: list[Member]) -> dict:
    """An incident as its exchange record tells it, as much as the profiles read."""
    built = build("x", members)
    claims = [{"low": m.low, "high": m.high, "outcome": m.outcome, "status": m.status,
               "open_ended": m.high is None, "role": built.roles.get(m.key, "total")} for m in members]
    return {"id": "x", **built.summary, "claims": [c for c in claims if c["role"] != "outlier"]}


def ucdp(ged: Path, limit: int) -> list[Member]:
    """Beside each figure, the oracle bounds of what extraction allows: the share of events
    where some claim read from the sources states `best` (no reconciliation can pick a
    figure nobody gave), and where `best` lies between the lowest and the highest figure
    read (no range drawn from the claims can hold more)."""
    events = [e for e in csv.DictReader(ged.open(encoding="utf-8")) if int(e["number_of_sources"]) > 1][:limit]
    tally = dict.fromkeys(("held", "first", "stated", "spanned", "best", "first_best"), 0)
    told = 0
    everything = []
    for event in events:
        members = [m for m in _members(event) if m.outcome == "killed"]
        everything += members
        if not members:
            continue
        told += 1
        best = int(event["best"])
        tally["stated"] += any(best in (m.low, m.high) for m in members)
        tally["spanned"] += min(map(_figure, members)) <= best <= max(_figure(m, True) for m in members)
        main = max(blocking.incidents(members), key=len)
        record = _record(main)
        low, high = record["killed_low"], record["killed_high"]
        tally["held"] += low is not None and low <= best <= (high if high is not None else best)
        tally["best"] += profiles.ucdp_incident(record)[1] == best
        alone = _record([m for m in main if m.doc == main[0].doc])
        first_low, first_high = alone["killed_low"], alone["killed_high"]
        tally["first"] += first_low is not None and first_low <= best <= (first_high or best)
        tally["first_best"] += profiles.ucdp_incident(alone)[1] == best
    share = {k: f"{v}/{told} = {v / max(told, 1):.1%}" for k, v in tally.items()}
    print(f"UCDP GED Syria, {len(events)} events with several sources, {told} with a death claim read:")
    print(f"  reconciled range holds UCDP best:      {share['held']}   "
          f"(oracle: best between the lowest and highest figure read {share['spanned']})")
    print(f"  baseline (first source only):          {share['first']}")
    print(f"  UCDP profile best = UCDP best:         {share['best']}   "
          f"(oracle: some claim read states best {share['stated']})")
    print(f"  baseline (first source only):          {share['first_best']}")
    return everything


def acled_figure(doc: Document, publishers: list[str]) -> int:
    """The ACLED-profile figure of a note: its events' figures (each the ACLED profile of its
    claims, or ACLED's fixed figure for deaths told without a number), then the report's rules."""
    analysis = analyse(doc)
    return profiles.acled_report(analysis.claims, analysis.events, analysis.text.text, publishers)


def _day(text: str) -> str:
    """ACLED's event_date ("9-May-20", "21 March 2020") as YYYY-MM-DD."""
    for layout in ("%d-%b-%y", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), layout).date().isoformat()
        except ValueError:
            continue
    return text


def coded(name: str, path: Path) -> None:
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8", errors="replace"))
            if REMARK.search(r["notes"]) and re.search(r"coded|split|spread", r["notes"], re.I)]
    tally: dict[str, list[int]] = {}
    for r in rows:
        note = REMARK.sub("", r["notes"]).strip()
        doc = Document(r["event_id_cnty"], note.encode(), "text/plain", "acled", {"published": _day(r["event_date"])})
        truth = int(r["fatalities"])
        ours = acled_figure(doc, [p.strip() for p in r["source"].split(";") if p.strip()])
        reported = sum(int(m.group(1).replace(",", "")) for m in NAIVE.finditer(note))
        kind = next(k for k, pattern in KINDS if pattern.search(r["notes"]))
        for key in (kind, "all"):
            t = tally.setdefault(key, [0, 0, 0, 0, 0])
            t[0] += 1
            t[1] += ours == truth
            t[2] += reported == truth
            t[3] += abs(ours - truth)
            t[4] += abs(reported - truth)
    print(f"ACLED {name} set ({path.name}): {len(rows)} notes where the coded figure is not the reported one")
    print("  remark                             notes | ACLED profile = coded  MAE | baseline (reported) = coded  MAE")
    for kind in [k for k, _ in KINDS] + ["all"]:
        if kind in tally:
            n, ours, base, ours_err, base_err = tally[kind]
            print(f"  {kind:<33} {n:>6} | {ours / n:>20.1%} {ours_err / n:>5.1f} | "
                  f"{base / n:>26.1%} {base_err / n:>5.1f}")


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
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CORROBORATE_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--limit", type=int, default=1000, help="UCDP events with several sources to read")
    parser.add_argument("--part", choices=PARTS, action="append", help="run only this part (repeatable)")
    args = parser.parse_args()
    parts = args.part or PARTS
    if not (args.shared / GED).exists():
        sys.exit(f"{args.shared / GED}: absent (this benchmark reads ../shared)")
    real = ucdp(args.shared / GED, args.limit) if {"ucdp", "scaling"} & set(parts) else []
    if "acled" in parts:
        for name, file in ACLED_FILES:
            coded(name, args.shared / ACLED / file)
    if "scaling" in parts:
        scaling(real)


if __name__ == "__main__":
    main()
