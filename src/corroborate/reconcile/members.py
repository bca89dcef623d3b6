"""A claim as reconciliation sees it: the claim, its document's outlet and date, and where
its place sits in the gazetteer (country, province, district)."""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import duckdb

from corroborate.fold import fold
from corroborate.reconcile.rules import has_cue, rules, words
from corroborate.resolve import gazetteer, leader, within
from corroborate.resolve.geocoder import read_query
from corroborate.store import members as claim_rows

FINE = 2  # precision codes up to this name one place (resolve/geocoder.toml [precision])


@dataclass
class Member:
    doc: str
    n: int
    outcome: str
    low: int | None
    high: int | None
    qualifier: str
    victims: str | None
    victim_type: str
    perpetrator: str | None
    place: str | None
    date: str | None
    source: str | None
    status: str
    scope: str
    evidence: str
    outlet: str | None = None
    published: str | None = None
    place_id: str | None = None
    precision: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    # what the gazetteer said of the place when it was resolved
    place_name: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place_found: bool | None = None
    place_kind: str | None = None  # locality, neighbourhood, region, …: a neighbourhood is not a village
    cause: str = "violence"  # or "indirect": `other` claims are never loaded (spec incidents.md)
    event_type: str | None = None
    doc_country: str | None = None  # the country the document is about (its recorded focus)

    @property
    def key(self) -> str:
        return f"{self.doc}:{self.n}"

    @property
    def day(self) -> datetime.date | None:  # not `date`: in the class, that is the field
        """The one day the claim is dated to; None for undated claims and for spans."""
        if not self.date or "/" in self.date:
            return None
        try:
            return date.fromisoformat(self.date)
        except ValueError:
            return None

    @property
    def located(self) -> bool:
        """Whether the claim is at its place_id: the place as written is the gazetteer's, not
        only something that contains it or lies beside it."""
        return self.place_id is not None and self.place_found is not False

    @property
    def unresolved(self) -> bool:
        """A place is written but the gazetteer does not know it (any place_id is its container's)."""
        return not self.located and bool(self.written)

    @cached_property
    def written(self) -> str | None:
        """The place as written, folded: its first phrase without kind words ("Al-Shilfatiyeh
        village" → "shilfatiyeh"), the name the geocoder looked up."""
        phrases = read_query(self.place) if self.place else []
        return fold(phrases[0].name) or None if phrases else None

    @cached_property
    def containers(self) -> frozenset[str]:
        """Folded names of what the claim says its place lies in: the rest of the place phrase
        ("Al-Qusour, Baniyas") or its sentence ("Al-Qusour in the city of Baniyas")."""
        if not self.place:
            return frozenset()
        phrases = read_query(self.place)
        said = within(self.evidence, self.place) if len(phrases) == 1 else None
        return frozenset(filter(None, [fold(p.name) for p in phrases[1:]] + [fold(said or "")]))

    @property
    def site(self) -> str | None:
        """Where the claim is for joining: its gazetteer place, or its place as written (in
        its country, or its document's) when the gazetteer does not know it; None with no place."""
        if self.located:
            return self.place_id
        return f"as written:{self.country or self.doc_country or ''}:{self.written}" if self.written else None

    @property
    def names(self) -> set[str]:
        """The folded names the claim's place goes by."""
        return {n for n in (fold(self.place or ""), self.written,
                            fold(self.place_name or "") if self.located else "") if n}

    @property
    def victim_class(self) -> str | None:
        """None when the claim does not say who died ("16 people"): it fits any victims."""
        if self.victim_type in ("unknown", "mixed"):
            return None
        head = words(self.victims)[-1:] or [""]
        return None if head[0] in rules().generic_victims else self.victim_type

    @property
    def partial(self) -> bool:
        """A count of part of the dead: a family, the bodies seen at one site."""
        r = rules()
        return bool(set(words(self.victims)) & r.partial_victims) or \
            any(p.search(self.evidence) for p in r.partial_evidence)

    @property
    def perpetrator_source(self) -> bool:
        source, killer = words(self.source), words(self.perpetrator)
        return (bool(source) and source == killer) or has_cue(self.evidence, rules().boast)

    @property
    def night(self) -> bool:
        """Told of a night: it may belong with the claims of the day before or after its date."""
        return has_cue(self.evidence, rules().night)

    @property
    def denied(self) -> bool:
        return has_cue(self.evidence, rules().denial)

    @property
    def credible(self) -> bool:
        return self.status != "unverified" and not self.perpetrator_source


def claim_order(m: Member) -> tuple[str, int]:
    """The order claims are listed in: by document, then as the document tells them."""
    return (m.doc, m.n)


def anchor_of(members: list[Member]) -> Member:
    """The most precisely placed member: where the incident is. A place the gazetteer knows
    within about 25 km comes first, then a place it does not know (as written), then a
    district, governorate or country."""
    def rank(m: Member) -> tuple:
        fine = m.located and (m.precision or 99) <= FINE
        return (0 if fine else 1 if m.unresolved else 2 if m.place_id else 3, m.precision or 99, m.key)
    return min(members, key=rank)


def load(con: duckdb.DuckDBPyConnection, selection: str, *params: list) -> list[Member]:
    """The current claims a selection picks (store.members.SELECTIONS), with what the
    gazetteer and events say of them: claims of violence and of indirect deaths, never of
    other deaths (an epidemic, a crash)."""
    rows = claim_rows.claims(con, selection, *params)
    members, spans = [], []
    for row in rows:
        member = Member(*row[:28])
        member.doc_country = row[30]
        members.append(member)
        spans.append(row[28:30])
    _place(con, members)
    _events(con, members, spans)
    _doc_country([m for m in members if m.doc_country is None])
    return members


def by_keys(con: duckdb.DuckDBPyConnection, keys) -> list[Member]:
    """The current claims named "doc:n"."""
    return load(con, "keys", sorted(keys))


def _place(con: duckdb.DuckDBPyConnection, members: list[Member]) -> None:
    """The gazetteer's facts for claims stored before they were recorded with the claim."""
    wanted = sorted({m.place_id for m in members if m.place_id and m.place_kind is None})
    found = gazetteer.for_store(con).facts(wanted) if wanted else {}
    for m in members:
        if m.place_id not in found:
            continue
        m.place_kind, *facts = found[m.place_id]
        if m.place_name is None:
            m.place_name, m.country, m.admin1, m.admin2 = facts
            m.place_found = True


def _events(con: duckdb.DuckDBPyConnection, members: list[Member], spans: list[tuple]) -> None:
    """The event type of the document's event told in the claim's sentence, or of its only event."""
    docs = sorted({m.doc for m in members})
    by_doc: dict[str, list[tuple]] = {}
    for doc, event_type, start, end in claim_rows.events(con, docs):
        by_doc.setdefault(doc, []).append((event_type, start, end))
    for m, (start, end) in zip(members, spans, strict=True):
        events = by_doc.get(m.doc, [])
        # the narrowest event that holds the claim's sentence: a lead's span may hold others
        told = sorted((e - s, t) for t, s, e in events if s <= start and end <= e)
        m.event_type = told[0][1] if told else (events[0][0] if len(events) == 1 else None)


def _doc_country(members: list[Member]) -> None:
    """For documents stored before their focus was recorded: the country most of their places are in."""
    by_doc: dict[str, Counter] = {}
    for m in members:
        if m.country:
            by_doc.setdefault(m.doc, Counter())[m.country] += 1
    for m in members:
        m.doc_country = leader(by_doc.get(m.doc, Counter()))


def named_in(member: Member, names: set[str]) -> bool:
    """Whether the member's sentence names one of `names` (folded place names)."""
    text = f" {fold(member.evidence)} "
    return any(f" {name} " in text for name in names if name)

