"""Who acted, as written: the subject of the sentence that tells the event, and the group it
acted on ("Islamic militants attacked Muaja and killed 1 person" → "Islamic militants").
Patterns live in rules/events.toml [actors]."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.extract.lexicon import load_rules

PUNCTUATION = re.compile(r"[,.;:()\[\]\"“”]")


@dataclass(frozen=True)
class ActorRules:
    lead: re.Pattern
    verb: re.Pattern
    max_words: int
    object: re.Pattern
    object_end: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> ActorRules:
    data = load_rules("events.toml")["actors"]
    return ActorRules(re.compile(data["lead"], re.IGNORECASE), re.compile(data["verb"]), int(data["max_words"]),
                      re.compile(rf"\b(?:{'|'.join(map(re.escape, data['object']))})\s+", re.IGNORECASE),
                      frozenset(data["object_end"]))


def _phrase(words: list[str], limit: int) -> str | None:
    return " ".join(words) if 0 < len(words) <= limit else None


def find_actors(sentence: str) -> tuple[str | None, str | None]:
    r = rules()
    lead = r.lead.match(sentence)
    rest = sentence[lead.end():] if lead else sentence
    verb = r.verb.search(rest)
    actor1 = None
    if verb and not PUNCTUATION.search(rest[:verb.start()]):
        actor1 = _phrase(rest[:verb.start()].split(), r.max_words)
    actor2 = None
    target = r.object.search(rest, verb.start() if verb else 0)
    if target:
        words = []
        for word in PUNCTUATION.split(rest[target.end():], 1)[0].split():
            if word.lower() in r.object_end:
                break
            words.append(word)
        actor2 = _phrase(words, r.max_words)
    return actor1, actor2
