"""What killed them: `violence`, `indirect` or `other` (../shared/spec/claims.md, "Cause").

The cues are data (rules/cause.toml). A sentence is read on its own first; a sentence that
names no cause ("He put the death toll at 20") takes the cause of the event the document is
telling, which `Causes` follows sentence by sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.extract.event_type import Alternation
from corroborate.extract.lexicon import load_rules

VIOLENCE, INDIRECT, OTHER = "violence", "indirect", "other"
CAUSES = (VIOLENCE, INDIRECT, OTHER)


@dataclass(frozen=True)
class Cues:
    violence: Alternation  # an act: "an air strike", "shot", "ambushed"
    violence_context: Alternation  # violent times, no act: "militants", "the violence"
    indirect: Alternation
    other: dict[str, Alternation]  # kind ("disease", "accident" ...) → its cues
    conflict: Alternation
    aggregate_kinds: frozenset[str]


def _any(patterns: list[str]) -> Alternation:
    return Alternation.of(patterns, lambda ps: re.compile("|".join(f"(?:{p})" for p in ps)))


@lru_cache(maxsize=1)
def cues() -> Cues:
    rules = load_rules("cause.toml")
    return Cues(violence=_any(rules["violence"]["patterns"]), violence_context=_any(rules["violence"]["context"]),
                indirect=_any(rules["indirect"]["patterns"]),
                other={kind: _any(patterns) for kind, patterns in rules["other"].items()},
                conflict=_any(rules["conflict"]["patterns"]),
                aggregate_kinds=frozenset(rules["scope"]["aggregate"]))


@dataclass(frozen=True)
class Reading:
    """A sentence's cause and, for an `other` or `indirect` cue, its kind ("disease",
    "starvation" is kind "indirect"); None when the sentence names no cause. `act`: it
    names a violent act, and so tells an attack."""

    cause: str | None
    kind: str | None = None
    act: bool = False


def read(text: str, before: str = "") -> Reading:
    """The cause `text` names; `before` is the sentence before it, which may tie the
    deaths to a conflict ("The city has been besieged since May. Cholera killed 40")."""
    c, low = cues(), text.lower()
    if c.violence.found_in(low):
        return Reading(VIOLENCE, act=True)
    if c.violence_context.found_in(low):
        return Reading(VIOLENCE)
    kind = "indirect" if c.indirect.found_in(low) else next(
        (k for k, pattern in c.other.items() if pattern.found_in(low)), None)
    if kind is None:
        return Reading(None)
    tied = c.conflict.found_in(low) or c.conflict.found_in(before.lower())
    return Reading(INDIRECT if tied else OTHER, kind)


def aggregate_kind(kind: str | None) -> bool:
    """Whether deaths of this kind are a total by nature: an epidemic's, a disaster's."""
    return kind in cues().aggregate_kinds


class Causes:
    """The cause of each sentence of a document in turn: its own, else the cause the
    document last named (the headline, the lead or the sentence before that tells the
    same deaths), else violence."""

    def __init__(self):
        self.last = Reading(None)
        self.own = Reading(None)  # what the latest sentence itself names
        self.previous_text = ""

    def next(self, text: str) -> Reading:
        self.own = read(text, self.previous_text)
        self.previous_text = text
        if self.own.cause:
            self.last = self.own
        return self.last if self.last.cause else Reading(VIOLENCE)
