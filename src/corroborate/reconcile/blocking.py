"""Which claims tell of one incident. Claims are blocked by day, so a claim is only ever
compared with the claims of its own day (and the window around it), never with all others.

Within a day: claims at one exact place form an incident; a claim placed coarsely (a
district, a province, a country) or not at all joins the one incident of that day its
sentence names, or else the one its place contains, when there is exactly one; otherwise it
stands as an incident of its own. Victims and event type must be compatible throughout. A
claim told of a night also meets the claims of the neighbouring day (a night spans two)."""
from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from corroborate.reconcile.members import Member, anchor_of, claim_order, named_in
from corroborate.reconcile.rules import rules
from corroborate.resolve.fold import fold

FINE = 2  # precision codes up to this name one place (resolve/geocoder.toml)
CONTAINS = {3: "admin2", 4: "admin1", 6: "country"}  # a coarse precision → what it shares with places inside


class Cluster:
    def __init__(self, first: Member):
        self.members = [first]

    @property
    def victim_class(self) -> str | None:
        return next((m.victim_class for m in self.members if m.victim_class), None)

    @property
    def event_types(self) -> set[str]:
        return {m.event_type for m in self.members if m.event_type}

    @property
    def anchor(self) -> Member:
        """The most precisely placed member: where the incident is."""
        return anchor_of(self.members)

    def names(self) -> set[str]:
        return {fold(n) for m in self.members for n in (m.place, m.place_name) if n}

    def fits(self, m: Member) -> bool:
        if m.cause != self.members[0].cause:
            return False  # deaths by starvation and deaths by a strike are not one incident
        mine, theirs = self.victim_class, m.victim_class
        if mine and theirs and mine != theirs:
            return False
        if not any(_same_time(c, m) for c in self.members):
            return False
        return not m.event_type or all(_compatible(t, m.event_type) for t in self.event_types)


def _same_time(a: Member, b: Member) -> bool:
    """The same day, or neighbouring days when either tells of a night (which spans two)."""
    apart = abs((a.day - b.day).days) if a.day and b.day else 0
    return apart <= rules().date_window_days or (apart == 1 and (a.night or b.night))


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in rules().event_groups)


def _inside(coarse: Member, cluster: Cluster) -> bool:
    level = CONTAINS.get(coarse.precision or 0)
    anchor = cluster.anchor
    return bool(level) and getattr(coarse, level) is not None and getattr(anchor, level) == getattr(coarse, level)


def _join_or_found(m: Member, clusters: list[Cluster], candidates: list[Cluster], own: dict) -> None:
    fitting = [c for c in candidates if c.fits(m)]
    if len(fitting) == 1:
        fitting[0].members.append(m)
        return
    key = (m.place_id or f"doc:{m.doc}", m.victim_class, m.cause)
    if key in own and own[key].fits(m):
        own[key].members.append(m)
    else:
        own[key] = Cluster(m)
        clusters.append(own[key])


def _one_day(members: list[Member]) -> list[Cluster]:
    clusters: list[Cluster] = []
    own: dict = {}
    fine = [m for m in members if m.place_id and (m.precision or 99) <= FINE]
    coarse = [m for m in members if m.place_id and (m.precision or 99) > FINE]
    unplaced = [m for m in members if not m.place_id]
    # Specific victims first, so that "16 people" meets the incident whose victims are named.
    for m in sorted(fine, key=lambda m: (m.victim_class is None, m.key)):
        _join_or_found(m, clusters, [c for c in clusters if c.anchor.place_id == m.place_id], own)
    settled = list(clusters)
    for m in sorted(coarse, key=lambda m: (m.victim_class is None, m.precision, m.key)):
        named = [c for c in settled if named_in(m, c.names())]
        _join_or_found(m, clusters, named or [c for c in settled if _inside(m, c)], own)
    settled = list(clusters)
    for m in sorted(unplaced, key=lambda m: (m.victim_class is None, m.key)):
        named = [c for c in settled if named_in(m, c.names())]
        _join_or_found(m, clusters, named or [c for c in settled if m.doc_country and
                                              c.anchor.country == m.doc_country], own)
    return clusters


def incidents(members: list[Member]) -> list[list[Member]]:
    """The incident-scope members grouped into incidents, each sorted by key; in a stable order."""
    found: list[list[Member]] = []
    scoped = [m for m in members if m.scope != "aggregate"]
    for _, undated in groupby(sorted((m for m in scoped if m.day is None), key=_undated_key), key=_undated_key):
        found.append(list(undated))
    for day_members in _windows(sorted((m for m in scoped if m.day is not None), key=lambda m: (m.day, m.key))):
        found += [c.members for c in _one_day(day_members)]
    return sorted((sorted(c, key=claim_order) for c in found), key=lambda c: claim_order(c[0]))


def _undated_key(m: Member) -> tuple:
    """Undated claims meet only claims of their own document at their own place."""
    return (m.doc, m.date or "", m.place_id or "", m.victim_class or "", m.cause)


def _windows(members: list[Member]):
    """Runs of members whose days lie within the window of each other, a night reaching
    over to the next day: each run is reconciled on its own."""
    window = timedelta(days=rules().date_window_days)
    run: list[Member] = []
    for day, told in groupby(members, key=lambda m: m.day):
        told = list(told)
        gap = day - run[-1].day if run else timedelta(0)
        night = gap == timedelta(days=1) and any(m.night for m in told + [m for m in run if m.day == run[-1].day])
        if gap > window and not night:
            yield run
            run = []
        run += told
    if run:
        yield run
