"""A sentence as spaCy tokens, with phrase look-ups over its lower-cased words."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from corroborate.extract.lexicon import Phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def nlp():
    # A blank pipeline: the tokenizer is all we need; our rules read its tokens. Imported
    # here, not at the top: commands that only read the store start without spaCy.
    import spacy

    return spacy.blank("en")


ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_DIGITS = frozenset(map(chr, ARABIC_INDIC))
WORD = re.compile(r"[a-z]+")  # a lower-cased word, for cheap filters on raw text

# Word sets several readers share.
MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
DASHES = frozenset({"-", "–", "—"})
CLAUSE_END = frozenset({".", ";", ":", "!", "?", "(", ")", '"', "“", "”", "—", "–"})


@dataclass
class Sentence:
    """One sentence of the cleaned text: where it stands, and which paragraph holds it."""

    text: str
    start: int  # offset in the cleaned text
    paragraph: int
    heading: bool = False  # a short line with no closing punctuation: a section heading

    @cached_property
    def doc(self) -> Doc:
        # a line broken in mid-sentence is read as a space: offsets stay those of the text;
        # the tokenizer alone (make_doc), as the blank pipeline has nothing else to run
        return nlp().make_doc(self.text.replace("\n", " "))

    @cached_property
    def low(self) -> list[str]:
        if ARABIC_DIGITS.isdisjoint(self.text):  # as nearly every sentence: nothing to translate
            return [t.lower_ for t in self.doc]
        return [t.lower_.translate(ARABIC_INDIC) for t in self.doc]

    @cached_property
    def words(self) -> list[str]:
        """`low`, but an acronym keeps its capitals: "IS militants" names a group, and must
        not read as the verb "is". A sentence written all in capitals has no acronyms."""
        letters = [t.text for t in self.doc if t.is_alpha]
        if sum(w.isupper() for w in letters) * 2 > len(letters):
            return self.low
        return [t.text if t.is_upper and len(t.text) > 1 and t.is_alpha else w
                for t, w in zip(self.doc, self.low, strict=True)]

    @cached_property
    def bare_words(self) -> frozenset[str]:
        """The sentence's lower-cased words, read from its text without tokenizing it: a
        sentence without a word a look-up needs can be skipped before spaCy runs."""
        return frozenset(WORD.findall(self.text.lower()))

    @cached_property
    def capitalised_inside(self) -> bool:
        """Whether a character past the first is upper or title case, read from the text without
        tokenizing it: a name after the sentence's first word needs one."""
        rest = self.text[1:]
        if rest.isascii():
            return rest.lower() != rest
        return any(ch.isupper() or ch.istitle() for ch in rest)  # "ℂ" is upper case, with no lower

    @cached_property
    def memo(self) -> dict:
        """Per-sentence results of whole-sentence look-ups, so that a sentence with many
        claims is scanned once per look-up, not once per claim."""
        return {}

    def find(self, phrases: Phrases) -> list[tuple[int, int]]:
        """Every non-overlapping phrase of `phrases` in the sentence, left to right."""
        key = ("find", id(phrases))
        if key not in self.memo:
            self.memo[key] = self._scan(phrases)
        return self.memo[key]

    def _scan(self, phrases: Phrases) -> list[tuple[int, int]]:
        hits, i, end = [], 0, len(self.low)
        while i < end:
            n = phrases.match(self.low, i)
            if n:
                hits.append((i, i + n))
                i += n
            else:
                i += 1
        return hits

    def span_text(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        doc = self.doc
        return self.text[doc[start].idx: doc[end - 1].idx + len(doc[end - 1])]
