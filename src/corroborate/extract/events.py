"""Events: what happened, where and when, as one document tells it (../spec/events.md).

The lead event is the one the opening tells: its date and place, the event-type cues of its
sentences and the claims that fit it. Incident claims of another day, or of a place the lead's
sentences do not name, tell further events, each read from its own claims' sentences. The
ACLED-profile `fatalities` follows ACLED's conventions: distinct victim groups add up, a
subtotal does not, injuries are not counted, a protest has none, deaths without a number get
ACLED's fixed figure, and what the coder wrote about the figure ("Fatalities coded as 0") overrules the text."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corroborate import profiles
from corroborate.document import Claim, Document, Event, Text
from corroborate.extract import cause, context, published_date
from corroborate.extract.actors import find_actors
from corroborate.extract.coding import Coding, deathless, read_coding, unnumbered_deaths, unnumbered_figure
from corroborate.extract.event_type import classify, tells_an_event
from corroborate.extract.lexicon import load_rules
from corroborate.extract.sentences import LEAD_SENTENCES, split
from corroborate.extract.tokens import Sentence
from corroborate.fold import fold

OPENING = LEAD_SENTENCES  # sentences that tell what happened; later ones tell background


def _not_violence(sentences: list[str]) -> bool:
    """Deaths from a disease, a crash or a flood (rules/cause.toml), with no cue of an event: no event."""
    return any(cause.read(s).cause == cause.OTHER for s in sentences) and not tells_an_event(sentences)


def _default_type() -> tuple[str, str]:
    default = load_rules("events.toml")["default"]
    return default["type"], default["sub"]


def _counted(claims: list[Claim], outcome: str) -> list[Claim]:
    """The claims that add up: of this outcome, not a part of an earlier figure."""
    return [c for c in claims if c.outcome == outcome and not c.subtotal]


def _range(claims: list[Claim]) -> tuple[int | None, int | None]:
    """The range the claims span. Groups named in one sentence add up ("2 soldiers and 3
    civilians"); figures in different sentences tell of the same dead and are not summed:
    the range runs from the lowest to the highest of them."""
    if not claims:
        return None, None
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.start, []).append(c)
    totals = []
    for group in by_sentence.values():
        lows = [c.low for c in group if c.low is not None]
        highs = [c.high for c in group if c.high is not None]
        totals.append((sum(lows) if len(lows) == len(group) else None,
                       sum(highs) if len(highs) == len(group) else None))
    sentence_lows = [low for low, _ in totals if low is not None]
    sentence_highs = [high for _, high in totals if high is not None]
    return (min(sentence_lows) if sentence_lows else None), \
        (max(sentence_highs) if len(sentence_highs) == len(totals) else None)


def acled_fatalities(killed: list[Claim], sentences: list[str], event_type: str, coding: Coding | None) -> int:
    """`coding` is read_coding(sentences)."""
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
    """The first place the sentences name for what they tell, with what the sentence says
    holds it; else where their first source stands ("a doctor at Nasser Hospital in Khan Younis said")."""
    for sent in sentences:
        for _, place in context.own_places(sent):
            return context.with_container(sent, place)
    return next(filter(None, map(context.speakers_place, sentences)), None)


@dataclass
class _Telling:
    """The claims told of one place on one day, and the places its sentences name; its date
    and place are None where none of them says."""

    date: str | None
    place: str | None
    named: set[str] = field(default_factory=set)  # folded
    claims: list[Claim] = field(default_factory=list)
    opening: list[tuple[int, set[str]]] = field(default_factory=list)  # the lead's: (start, folded places)

    def admits(self, claim: Claim) -> bool:
        """A claim of another day, or of a place none of these sentences names, tells another
        event. The lead's opening names its places before the claim: a later sentence of the
        opening that names a place of its own ("In the southern region, shelling killed two
        men in the village of X") tells another event there."""
        day = _day(claim.date)
        named = self.named.union(*(places for start, places in self.opening if start < claim.start))
        return (not day or not self.date or day == self.date) and \
            (not claim.place or not named or _among(claim.place, named))

    def take(self, claim: Claim, sentence: Sentence | None) -> None:
        self.claims.append(claim)
        self.date = self.date or _day(claim.date)
        self.place = self.place or claim.place
        self.named |= _named([sentence] if sentence else [], claim.place)


def _day(value: str | None) -> str | None:
    """A span of days ("2025-03-10/2025-03-16") fits any of its days: it tells no one day."""
    return value if value and "/" not in value else None


def _named(sentences: list[Sentence], *more: str | None) -> set[str]:
    return {fold(p) for sent in sentences for _, p in context.places_in(sent)} | {fold(p) for p in more if p}


def _among(place: str, named: set[str]) -> bool:
    """"Latakia" and "Latakia province", "Kalo" and "Kalo and Dara" may be one place."""
    place = f" {fold(place)} "
    return any(place in f" {n} " or f" {n} " in place for n in named)


def _tellings(lead: _Telling, claims: list[Claim], sentences: list[Sentence]) -> list[_Telling]:
    """The lead and every other place or day the claims tell of; a claim that says neither, or
    that fits the lead, stays with the lead."""
    at = {s.start: s for s in sentences}
    tellings = [lead]
    for claim in claims:
        home = next((t for t in tellings if t.admits(claim)), None)
        if home is None:
            home = _Telling(None, None)
            tellings.append(home)
        home.take(claim, at.get(claim.start))
    return tellings


def extract_events(doc: Document, text: Text, claims: list[Claim],
                   sentences: list[Sentence] | None = None) -> list[Event]:
    """The document's events, the lead first: none when it tells no violence, protest or
    development; one more for each other place or day its incident claims tell of."""
    sentences = split(text.text) if sentences is None else sentences
    if not sentences:
        return []
    told_deaths = bool(claims)
    claims = [c for c in claims if c.cause != "other"]  # an epidemic's toll is no event
    texts = [s.text for s in sentences]
    if not told_deaths and classify(texts[:OPENING]) is None and read_coding(texts[-OPENING:]) is None:
        return []  # no kind of event cued, no coder's figure closing a note ("1 fatality."): no lead to read
    coding = read_coding(texts)
    incident = [c for c in claims if c.scope == "incident"]
    lead = _Telling(_first_date(sentences, published_date(doc)), _first_place(sentences[:OPENING]),
                    opening=[(sent.start, _named([sent])) for sent in sentences[:OPENING]])
    if incident and coding is None:
        tellings = _tellings(lead, incident, sentences)
    else:  # a coder's statement settles the note's one event; aggregates tell no one event
        lead.claims = incident or claims
        tellings = [lead]
    first = _lead_event(doc, text, sentences, texts, coding, tellings[0], single=len(tellings) == 1,
                        any_claims=told_deaths)
    if first is None:
        return []
    # the reconciler types a claim by the first event whose span holds its sentence: after the
    # lead, the narrower spans come first
    others = sorted((e for e in (_event(doc, t) for t in tellings[1:]) if e), key=lambda e: e.end - e.start)
    return [first, *others]


def _lead_event(doc: Document, text: Text, sentences: list[Sentence], texts: list[str], coding: Coding | None,
                lead: _Telling, single: bool, any_claims: bool) -> Event | None:
    """The event the opening tells: its cues count with those of the lead's own claims, and the
    whole document is read for the coder's statement and for deaths told without a number.
    `texts` are the sentences' texts, `coding` the coder's statement read from them."""
    later = sentences[OPENING].start if len(sentences) > OPENING else len(text.text)
    opening = texts[:OPENING] + list(dict.fromkeys(c.evidence for c in lead.claims if c.start >= later))
    kind = classify(opening, {c.victim_type for c in lead.claims if c.low != 0})
    if any_claims and _not_violence(opening):
        return None
    event_type, sub_event_type = kind or _default_type()
    told = _told(lead.claims)
    if single or not told:  # alone, the event is told from the opening on
        told = [(sentences[0].start, sentences[0].text)] + [t for t in told if t[0] > sentences[0].start]
    actors = find_actors(sentences[0].text)
    return _build(doc, lead, event_type, sub_event_type, actors, told, texts, coding)


def _event(doc: Document, telling: _Telling) -> Event | None:
    """An event beyond the lead, read from its own claims' sentences alone."""
    told = _told(telling.claims)
    sentences = [sentence for _, sentence in told]
    if _not_violence(sentences):
        return None
    kind = classify(sentences, {c.victim_type for c in telling.claims if c.low != 0}) or _default_type()
    return _build(doc, telling, *kind, find_actors(sentences[0]), told, sentences, read_coding(sentences))


def _told(claims: list[Claim]) -> list[tuple[int, str]]:
    """The claims' sentences in text order, each once, with their offsets."""
    return sorted({(c.start, c.evidence) for c in claims})


def _build(doc: Document, telling: _Telling, event_type: str, sub_event_type: str,
           actors: tuple[str | None, str | None], told: list[tuple[int, str]], read: list[str],
           coding: Coding | None) -> Event:
    killed, injured = _counted(telling.claims, "killed"), _counted(telling.claims, "injured")
    (killed_low, killed_high), (injured_low, injured_high) = _range(killed), _range(injured)
    located = next((c for c in telling.claims if c.latitude is not None and c.longitude is not None), None)
    return Event(
        doc=doc.doc_id, event_type=event_type, sub_event_type=sub_event_type,
        date=telling.date, place=telling.place, actor1=actors[0], actor2=actors[1],
        killed_low=killed_low, killed_high=killed_high, injured_low=injured_low, injured_high=injured_high,
        fatalities=acled_fatalities(killed, read, event_type, coding),
        evidence=" ".join(sentence for _, sentence in told),
        start=told[0][0], end=told[-1][0] + len(told[-1][1]),
        latitude=located.latitude if located else None, longitude=located.longitude if located else None,
    )
