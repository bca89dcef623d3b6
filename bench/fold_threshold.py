#!/usr/bin/env python3
"""Measure the sound key and the fuzzy-match threshold on held-out spellings (dev data, not a
test set).

Each spelling (Latin or Arabic) of a Who's On First locality is looked up in turn with that one
spelling of that one place taken out of the index, among the places of its own governorate (as
the geocoder does when a query names one). The other names that share its sound key are weighed
by the geocoder's similarity of folded keys (rapidfuzz ratio; a key folded from Arabic script
may lack short vowels); the best, if it reaches the threshold, is the answer,
right when within 5 km. A name another place of the governorate has exactly is a homonym the
sound key cannot help with, so it is counted as not found. The baseline, in the same run, is
the previous sound key: the folded key's consonants, with no classes.

usage: bench/fold_threshold.py [../shared/data/syria_gazetteer/wof_syria_places.csv]
"""
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Callable

from corroborate.fold import fold, in_arabic, sound
from corroborate.resolve.geocoder import km, settings, similarity

NAME_COLUMNS = ("name", "gn_asciiname", "names_variant", "names_eng", "names_ara")
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def consonants(key: str) -> str:
    joined = key.replace(" ", "")
    return re.sub("[aeiouyw]", "", joined) or joined


def read(path: str) -> dict[str, tuple[float, float, dict[str, bool], str]]:
    """Each locality's folded keys, each with whether a spelling in Arabic script gave it."""
    places = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["placetype"] != "locality" or not row["region"]:
                continue
            keys: dict[str, bool] = {}
            for name in {n for c in NAME_COLUMNS for n in row[c].split("|") if n}:
                k = fold(name)
                if k and k.isascii():
                    keys[k] = keys.get(k, False) or in_arabic(name)
            places[row["wof_id"]] = (float(row["latitude"]), float(row["longitude"]), keys, row["region"])
    return places


def measure(places: dict, key_of: Callable[[str], str], label: str) -> None:
    by_sound, by_key = defaultdict(set), defaultdict(set)
    for pid, (_, _, keys, region) in places.items():
        for k, arabic in keys.items():
            by_sound[region, key_of(k)].add((k, arabic, pid))
            by_key[region, k].add(pid)
    trials = bucket = 0
    best: list[tuple[float, bool]] = []
    for pid, (lat, lon, keys, region) in places.items():
        if len(keys) < 2:
            continue
        for k, arabic in keys.items():
            trials += 1
            if by_key[region, k] - {pid}:
                continue
            scored = [(similarity(k, other, arabic, other_arabic), h)
                      for other, other_arabic, h in by_sound[region, key_of(k)] if not (h == pid and other == k)]
            bucket += len(scored)
            if scored:
                sim, h = max(scored)
                best.append((sim, km(lat, lon, *places[h][:2]) <= 5))
    print(f"{label}: held-out spellings {trials}, mean candidates {bucket / trials:.1f}")
    print("  threshold  answered  right  precision")
    for t in THRESHOLDS:
        answered = [ok for sim, ok in best if sim >= t]
        right = sum(answered)
        print(f"  {t:9.2f}  {len(answered) / trials:8.3f}  {right / trials:5.3f}  {right / max(1, len(answered)):9.3f}")


def main(path: str) -> None:
    places = read(path)
    measure(places, consonants, "baseline: consonants only")
    measure(places, sound, "sound key (fold.toml [sound])")
    print(f"configured threshold (geocoder.toml): {settings().threshold}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/syria_gazetteer/wof_syria_places.csv")
