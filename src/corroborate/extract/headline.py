"""The place a document tells its story in, from its headline, lead and dateline (spec "Place
and date", step 2): where a claim whose own sentence and event name no place happened."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.document import Document
from corroborate.extract import cause, context
from corroborate.extract.lexicon import lexicon, load_rules
from corroborate.extract.tokens import Sentence
from corroborate.resolve import focus

# A headline's first words in capitals, before a lower-case word: "Santa Clara murder still
# haunts family", "Toronto family in shock".
LEADING_NAME = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+[a-z]")


@dataclass(frozen=True)
class StoryPlace:
    """Where the document's story is told to happen. `event`: the headline's place, else the
    dateline's ("CARTHAGE, N.C. (AP) -" → "Carthage, N.C."), for a claim of an incident whose
    event names none. `total`: the headline's, else the lead's, else the dateline's, for a
    total (the resolver keeps it only when it is a country or region). The lead's place
    serves totals alone: its first sentence may name where a witness is, not an attack."""

    event: str | None = None
    total: str | None = None
    dateline: str | None = None  # where the reporter filed from: the event's place only for want of another


def story_place(doc: Document, sentences: list[Sentence]) -> StoryPlace:
    """The headline is the document's title, else a first line that reads as one; the lead,
    the first sentences after it (as far as a dateline may open one)."""
    headline = _headline(doc, sentences)
    title = headline.text.rstrip(". ") if headline else None
    lead = [s for s in sentences[:focus.settings().dateline_reach + 1]
            if not s.heading and not (title and s.text.rstrip(". ") == title)]
    headline_place = _headline_place(headline, sentences) if headline else None
    dateline_place = _dateline_place(sentences)
    # the lead's first place, in its first sentences: the first may name none ("Health
    # authorities have revealed ...", then "The outbreak was centred in X")
    lead_place = next(filter(None, map(_place_of, lead)), None)
    return StoryPlace(headline_place or dateline_place, headline_place or lead_place or dateline_place, dateline_place)


def _place_of(sent: Sentence) -> str | None:
    places = context.places_in(sent)
    return context.with_container(sent, places[0][1]) if places else None


def _headline(doc: Document, sentences: list[Sentence]) -> Sentence | None:
    title = str(doc.meta.get("title") or "").strip()
    if title:
        return Sentence(title, 0, -1, heading=True)
    return sentences[0] if sentences and sentences[0].heading else None


def _headline_place(headline: Sentence, sentences: list[Sentence]) -> str | None:
    """The first place the headline names after a preposition ("troops in Iraq"); else the
    name it opens with, before a word of an event ("Santa Clara murder", when the text writes
    it as a name too: not "Police shooting") or when the text names it as a place ("Oakland
    officer shot"): a headline's first word is capitalised
    whatever it is ("Gunmen kill five")."""
    for _, found in context.places_in(headline):
        place = headline_name(headline, context.with_container(headline, found), sentences)
        if place:
            return place
    opening = LEADING_NAME.match(headline.text)
    if not opening or focus.not_a_place(opening.group("name")):
        return None
    name = opening.group("name")
    proper = re.compile(rf"\S\s+{re.escape(name)}\b")  # capitalised inside a sentence: a name
    if _names_an_event(headline.text[opening.end("name"):]) and any(
            proper.search(s.text) for s in sentences if s is not headline):
        return name  # "Santa Clara murder ...", "Kalo crash kills 3": the name says where it happened
    prepositions = "|".join(sorted(context.place_words().prepositions))
    told_as_place = re.compile(rf"\b(?i:{prepositions})\s+(?:the\s+)?{re.escape(name)}\b")
    return name if any(told_as_place.search(s.text) for s in sentences if s is not headline) else None


def headline_name(headline: Sentence, place: str, sentences: list[Sentence]) -> str | None:
    """The place a headline names, as read there: a title-case headline capitalises every word
    ("At Least 17 Slain in Dagestani Battle"), so there the body must write it too; and its name
    runs on into the verb after it ("Russian Strike On Kharkiv Kills 3"): it ends before one
    (`headline_words`)."""
    title = headline.text.rstrip(". ")
    if not _title_case(headline):
        return place
    name, comma, held = place.partition(",")  # "Idlib province, Syria": its container as written
    words = name.split()
    cut = next((n for n, word in enumerate(words) if n and (word.lower() in headline_words() or word.isdigit())),
               len(words))
    if cut < len(words):
        name, comma, held = " ".join(words[:cut]), "", ""
        if focus.not_a_place(name):  # "Attack On Russians Kills 3": a people
            return None
    return f"{name}{comma}{held}" if any(re.search(rf"\b{re.escape(name)}\b", s.text) for s in sentences
                                         if not s.heading and not s.text.startswith(title)) else None


@lru_cache(maxsize=1)
def headline_words() -> frozenset[str]:
    """The words a title-case headline's name ends before: its verbs ([document] headline_verbs), harm words."""
    verbs = load_rules("places.toml")["document"]["headline_verbs"]
    return frozenset(w.lower() for w in verbs) | lexicon().trigger_words


def _title_case(headline: Sentence) -> bool:
    """Whether the headline capitalises its words whatever they are ("At Least 17 Slain in Dagestani Battle")."""
    words = [w for w in re.findall(r"[A-Za-z]+", headline.text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _names_an_event(rest: str) -> bool:
    """Whether the headline's next word names an event a cause cue knows: a murder, a crash."""
    word = re.match(r"\s*([a-z]+)", rest)
    return word is not None and cause.read(word.group(1)).cause is not None


def _dateline_place(sentences: list[Sentence]) -> str | None:
    """The place of a dateline opening one of the first sentences (after a headline, or the
    text's start), with the state or country it writes beside it."""
    line = focus.opening_dateline(sent.text for sent in sentences)
    if not line:
        return None
    place, written = line
    place = place.title() if place.isupper() else place
    return f"{place}, {written}" if written else place


