"""What a coder wrote about the figure ("Fatalities coded as 0 (VoJ reported 3)", "Unknown
fatalities coded as 10", "fatalities split between 3 events"), and deaths told without a number
("incurring fatalities"). Patterns live in rules/events.toml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.extract.event_type import compile_patterns
from corroborate.extract.lexicon import lexicon, load_rules


@dataclass(frozen=True)
class Coding:
    """The coder's statement: a settled total, a figure for each event, and how many events
    share the total (1 when not split)."""

    total: int | None = None
    each: int | None = None
    shares: int = 1

    @property
    def figure(self) -> int | None:
        if self.each is not None:
            return self.each
        if self.total is None:
            return None
        return self.total // self.shares

    def spread(self, total: int) -> int:
        """A total read from the text, shared as the coder says."""
        return total // self.shares


@dataclass(frozen=True)
class Rules:
    keywords: re.Pattern  # a sentence without one holds no coder's statement
    total: tuple[re.Pattern, ...]  # one pattern each: they share the group name `n`
    each: tuple[re.Pattern, ...]
    split: tuple[re.Pattern, ...]
    unnumbered: re.Pattern
    negation: re.Pattern
    negation_reach: int
    deathless_types: frozenset[str]
    major_types: frozenset[str]
    major_figure: int
    limited_figure: int


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_rules("events.toml")
    coding, deaths = data["coding"], data["unnumbered_deaths"]
    each_own = lambda key: tuple(compile_patterns([p]) for p in coding[key])  # noqa: E731
    return Rules(re.compile("|".join(coding["keywords"]), re.IGNORECASE), each_own("total"), each_own("each"),
                 each_own("split"), compile_patterns(deaths["patterns"]),
                 re.compile("|".join(deaths["negations"]), re.IGNORECASE), int(deaths["negation_reach"]),
                 frozenset(deaths["deathless_types"]),
                 frozenset(deaths["major_types"]), int(deaths["major_figure"]), int(deaths["limited_figure"]))


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return lexicon().number_words.get(word) if word not in ("a", "an") else None


def _first(patterns: tuple[re.Pattern, ...], sentences: list[str]) -> int | None:
    for sentence in sentences:
        for pattern in patterns:
            for match in pattern.finditer(sentence.strip()):
                value = _number(match.group("n"))
                if value is not None:
                    return value
    return None


def read_coding(sentences: list[str]) -> Coding | None:
    r = rules()
    sentences = [s for s in sentences if r.keywords.search(s)]
    total, each, shares = _first(r.total, sentences), _first(r.each, sentences), _first(r.split, sentences)
    if total is None and each is None and not shares:
        return None
    return Coding(total, each, max(shares or 1, 1))


def unnumbered_deaths(sentences: list[str]) -> bool:
    """Deaths are told, with no number ("killing an unspecified number of soldiers")."""
    r = rules()
    for sentence in sentences:
        for match in r.unnumbered.finditer(sentence):
            before = sentence[max(0, match.start() - r.negation_reach):match.start()]
            if not r.negation.search(before):
                return True
    return False


def deathless(event_type: str | None) -> bool:
    return event_type in rules().deathless_types


def unnumbered_figure(event_type: str | None) -> int:
    r = rules()
    return r.major_figure if event_type in r.major_types else r.limited_figure
