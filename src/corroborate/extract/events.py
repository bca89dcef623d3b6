"""Events: what happened, where and when, as one document tells it (../spec/events.md).

An event is built from the document's claims and the event-type cues in its opening. The
ACLED-profile `fatalities` follows ACLED's conventions: distinct victim groups add up, a
subtotal does not, injuries are not counted, a protest has none, deaths without a number get
ACLED's fixed figure, and what the coder wrote about the figure ("Fatalities coded as 0") overrules the text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from corroborate import profiles
from corroborate.document import Claim, Document, Text
from corroborate.extract import context, published_date
from corroborate.extract.actors import find_actors
from corroborate.extract.coding import deathless, read_coding, unnumbered_deaths, unnumbered_figure
from corroborate.extract.event_type import classify
from corroborate.extract.lexicon import _load
from corroborate.extract.sentences import LEAD_SENTENCES, split
from corroborate.extract.tokens import Sentence

OPENING = LEAD_SENTENCES  # sentences that tell what happened; later ones tell background


@dataclass
class Event:
    doc: str
    event_type: str
    sub_event_type: str | None
    date: str | None
    place: str | None
    actor1: str | None
    actor2: str | None
    killed_low: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    fatalities: int
    evidence: str
    start: int  # offsets of the evidence in the cleaned text
    end: int
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country: str | None = None

    EXCHANGE_FIELDS = ("doc", "event_type", "sub_event_type", "date", "place", "latitude", "longitude",
                       "admin1", "country", "actor1", "actor2", "killed_low", "killed_high",
                       "injured_low", "injured_high", "fatalities", "evidence")

    def to_exchange(self) -> dict[str, Any]:
        """The event as ../spec/events.md defines it, field order included."""
        return {name: getattr(self, name) for name in self.EXCHANGE_FIELDS}


@lru_cache(maxsize=1)
def _default_type() -> tuple[str, str]:
    default = _load("events.toml")["default"]
    return default["type"], default["sub"]


def _counted(claims: list[Claim], outcome: str) -> list[Claim]:
    """The claims that add up: of this outcome, not a part of an earlier figure."""
    return [c for c in claims if c.outcome == outcome and not c.subtotal]


def _range(claims: list[Claim]) -> tuple[int | None, int | None]:
    if not claims:
        return None, None
    lows = [c.low for c in claims]
    highs = [c.high for c in claims]
    return (sum(lows) if None not in lows else None), (sum(highs) if None not in highs else None)


def acled_fatalities(killed: list[Claim], sentences: list[str], event_type: str) -> int:
    coding = read_coding(sentences)
    if coding and coding.figure is not None:
        return coding.figure
    if deathless(event_type):
        return 0
    figures = [f for f in map(profiles.acled, killed) if f]
    total = sum(figures) if figures else (unnumbered_figure(event_type) if unnumbered_deaths(sentences) else 0)
    return coding.spread(total) if coding else total


def _first_date(sentences: list[Sentence], published: date | None) -> str | None:
    for sent in sentences:
        found = context.find_date(sent, published, None)
        if found:
            return found
    return None


def _first_place(sentences: list[Sentence]) -> str | None:
    for sent in sentences:
        for _, place in context.places_in(sent):
            return place
    return None


def extract_events(doc: Document, text: Text, claims: list[Claim],
                   sentences: list[Sentence] | None = None) -> list[Event]:
    """The document's event: none when it tells no violence, protest or development."""
    sentences = split(text.text) if sentences is None else sentences
    if not sentences:
        return []
    texts = [s.text for s in sentences]
    incident = [c for c in claims if c.scope == "incident"] or claims
    later = sentences[OPENING].start if len(sentences) > OPENING else len(text.text)
    opening = texts[:OPENING] + list(dict.fromkeys(c.evidence for c in incident if c.start >= later))
    kind = classify(opening, {c.victim_type for c in incident if c.low != 0})
    if kind is None and not claims and read_coding(texts[-OPENING:]) is None:
        return []  # a coder's figure alone makes an event: it closes a note ("1 fatality.")
    event_type, sub_event_type = kind or _default_type()
    killed, injured = _counted(incident, "killed"), _counted(incident, "injured")
    lead = sentences[0]
    actor1, actor2 = find_actors(lead.text)
    return [Event(
        doc=doc.doc_id, event_type=event_type, sub_event_type=sub_event_type,
        date=_first_date(sentences, published_date(doc)), place=_first_place(sentences[:OPENING]),
        actor1=actor1, actor2=actor2,
        killed_low=_range(killed)[0], killed_high=_range(killed)[1],
        injured_low=_range(injured)[0], injured_high=_range(injured)[1],
        fatalities=acled_fatalities(killed, texts, event_type),
        evidence=lead.text, start=lead.start, end=lead.start + len(lead.text),
    )]
