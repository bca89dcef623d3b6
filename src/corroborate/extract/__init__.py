"""extract: Text → Claims. Every claim carries the sentence it was read from."""
from __future__ import annotations

from datetime import date

from corroborate.document import Claim, Document, Text
from corroborate.extract import attribution, context, status
from corroborate.extract.casualty import find_casualties
from corroborate.extract.lexicon import lexicon
from corroborate.extract.sentences import split
from corroborate.extract.tokens import WORD, Sentence


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
    paragraph_dates: dict[int, str] = {}
    paragraph_places: dict[int, str] = {}
    place_dates: dict[str, str] = {}  # the first date the document gives each place
    for index, sent in enumerate(sentences):
        sentence_date = context.find_date(sent, published, last_date)
        if sentence_date:
            last_date = sentence_date
            paragraph_dates.setdefault(sent.paragraph, sentence_date)
            for _, place in context.places_in(sent):
                place_dates.setdefault(place, sentence_date)
        if triggers.isdisjoint(sent.bare_words):
            continue
        for found in find_casualties(lex, sent):
            claim = _claim(lex, doc, sentences, index, found, sentence_date)
            if found.definite and _told_before(claim, [c for i, c in claims if i < index]):
                continue
            if claim.scope == "incident":
                # One incident is told over a paragraph: its place and date carry.
                claim.place = claim.place or paragraph_places.get(sent.paragraph)
                claim.date = claim.date or paragraph_dates.get(sent.paragraph) or place_dates.get(claim.place)
            claims.append((index, claim))
        for _, place in context.places_in(sent):
            paragraph_places[sent.paragraph] = place
    _apply_passages(lex, sentences, claims)
    return _deduplicate(claims, sentences, doc.meta.get("outlet"))


def _claim(lex, doc: Document, sentences: list[Sentence], index: int, found, sentence_date: str | None) -> Claim:
    sent = sentences[index]
    source = attribution.source(lex, sentences, index, found.start)
    place = context.find_place(sent, found.start)
    return Claim(
        doc=doc.doc_id, outcome=found.outcome, low=found.low, high=found.high, qualifier=found.qualifier,
        evidence=sent.text, start=sent.start, end=sent.start + len(sent.text),
        victims=sent.span_text(*found.victims) if found.victims else None,
        victim_type=found.victim_type,
        perpetrator=context.find_perpetrator(lex, sent, found.harm),
        place=place, date=sentence_date,
        source=source or doc.meta.get("outlet"),
        status=status.sentence_status(lex, sent),
        scope="aggregate" if context.is_aggregate(lex, sent, found.low, found.qualifier) else "incident",
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


def _told_before(claim: Claim, earlier: list[Claim]) -> bool:
    """"The man died", "killing the driver" after a claim of one death, or of the same
    victims, names someone already counted."""
    head = _victim_head(claim.victims)
    return any(c.outcome == claim.outcome and ((c.low, c.high) == (1, 1) or _victim_head(c.victims) == head)
               for c in earlier)


def _deduplicate(claims: list[tuple[int, Claim]], sentences: list[Sentence], outlet: str | None) -> list[Claim]:
    """A figure stated twice is one claim when it counts the same victims (or one mention
    does not say whom), or when a headline or lead repeats the body. "A man was killed ...
    a man was killed" in one passage are two claims only when they name different victims.
    The mention that names its source wins (a headline rarely does); the other fills in
    what it lacks."""
    first_paragraph = sentences[0].paragraph if sentences else 0
    in_lead = lambda i: sentences[i].heading or sentences[i].paragraph == first_paragraph  # noqa: E731
    kept: dict[tuple, list[tuple[int, Claim]]] = {}
    for index, claim in claims:
        same = kept.setdefault((claim.outcome, claim.low, claim.high, claim.qualifier), [])
        match = next((k for k in same if _victim_head(k[1].victims) in (None, _victim_head(claim.victims))
                      or claim.victims is None or in_lead(k[0]) != in_lead(index)), None)
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
        if first.victim_type == "unknown":
            first.victim_type = claim.victim_type
    return sorted((c for group in kept.values() for _, c in group), key=lambda c: c.start)


def _victim_head(victims: str | None) -> str | None:
    """The noun that names a victim group: "members of the police" → "member"."""
    if not victims:
        return None
    words = WORD.findall(victims.lower().split(" of ")[0])
    return words[-1].rstrip("s") if words else None
