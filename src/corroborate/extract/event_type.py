"""Which kind of event a passage tells, in ACLED's taxonomy, from the cues in rules/events.toml."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache, partial

from corroborate.extract.lexicon import load_rules


@dataclass(frozen=True)
class Cue:
    event_type: str
    sub_event_type: str
    weight: float
    priority: int  # within a type, a matched sub-event of higher priority wins regardless of weight
    alternation: Alternation | None = None  # its patterns; None: a victim's cue, found by no words
    generic: bool = False  # says only that people died: no kind of event, no violence of itself

    def found_in(self, sentence: str) -> bool:
        return self.alternation is not None and self.alternation.found_in(sentence)


@dataclass(frozen=True)
class Alternation:
    """Patterns one of which is to be found in a text, as `compile` would make one pattern of
    them all, in parts: those whose every match starts with one of some known texts, behind a
    substring test for them (most sentences hold none of a cue's words), and the others (a
    line's opening "^\\w+ …"), which would otherwise leave the whole to be searched every time."""

    parts: tuple[tuple[tuple[str, ...] | None, re.Pattern], ...]  # (the known texts or None, the part)

    @classmethod
    def of(cls, patterns: list[str], compile: Callable[[list[str]], re.Pattern]) -> Alternation:
        found = [(p, _prefixes(p)) for p in patterns]
        known = [p for p, prefixes in found if prefixes is not None]
        unknown = [p for p, prefixes in found if prefixes is None]
        anchors = tuple(sorted(set().union(*(prefixes for _, prefixes in found if prefixes is not None))))
        return cls(tuple([(anchors, compile(known))] if known else [])
                   + tuple([(None, compile(unknown))] if unknown else []))

    def found_in(self, text: str) -> bool:
        # loops, not any() over generators: this runs for every cue on every sentence read
        for anchors, part in self.parts:
            if anchors is not None:
                for anchor in anchors:
                    if anchor in text:
                        break
                else:
                    continue
            if part.search(text) is not None:
                return True
        return False


META = set("()[]{}?*+|\\.^$")


def _split_top(pattern: str) -> list[str]:
    """`pattern` cut at its top-level alternations."""
    parts, depth, current = [], 0, ""
    escaped = False
    for ch in pattern:
        if escaped:
            current, escaped = current + ch, False
            continue
        if ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return parts + [current]


def _prefixes(pattern: str) -> set[str] | None:
    """Literal texts one of which every match of `pattern` starts with; None when there are
    none to rely on (a class, an escape or an optional part first). A group after a literal
    lengthens it ("st(?:ole|eal)": "stole", "steal"): "st" is in nearly every sentence."""
    alternatives = _split_top(pattern)
    if len(alternatives) > 1:
        found = [_prefixes(a) for a in alternatives]
        known = [f for f in found if f is not None]
        return set().union(*known) if len(known) == len(found) else None
    pattern = pattern.removeprefix("^").removeprefix("\\b")
    if pattern.startswith("(?:"):
        return _prefixes(group) if (group := _group(pattern)) is not None else None
    literal = ""
    for i, ch in enumerate(pattern):
        if ch in META:
            if ch in "?*{" and literal:
                literal = literal[:-1]  # the letter before is optional
            elif pattern.startswith("(?:", i) and literal and (group := _group(pattern[i:])) is not None:
                tails = _prefixes(group)
                return {literal + tail for tail in tails} if tails else {literal}
            break
        literal += ch
    return {literal} if literal else None


def _group(pattern: str) -> str | None:
    """The inside of the group `pattern` opens with ("(?:...)"), when nothing makes it
    optional or repeated; else None."""
    depth = 0
    for i, ch in enumerate(pattern):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return None if pattern[i + 1:i + 2] in ("?", "*", "{") else pattern[3:i]
    return None


def compile_patterns(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """One alternation, case-insensitive unless told; a pattern that starts with a letter starts at a word."""
    return re.compile("|".join(rf"\b(?:{p})" if p[:1].isalpha() else f"(?:{p})" for p in patterns), flags)


UPPER_LETTER = re.compile(r"(?<!\\)[A-Z]")  # a letter, not an escape such as \W


@lru_cache(maxsize=1)
def cues() -> tuple[tuple[Cue, ...], float, dict[str, Cue]]:
    rules = load_rules("events.toml")
    shouting = [p for c in rules["cue"] for p in c["patterns"] if UPPER_LETTER.search(p)]
    if shouting:
        raise ValueError(f"rules/events.toml: cue patterns must be lower case (text is lowered): {shouting}")
    exact_case = partial(compile_patterns, flags=0)
    found = tuple(Cue(c["type"], c["sub"], float(c["weight"]), int(c.get("priority", 0)),
                      Alternation.of(c["patterns"], exact_case), bool(c.get("generic")))
                  for c in rules["cue"])
    by_victim = {kind: Cue(v["type"], v["sub"], float(v["weight"]), 0)
                 for kind, v in rules["victims"].items()}
    return found, float(rules["scoring"]["lead_factor"]), by_victim


def tells_an_event(sentences: list[str]) -> bool:
    """Whether any cue but a generic one ("killed 40 people") is found in the sentences."""
    lowered = [s.lower() for s in sentences]
    return any(cue.found_in(s) for cue in cues()[0] if not cue.generic for s in lowered)


def classify(sentences: list[str], victim_types: AbstractSet[str] = frozenset()) -> tuple[str, str] | None:
    """(event_type, sub_event_type) with the most cue weight, the first sentence counting
    most, each victim type of the event's claims adding its own; None when nothing cues."""
    table, lead, by_victim = cues()
    by_type: dict[str, float] = defaultdict(float)
    by_sub: dict[tuple[str, str], float] = defaultdict(float)
    priority: dict[tuple[str, str], int] = {}
    for kind in victim_types:
        cue = by_victim.get(kind)
        if cue:
            by_type[cue.event_type] += cue.weight
            by_sub[cue.event_type, cue.sub_event_type] += cue.weight
            priority.setdefault((cue.event_type, cue.sub_event_type), 0)
    for index, sentence in enumerate(sentences):
        # the cues are lower case: matching them case-sensitively on lowered text is faster
        sentence = sentence.lower()
        factor = lead if index == 0 else 1.0
        counted: set[tuple[str, str]] = set()
        for cue in table:
            # a generic cue counts for its sub-event only where no other cue of it did
            if not (cue.generic and (cue.event_type, cue.sub_event_type) in counted) and cue.found_in(sentence):
                counted.add((cue.event_type, cue.sub_event_type))
                by_type[cue.event_type] += cue.weight * factor
                by_sub[cue.event_type, cue.sub_event_type] += cue.weight * factor
                priority[cue.event_type, cue.sub_event_type] = cue.priority
    if not by_type:
        return None
    order = {cue.event_type: n for n, cue in reversed(list(enumerate(table)))}
    best = max(by_type, key=lambda t: (by_type[t], -order[t]))
    sub_order = {(c.event_type, c.sub_event_type): n for n, c in reversed(list(enumerate(table)))}
    sub = max((k for k in by_sub if k[0] == best), key=lambda k: (priority[k], by_sub[k], -sub_order[k]))
    return best, sub[1]
