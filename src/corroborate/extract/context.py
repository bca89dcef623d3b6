"""Where, when and by whom, as the sentence (or its paragraph) says it; and the claim's scope."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from corroborate.extract import attribution
from corroborate.extract.lexicon import Lexicon, lexicon, load_rules
from corroborate.extract.tokens import CLAUSE_END, MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS, Sentence
from corroborate.resolve import focus


@dataclass(frozen=True)
class PlaceWords:
    """The words a place is read by (rules/places.toml), each set lower case."""

    prepositions: frozenset[str]
    leads: frozenset[str]
    tailed_leads: frozenset[str]
    admin_tails: frozenset[str]
    joined_by_of: frozenset[str]
    not_after: frozenset[str]
    not_places: frozenset[str]
    name_particles: frozenset[str]
    name_joiners: frozenset[str]
    residence_verbs: frozenset[str]
    residence_nouns: frozenset[str]  # after a residence verb, a noun it qualifies: "living conditions"
    resident_nouns: frozenset[str]
    person_titles: frozenset[str]
    owned_venues: frozenset[str]
    owned_always: frozenset[str]
    numbered: frozenset[str]
    origin_before_from: frozenset[str]
    people_events: frozenset[str]
    jurisdiction_nouns: frozenset[str]
    sites: frozenset[str]
    time_of: frozenset[str]
    time_openers: frozenset[str]
    nationality_endings: tuple[str, ...]
    residence_reach: int


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    read = load_rules("places.toml")["read"]
    words = {name: frozenset(w.lower() for w in read[name]) for name in PlaceWords.__dataclass_fields__
             if name not in ("nationality_endings", "residence_reach")}
    words["not_places"] |= MONTH_NAMES | WEEKDAYS
    return PlaceWords(**words, nationality_endings=tuple(read["nationality_endings"]),
                      residence_reach=int(read["residence_reach"]))


MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
         r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_SPANS = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?\b"
    r"|\b(?:on|last|this|early|late)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\b"  # "Sunday's bombing"
    r"|\b(?:yesterday|today|last night|tonight|this morning|last week|this week|last month|this month)\b"
    r"|\b(?:the|that) same day\b|\bthat day\b"
    rf"|\b(?:in|during|throughout)\s+(?:early\s+|late\s+|mid-?)?{MONTH}(?:,?\s+\d{{4}})?\b(?!\s*\d)",
    re.IGNORECASE)
DATELINE = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")
# "in March 2025": a month alone is a span of its days
MONTH_NAMED = rf"(?:early\s+|late\s+|mid-?)?(?P<month>{MONTH})(?:,?\s+(?P<year>\d{{4}}))?"
MONTH_ORDER = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_ALONE = re.compile(rf"^(?:in|during|throughout)\s+{MONTH_NAMED}$", re.IGNORECASE)
MONTH_FIRST = re.compile(rf"^\s*(?:the\s+(?:start|beginning|end)\s+of\s+)?{MONTH_NAMED}\b(?!\s*\d)", re.IGNORECASE)
SINCE_CLAUSE = re.compile(r"\bsince\b[^,;.]*$", re.IGNORECASE)
WEEK_WORDS = {"last week": 7, "this week": 0}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(rf"^(?:(?P<word>on|last|this|early|late)\s+)?(?P<day>{'|'.join(WEEKDAY_NAMES)})(?:['’]s)?$")
MONTH_WORDS = {"last month", "this month"}
# A word one of which every span DATE_SPANS finds holds as a whole word (a month, a weekday,
# or a word of its relative days), in a text of ASCII letters, where its case-blind matching
# is plain: a sentence with none is not scanned.
DATE_WORDS = MONTH_NAMES | MONTH_ABBREVIATIONS | WEEKDAYS | {"yesterday", "today", "night", "tonight", "morning",
                                                              "week", "month", "day"}


def find_place(sent: Sentence, figure: int) -> str | None:
    """The first place named after the figure, else the last one before it; with the
    place the text puts it in ("Al-Qusour in the city of Baniyas" → "Al-Qusour, Baniyas");
    else the country a people's disaster names ("a Haitian cholera outbreak" → "Haiti")."""
    found = _place_at(sent, figure)
    return with_container(sent, found) if found else _people_event_country(sent)


def _people_event_country(sent: Sentence) -> str | None:
    low, events = sent.low, place_words().people_events
    for i, word in enumerate(low):
        if word in events:
            for k in range(i - 1, max(-1, i - 4), -1):
                country = focus.country_of_people(low[k]) if sent.doc[k].is_title else None
                if country:
                    return country
    return None


def _place_at(sent: Sentence, figure: int) -> str | None:
    """The place named for the figure as the sentence writes it, without its container: never
    one in the words of who says it (`speakers_place`)."""
    places = own_places(sent)
    after = [p for p in places if p[0] >= figure and not _said_between(sent, figure, p[0])]
    before = [p for p in places if p[0] < figure]
    found = after[0] if after else before[-1] if before else places[-1] if places else None
    return found[1] if found else None


def _said_between(sent: Sentence, start: int, end: int) -> bool:
    """Whether an attribution set off by a comma stands between the figure and a place: what
    follows it is another clause ("killing 20 people, officials said, in the fifth attack in Iraq")."""
    low, verbs = sent.low, lexicon().attribution_verbs
    return any(verbs.match(low, t) and "," in low[max(start, t - 4):t] for t in range(start, end))


CONTAINER = re.compile(r",?\s*(?P<side>(?:just\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+of|near|outside)"
                       r"\s+(?:the\s+)?"
                       r"|,\s*(?:in\s+)?(?:the\s+)?|\s+(?:in|of)\s+(?:the\s+)?"
                       r"(?:(?:city|town|village|province|governorate|district|region|state|county|area)\s+of\s+)?",
                       re.IGNORECASE)


NAMED = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
# "Buleda (Kech, Balochistan)": the district and province a report puts in brackets after a place
BRACKETED = re.compile(r"\s*\((?P<inside>[^()]{1,80})\)")
APPOSED = re.compile(r"\s*(?:[,.;(]|$)")  # a name set off on its own: ", Chihuahua," not ", Iraqi officials said"
HELD = 3  # containers read one after another: "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)"


def with_container(sent: Sentence, place: str) -> str:
    """`place`, with the places the sentence says hold it right after it ("Khuafo, Chin
    State", "Al-Qusour in the city of Baniyas", "Buleda (Kech, Balochistan)", "Nadas in rural
    Ras al Ain in al-Hasakeh"), as "place, container, …"; a place the text sets beside another
    keeps the words that say where ("Edmonton, south of Cairns")."""
    at = sent.text.find(place)
    if at < 0:
        return place
    held, end, current = [place], at + len(place), place
    for _ in range(HELD):
        found = _bracketed(sent.text, end) or _joined_container(sent, current, end)
        if not found:
            break
        written, current, end = found
        held.append(written)
    return ", ".join(held)


def _bracketed(text: str, end: int) -> tuple[str, str, int] | None:
    """The names in brackets right after a place, when all of them are names ("(Kech,
    Balochistan)", not "(as reported)"); an acronym in them ("UP", "J&K") is left out."""
    found = BRACKETED.match(text, end)
    if not found:
        return None
    parts = [p.strip() for p in found.group("inside").split(",")]
    if not all(NAMED.fullmatch(p) or p.isupper() for p in parts):
        return None
    names = [p for p in parts if not p.isupper() and not focus.not_a_place(p)]
    return (", ".join(names), names[-1], found.end()) if names else None


def _joined_container(sent: Sentence, place: str, end: int) -> tuple[str, str, int] | None:
    joint = CONTAINER.match(sent.text, end)
    if not joint:
        return None
    start = joint.end()
    leads = place_words().leads
    while True:  # "in rural Ras al Ain", "in northern Idlib": the words before a name are read past
        word = re.match(r"([a-z-]+)\s+", sent.text[start:])
        if not word or not (word.group(1) in leads or word.group(1).replace("-", "") in leads):
            break
        start += word.end()
    rest = sent.text[start:]
    side = joint.group("side")
    container = next((p for _, p in places_in(sent) if p != place and rest.startswith(p)), None)
    if container is None and (side or joint.group(0).strip() == ","):
        # "south of Cairns", "Cuauhtemoc municipality, Chihuahua, a man…": no preposition of
        # place reads the name; after a comma it is a container only when set off on its own
        named = NAMED.match(rest)
        container = named.group(0) if named and not focus.not_a_place(named.group(0)) and (
            side or APPOSED.match(rest, named.end())) else None
    if not container:
        return None
    return (f"{side.lower()} {container}" if side else container), container, start + len(container)


def container_told(sentences: list[Sentence], place: str) -> str:
    """`place` with the container the document gives it in any sentence ("Rivers Avenue" in the
    lead, "on Rivers Avenue in North Charleston" further down), else, for a street or a site,
    the jurisdiction of a sentence naming it ("a wreck on Rivers Avenue, the North Charleston
    Police Department said") or else the document's first: a bare street is not placed."""
    if "," in place:
        return place
    naming = [sent for sent in sentences if place in sent.text and any(p == place for _, p in places_in(sent))]
    for sent in naming:
        fuller = with_container(sent, place)
        if fuller != place:
            return fuller
    if place.rsplit(" ", 1)[-1].lower() not in place_words().sites:
        return place  # a town or region is placed by its name; a street or a bridge is not
    for sent in naming + sentences:
        held_by = jurisdiction(sent)
        if held_by and held_by not in place and place not in held_by:
            return f"{place}, {held_by}"
    return place


def jurisdiction(sent: Sentence) -> str | None:
    """The place whose police or authorities the sentence names ("the North Charleston Police
    Department", "West Virginia authorities"), or None."""
    if "jurisdiction" not in sent.memo:
        sent.memo["jurisdiction"] = _scan_jurisdiction(sent)
    return sent.memo["jurisdiction"]


def _scan_jurisdiction(sent: Sentence) -> str | None:
    w, low, doc = place_words(), sent.low, sent.doc
    for k, word in enumerate(low):
        if word not in w.jurisdiction_nouns:
            continue
        start = k
        while start > 0 and doc[start - 1].is_title and low[start - 1] not in w.not_places \
                and low[start - 1] not in w.person_titles:
            start -= 1
        if start < k and not (start == 0 and k - start == 1):  # "Police said": the sentence's first word
            name = sent.span_text(start, k)
            if not focus.not_a_place(name) and not _person_or_people(sent, start, k, w):
                return name
    return None


def places_in(sent: Sentence) -> list[tuple[int, str]]:
    """(token, place) for each place the sentence names, read once per sentence: claims,
    events and their paragraphs all ask. A phrase that names a people, an organisation, a
    disease or a storm ("in Georgian hands", "at the World Health Organisation") is none.
    Every place read is a capitalised word past the first: a sentence with none is not
    tokenized for it."""
    if "places" not in sent.memo:
        w = place_words()
        sent.memo["places"] = [(i, place) for i, place in _scan_places(sent, w) if _a_place(place, w)] \
            if sent.capitalised_inside else []
    return sent.memo["places"]


def own_places(sent: Sentence) -> list[tuple[int, str]]:
    """The places the sentence names for what it tells: not those a preposition puts in the
    words of who says it ("reporters at al-Ahli hospital in Gaza City said", "according to
    officials in Rafah"), which tell where the source stands. A speaker that is a place ("the
    city of Sao Paulo reported", "Tremseh residents said") tells its own deaths, and police or
    authorities their jurisdiction's ("Police in Sevierville say")."""
    if "own places" not in sent.memo:
        places, w = places_in(sent), place_words()
        spoken = [(s, e) for s, e in attribution.speakers_words(lexicon(), sent)
                  if w.jurisdiction_nouns.isdisjoint(sent.low[s:e])] if places else []
        sent.memo["own places"] = [(i, p) for i, p in places if sent.low[i] not in w.prepositions
                                   or not any(s <= i < e for s, e in spoken)]
    return sent.memo["own places"]


def speakers_place(sent: Sentence) -> str | None:
    """Where the sentence's source stands, for a claim that nothing else places: the last place
    its words name, the city that holds the hospital or the office ("Gaza City" of "a doctor at
    al-Shifa hospital in Gaza City said"), with its container. The deaths are at most there."""
    own = own_places(sent)
    spoken = [p for p in places_in(sent) if p not in own]
    return with_container(sent, spoken[-1][1]) if spoken else None


def _a_place(place: str, w: PlaceWords) -> bool:
    """Whether `place` may name a place, as written and without its admin tail: "Philippine
    island" is a people's adjective; "Cape Town" is whole, though "Cape" alone is a fragment."""
    head = _untailed(place, w)
    return not focus.not_a_place(place) and not focus.not_a_place(head, alone=head == place)


def _untailed(place: str, w: PlaceWords) -> str:
    """The name without its admin tail: "Philippine island" is a people's adjective, "Raqqa province" Raqqa."""
    head, _, tail = place.rpartition(" ")
    return head if head and tail.lower() in w.admin_tails else place


def _scan_places(sent: Sentence, w: PlaceWords):
    low, doc = sent.low, sent.doc
    for i, word in enumerate(low):
        if word in w.prepositions and _where_someone_is(low, i, w):
            continue  # "now living in Iraq", "a woman visiting from Canada": not where people died
        if (word in w.prepositions or word == "of") and low[i + 1:i + 2] and low[i + 1] in w.tailed_leads:
            place = _tailed(sent, i + 1, w)  # "on an Idlib village", "the shelling of a Homs town"
            if place:
                yield i, place
        elif word in w.prepositions and low[i + 1:i + 2] and low[i + 1] not in w.not_after:
            j = _past_leads(sent, i + 1, w)
            end = _capitalised_run(sent, j, w)
            if end > j and not _person_or_people(sent, j, end, w) and not _owner(sent, i, j, end, w) \
                    and not _numbered(sent, j, end, w):
                yield i, _owned_place(sent, j, end, w) or sent.span_text(j, end)
        elif word == "of" and i > 0 and low[i - 1] in w.admin_tails and i + 1 < len(low) and _name_word(doc[i + 1]):
            end = _capitalised_run(sent, i + 1, w)  # "the village of Tell Safra"
            if end > i + 1:
                yield i, sent.span_text(i + 1, end)
        elif word in w.resident_nouns and i > 0 and doc[i - 1].is_title and low[i - 1] not in w.not_places:
            start = i - 1
            while start > 0 and (doc[start - 1].is_title or low[start - 1] == "-"):
                start -= 1
            if start > 0 or not doc[start].is_sent_start:
                yield i, sent.span_text(start, i)


def _tailed(sent: Sentence, k: int, w: PlaceWords) -> str | None:
    """After an article at k, a name with its admin tail: "an Idlib village" → "Idlib village"
    (somewhere in Idlib, as the resolver reads it); "a US strike" names no place."""
    j = k + 1
    end = _capitalised_run(sent, j, w)
    if end - j < 2 or sent.low[end - 1] not in w.admin_tails or sent.low[end - 2].endswith(w.nationality_endings):
        return None  # "a Northern Irish town", "a Kurdish village": a people's, not a province's
    name = sent.span_text(j, end - 1)
    return None if focus.not_a_place(name) or _person_or_people(sent, j, end - 1, w) else sent.span_text(j, end)


def _owned_place(sent: Sentence, j: int, end: int, w: PlaceWords) -> str | None:
    """The place a place's possessive holds, with the owner as its container: "in Syria's
    Idlib province" and "in Nigeria's central Plateau state" are "Idlib province, Syria" and
    "Plateau state, Nigeria"; "in Syria's civil war" and "in Britain's Defence Ministry" hold none."""
    if sent.low[end:end + 1] not in (["'s"], ["’s"]):
        return None
    k = _past_leads(sent, end + 1, w)  # "northwestern", "the": as after a preposition
    owned = _capitalised_run(sent, k, w)
    if owned == k or _person_or_people(sent, k, owned, w):
        return None
    place = sent.span_text(k, owned)
    return f"{place}, {sent.span_text(j, end)}" if _a_place(place, w) else None


def _past_leads(sent: Sentence, k: int, w: PlaceWords) -> int:
    """The first word from k on that is not a lower-case word leading to a name ("the town of")."""
    while k < len(sent.low) and sent.low[k] in w.leads and not sent.doc[k].is_title:
        k += 1
    return k


def _owner(sent: Sentence, i: int, j: int, end: int, w: PlaceWords) -> bool:
    """Whether the run names who owns a venue: "at the Acme Steel parking lot", "outside Acme office"."""
    after = sent.low[end] if end < len(sent.low) else ""
    return after in w.owned_always or "the" in sent.low[i + 1:j] and after in w.owned_venues


def _numbered(sent: Sentence, j: int, end: int, w: PlaceWords) -> bool:
    """"Route 5", "Zona 18": a word of a road or a unit before its number."""
    return end == j + 1 and sent.low[j] in w.numbered and end < len(sent.doc) and sent.doc[end].like_num


def _where_someone_is(low: list[str], i: int, w: PlaceWords) -> bool:
    """Whether the preposition at i tells where someone lives, works or comes from: a residence
    verb earlier in its clause ("who worked at the laboratories in Fort Detrick"), or "from"
    after a word of coming or of office ("visiting from Canada", "the governor from X"). A
    victim "from" a place ("a woman from West Java who died") may well have died there."""
    if low[i] == "from" and i > 0 and low[i - 1] in w.origin_before_from:
        return True
    for k in range(i - 1, max(-1, i - 1 - w.residence_reach), -1):
        if low[k] in w.residence_verbs and low[k + 1] not in w.residence_nouns:
            return True
        if low[k] in (",", ";", ".", "and", "but") or low[k] in lexicon().trigger_words:
            return False
    return False


def _person_or_people(sent: Sentence, start: int, end: int, w: PlaceWords) -> bool:
    """Whether the capitalised run names a person by a title, or is a nationality
    adjective before its noun."""
    low = sent.low
    if low[start] in w.person_titles:
        return True
    # a preposition is no noun: "in the Mediterranean on Tuesday" names the sea
    return end == start + 1 and low[start].endswith(w.nationality_endings) and end < len(low) \
        and sent.doc[end].is_lower and sent.doc[end].is_alpha and low[end] not in w.prepositions


def _capitalised_run(sent: Sentence, j: int, w: PlaceWords) -> int:
    low, doc, end = sent.low, sent.doc, j
    k = j
    while k < len(low):
        tok = doc[k]
        if (_name_word(tok) or tok.is_upper and len(tok) > 1 and tok.is_alpha) and low[k] not in w.not_places:
            k += 1
            end = k
        elif low[k] == "-" and k > j and k + 1 < len(low) and (_name_word(doc[k + 1]) or _joined(sent, k + 1, w)):
            k += 1
        elif low[k] in w.name_particles and low[k + 1:k + 2] == ["-"] and (k > j or _titled(sent, k + 2)):
            k += 1  # "Qaryat al-Nahr", "Deir ez-Zor", "in al-Hasakeh"
        elif k > j and _joined(sent, k, w):
            k += 1  # "Mar del Plata", "Ras al Ain"
        elif low[k] in ("and", ",") and end == k > j and k + 1 < len(low) and doc[k + 1].is_title \
                and low[k + 1] not in w.not_places:
            k += 1  # a list goes on after a name, never before one: "in the city, Kharkiv's governor said"
        elif low[k] in ("and", ",") and end == k > j and low[k + 1:k + 2] == ["the"] and _listed(sent, k, w):
            k += 2  # a list of places, one with its article: "Myanmar, the Maldives and Kenya"
        elif low[k] == "of" and end == k and low[k - 1] in w.joined_by_of:
            k += 2 if low[k + 1:k + 2] == ["the"] else 1  # "the Republic of (the) Congo"
        else:
            break
    if end > j and end < len(low) and low[end] in w.admin_tails:
        end += 1
    return end


def _titled(sent: Sentence, k: int) -> bool:
    return k < len(sent.low) and _name_word(sent.doc[k])


APOSTROPHES = str.maketrans("", "", "'’")


def _name_word(tok) -> bool:
    """A capitalised word of letters, with an apostrophe inside it too: "Dar'a", "Ma'arrat",
    "Nu'man" (romanised Arabic writes the hamza and the ayn so). Not a possessive ("People's")."""
    text = tok.text
    if tok.is_title and tok.is_alpha:
        return True
    letters = text.translate(APOSTROPHES)
    return text[:1].isupper() and letters != text and letters.isalpha() and letters[1:].islower() \
        and not text.lower().endswith(("'s", "’s")) and not text.endswith(("'", "’"))


def _joined(sent: Sentence, k: int, w: PlaceWords) -> bool:
    """Whether the word at k joins a name's capitalised words: one or two joiners, then a
    capitalised word (or a hyphen and one: "Pol-e-Alam")."""
    low = sent.low
    n = 1 if low[k] in w.name_joiners else 0
    if n and k + 1 < len(low) and low[k + 1] in w.name_joiners:
        n = 2
    return bool(n) and (_titled(sent, k + n) or low[k + n:k + n + 1] == ["-"] and _titled(sent, k + n + 1))


def _listed(sent: Sentence, k: int, w: PlaceWords) -> bool:
    """Whether ", the X" or "and the X" at k goes on a list of places: after "and", or with the
    list going on after X ("Myanmar, the Maldives and Kenya"; not "Kalo, the Kalo Times reported")."""
    low, doc = sent.low, sent.doc
    m = k + 2
    while m < len(low) and doc[m].is_title and low[m] not in w.not_places:
        m += 1
    return m > k + 2 and (low[k] == "and" or low[m:m + 1] in ([","], ["and"]))


def told_as_time(sent: Sentence, harm: int) -> bool:
    """Whether the harm word at `harm` only tells when something else happened: "a photo taken
    days before his death", "founded the group after his father died", "until he died". Such a
    death is no event the document tells: it neither gives nor takes the event's place."""
    low, w = sent.low, place_words()
    for k in range(harm - 1, max(-1, harm - 5), -1):
        if low[k] in CLAUSE_END or low[k] == ",":
            return False
        if low[k] in w.time_of:
            return low[k + 1] in w.time_openers
    return False


def tells_harm(sent: Sentence, triggers: frozenset[str]) -> bool:
    """Whether a harm word of the sentence tells a harm, not only a time (`told_as_time`)."""
    return any(word in triggers and not told_as_time(sent, i) for i, word in enumerate(sent.low))


def several_places(sent: Sentence, figure: int) -> bool:
    """Whether the place a claim takes from its sentence is a list of places ("in Latakia and
    Tartous provinces", "in Malaysia, Myanmar and Kenya"): its deaths are a total over them."""
    found = _place_at(sent, figure)
    # one comma is a place and its container ("Waco, Texas"); a list has "and" or two commas
    return found is not None and (" and " in found or found.count(", ") > 1)


@lru_cache(maxsize=1)
def _pointing_back() -> re.Pattern:
    back = load_rules("places.toml")["back"]
    either = lambda words: "|".join(map(re.escape, words))  # noqa: E731
    return re.compile(rf"\b(?:{either(back['determiners'])})\s+(?:{either(back['nouns'])})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _worldwide() -> re.Pattern:
    words = load_rules("places.toml")["wider"]["words"]
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


def worldwide(text: str) -> bool:
    """Whether a sentence tells its total over the whole world ("109 people worldwide")."""
    return bool(_worldwide().search(text))


def points_back(text: str) -> bool:
    """Whether a sentence names the places told before it: "in those villages", "the same area"."""
    return bool(_pointing_back().search(text))


@lru_cache(maxsize=4096)
def _parse(span: str, base: date | None) -> date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if base:
        from datetime import datetime
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12)
    elif not re.search(r"\d{4}", span):
        return None  # "March 7" with no year and no publication date: unknowable
    parsed = dateparser.parse(re.sub(r"^(on|the|of)\s+", "", span, flags=re.I), languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def find_date(sent: Sentence, published: date | None, previous: str | None) -> str | None:
    """The date a sentence names, resolved against the publication date. `previous` is the
    last date the document named ("on the same day"). The sentence is scanned once per
    publication date: claims and events both ask, each with its own `previous`."""
    key = ("dates", published)
    if key not in sent.memo:
        sent.memo[key] = list(_scan_dates(sent, published)) if _may_name_a_date(sent) else []
    for found in sent.memo[key]:
        if found is not SAME_DAY:
            return found
        if previous:
            return previous
    return None


def _may_name_a_date(sent: Sentence) -> bool:
    return not sent.text.isascii() or not DATE_WORDS.isdisjoint(sent.bare_words)


SAME_DAY = object()  # "on the same day": the date the document named last, when it named one


def _scan_dates(sent: Sentence, published: date | None) -> Iterator[str | object]:
    """The dates the sentence names, in order, up to the first told outright; SAME_DAY for
    each "same day" before it."""
    for match in DATE_SPANS.finditer(sent.text):
        if DATELINE.match(sent.text, match.end()):
            continue  # "HOMS, May 4 (Reuters) -": when the report was filed, not the event
        if SINCE_CLAUSE.search(sent.text, max(0, match.start() - 50), match.start()):
            continue  # "the worst since the war began in March 2003": where a period starts, not the event
        span = match.group(0).lower()
        if "same day" in span or span == "that day":
            yield SAME_DAY
            continue
        if span in WEEK_WORDS and published:
            monday = published - timedelta(days=published.weekday() + WEEK_WORDS[span])
            yield f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
            return
        if span in MONTH_WORDS and published:
            first = published.replace(day=1)
            if span == "last month":
                first = (first - timedelta(days=1)).replace(day=1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            yield f"{first.isoformat()}/{last.isoformat()}"
            return
        weekday = WEEKDAY.match(span)
        if weekday and published:
            yield _weekday(weekday, published).isoformat()
            return
        month = MONTH_ALONE.match(match.group(0))
        if month:
            found = _month_span(month, published)
            if found:
                yield found
                return
            continue
        if span in ("last night", "tonight") and published:
            yield (published - timedelta(days=1 if span == "last night" else 0)).isoformat()
            return
        parsed = _parse(match.group(0), published)
        if parsed and (published is None or parsed <= published + timedelta(days=1)):
            yield parsed.isoformat()
            return


def _weekday(weekday: re.Match, published: date) -> date:
    """The day a weekday names in a report: the last such day up to publication, that day
    itself when it is one ("said on Monday" in Monday's report is today, "killed early Sunday"
    in Sunday's); "last Monday" in Monday's report is the week before."""
    back = (published.weekday() - WEEKDAY_NAMES.index(weekday["day"])) % 7
    return published - timedelta(days=back or (7 if weekday["word"] == "last" else 0))


def _month_span(month: re.Match, published: date | None) -> str | None:
    """The days of the month named; with no year, the last such month before publication."""
    number = MONTH_ORDER.index(month.group("month")[:3].lower()) + 1
    if month.group("year"):
        year = int(month.group("year"))
    elif published:
        year = published.year - (number > published.month)
    else:
        return None
    first = date(year, number, 1)
    return f"{first.isoformat()}/{_month_end(first).isoformat()}"


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


SINCE = re.compile(r"\bsince\b(?P<tail>[^.;]{0,60})", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
AS_OF = re.compile(r"\b(?:as of|as at|so far|to date|up to|until|by)\b", re.IGNORECASE)


def find_period(sent: Sentence, published: date | None, start: str | None) -> str | None:
    """The period a total covers, as "start/end", when the sentence gives one: "since
    2011" (to publication), "in the past week", "within about six days" (from `start`, the
    day the document's story starts), "in March 2025", "this year"; its own day when it
    names one and is no running toll ("as of February 15" ends a period it does not
    bound). None otherwise."""
    since = SINCE.search(sent.text)
    began = _since(since.group("tail"), published) if since and published else None
    if began and published and began <= published:
        return f"{began.isoformat()}/{published.isoformat()}"
    # "within about six days", "over the past week": the reconciler's reading of a period
    from corroborate.reconcile.periods import stated

    said = stated(sent.text, start, published.isoformat() if published else None)
    if said:
        return "/".join(said)
    own = find_date(sent, published, start)
    low = sent.text.lower()
    if published and "this year" in low:
        return f"{published.year}-01-01/{published.isoformat()}"
    if published and "last year" in low:
        return f"{published.year - 1}-01-01/{published.year - 1}-12-31"
    return own if own and not AS_OF.search(sent.text) else None


def _since(tail: str, published: date) -> date | None:
    """Where "since …" starts: a day named, a month ("since March"), else a year ("since
    the war began in 2011")."""
    for match in DATE_SPANS.finditer(tail):
        month = MONTH_ALONE.match(match.group(0))
        span = _month_span(month, published) if month else None
        parsed = date.fromisoformat(span.split("/")[0]) if span else None if month else \
            _parse(match.group(0), published)
        if parsed:
            return parsed
    month = MONTH_FIRST.match(tail)
    if month:
        span = _month_span(month, published)
        return date.fromisoformat(span.split("/")[0]) if span else None
    year = YEAR.search(tail)
    return date(int(year.group(0)), 1, 1) if year else None


def is_aggregate(lex: Lexicon, sent: Sentence, low_value: int | None, qualifier: str, total_kind: bool = False) -> bool:
    """Whether a claim counts more than one event (spec "Scope"): a marker of a running or
    wider total (not in a comparison: "the deadliest attack since the war began"), a rising toll that
    names no one event, a figure too large for one event,
    hundreds or more told vaguely, or deaths of a kind that are totals by nature
    (`total_kind`: an epidemic's, a disaster's)."""
    low = sent.low
    compared = next((i for i, word in enumerate(low) if word in lex.comparisons), len(low))
    # "two days after the bombing" tells when, not how long: no span
    spans = [start for start, end in sent.find(lex.aggregate_markers)
             if start < compared and not (end < len(low) and low[end] in lex.relative_time)]
    if total_kind or spans:
        return True
    if sent.find(lex.rising_toll) and not sent.find(lex.one_event):
        return True
    if (low_value or 0) >= lex.large_toll:
        return True
    return qualifier == "vague" and (low_value or 0) >= 200


def news_of_the_day(lex: Lexicon, sent: Sentence) -> bool:
    """Told as news of the day ("have been killed", "were killed today"): with no date of
    its own, the deaths are dated to the publication."""
    return bool(sent.find(lex.news_of_the_day))


def another_event(lex: Lexicon, sent: Sentence) -> bool:
    """"In a separate attack", "elsewhere": what follows is not the event told before."""
    return bool(sent.find(lex.another_event))


def find_perpetrator(lex: Lexicon, sent: Sentence, harm: int) -> str | None:
    """'killed by X', 'at the hands of X', right after the harm word."""
    low = sent.low
    for i in range(harm + 1, min(len(low) - 1, harm + 4)):
        if (low[i] == "by" and not low[i + 1].endswith("ing")) or low[i:i + 4] == ["at", "the", "hands", "of"]:
            j = i + (4 if low[i] == "at" else 1)
            k = j
            while k < len(low) and k - j < 8 and low[k] not in {",", ".", ";", "in", "on", "at", "and", "after",
                                                                 "during", "who", "which"}:
                k += 1
            text = sent.span_text(j, k)
            return text or None
        if low[i] in {",", ";", "."} and i > harm + 1:
            break
    return None
