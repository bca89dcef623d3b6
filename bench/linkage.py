"""Linkage of victim lists against the truth: the semi-synthetic Syrian-style lists of
../shared/data/victim_lists (3 lists, 4,069 records of 3,000 people, true persons known), linked
by `Store.link` at several thresholds, beside the README's exact-name baseline run here on the
same records. Pairwise precision and recall against `true_person_id`; then the estimate of all
victims (truth: 3,000) from the persons at each threshold, beside the estimate from the true
persons (perfect linkage) in the same run, and the same model with m counted from the truth
(what the comparisons can do at best); time and peak memory.

usage: python bench/linkage.py [--shared ../shared] [--gazetteer FILE]   (imported first: OCHA's, say)
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from corroborate import Store
from corroborate.estimate import estimate, from_memberships
from corroborate.estimate import link as linkage
from corroborate.store import lists as victim_lists

THRESHOLDS = (0.005, 0.01, 0.025, 0.05, 0.2, 0.5, 0.9)  # 0.025: the default with one per list (link.toml)
ARTICLE = re.compile(r"^(?:al|el)[- ]?", re.IGNORECASE)


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members = defaultdict(list)
    for record, group in groups.items():
        members[group].append(record)
    return {pair for records in members.values() for pair in combinations(sorted(records), 2)}


def score(found: set, true: set) -> tuple[float, float, int]:
    hit = len(found & true)
    return hit / max(1, len(found)), hit / len(true), len(found)


def exact_names(rows: list[dict], fold: bool) -> dict[str, str]:
    """The README's baseline: records with the same given and family name are one person
    (`fold`: lower case, a leading al-/el- taken off the family name)."""
    group = {}
    for r in rows:
        uid = f"{r['list']}:{r['record_id']}"
        given, family = r["given_name"], r["family_name"]
        if given and family:
            key = (given.lower(), ARTICLE.sub("", family.lower())) if fold else (given, family)
            group[uid] = repr(key)
        else:
            group[uid] = uid
    return group


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CORROBORATE_SHARED", "../shared")))
    parser.add_argument("--gazetteer", type=Path, help="a gazetteer to import into the store first")
    args = parser.parse_args()
    path = args.shared / "data" / "victim_lists" / "syrian_style_3lists.csv"
    if not path.exists():
        print(f"skipped: {path} is absent (the benchmark reads ../shared)")
        return 0
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    true = pairs({f"{r['list']}:{r['record_id']}": r["true_person_id"] for r in rows})
    print(f"{len(rows)} records, {len(true)} true pairwise links\n")
    print(f"{'linkage':<44} {'precision':>9} {'recall':>7} {'pairs':>7}")
    for label, fold in (("baseline: exact given + family name", False), ("baseline: the same, folded", True)):
        p, r, n = score(pairs(exact_names(rows, fold)), true)
        print(f"{label:<44} {p:>9.3f} {r:>7.3f} {n:>7}")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lists.duckdb") as store:
        if args.gazetteer:
            from corroborate.resolve.importers import read

            store.import_places(args.gazetteer.name, str(args.gazetteer), read(args.gazetteer))
        started = time.perf_counter()
        store.import_list(path, None, {}, country="SY")
        imported = time.perf_counter() - started
        estimates = []
        # the comparisons' ceiling: the same model with m counted from the truth, not learned
        with store.reading() as con:
            found = victim_lists.records(con)
        with store.gazetteer() as places:
            where = linkage.places_of(found, places, {name: "SY" for name in "ABC"})
        started = time.perf_counter()
        oracle, _ = linkage.link(found, where, truth={f"{r['list']}:{r['record_id']}": r["true_person_id"]
                                                      for r in rows})
        took = time.perf_counter() - started
        for threshold in THRESHOLDS[3:6]:
            p, r, n = score(pairs(linkage.persons([linkage.uid(x) for x in found], oracle, threshold, True)), true)
            label = f"m from the truth ≥ {threshold}, one per list"
            print(f"{label:<44} {p:>9.3f} {r:>7.3f} {n:>7}   ({took:.1f} s)")
        for one_per_list in (False, True):
            for threshold in THRESHOLDS:
                started = time.perf_counter()
                store.link(threshold, one_per_list)
                took = time.perf_counter() - started
                p, r, n = score(pairs(store.persons()), true)
                label = f"corroborate ≥ {threshold}{', one per list' if one_per_list else ''}"
                print(f"{label:<44} {p:>9.3f} {r:>7.3f} {n:>7}   ({took:.1f} s)")
                if one_per_list:
                    started = time.perf_counter()
                    found = store.estimate(None, None)
                    estimates.append((label, found, time.perf_counter() - started))
    truth = defaultdict(set)
    for r in rows:
        truth[r["true_person_id"]].add(r["list"])
    perfect = estimate(from_memberships(truth.values(), ["A", "B", "C"])).to_dict()
    print("\nestimate of all victims (truth 3,000), log-linear, BIC")
    print(f"{'baseline: true persons (perfect linkage)':<44} {perfect['estimate']:>7,} "
          f"[{perfect['low']:,}–{perfect['high']:,}]  observed {perfect['observed']:,}")
    for label, found, took in estimates:
        if "refused" in found:
            print(f"{label:<44} refused: {found['refused']}")
            continue
        covers = "covers" if found["low"] <= 3000 <= found["high"] else "misses"
        print(f"{label:<44} {found['estimate']:>7,} [{found['low']:,}–{found['high']:,}]  observed "
              f"{found['observed']:,}  {covers} 3,000  ({took:.1f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nimport {imported:.1f} s; each link includes training and place resolution; peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
