"""How exact a claim's date is, coded like UCDP's date_prec (1 to 5), with one code of our
own: PUBLISHED (6), a date that is the publication date, taken because the text tells the
deaths as news of the day ("have been killed") and names no date. The deaths may lie a
day or so before it: the code says the date was not told, not how long the span is."""
from __future__ import annotations

from datetime import date

DAY, RANGE, WEEK, MONTH, LONGER, PUBLISHED = 1, 2, 3, 4, 5, 6


def date_precision(value: str | None) -> int | None:
    """1 a day, 2 a span of two to six days, 3 a week, 4 a month, 5 longer; None when
    there is no date or it cannot be read."""
    if not value:
        return None
    try:
        first, _, last = value.partition("/")
        start = date.fromisoformat(first)
        end = date.fromisoformat(last) if last else start
    except ValueError:
        return None
    days = (end - start).days + 1
    if days <= 1:
        return DAY
    if days < 7:
        return RANGE
    if days == 7:
        return WEEK
    if days <= 31 and start.month == end.month:
        return MONTH
    return LONGER
