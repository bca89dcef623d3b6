"""One incident or aggregate as the record keeps it: the range, the grade and every claim."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from corroborate import profiles
from corroborate.document import Claim
from corroborate.reconcile import grades, places, ranges, sources
from corroborate.reconcile.members import Member, anchor_of


@dataclass
class Incident:
    id: str
    members: list[Member]
    summary: dict
    roles: dict[str, str]
    reasons: dict[str, str]

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.members}

    def holdings(self, versions: dict[str, int]) -> list[tuple[str, int, int, str, str | None]]:
        """The claims it holds as the store keeps them: (doc, version, n, role, reason)."""
        return [(m.doc, versions[m.doc], m.n, self.roles.get(m.key, "total"), self.reasons.get(m.key))
                for m in self.members]


def _stated(date: str) -> tuple[str, str]:
    """The first and last day of a claim's date: a day, or a span "first/last"."""
    bounds = date.split("/") + [date]
    return bounds[0], bounds[1]


def _period(members: list[Member], periods: dict[str, tuple[str, str]] | None) -> tuple[str | None, str | None]:
    spans = [periods[m.key] for m in members if periods and m.key in periods] or \
            [_stated(m.date) for m in members if m.date]
    starts, ends = [s for s, _ in spans if s], [e for _, e in spans if e]
    return min(starts, default=None), max(ends, default=None)


def build(id_: str, members: list[Member], kind: str = "incident",
          periods: dict[str, tuple[str, str]] | None = None) -> Incident:
    """`periods`: for an aggregate, the span each claim covers (its date, or its document's)."""
    aggregate = kind == "aggregate"
    killed = ranges.reconcile(members, "killed", aggregate)
    injured = ranges.reconcile(members, "injured", aggregate)
    roles, reasons = {**injured.roles, **killed.roles}, {**injured.reasons, **killed.reasons}
    counted = [m for m in members if roles.get(m.key) != "outlier"]
    anchor = anchor_of(members)
    start, end = _period(members, periods)
    classes = Counter(m.victim_class for m in members if m.victim_class)
    types = Counter(m.event_type for m in members if m.event_type)
    summary = {
        "kind": kind, "date_start": start, "date_end": end,
        **places.where(anchor), "country": anchor.country or anchor.doc_country,
        "event_type": types.most_common(1)[0][0] if types else None,
        "victim_type": classes.most_common(1)[0][0] if classes else
        Counter(m.victim_type for m in members).most_common(1)[0][0],
        "killed_low": killed.low, "killed_high": killed.high,
        "injured_low": injured.low, "injured_high": injured.high,
        "grade": grades.grade(members, counted), "independent_sources": sources.independent(counted),
        # deaths the conflict caused without a violent act (starvation under siege): said so
        "indirect": any(m.cause == "indirect" for m in members),
    }
    return Incident(id_, members, summary, roles, reasons)


def as_claim(record: dict) -> Claim:
    """An incident's killed range as one claim (profiles.range_claim)."""
    return profiles.range_claim(record)
