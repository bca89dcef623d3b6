#!/usr/bin/env python3
"""Measure the fuzzy-match threshold on held-out spellings (dev data, not a test set).

Each Latin spelling of a Who's On First locality is looked up in turn with that one spelling
of that one place taken out of the index; the nearest-sounding names of the other spellings
and places (same sound key, rapidfuzz similarity of folded keys) must find the place again.
For each threshold: how many answer, and how many of those are right (within 5 km). The
baseline, in the same run, is exact lookup of the folded key.

usage: bench/fold_threshold.py ../shared/data/syria_gazetteer/wof_syria_places.csv
"""
import csv
import sys
from collections import defaultdict

from rapidfuzz.distance import Levenshtein

from corroborate.resolve.fold import fold, sound
from corroborate.resolve.geocoder import km, settings


def main(path: str) -> None:
    places, by_key, by_sound = {}, defaultdict(set), defaultdict(set)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["placetype"] != "locality":
                continue
            names = {n for c in ("name", "gn_asciiname", "names_variant", "names_eng") for n in row[c].split("|") if n}
            keys = {k for k in map(fold, names) if k and k.isascii()}
            places[row["wof_id"]] = (float(row["latitude"]), float(row["longitude"]), keys)
            for k in keys:
                by_key[k].add(row["wof_id"])
                by_sound[sound(k)].add((k, row["wof_id"]))
    trials = exact_right = 0
    best_sims: list[tuple[float, bool]] = []
    for pid, (lat, lon, keys) in places.items():
        if len(keys) < 2:
            continue
        for k in keys:
            trials += 1
            hits = by_key[k] - {pid}
            exact_right += bool(hits) and any(km(lat, lon, *places[h][:2]) <= 5 for h in hits)
            scored = [(Levenshtein.normalized_similarity(k, other), h) for other, h in by_sound[sound(k)]
                      if not (h == pid and other == k)]
            if scored:
                sim, h = max(scored)
                best_sims.append((sim, km(lat, lon, *places[h][:2]) <= 5))
    print(f"held-out spellings: {trials}; baseline exact key: right {exact_right / trials:.3f}")
    print("threshold  answered  right  precision")
    for t in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        answered = [ok for sim, ok in best_sims if sim >= t]
        right = sum(answered)
        print(f"{t:9.2f}  {len(answered) / trials:8.3f}  {right / trials:5.3f}  {right / max(1, len(answered)):9.3f}")
    print(f"configured threshold (geocoder.toml): {settings().threshold}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/syria_gazetteer/wof_syria_places.csv")
