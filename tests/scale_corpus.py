"""A corpus of reports written here from template sentences, for the tests of ingest on a
cluster: many documents, several about each incident (so that incidents gather claims from
documents of different partitions), and some that cannot be read."""
from __future__ import annotations

import json
from pathlib import Path

PLACES = ["Aleppo", "Homs", "Mosul", "Kharkiv", "Gao", "Khartoum", "Idlib", "Mariupol", "Bentiu", "Kidal",
          "Raqqa", "Goma", "Marawi", "Sittwe", "Maiduguri", "Taiz", "Benghazi", "Kunduz"]
WEAPONS = ["an air strike", "shelling", "a car bomb", "a drone strike", "an artillery barrage", "a rocket attack"]
SOURCES = ["the health ministry said", "a local monitor reported", "hospital officials told reporters",
           "the civil defence said", "witnesses said", "the regional governor said"]
OPENINGS = [
    "{weapon_cap} hit a market in {place} on {day} {month} 2024, killing {n} civilians, {source}.",
    "At least {n} people were killed in {place} on {day} {month} 2024 when {weapon} struck homes, {source}.",
    "{source_cap} that {n} people died after {weapon} on {place} on {day} {month} 2024.",
    "The death toll from {weapon} in {place} on {day} {month} 2024 rose to {n}, {source}.",
]
FOLLOW = [
    "Dozens more were wounded and taken to nearby clinics.",
    "Rescue teams were still searching the rubble on the following morning.",
    "The figure could not be independently confirmed.",
    "Residents said the area had been calm for weeks before the attack.",
]
MONTHS = ["March", "April", "May", "June"]


def write_corpus(path: Path, documents: int = 320) -> int:
    """`documents` reports as JSONL at `path` (plus two that cannot be read); how many lines."""
    lines = []
    for i in range(documents):
        incident = i % 97  # each incident told by three or four reports, in different words and figures
        place = PLACES[incident % len(PLACES)]
        weapon = WEAPONS[incident % len(WEAPONS)]
        source = SOURCES[i % len(SOURCES)]
        values = {"place": place, "weapon": weapon, "weapon_cap": weapon[0].upper() + weapon[1:],
                  "source": source, "source_cap": source[0].upper() + source[1:],
                  "n": 3 + (incident * 7) % 40 + (i // 97) % 3, "day": 1 + incident % 28,
                  "month": MONTHS[(incident // 28) % len(MONTHS)]}
        text = " ".join([OPENINGS[i % len(OPENINGS)].format(**values), FOLLOW[i % len(FOLLOW)],
                         FOLLOW[(i + 1) % len(FOLLOW)]])
        lines.append({"id": f"report-{i:04d}", "title": f"Attack in {place}", "outlet": f"Outlet {i % 9}",
                      "published": f"2024-{3 + (incident // 28) % 4:02d}-{1 + incident % 28:02d}", "text": text})
    # a page with no article in it: read, but with nothing to read claims in (reported; the rest go on)
    lines.append({"id": "report-blank", "html": "<html><body><p> </p></body></html>"})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "{not json\n", encoding="utf-8")
    return len(lines) + 1
