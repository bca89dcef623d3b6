"""The range credible claims support (spec/incidents.md, Ranges), and each claim's part in it.

Roles: `total` (a figure for the whole), `floor` (a partial count: at least this many),
`vague` (a vague word, set aside when a specific figure exists), `all deaths` (in an
aggregate of named victims, a count of everyone who died), `outlier` (unverified or a
perpetrator's, far outside what the credible claims support)."""
from __future__ import annotations

from dataclasses import dataclass, field

from corroborate.reconcile.members import Member
from corroborate.reconcile.rules import rules


@dataclass
class Range:
    low: int | None = None
    high: int | None = None
    roles: dict[str, str] = field(default_factory=dict)  # member key → role
    reasons: dict[str, str] = field(default_factory=dict)  # outlier key → why


def has_figure(m: Member) -> bool:
    return m.low is not None or m.high is not None


def low_figure(m: Member) -> int:
    """Of a member that has_figure."""
    figure = m.low if m.low is not None else m.high
    if figure is None:
        raise ValueError(f"claim {m.key} states no figure")
    return figure


def high_figure(m: Member) -> int:
    """Of a member that has_figure: an open-ended claim's highest figure is the one it states."""
    figure = m.high if m.high is not None else m.low
    if figure is None:
        raise ValueError(f"claim {m.key} states no figure")
    return figure


def no_deaths(m: Member) -> bool:
    """Whether the member says no one was harmed so: a figure of nothing ("no one was killed")."""
    return has_figure(m) and high_figure(m) == 0


def _base_role(m: Member, specific: list[Member], aggregate: bool) -> str:
    """`specific`: the members of the range that are neither partial nor vague."""
    if m.partial:
        return "floor"
    if m.qualifier == "vague" and specific:
        return "vague"
    if aggregate and m.victim_class is None and any(o.victim_class for o in specific):
        return "all deaths"
    return "total"


def _outlier(m: Member, credible: list[Member]) -> str | None:
    if m.credible or not credible:
        return None
    factor = rules().outlier_factor
    top = max(high_figure(c) for c in credible)
    bottom = min(low_figure(c) for c in credible)
    who = "a perpetrator's figure" if m.perpetrator_source else "an unverified figure"
    if low_figure(m) > factor * top:
        return f"{who}, more than {factor:g}× the highest credible total ({top:,}): kept, not used for the range"
    if high_figure(m) * factor < bottom:
        return f"{who}, under a {factor:g}th of the lowest credible total ({bottom:,}): kept, not used for the range"
    return None


def reconcile(members: list[Member], outcome: str, aggregate: bool = False) -> Range:
    """The range of `outcome` ("killed" or "injured") over `members`."""
    mine = [m for m in members if m.outcome == outcome and has_figure(m)]
    result = Range()
    specific = [o for o in mine if not o.partial and o.qualifier != "vague"]
    for m in mine:
        result.roles[m.key] = _base_role(m, specific, aggregate)
    counted = [m for m in mine if result.roles[m.key] in ("total", "all deaths")]
    # a credible "no one was killed" denies the others (grades.disagreements), it sets no scale
    # for them: every figure is more than three times nothing
    credible = [m for m in counted if m.credible and not no_deaths(m)]
    for m in counted:
        reason = _outlier(m, credible)
        if reason:
            result.roles[m.key], result.reasons[m.key] = "outlier", reason
    totals = [m for m in mine if result.roles[m.key] == "total"]
    floor = max((low_figure(m) for m in mine if result.roles[m.key] == "floor"), default=None)
    lows = [m.low for m in totals if m.low is not None]
    result.low = max((v for v in (min(lows, default=None), floor) if v is not None), default=None)
    if totals:
        result.high = max(max(high_figure(m) for m in totals), result.low or 0)
    return result
