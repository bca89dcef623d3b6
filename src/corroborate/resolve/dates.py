"""How exact a claim's date is, coded like UCDP's date_prec."""
from __future__ import annotations

from datetime import date

DAY, RANGE, WEEK, MONTH, LONGER = 1, 2, 3, 4, 5


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
