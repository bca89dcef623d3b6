"""extract: Text → Claims. Every claim carries the sentence it was read from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from corroborate.document import Claim, Document, Text
from corroborate.extract import attribution, cause, context, status
from corroborate.extract.casualty import attacked_kind, find_casualties
from corroborate.extract.headline import StoryPlace, headline_name, story_place
from corroborate.extract.lexicon import lexicon
from corroborate.extract.sentences import split
from corroborate.extract.tokens import WORD, Sentence
from corroborate.fold import fold
from corroborate.resolve.dates import PUBLISHED, date_precision

# A full name: two or three capitalised words, the last of which is the surname a later
# sentence may use alone ("Dr. Ruth Kamau ... Kamau died in 2003").
FULL_NAME = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z]\.)?(?: [A-Z][a-z]+)? ([A-Z][a-z]+)\b")
LEAD = 3  # the sentences after the headline that tell its event: the lead
IN_YEAR = re.compile(r"\b(?:in|since|during)\s+((?:19|20)\d\d)\b")
# Capitalised words that open a place, not a name ("In Baghdad"); the lexicon's not_names
# open neither ("The Webster").
PLACE_OPENERS = frozenset({"in", "on", "at", "of", "for", "from", "to", "by", "near", "with", "into", "across",
                           "outside", "inside"})


def published_date(doc: Document) -> date | None:
    value = doc.meta.get("published")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract_claims(doc: Document, text: Text, sentences: list[Sentence] | None = None) -> list[Claim]:
    """Every casualty claim in the text; `sentences` are split(text.text) when the caller
    has them already."""
    lex = lexicon()
    triggers = lex.trigger_words
    sentences = split(text.text) if sentences is None else sentences
    published = published_date(doc)
    claims: list[tuple[int, Claim]] = []  # (sentence index, claim)
    last_date: str | None = None
    first_day: str | None = None  # the earliest day the document has named: where its story starts
    causes = cause.Causes()
    harmed = [not triggers.isdisjoint(sent.bare_words) for sent in sentences]
    if not any(harmed):
        return []  # claims are told in sentences with a harm word: none, and nothing else matters
    told = Told.starting_at(story_place(doc, sentences))
    # the first line, a headline, may capitalise every word: only names the body writes are its places
    first = sentences[0]
    first.memo["places"] = [(i, named) for i, p in context.places_in(first)
                            if (named := headline_name(first, p, sentences))]
    surnames: set[str] = set()
    lead: tuple[str, str | None] | None = None  # the place and date the lead tells, for the headline
    # what a sentence after the last claim says can give no claim its place, date or cause
    for index, sent in enumerate(sentences[:len(harmed) - harmed[::-1].index(True)]):
        sentence_date = context.find_date(sent, published, last_date)
        last_date = sentence_date or last_date
        start = first_day
        if sentence_date and "/" not in sentence_date:
            first_day = min(first_day or sentence_date, sentence_date)
        reading = causes.next(sent.text)
        told.read(sent, sentence_date)
        surnames.update(m[2].lower() for m in FULL_NAME.finditer(sent.text)
                        if m[1].lower() not in lex.not_names and m[1].lower() not in PLACE_OPENERS)
        found_here: list[tuple[Claim, bool]] = []  # (claim, its death told only as a time)
        repeats: list[tuple[Claim, Claim]] = []  # (a death told again, its first telling)
        if harmed[index]:
            for found in find_casualties(lex, sent, frozenset(surnames)):
                claim = _claim(lex, doc, sentences, index, found, sentence_date, reading, causes.own)
                reach = lex.pronoun_reach if found.via == "pronoun" else index
                earlier = _told_before(claim, [c for i, c in claims if index - reach <= i < index], found.via) \
                    if found.definite else None
                if earlier is not None:
                    repeats.append((claim, earlier))
                    continue
                found_here.append((claim, context.told_as_time(sent, found.harm)))
        # A sentence that tells an attack (a cue of violence, a harm word) or another kind of
        # event (a cue of an accident, a disease: "a four-car crash in X") gives the event the
        # next claims belong to; one that only tells totals ("the war has killed 300,000 in
        # Syria") does not.
        tells = causes.own.act or (harmed[index] and context.tells_harm(sent, triggers)) \
            or causes.own.kind is not None
        if tells and (not found_here or any(c.scope == "incident" for c, _ in found_here)):
            told.follow(lex, sent, sentence_date)
            if 0 < index <= LEAD and lead is None and told.place and not context.another_event(lex, sent):
                lead = (told.place, told.date)
        for claim, as_time in found_here:
            whole = next((c for _, c in reversed(claims) if c.outcome == claim.outcome), None)
            if whole and claim.scope == "incident" and sent.find(lex.part_of_whole):
                claim.scope = whole.scope  # "the dead included 595 civilians" after a total is a total
            _place_and_date(lex, sent, claim, told, published, start, as_time)
            if claim.victim_type == "unknown" and claim.scope == "incident" and told.target:
                claim.victim_type = told.target  # "gunmen ambushed a police convoy ... 16 people were killed"
            claims.append((index, claim))
        for claim, earlier in repeats:
            _place_and_date(lex, sent, claim, told, published, start)
            _complete(earlier, claim)
    _headline_from_lead(claims, lead, told.story.dateline)
    _apply_passages(lex, sentences, claims)
    kept = _deduplicate(claims, sentences, doc.meta.get("outlet"))
    for claim in kept:
        if claim.place:
            claim.place = context.container_told(sentences, claim.place)
        claim.date_precision = claim.date_precision or date_precision(claim.date)
    return kept


@dataclass
class Told:
    """The place and date of the event the document is telling, as its sentences go: the
    headline's or dateline's, then each sentence's that tells an attack. A sentence that names
    another place, or says "in a separate attack", starts another event, which keeps only
    the place and date it gives itself, or the date the document gave that place before:
    nothing carries across from a different attack."""

    place: str | None = None
    date: str | None = None
    place_dates: dict[str, str] = field(default_factory=dict)  # the first date given each place
    target: str | None = None  # the kind of the group the event's attack was made on
    story: StoryPlace = field(default_factory=StoryPlace)  # where the whole story is told to happen

    @classmethod
    def starting_at(cls, story: StoryPlace) -> Told:
        return cls(place=story.event, story=story)

    def read(self, sent: Sentence, sentence_date: str | None) -> None:
        """Every dated sentence dates the places it names, whatever it tells."""
        if not sentence_date:
            return
        for _, place in context.places_in(sent):
            self.place_dates.setdefault(place, sentence_date)

    def follow(self, lex, sent: Sentence, sentence_date: str | None) -> None:
        places = [p for _, p in context.own_places(sent)]  # where its source stands starts no event
        # a day of another year ("who died May 5, 1986" after "died March 5, 2009") is another event
        other_year = bool(sentence_date and self.date and sentence_date[:4] != self.date[:4])
        if context.another_event(lex, sent) or other_year \
                or (places and not any(_same_place(p, self.place) for p in places)):
            # a death of another year happened where the story is told (the headline's place),
            # not where the event before it did
            self.place = context.with_container(sent, places[0]) if places else \
                self.story.event if other_year and not context.another_event(lex, sent) else None
            self.date = sentence_date or (self.place_dates.get(places[0]) if places else None)
            self.target = attacked_kind(lex, sent)
        else:
            self.target = attacked_kind(lex, sent) or self.target
            same = next((p for p in places if _same_place(p, self.place)), None)
            self.place = same if same and _narrows(same, self.place) else self.place or (places[0] if places else None)
            self.date = sentence_date or self.date


def _same_place(place: str, other: str | None) -> bool:
    """"Raqqa" and "Raqqa province" are one place as far as the text tells."""
    if not other:
        return False
    a, b = f" {fold(place)} ", f" {fold(other)} "
    return a in b or b in a


def _narrows(place: str, other: str | None) -> bool:
    """"North London" narrows "London" (the headline's); "Raqqa province" does not narrow "Raqqa"."""
    extra = set(fold(place).split()) - set(fold(other or "").split())
    return bool(extra) and not extra <= context.place_words().admin_tails


def _place_and_date(lex, sent: Sentence, claim: Claim, told: Told, published: date | None,
                    start: str | None, as_time: bool = False) -> None:
    """Spec "Place and date": an incident's own place and date, else its event's (its
    sentence's own place starting no other event than the one `told` follows), else for
    news of the day the publication date, coded PUBLISHED; an aggregate's period, or null
    (`start`: the day the document's story starts, from which "within six days" runs). A
    death told only as a time (`as_time`: "after his father died") is no event told: it keeps
    what its sentence says, else takes the story's place (the headline's or dateline's)."""
    if claim.scope == "aggregate":
        claim.date = context.find_period(sent, published, start)
        # a total is the story's, not one attack's: it takes the headline's or lead's place
        # (which the resolver keeps only when it is a country or region), unless it points back
        # at the places just told ("in those villages")
        if claim.place is None and not context.worldwide(sent.text):
            if context.points_back(sent.text):
                claim.place = told.place
            else:
                claim.place, claim.place_from_story = told.story.total, told.story.total is not None
        if claim.place is None and not context.worldwide(sent.text):
            claim.place = context.speakers_place(sent)  # where its source stands, for want of any other
        return
    if as_time:  # "after his mother died three years ago": not the event told, but where the story is
        claim.place = claim.place or told.story.event or context.speakers_place(sent)
        return
    if _another_year(sent, told.date, published):
        return  # "Flores was killed in 1994": a death of another time is not the event told
    if claim.place is None and told.place in (None, told.story.dateline):
        # where the source stands ("a doctor at al-Shifa hospital in Gaza City said") yields to
        # the event's place, but not to where the reporter filed from
        claim.place = context.speakers_place(sent)
    if claim.place is None or _same_place(claim.place, told.place):
        if claim.place is None or (told.place is not None and told.place.startswith(f"{claim.place},")):
            claim.place = told.place  # the event's place says what holds it
        claim.date = claim.date or told.date
    if claim.place is None:  # "found dead by West Virginia authorities": where the force that found them is
        claim.place = context.jurisdiction(sent)
    if claim.date is None and published and context.news_of_the_day(lex, sent):
        claim.date, claim.date_precision = published.isoformat(), PUBLISHED


def _complete(first: Claim, again: Claim) -> None:
    """The same death told again says where and when, if its first telling did not."""
    if first.place is None and again.place is not None:
        first.place = again.place
    if first.date is None and again.date is not None:
        first.date, first.date_precision = again.date, again.date_precision


def _headline_from_lead(claims: list[tuple[int, Claim]], lead: tuple[str, str | None] | None,
                        dateline: str | None) -> None:
    """The headline's incident takes the place and date its lead tells ("1 dead in motorcycle
    crash" ... "A wreck on Rivers Avenue killed a passenger Sunday"), over the dateline's
    ("MAKHACHKALA -- Fighting in a wooded area of Dagestan ..."); where both name one place, the
    lead's date, and its place when it narrows the headline's ("strike on Gaza school" ... "in
    Gaza City's Daraj neighbourhood on Saturday")."""
    for index, claim in claims:
        if index != 0 or not lead or claim.scope != "incident":
            continue
        if claim.place in (None, dateline) or _same_place(lead[0], claim.place) and _narrows(lead[0], claim.place):
            claim.place = lead[0]
        if _same_place(lead[0], claim.place):
            claim.date = claim.date or lead[1]


def _another_year(sent: Sentence, event_date: str | None, published: date | None) -> bool:
    """Whether the sentence dates its deaths to a year ("in 1994", "in 2003") that is neither the
    event's told before nor, with none told, the publication's. A year in a "since" clause
    ("killed since the invasion of Iraq in 2003") starts a period: it dates no death."""
    years = {int(m[1]) for m in IN_YEAR.finditer(sent.text)
             if not context.SINCE_CLAUSE.search(sent.text, max(0, m.start() - 50), m.start())}
    known = int(event_date[:4]) if event_date else published.year if published else None
    return bool(years) and known is not None and known not in years


def _claim(lex, doc: Document, sentences: list[Sentence], index: int, found, sentence_date: str | None,
           reading: cause.Reading, own: cause.Reading) -> Claim:
    """`reading` is the cause the claim takes, `own` the one its sentence names itself."""
    sent = sentences[index]
    source = attribution.source(lex, sentences, index, found.start)
    place = context.find_place(sent, found.start)
    # an epidemic's or a disaster's toll, when the sentence says so or names no cause and tells
    # on of the epidemic before it ("Cholera broke out in May. 91 have died in Beitbridge"). One
    # person who died ("the boy died in hospital", "his father died of emphysema") is one event.
    total_kind = cause.aggregate_kind(own.kind if own.cause is not None else reading.kind) \
        or context.several_places(sent, found.start)  # deaths over a list of places are a total
    one = (found.low, found.high) == (1, 1)
    aggregate = not one and context.is_aggregate(lex, sent, found.low, found.qualifier, total_kind)
    return Claim(
        doc=doc.doc_id, outcome=found.outcome, low=found.low, high=found.high, qualifier=found.qualifier,
        evidence=sent.text, start=sent.start, end=sent.start + len(sent.text),
        victims=sent.span_text(*found.victims) if found.victims else None,
        victim_type=found.victim_type,
        perpetrator=context.find_perpetrator(lex, sent, found.harm),
        place=place, date=sentence_date,
        source=source or doc.meta.get("outlet"),
        status=status.sentence_status(lex, sent),
        scope="aggregate" if aggregate else "incident",
        cause=reading.cause or cause.VIOLENCE,  # Causes.next gives a cause always
        subtotal=found.via == "subtotal",
    )


def _apply_passages(lex, sentences: list[Sentence], claims: list[tuple[int, Claim]]) -> None:
    """Statements that govern a passage: "Reuters was unable to confirm these accounts"."""
    for statement, verdict, what in status.passage_statements(lex, sentences):
        if what == "claim":  # "The figure could not be confirmed": the claim just before it
            earlier = [c for i, c in claims if i < statement]
            if earlier and earlier[-1].status == "reported":
                earlier[-1].status = verdict
            continue
        for index, claim in claims:
            if claim.status != "reported" or index == statement:
                continue
            outlet_speaks = claim.source is None or attribution.is_media(lex, claim.source)
            if status.governed(lex, sentences, statement, verdict, what, index, attributed=not outlet_speaks):
                claim.status = verdict


def _told_before(claim: Claim, earlier: list[Claim], via: str) -> Claim | None:
    """The earlier claim that already counted the person of `claim`, if one did: "The man
    died", "killing the driver" after a claim of one death, or of the same victims. A pronoun
    ("he was killed") names the one counted last if anyone was; a name, someone counted under
    that name, or the one person a description counted before any name was given ("a girl,
    2, was shot ... Abiola Bankolemoh was pronounced dead")."""
    same = [c for c in earlier if c.outcome == claim.outcome]
    head = _victim_head(claim.victims)
    if via == "pronoun":
        return same[-1] if same else None
    ones = [c for c in same if (c.low, c.high) == (1, 1)]
    if via == "name":
        named = [c for c in same if _victim_head(c.victims) == head]
        return named[-1] if named else (ones[-1] if ones and not any(_is_name(c.victims) for c in same) else None)
    return next((c for c in reversed(same) if (c.low, c.high) == (1, 1) or _victim_head(c.victims) == head), None)


def _is_name(victims: str | None) -> bool:
    """"Abiola Bankolemoh", not "man" or "Her son": every word capitalised, none a determiner."""
    words = (victims or "").split()
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words) \
        and words[0].lower() not in lexicon().determiners


def _deduplicate(claims: list[tuple[int, Claim]], sentences: list[Sentence], outlet: str | None) -> list[Claim]:
    """A figure stated twice is one claim when it counts the same victims (or one mention
    does not say whom), or when a headline or lead repeats the body. "A man was killed ...
    a man was killed" in one passage are two claims only when they name different victims.
    The mention that names its source wins (a headline rarely does); the other fills in
    what it lacks."""
    first_paragraph = sentences[0].paragraph if sentences else 0
    reach = lexicon().pronoun_reach
    in_lead = lambda i: sentences[i].heading or sentences[i].paragraph == first_paragraph  # noqa: E731
    kept: dict[tuple, list[tuple[int, Claim]]] = {}
    for index, claim in claims:
        same = kept.setdefault((claim.outcome, claim.low, claim.high, claim.qualifier), [])
        match = next((k for k in same if (_victim_head(k[1].victims) in (None, _victim_head(claim.victims))
                                          or claim.victims is None or in_lead(k[0]) != in_lead(index))
                      and _may_be_one(k, (index, claim), in_lead, reach)), None)
        if match is None:
            same.append((index, claim))
            continue
        first = match[1]
        if first.source in (None, outlet) and claim.source not in (None, outlet):
            first, claim = claim, first
            same[same.index(match)] = (index, first)
        for name in ("victims", "perpetrator", "place", "date"):
            if getattr(first, name) is None and getattr(claim, name) is not None:
                setattr(first, name, getattr(claim, name))
                if name == "date":
                    first.date_precision = claim.date_precision
        if first.victim_type == "unknown":
            first.victim_type = claim.victim_type
    return sorted((c for group in kept.values() for _, c in group), key=lambda c: c.start)


def _may_be_one(first: tuple[int, Claim], again: tuple[int, Claim], in_lead, reach: int) -> bool:
    """Whether two tellings of one death, both in the body, may be one person's: not when they
    stand further apart than a pronoun reaches and do not name the same victim ("a man dies"
    in a joke, "until he died" pages later)."""
    (i, a), (j, b) = first, again
    if (b.low, b.high) != (1, 1) or in_lead(i) != in_lead(j) or j - i <= reach:
        return True
    return a.victims is not None and _victim_head(a.victims) == _victim_head(b.victims)


def _victim_head(victims: str | None) -> str | None:
    """The noun that names a victim group: "members of the police" → "member"."""
    if not victims:
        return None
    words = WORD.findall(victims.lower().split(" of ")[0])
    return words[-1].rstrip("s") if words else None
