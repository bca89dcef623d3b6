"""The period a total speaks of when its sentence says so ("within about six days", "over
the past two weeks"), instead of the whole span from the first day its document dates an
incident to, up to publication."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from corroborate.extract.lexicon import lexicon
from corroborate.reconcile.rules import rules


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, int], list[tuple[str, re.Pattern]]]:
    data = rules().periods
    units = data["units"]
    n = r"(?P<n>\d+|[a-z]+)"
    unit = f"(?P<unit>{'|'.join(sorted(units, key=len, reverse=True))})"
    found = [(anchor, re.compile(p.replace("{n}", n).replace("{unit}", unit), re.IGNORECASE))
             for anchor in ("from_first_day", "to_publication") for p in data[anchor]]
    return units, found


def _days(match: re.Match, units: dict[str, int]) -> int | None:
    said = (match.groupdict().get("n") or "one").lower()  # "over the past week": one week
    count = int(said) if said.isdigit() else lexicon().number_words.get(said)
    return count * units[match["unit"].lower()] if count else None


def stated(evidence: str, first_day: str | None, published: str | None) -> tuple[str, str] | None:
    """(start, end) as YYYY-MM-DD, when the sentence gives the period and the document the
    day it counts from; never past publication."""
    units, patterns = _patterns()
    for anchor, pattern in patterns:
        match = pattern.search(evidence)
        days = _days(match, units) if match else None
        counted_from = first_day if anchor == "from_first_day" else published
        if not days or not counted_from:
            continue
        day = date.fromisoformat(counted_from)
        if anchor == "from_first_day":
            start, end = day, day + timedelta(days=days)
        else:
            start, end = day - timedelta(days=days), day
        if published:
            end = min(end, date.fromisoformat(published))
        return start.isoformat(), end.isoformat()
    return None
