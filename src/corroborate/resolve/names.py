"""Person names as keys: the transliteration folding places use (fold.toml), the name rules of
names.toml (abbreviations, compounds, a joined article), and a consonant skeleton, so that
Mohammed, Mouhammad, Muhammad and محمد meet while Ahmad and Hamid do not."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corroborate.fold import fold, sound
from corroborate.rules import load


@dataclass(frozen=True)
class NameKey:
    folded: str  # the name's spelling-free form: compared exactly and by edit distance
    skeleton: str  # its consonants by class: equal across romanisations and Arabic script


@dataclass(frozen=True)
class _Rules:
    abbreviations: dict[str, str]
    joined: tuple[tuple[re.Pattern, str], ...]
    articles: tuple[str, ...]
    min_rest: int
    keep: frozenset[str]
    joins_next: frozenset[str]
    full_articles: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load(Path(__file__).with_name("names.toml"))
    return _Rules(data["abbreviations"], tuple((re.compile(p), r) for p, r in data["joined"]["rewrites"]),
                  tuple(data["family"]["joined_articles"]), data["family"]["min_rest"],
                  frozenset(data["skeleton"]["keep"]), frozenset(data["full"]["joins_next"]),
                  frozenset(data["full"]["articles"]))


WORD = re.compile(r"[^\W_]+\.?")


@lru_cache(maxsize=65536)
def name_key(name: str | None, family: bool = False) -> NameKey | None:
    """The key of one name field (a given, father's or family name, or a full name); None when
    nothing of a name is left. `family`: a joined article ("Alhallak") is the article."""
    r = _rules()
    words = [r.abbreviations.get(w.rstrip(".").lower(), w) for w in WORD.findall(name or "")]
    folded = fold(" ".join(words)).replace(" ", "")
    for pattern, replacement in r.joined:
        folded = pattern.sub(replacement, folded)
    if family:
        for article in r.articles:
            if folded.startswith(article) and len(folded) - len(article) >= r.min_rest:
                folded = folded[len(article):]
                break
    if not folded:
        return None
    return NameKey(folded, sound(folded, r.keep))


def split_full(name: str) -> tuple[str | None, str | None, str | None]:
    """A full name as (given, father's, family): "Muhammad Ahmad al-Hallak" gives the three;
    two parts are a given and a family name. Compounds ("Abd al-Rahman") stay one part."""
    r = _rules()
    parts: list[str] = []
    for word in name.split():
        lower = word.lower()
        if parts and (parts[-1].lower() in r.joins_next or parts[-1].lower() in r.full_articles):
            parts[-1] = f"{parts[-1]} {word}"
        elif parts and parts[-1].lower().split()[-1] in r.joins_next and lower in r.full_articles:
            parts[-1] = f"{parts[-1]} {word}"
        else:
            parts.append(word)
    if not parts:
        return None, None, None
    if len(parts) == 1:
        return parts[0], None, None
    return parts[0], " ".join(parts[1:-1]) or None, parts[-1]
