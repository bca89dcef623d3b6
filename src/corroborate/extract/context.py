"""Where, when and by whom, as the sentence (or its paragraph) says it; and the claim's scope."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from corroborate.extract.lexicon import Lexicon
from corroborate.extract.tokens import MONTH_NAMES, WEEKDAYS, Sentence

PLACE_PREPS = {"in", "at", "near", "outside", "around", "from", "across", "inside", "into", "on"}
PLACE_LEADS = {"the", "city", "town", "village", "villages", "province", "provinces", "of", "coastal",
               "neighbourhood", "neighborhood", "district", "region", "governorate", "area", "areas",
               "southern", "northern", "eastern", "western", "central", "rural", "countryside", "nearby",
               "towns", "cities", "camp", "suburb", "southwestern", "northwestern", "southeastern",
               "northeastern", "capital"}
ADMIN_TAILS = {"province", "provinces", "governorate", "district", "city", "town", "village",
               "region", "neighbourhood", "neighborhood", "area", "countryside", "camp", "county", "state"}
NOT_PLACES = MONTH_NAMES | WEEKDAYS | {"facebook", "twitter", "x", "telegram", "youtube", "whatsapp", "instagram",
                                      "reuters", "the", "a", "an", "islam", "god"}
NAME_PARTICLES = {"al", "el", "ad", "ed", "as", "es", "ash", "ar", "an", "at", "az", "ez", "adh", "ath"}
RESIDENCE_VERBS = {"living", "lives", "lived", "based", "exiled", "settled", "fled", "moved", "relocated",
                   "studying", "working", "headquartered"}
RESIDENT_NOUNS = {"residents", "resident", "villagers", "natives", "native", "locals"}

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_SPANS = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?\b"
    r"|\b(?:on|last|this|early|late)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:yesterday|today|last night|tonight|this morning|last week|this week|last month|this month)\b"
    r"|\b(?:the|that) same day\b|\bthat day\b",
    re.IGNORECASE)
DATELINE = re.compile(r"\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")
WEEK_WORDS = {"last week": 7, "this week": 0}
MONTH_WORDS = {"last month", "this month"}


def find_place(sent: Sentence, figure: int) -> str | None:
    """The first place named after the figure, else the last one before it."""
    places = places_in(sent)
    after = [p for p in places if p[0] >= figure]
    if after:
        return after[0][1]
    return places[-1][1] if places else None


def places_in(sent: Sentence) -> list[tuple[int, str]]:
    """(token, place) for each place the sentence names, read once per sentence: claims,
    events and their paragraphs all ask."""
    if "places" not in sent.memo:
        sent.memo["places"] = list(_scan_places(sent))
    return sent.memo["places"]


def _scan_places(sent: Sentence):
    low, doc = sent.low, sent.doc
    for i, word in enumerate(low):
        if word in PLACE_PREPS and i > 0 and low[i - 1] in RESIDENCE_VERBS:
            continue  # "now living in Iraq": where a witness lives, not where people died
        if word in PLACE_PREPS:
            j = i + 1
            while j < len(low) and low[j] in PLACE_LEADS and not doc[j].is_title:
                j += 1
            end = _capitalised_run(sent, j)
            if end > j:
                yield i, sent.span_text(j, end)
        elif word == "of" and i > 0 and low[i - 1] in ADMIN_TAILS and i + 1 < len(low) and doc[i + 1].is_title:
            end = _capitalised_run(sent, i + 1)  # "the village of Tell Safra"
            if end > i + 1:
                yield i, sent.span_text(i + 1, end)
        elif word in RESIDENT_NOUNS and i > 0 and doc[i - 1].is_title and low[i - 1] not in NOT_PLACES:
            start = i - 1
            while start > 0 and (doc[start - 1].is_title or low[start - 1] == "-"):
                start -= 1
            if start > 0 or not doc[start].is_sent_start:
                yield i, sent.span_text(start, i)


def _capitalised_run(sent: Sentence, j: int) -> int:
    low, doc, end = sent.low, sent.doc, j
    k = j
    while k < len(low):
        tok = doc[k]
        if (tok.is_title or tok.is_upper and len(tok) > 1) and low[k] not in NOT_PLACES and tok.is_alpha:
            k += 1
            end = k
        elif low[k] == "-" and k > j and k + 1 < len(low) and doc[k + 1].is_title:
            k += 1
        elif low[k] in NAME_PARTICLES and k > j and low[k + 1:k + 2] == ["-"]:
            k += 1  # "Qaryat al-Nahr", "Deir ez-Zor"
        elif low[k] in ("and", ",") and end == k and k + 1 < len(low) and doc[k + 1].is_title \
                and low[k + 1] not in NOT_PLACES:
            k += 1
        else:
            break
    if end > j and end < len(low) and low[end] in ADMIN_TAILS:
        end += 1
    return end


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
    last date the document named ("on the same day"). Read once per sentence and inputs:
    claims and events both ask."""
    key = ("date", published, previous)
    if key not in sent.memo:
        sent.memo[key] = _scan_date(sent, published, previous)
    return sent.memo[key]


def _scan_date(sent: Sentence, published: date | None, previous: str | None) -> str | None:
    for match in DATE_SPANS.finditer(sent.text):
        if DATELINE.match(sent.text, match.end()):
            continue  # "HOMS, May 4 (Reuters) -": when the report was filed, not the event
        span = match.group(0).lower()
        if "same day" in span or span == "that day":
            if previous:
                return previous
            continue
        if span in WEEK_WORDS and published:
            monday = published - timedelta(days=published.weekday() + WEEK_WORDS[span])
            return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
        if span in MONTH_WORDS and published:
            first = published.replace(day=1)
            if span == "last month":
                first = (first - timedelta(days=1)).replace(day=1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return f"{first.isoformat()}/{last.isoformat()}"
        if span in ("last night", "tonight") and published:
            return (published - timedelta(days=1 if span == "last night" else 0)).isoformat()
        parsed = _parse(match.group(0), published)
        if parsed and (published is None or parsed <= published + timedelta(days=1)):
            return parsed.isoformat()
    return None


def is_aggregate(lex: Lexicon, sent: Sentence, low_value: int | None, qualifier: str) -> bool:
    if sent.find(lex.aggregate_markers):
        return True
    return qualifier == "vague" and (low_value or 0) >= 200


def find_perpetrator(lex: Lexicon, sent: Sentence, harm: int) -> str | None:
    """'killed by X', 'at the hands of X', right after the harm word."""
    low = sent.low
    for i in range(harm + 1, min(len(low) - 1, harm + 4)):
        if (low[i] == "by" and not low[i + 1].endswith("ing")) or low[i:i + 4] == ["at", "the", "hands", "of"]:
            j = i + (4 if low[i] == "at" else 1)
            k = j
            while k < len(low) and k - j < 8 and low[k] not in {",", ".", ";", "in", "on", "at", "and", "after", "during", "who", "which"}:
                k += 1
            text = sent.span_text(j, k)
            return text or None
        if low[i] in {",", ";", "."} and i > harm + 1:
            break
    return None
