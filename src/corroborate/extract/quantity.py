"""The quantity grammar: "at least 27", "dozens", "twenty-seven", "10-15", "٣٠", "a dozen"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from corroborate.extract.lexicon import Lexicon
from corroborate.extract.tokens import DASHES, MONTH_ABBREVIATIONS, MONTH_NAMES, Sentence

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
DECIMAL = re.compile(r"^\d+\.\d+$")
MONTHS = MONTH_NAMES | MONTH_ABBREVIATIONS
CURRENCY = {"$", "€", "£", "us$", "usd", "eur", "gbp", "rs", "rs."}
# What may follow a number and make it something other than a count of people.
NOT_A_COUNT_AFTER = {"%", "percent", "per", "am", "pm", "a.m.", "p.m.", ":", "th", "st", "nd", "rd", "°"}
RANGE_JOINERS = DASHES | {"to"}
YEAR = re.compile(r"^(?:19|20)\d\d$")
YEAR_BEFORE = {"in", "since", "until", "during", "the", "from", "by", "till", "before", "after"}  # "the 2006 poisoning"


@dataclass
class Quantity:
    start: int  # token span, qualifier included
    end: int
    low: int | None
    high: int | None
    qualifier: str
    word: bool = False  # spelled "a"/"an": a count only before a singular person noun
    # "the", "his", "both": a count only before a person noun the lexicon knows (singular for
    # "the"), which may name people told of before
    definite: bool = False

    @property
    def value(self) -> int | None:
        return self.low if self.low is not None else self.high


def _parse_number(lex: Lexicon, low: list[str], i: int) -> tuple[int, int] | None:
    """(value, end) of a number at token i: digits, digits with a scale, or number words."""
    if i >= len(low):
        return None
    tok = low[i]
    if DIGITS.match(tok) or DECIMAL.match(tok):
        value = float(tok.replace(",", ""))
        end = i + 1
        if end < len(low) and low[end] in lex.scales:
            value *= lex.scales[low[end]]
            end += 1
        if value != int(value):
            return None
        return int(value), end
    if tok not in lex.number_words and tok not in lex.scales:
        return None
    total, current, end, j = 0, 0, i, i
    while j < len(low):
        word = low[j]
        if word in lex.number_words and word not in ("a", "an"):
            current += lex.number_words[word]
            end = j + 1
        elif word in ("a", "an") and j == i and j + 1 < len(low) and low[j + 1] in lex.scales:
            current = 1
        elif word in lex.scales and (current or total):
            current = max(current, 1) * lex.scales[word]
            if lex.scales[word] >= 1000:
                total, current = total + current, 0
            end = j + 1
        elif word == "-" and j > i and j + 1 < len(low) and low[j + 1] in lex.number_words:
            pass  # twenty-seven
        elif (word == "and" and j > i and low[j - 1] in lex.scales
              and j + 1 < len(low) and low[j + 1] in lex.number_words):
            pass  # two hundred and fifty
        else:
            break
        j += 1
    if end == i:
        return (1, i + 1) if tok in ("a", "an") else None
    return total + current, end


def _is_date_or_unit(low: list[str], start: int, end: int) -> bool:
    before = low[start - 1] if start > 0 else ""
    after = low[end] if end < len(low) else ""
    after2 = low[end + 1] if end + 1 < len(low) else ""
    if before in MONTHS or after in MONTHS or before in CURRENCY or after in NOT_A_COUNT_AFTER:
        return True
    if after == "-" and after2 in ("year", "years", "month", "day", "minute", "hour", "week", "km", "mile", "storey",
                                   "story"):
        return True  # a 28-year-old, a 20-minute drive
    if after in ("years", "year") and after2 == "old":
        return True
    if before in YEAR_BEFORE and end - start == 1 and YEAR.match(low[start]):
        return True  # "in 2017 alone, 37 people died"
    if before == "," and after == ",":
        return True  # "Ms. Underwood, 34, of Arlington": an age in apposition
    if before == "per" and after == "cent":
        return True
    return after == "cent" and before != "of"


def find_quantities(lex: Lexicon, sent: Sentence) -> list[Quantity]:
    low = sent.low
    out: list[Quantity] = []
    i = 0
    while i < len(low):
        q = _quantity_at(lex, low, i)
        if q is None:
            i += 1
            continue
        out.append(q)
        i = q.end
    return out


def _quantity_at(lex: Lexicon, low: list[str], i: int) -> Quantity | None:
    qualifier, j = None, i
    n = lex.quantity_phrases.match(low, i)
    key = tuple(low[i:i + n]) if n else None
    if key in lex.qualifiers:
        qualifier, j = lex.qualifiers[key], i + n
        n = lex.quantity_phrases.match(low, j)
        key = tuple(low[j:j + n]) if n else None
    if low[j:j + 1] == ["between"]:
        first = _parse_number(lex, low, j + 1)
        if first and low[first[1]:first[1] + 1] in (["and"], ["to"], ["-"]):
            second = _parse_number(lex, low, first[1] + 1)
            if second and not _is_date_or_unit(low, j + 1, second[1]):
                return Quantity(i, second[1], first[0], second[0], "range")
        return None
    if key in lex.vague:
        lo, hi, end = *lex.vague[key], j + n
        while end < len(low) and low[end] in lex.scales:  # "several hundred": 300 to 999
            lo, hi, end = lo * lex.scales[low[end]], (hi + 1) * lex.scales[low[end]] - 1, end + 1
        return Quantity(i, end, lo, hi, "vague")
    if key in lex.number_phrases:
        value = lex.number_phrases[key]
        return _qualified(i, j + n, value, qualifier or "exact")
    if key in lex.needs_person and qualifier is None:
        value = lex.needs_person[key]
        return Quantity(i, j + n, value, value, "exact", definite=True)
    if low[j:j + 1] and low[j] in lex.ordinals and low[j + 1:j + 2] and low[j + 1] in lex.ordinal_nouns \
            and qualifier is None:
        return Quantity(i, j + 1, 1, 1, "exact", word=True)  # "its first death": the noun counts the one
    parsed = _parse_number(lex, low, j)
    if parsed is None:
        return None
    value, end = parsed
    spelled_article = low[j] in ("a", "an") and end == j + 1
    if _is_date_or_unit(low, j, end) or (spelled_article and qualifier):
        return None  # "over a property dispute": a qualifier before "a" is a preposition
    # Ranges: "10-15", "10 to 15", "10 – 15"; "some 10-15" is the range (a range is approximate).
    if end + 1 < len(low) and low[end] in RANGE_JOINERS and qualifier in (None, "approx"):
        second = _parse_number(lex, low, end + 1)
        if second and second[0] > value and not _is_date_or_unit(low, end + 1, second[1]):
            return Quantity(i, second[1], value, second[0], "range")
    q = _qualified(i, end, value, qualifier or "exact")
    q.word = spelled_article
    return q


def _qualified(start: int, end: int, value: int, qualifier: str) -> Quantity:
    if qualifier in ("at_least", "more_than"):
        return Quantity(start, end, value, None, qualifier)
    if qualifier == "up_to":
        return Quantity(start, end, None, value, qualifier)
    return Quantity(start, end, value, value, qualifier)
