"""Which claims tell of one incident. Claims are blocked by day, so a claim is only ever
compared with the claims of its own day (and the window around it), never with all others.

Within a day: claims at one exact place form an incident, and a claim at a place the claim
says lies inside another (a neighbourhood of its town) meets the claims at that one; claims
at different named places never meet. A claim whose place the gazetteer does not know meets
only the claims whose place is written the same (after folding), whatever the gazetteer
gave for its container. A claim placed coarsely (a district, a province, a country) or not
at all joins the one incident of that day its sentence names, or else the one its place
contains, when there is exactly one; otherwise it stands as an incident of its own. Victims
and event type must be compatible throughout. A claim told of a night also meets the claims
of the neighbouring day (a night spans two)."""
from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from corroborate.reconcile.members import FINE, Member, anchor_of, claim_order, named_in
from corroborate.reconcile.rules import rules
from corroborate.resolve.geocoder import km, settings

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
        return set().union(*(m.names for m in self.members))

    def at(self, m: Member) -> bool:
        """Whether `m`'s place is this incident's: the same place, or one the claims say
        lies inside the other. Every placed claim here must agree, so that two neighbourhoods
        of one town never meet through a claim at the town."""
        placed = [c for c in self.members if c.located and (c.precision or 99) <= FINE]
        return bool(placed) and all(_same_or_nested(c, m) for c in placed)

    def written(self, m: Member) -> bool:
        """Whether a claim here names `m`'s unknown place as `m` writes it, in the same country."""
        return any(c.written == m.written and not _abroad(c, m) for c in self.members)

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


def _abroad(a: Member, b: Member) -> bool:
    """Whether the claims are in two countries: their places', or else their documents'."""
    mine, theirs = a.country or a.doc_country, b.country or b.doc_country
    return bool(mine and theirs and mine != theirs)


def _same_or_nested(a: Member, b: Member) -> bool:
    return a.site == b.site or _neighbourhood_of(a, b) or _neighbourhood_of(b, a)


def _neighbourhood_of(inner: Member, town: Member) -> bool:
    """A neighbourhood the gazetteer knows, inside the town: the claim says so ("Al-Qusour,
    Baniyas"), or it lies within a neighbourhood's reach of the town, in its governorate."""
    if inner.place_kind != "neighbourhood" or town.place_kind == "neighbourhood" or \
            (inner.country, inner.admin1) != (town.country, town.admin1):
        return False
    if inner.containers & town.names:
        return True
    if inner.latitude is None or inner.longitude is None or town.latitude is None or town.longitude is None:
        return False
    return km(inner.latitude, inner.longitude, town.latitude, town.longitude) <= settings().reach["neighbourhood"]


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in rules().event_groups)


def _inside(coarse: Member, cluster: Cluster) -> bool:
    level = CONTAINS.get(coarse.precision or 0)
    if not level:
        return False
    anchor = cluster.anchor
    return getattr(coarse, level) is not None and getattr(anchor, level) == getattr(coarse, level)


def _join_or_found(m: Member, clusters: list[Cluster], candidates: list[Cluster], own: dict) -> None:
    fitting = [c for c in candidates if c.fits(m)]
    if len(fitting) == 1:
        fitting[0].members.append(m)
        return
    key = (m.site or f"doc:{m.doc}", m.victim_class, m.cause)
    if key in own and own[key].fits(m):
        own[key].members.append(m)
    else:
        own[key] = Cluster(m)
        clusters.append(own[key])


def _one_day(members: list[Member]) -> list[Cluster]:
    clusters: list[Cluster] = []
    own: dict = {}
    fine = [m for m in members if m.located and (m.precision or 99) <= FINE]
    unknown = [m for m in members if m.unresolved]
    coarse = [m for m in members if m.located and (m.precision or 99) > FINE]
    unplaced = [m for m in members if not m.located and not m.unresolved]
    # Specific victims first, so that "16 people" meets the incident whose victims are named.
    first = lambda m: (m.victim_class is None, m.key)  # noqa: E731
    for m in sorted(fine, key=first):
        _join_or_found(m, clusters, [c for c in clusters if c.at(m)], own)
    for m in sorted(unknown, key=first):
        _join_or_found(m, clusters, [c for c in clusters if c.written(m)], own)
    settled = list(clusters)
    for m in sorted(coarse, key=lambda m: (m.victim_class is None, m.precision, m.key)):
        named = [c for c in settled if named_in(m, c.names())]
        _join_or_found(m, clusters, named or [c for c in settled if _inside(m, c)], own)
    settled = list(clusters)
    for m in sorted(unplaced, key=first):
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
    return (m.doc, m.date or "", m.site or "", m.victim_class or "", m.cause)


def _windows(members: list[Member]):
    """Runs of members whose days lie within the window of each other, a night reaching
    over to the next day: each run is reconciled on its own."""
    window = timedelta(days=rules().date_window_days)
    run: list[Member] = []
    for day, group in groupby(members, key=lambda m: m.day):
        told = list(group)
        gap = day - run[-1].day if run else timedelta(0)
        night = gap == timedelta(days=1) and any(m.night for m in told + [m for m in run if m.day == run[-1].day])
        if gap > window and not night:
            yield run
            run = []
        run += told
    if run:
        yield run
