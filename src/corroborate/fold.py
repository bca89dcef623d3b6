"""Transliteration folding: one key for the many romanisations (and the Arabic spelling) of a
name, so that Al-Shilfatiyeh, Ash Shilfatiyah and الشلفاطية meet. The rules are in fold.toml."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from hashlib import sha256
from pathlib import Path

from corroborate.rules import load

WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Rules:
    characters: dict[str, str]
    arabic: dict[str, str]
    articles: frozenset[str]
    arabic_article: str
    word: tuple[tuple[re.Pattern, str], ...]
    sound_classes: tuple[tuple[re.Pattern, str], ...]
    sound_drop: re.Pattern
    version: str  # changes when the rules do: keys stored with older rules are rebuilt

    # `characters` and `arabic` for str.translate, a name being read a letter at a time: a key
    # of more letters never matches, there or here
    @cached_property
    def character_table(self) -> dict[int, str]:
        return {ord(k): v for k, v in self.characters.items() if len(k) == 1}

    @cached_property
    def arabic_table(self) -> dict[int, str]:
        return {ord(k): v for k, v in self.arabic.items() if len(k) == 1}


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The folding rules (fold.toml, extended by CORROBORATE_RULES)."""
    data = load(Path(__file__).with_name("fold.toml"))
    return Rules(
        characters=data["characters"],
        arabic=data["arabic"],
        articles=frozenset(data["articles"]["latin"]),
        arabic_article=data["articles"]["arabic_prefix"],
        word=tuple((re.compile(p), r) for p, r in data["rewrites"]["word"]),
        sound_classes=tuple((re.compile(p), r) for p, r in data["sound"]["classes"]),
        sound_drop=re.compile(data["sound"]["drop"]),
        # of the rules as merged: a user's extension changes the keys too
        version=sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12],
    )


def in_arabic(name: str) -> bool:
    """Whether the name is written in Arabic script, which leaves short vowels out."""
    return any(ch in rules().arabic for ch in name)


def _plain(text: str, r: Rules) -> str:
    """Lower case, no diacritics, no 'ayn or hamza marks, Arabic letters romanised."""
    text = text.lower().translate(r.character_table)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = []
    for word in WORDS.findall(text):
        if word.startswith(r.arabic_article) and len(word) > len(r.arabic_article) + 1:
            word = word[len(r.arabic_article):]
        words.append(word.translate(r.arabic_table))
    return " ".join(words)


def _rewrite(word: str, rewrites: tuple[tuple[re.Pattern, str], ...]) -> str:
    for pattern, replacement in rewrites:
        word = pattern.sub(replacement, word)
    return word


DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The name's key: words folded, articles dropped, joined by single spaces."""
    r = rules()
    words = _plain(name, r).split()
    kept = [w for i, w in enumerate(words) if w not in r.articles or i == len(words) - 1]
    return " ".join(_rewrite(w, r.word) for w in kept)


@lru_cache(maxsize=65536)
def sound(key: str, keep: frozenset[str] = frozenset()) -> str:
    """The sound key of a folded name: its consonants by class, run together. Names that share
    it are the candidates fuzzy matching weighs. `keep`: classes (by their pattern) left as
    they are, for names a class would make too alike (persons' Ahmad and Muhammad without h)."""
    r = rules()
    classes = tuple(c for c in r.sound_classes if c[0].pattern not in keep)
    joined = "".join(r.sound_drop.sub("", _rewrite(w, classes)) for w in key.split())
    return DOUBLED.sub(r"\1", joined) or key.replace(" ", "")  # "Aia" has no consonants to go by


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern:
    """A word of running text with the marks folding drops inside it ('ayn, hamza, apostrophes:
    Ma'arrat is one word, as `fold` reads it), but not the full stop that ends a sentence."""
    marks = "".join(re.escape(ch) for ch, to in rules().characters.items() if to == "" and ch != ".")
    return re.compile(rf"[^\W_](?:[^\W_]|[{marks}](?=[^\W_]))*")


def keyed(text: str) -> list[tuple[int, int, str]]:
    """Each word of a running text with its offsets and its folded key, so that a text can be
    searched by the keys a query folds to (Baniyas and بانياس find Banias). Articles go, as
    `fold` drops them before a name: al-Nu'man is "numan", in a text as in a query."""
    articles = rules().articles
    return [(m.start(), m.end(), key) for m in _token_pattern().finditer(text)
            if (key := fold(m.group())) and key not in articles]


def keys(text: str) -> list[str]:
    """The keys of `keyed`, without their offsets: what a document's search text holds. Read
    as words, not matches, which takes a third less time over every document stored."""
    articles = rules().articles
    return [key for word in _token_pattern().findall(text) if (key := fold(word)) and key not in articles]
