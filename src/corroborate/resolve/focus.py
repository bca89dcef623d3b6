"""A document's country focus: the countries it is about, read from what it names (countries,
their peoples, capitals, provinces and big towns), its dateline and its metadata. A place is
resolved inside the focus; a namesake abroad wins only where the text names its country.

The cues come from the gazetteers (names of countries, provinces and towns: a name that two
countries share tells neither) and from the countryinfo package (peoples and capitals); the
weights and word lists are data, in focus.toml."""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from corroborate import rules
from corroborate.fold import fold
from corroborate.resolve.gazetteer import builtin_path
from corroborate.store.gazetteer import Gazetteer, cue_names

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
DROPPED = re.compile(r"[.’']")
# A run of capitalised words, with the small words a name may hold between them; its first
# word may follow an Arabic article or "pro-" in lower case ("in al-Hasakeh", "pro-Houthi").
ARTICLE = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez|pro|anti)-)?"
RUN = re.compile(rf"(?<![\w'’-]){ARTICLE}[A-Z][\w'’.-]*"
                 r"(?:[ \t]+(?:(?:of|the|and|de|del|da|do|du|des|al|el|la|le)[ \t]+)*[A-Z][\w'’.-]*)*")
POSSESSIVE = re.compile(r"['’]s$")  # a name's possessive ending: "Syria's"
CAPITALISED = re.compile(rf"{ARTICLE}[A-Z]")
SPACED = re.compile(r"[^a-z0-9]+")
SHORT = 3  # shorter cue keys are codes ("SY", "IN") that ordinary words and initials share
FOLDED_MIN = 6  # folded keys shorter than this meet too many other names
MOST_WORDS = 5  # longer names ("the Democratic Republic of the Congo") are read by their first five words


@lru_cache(maxsize=65536)
def plain(name: str) -> str:
    """A name as written, case, accents and stops aside: how cues are matched (as the
    gazetteer's PLAIN does). Folding, made to meet transliterations, would make Caracas Karachi."""
    text = unicodedata.normalize("NFKD", DROPPED.sub("", name.lower()))
    return SPACED.sub(" ", "".join(ch for ch in text if not unicodedata.combining(ch))).strip()


@dataclass(frozen=True)
class Settings:
    weights: dict[str, float]
    repeats: int
    share: float
    most: int
    city_population: int
    rival_population: int
    prominence: float
    city_abroad: int
    short: frozenset[str]
    abroad_population: int
    world_city: int  # a city this large is meant by its bare name even outside the focus
    demonyms: dict[str, str]
    actors: dict[str, str]
    divisions: dict[str, str]  # a kind of division only one country has ("LGA"): its country
    peoples: frozenset[str]
    people_nouns: frozenset[str]
    shared_nouns: frozenset[str]  # after a name, nouns places take as well as peoples: "communities"
    not_cues: frozenset[str]
    diseases: frozenset[str]
    storms: frozenset[str]
    organisations: frozenset[str]
    bodies: frozenset[str]
    fragments: frozenset[str]
    initials: re.Pattern  # a name in capitals: a body's initials unless a well-known place goes by it
    directions: frozenset[str]
    areas: frozenset[str]
    capital: frozenset[str]
    dateline: re.Pattern
    dateline_reach: int
    hyphened: re.Pattern  # the prefix or suffix a hyphened cue is read without
    forces: frozenset[str]  # after a people's name: who acts, not where
    currencies: frozenset[str]  # after a country's name or people's: money, quoted far from home
    kind_words: frozenset[str]  # words after a name that say its kind: "Homs Governorate"
    provinces: dict[str, float]  # the votes for a document's first-level divisions, and their thresholds


@lru_cache(maxsize=1)
def settings() -> Settings:
    data = rules.load(Path(__file__).with_name("focus.toml"))
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return Settings(
        weights=data["weights"], repeats=data["focus"]["repeats"], share=data["focus"]["share"],
        most=data["focus"]["most"], city_population=data["cities"]["population"],
        rival_population=data["cities"]["rival_population"], prominence=data["cities"]["prominence"],
        city_abroad=data["cities"]["city_abroad"],
        short=frozenset(plain(w) for w in data["cities"]["short"]), abroad_population=data["abroad"]["population"],
        world_city=data["abroad"]["world_city"],
        demonyms=data["demonyms"], actors=data["actors"], divisions=data["divisions"],
        peoples=lower(data["peoples"]["words"]), people_nouns=lower(data["peoples"]["nouns"]),
        shared_nouns=lower(data["peoples"]["shared_nouns"]),
        not_cues=frozenset(plain(w) for w in data["not_cues"]["words"]),
        diseases=lower(data["not_places"]["diseases"]), storms=lower(data["not_places"]["storms"]),
        organisations=lower(data["not_places"]["organisations"]), bodies=frozenset(data["not_places"]["bodies"]),
        fragments=lower(data["not_places"]["fragments"]),
        initials=re.compile(rf"[A-Z]{{2,{int(data['initials']['longest'])}}}"),
        directions=lower(data["parts"]["directions"]),
        areas=lower(data["parts"]["areas"]), capital=lower(data["parts"]["capital"]),
        dateline=re.compile(data["dateline"]["pattern"]), dateline_reach=int(data["dateline"]["reach"]),
        hyphened=re.compile(rf"^(?:{'|'.join(data['hyphened']['prefixes'])})-|-(?:{'|'.join(data['hyphened']['suffixes'])})$",
                            re.IGNORECASE),
        forces=lower(data["forces"]["words"]), currencies=lower(data["currencies"]["words"]),
        kind_words=frozenset(w for words in rules.load(Path(__file__).with_name("geocoder.toml"))["kinds"].values()
                             for w in words),
        provinces=data["provinces"])


@dataclass(frozen=True)
class Cues:
    """Names (`plain`) that tell a country, each with its country and the kind of cue."""

    names: dict[str, tuple[str, str]]
    folded: dict[str, tuple[str, str]]  # folded names of provinces, countries and towns: Idleb = Idlib
    capitals: dict[str, str]  # ISO code → its capital's name
    countries: dict[str, str]  # ISO code → the country's name
    # every run of a name's first words ("democratic", "democratic republic", …), plain and
    # folded: most capitalised words begin no name, and a name is read word by word
    prefixes: frozenset[str] = frozenset()
    folded_prefixes: frozenset[str] = frozenset()

    def country_of(self, name: str) -> str | None:
        found = self.names.get(plain(name))
        return found[0] if found else None


def cues(gazetteer: Gazetteer) -> Cues:
    """The cues of this gazetteer's places, read once for the gazetteer's life (one command)."""
    found = gazetteer.memo.get("cues")
    if not isinstance(found, Cues):
        found = gazetteer.memo["cues"] = _kept_cues(gazetteer) if len(gazetteer.connections) == 1 else \
            _read_cues(gazetteer)
    return found


def _kept_cues(gazetteer: Gazetteer) -> Cues:
    """The cues of the built-in gazetteer alone, kept beside it: reading them takes some 0.7 s
    of CPU, which every process that reads documents paid at its start (each worker of
    `ingest --workers`), and loading them kept some 0.15 s. Kept under a digest of all they
    are made of: the gazetteer (its file's name), the rules files as loaded (with the user's),
    the countryinfo package, and the code that reads them (this module and the gazetteer's
    queries); a user's own places (a second connection) are read each time."""
    made_of = hashlib.sha256(builtin_path().name.encode())
    for path in (Path(__file__), Path(sys.modules[cue_names.__module__].__file__ or "")):
        made_of.update(path.read_bytes())
    for name in ("focus.toml", "geocoder.toml"):
        made_of.update(json.dumps(rules.load(Path(__file__).with_name(name)), sort_keys=True).encode())
    made_of.update(version("countryinfo").encode())
    kept = builtin_path().with_name(f"{builtin_path().stem}-cues-{made_of.hexdigest()[:16]}.pickle")
    if kept.exists():
        with kept.open("rb") as fh:
            return pickle.load(fh)
    found = _read_cues(gazetteer)
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, kept)  # atomic: a worker starting beside it never reads half a file
    for stale in kept.parent.glob(f"{builtin_path().stem}-cues-*.pickle"):
        if stale != kept:  # made of older rules or code: never read again
            stale.unlink(missing_ok=True)
    return found


def _read_cues(gazetteer: Gazetteer) -> Cues:
    s = settings()
    names: dict[str, tuple[str, str]] = {}
    known: set[str] = set()  # names some place has, told or not: no capital may claim them
    # a town's or province's name that is also a body's ("Hamas", another name of Hamm) or
    # otherwise no place tells no country
    bodies = {plain(b) for b in s.bodies}
    for key, country, kind, tells in cue_names(gazetteer, s.city_population, s.rival_population, s.prominence,
                                                         s.city_abroad, kept_at=builtin_path()):
        known.add(key)
        if tells and (len(key) > SHORT or key in s.short) and _bare(key) not in s.not_cues \
                and (kind == "country" or key not in bodies and not not_a_place(key)):
            names[key] = (country, "city" if kind == "locality" else kind)
    not_cues = {fold(w) for w in s.not_cues}  # "Georgia" folds to another key than its plain one
    not_cues |= {fold(b) for b in s.bodies}
    folded = {key: (country, "city" if kind == "locality" else kind)
              for key, country, kind, tells in cue_names(gazetteer, s.city_population, s.rival_population,
                                                         s.prominence, s.city_abroad, key="folded",
                                                         kept_at=builtin_path())
              if tells and len(key) >= FOLDED_MIN and key not in not_cues}
    # names that are no romanisation of the place's ("UK", "DRC", "Rif Damascus"): geocoder.toml
    for alias, meant in rules.load(Path(__file__).with_name("geocoder.toml"))["aliases"].items():
        if plain(meant) in names:
            names[plain(alias)] = names[plain(meant)]
    countries = _countryinfo()
    for capital, country in countries.capitals.items():
        if plain(capital) not in known and _bare(plain(capital)) not in s.not_cues:
            names[plain(capital)] = (country, "capital")
    for word, country in demonyms().items():
        names[plain(word)] = (country, "demonym")
    for actor, country in s.actors.items():
        names.setdefault(plain(actor), (country, "actor"))
    for division, country in s.divisions.items():
        names.setdefault(plain(division), (country, "division"))
    by_country = {country: capital for capital, country in countries.capitals.items()}
    return Cues(names, folded, by_country, countries.names, _prefixes(names), _prefixes(folded))


def _bare(name: str) -> str:
    """A plain name without its article: "The Valley", Anguilla's capital, is the ordinary word
    of [not_cues] that "the Valley Human Rights Observatory" begins with."""
    return name.removeprefix("the ")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """A people's name in lower case ("syrians", "Argentine") → its country's ISO code: the
    countryinfo package's, with focus.toml's [demonyms] over them."""
    return {**_countryinfo().demonyms, **{name.lower(): code for name, code in settings().demonyms.items()}}


def country_of_people(word: str) -> str | None:
    """The name of the country a people's adjective belongs to ("Haitian" → "Haiti"), or None."""
    code = demonyms().get(word.lower())
    return _countryinfo().names.get(code) if code else None


def _prefixes(keys) -> frozenset[str]:
    found = {k for k in keys if " " not in k}  # most names are one word: their own prefix
    for words in (k.split() for k in keys if " " in k):
        found.update(" ".join(words[:n]) for n in range(1, min(MOST_WORDS, len(words)) + 1))
    return frozenset(found)


@dataclass(frozen=True)
class Countries:
    """What the countryinfo package tells of each country, read once."""

    names: dict[str, str]  # ISO code → the country's name
    capitals: dict[str, str]  # a capital's name → the ISO code of the first country that has it
    demonyms: dict[str, str]  # lower case, with plurals ("afghans") → ISO code
    spellings: dict[str, tuple[str, ...]]  # ISO code → the country's other spellings ("Republic of Armenia")


@lru_cache(maxsize=1)
def _countryinfo() -> Countries:
    """Demonyms are kept in lower case, not folded: folding would make "Argentine" Argentina.
    A demonym two countries share ("Indian") goes to the more populous."""
    import countryinfo

    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    spellings: dict[str, tuple[str, ...]] = {}
    best: dict[str, int] = {}
    for info in (country.info() for country in countryinfo.all_countries()):
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:  # a territory without its own code ("Scottish") tells no country
            continue
        spellings[code] = (*spellings.get(code, ()), *(info.get("altSpellings") or ()))
        capital = info.get("capital")
        if info.get("name"):
            names[code] = info["name"]
        if isinstance(capital, str) and capital and "/" not in capital:
            capitals.setdefault(capital, code)
        population = info.get("population") or 0
        for word in (info.get("demonym") or "").split(","):
            word = word.strip().lower()
            for form in {word, word + "s"} if word and not word.endswith(("ese", "ish", "s", "ch")) else {word}:
                if form and population > best.get(form, -1):
                    best[form], demonyms[form] = population, code
    return Countries(names, capitals, demonyms, spellings)


def spellings(code: str) -> tuple[str, ...]:
    """The other spellings the countryinfo package gives the country of ISO `code`."""
    return _countryinfo().spellings.get(code, ())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    country: str
    kind: str


def mentions(text: str, found: Cues) -> list[Mention]:
    """Every cue the text names, the longest at each capitalised word: as written, else (for
    names of a word or two) folded, so that Idleb meets Idlib. Only runs of capitalised words
    (with the small words names hold: "Republic of the Congo") are read: most words begin none."""
    out: list[Mention] = []
    for run in RUN.finditer(text):
        out += _mentions_in(text, [m for m in WORD.finditer(text, run.start(), run.end())], found)
    return out


def _mentions_in(text: str, words: list, found: Cues) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(words):
        if not CAPITALISED.match(words[i].group()):
            i += 1
            continue
        hit = _longest(words, i, found.names, found.prefixes, plain, MOST_WORDS) or \
            _longest(words, i, found.folded, found.folded_prefixes, fold, 2, FOLDED_MIN)
        # inside a longer name ("Kafr Zubayr", "Bani Siyah"), a province's or town's name is
        # part of it, unless what follows says its kind ("Homs Governorate"); a country or a
        # people is told all the same ("Northern Syria", "the Free Syrian Army")
        if hit and hit[1][1] in ("region", "city") and _inside_a_name(text, words, i, hit[0]):
            hit = None
        if hit:
            n, (country, kind) = hit
            start, end = words[i].start(), words[i + n - 1].end()
            owner = POSSESSIVE.search(text, start, end)  # "Russia's capital" tells Russia
            end = owner.start() if owner and plain(text[start:end]) not in found.names else end
            force = kind == "demonym" and _a_force(text, start, end)
            money = kind in ("country", "demonym") and _money(text, end)
            out.append(Mention(start, end, country, "currency" if money else "force" if force else kind))
            i += n
        else:
            i += 1
    return out


def _inside_a_name(text: str, words: list, i: int, n: int) -> bool:
    """Whether the n words from i are part of a longer name: a capitalised word right before
    them, or one right after that says no kind ("Bani Siyah", not "Homs Governorate")."""
    return _joined(text, words, i - 1, i) or _joined(text, words, i + n - 1, i + n) \
        and words[i + n].group().lower() not in settings().kind_words


def _joined(text: str, words: list, a: int, b: int) -> bool:
    """Whether words a and b are capitalised words of one name: side by side, nothing between."""
    return 0 <= a and b < len(words) and words[a].group()[0].isupper() and words[b].group()[0].isupper() \
        and text[words[a].end():words[b].start()].strip() == ""


def _longest(words, i: int, names: dict, prefixes: frozenset[str], key, most: int, shortest: int = 0):
    """(number of words, cue) of the longest name in `names` starting at word i, read word by
    word while the words so far begin some name."""
    best, phrase = None, ""
    for n in range(most):
        if i + n >= len(words):
            break
        written = words[i + n].group()
        owner = POSSESSIVE.search(written)
        if owner:  # a possessive ends a name: "Canada's", "Cox's Bazar" as a name of its own
            named = f"{phrase} {_word_key(written[:owner.start()], key)}".strip()
            if named in names and len(named) >= shortest:
                best = (n + 1, names[named])
        word = _word_key(written, key)
        phrase = f"{phrase} {word}" if phrase else word
        if phrase not in prefixes:
            break
        if phrase in names and len(phrase) >= shortest:
            best = (n + 1, names[phrase])
    return best


@lru_cache(maxsize=65536)
def _word_key(word: str, key) -> str:
    """A word as `_longest` looks it up, by `key` (plain or fold): read once per word, not at
    each of the words a name may start at."""
    return key(settings().hyphened.sub("", word.rstrip(".'’-")))


@dataclass(frozen=True)
class Focus:
    """The countries a document is about, strongest first, with the cues that gave them."""

    countries: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()

    def near(self, start: int, end: int, text: str = "", place: str = "") -> frozenset[str]:
        """The countries the text names between these offsets (a place's sentence), but not by
        the place's own name ("Virginia" is no cue that the Virginia in South Africa is meant), nor
        by a force's ("Saudi-led air raids on Al Jawf" are not in Saudi Arabia's Al Jawf)."""
        own = plain(place)
        return frozenset(m.country for m in self.mentions if start <= m.start and m.end <= end
                         and m.kind not in ("force", "currency")
                         and not (own and plain(text[m.start:m.end]) == own))


def read(text: str, found: Cues, meta_country: str | None = None,
         dateline_country: str | None = None,
         towns: Callable[[str, int], frozenset[str]] = lambda name, least: frozenset()) -> Focus:
    """The focus: the metadata's country when given; else the countries the text's cues point
    at, each cue counted up to `repeats` times, the dateline's country weighing most.
    `towns`: the countries with a town of a name as large as a population (see `_shared`)."""
    s = settings()
    named = mentions(text, found)
    given = _country_code(meta_country, found)
    if given:
        return Focus((given,), tuple(named))
    scores: dict[str, float] = defaultdict(float)  # not a Counter: the weights are fractions
    named = _shared(text, named, towns)
    counted: Counter = Counter()
    for m in named:
        key = plain(text[m.start:m.end])
        counted[key] += 1
        if counted[key] <= s.repeats and s.weights[m.kind]:
            scores[m.country] += s.weights[m.kind]
    if dateline_country:
        scores[dateline_country] += s.weights["dateline"]
    if not scores:
        return Focus((), tuple(named))
    by_score = sorted(scores.items(), key=lambda item: item[1], reverse=True)  # as Counter.most_common
    top = by_score[0][1]
    ranked = [c for c, score in by_score if score >= s.share * top][:s.most]
    return Focus(tuple(ranked), tuple(named))


SHARED_KINDS = ("city", "region")  # cues a town's or province's name gives, which a city abroad may share


def _shared(text: str, named: list[Mention], towns: Callable[[str, int], frozenset[str]]) -> list[Mention]:
    """The cues, a city's name told for the country the rest of the text is about when a city of
    that country has it too: "London" in a report that names Brampton and Ontario's towns is
    London, Ontario, the local paper's own city, written bare as it is at home; with nothing else
    told, or more told of Britain, it is Britain's. The rest is what the text's other names give
    each country, each counted once, and of them only those the city's own country has no town
    of ([cities] rival_population): "Edmonton" beside "London" may be London's Edmonton. The city
    there is one of [cities] population, or, when the text tells its own country by no other name,
    one of rival_population ("Paris" told with Dallas alone is the Texan town). A name
    a city abroad shares with a province (Ontario) stays the province's. `towns`: the countries
    with a town of a name as large as a population."""
    s = settings()
    weights = settings().weights
    told = {plain(text[m.start:m.end]): m for m in named}
    moved: dict[str, str] = {}
    for key, m in told.items():
        others = [(other, n) for other, n in told.items() if other != key]
        if m.kind not in SHARED_KINDS or not any(n.country != m.country for _, n in others):
            continue  # a lookup only for a name other countries are told beside
        # a name its own country is told by alone ("Paris" with Dallas and nothing French) may be
        # a town of another country's middling size; told with more of its own, only a city's
        alone = not any(n.country == m.country for _, n in others)
        cities = towns(key, s.rival_population if alone else s.city_population)
        if m.country not in cities:
            continue
        rest: dict[str, float] = defaultdict(float)
        for other, n in others:
            if n.country == m.country or n.country in cities and m.country not in towns(other, s.rival_population):
                rest[n.country] += weights[n.kind]
        best = max((c for c in rest if c != m.country), key=lambda c: rest[c], default=None)
        if best and rest[best] > rest[m.country]:
            moved[key] = best
    return [replace(m, country=moved[key]) if (key := plain(text[m.start:m.end])) in moved else m for m in named]


FOLLOWING = re.compile(r"[\s-]*([a-z]+)")


def _a_force(text: str, start: int, end: int) -> bool:
    """A people's name that names who acts ("Turkish forces", "Saudi-led", "Israeli jets"):
    they act abroad as often as at home, and name no country beside a place."""
    word = FOLLOWING.match(text, end)
    written = text[start:end].lower()
    return bool(word and word.group(1) in settings().forces) or written.endswith(tuple(
        f"-{w}" for w in settings().forces))


def _money(text: str, end: int) -> bool:
    """A country's name or people's before a currency ("the US dollar", "the Lebanese pound"):
    money is quoted far from the country that issues it, so this tells little of where."""
    word = FOLLOWING.match(text, end)
    return bool(word and word.group(1) in settings().currencies)


def dateline(text: str) -> tuple[str, str | None] | None:
    """The place (and country, when written) of a dateline opening the text."""
    found = settings().dateline.match(text[:200])
    # a capitalised phrase before a dash may be a headline's: a dateline is in capitals, or
    # gives a date or an agency
    if not found or not (found.group("place").isupper() or found.group("date") or found.group("agency")):
        return None
    return found.group("place"), found.group("country")


def opening_dateline(lines: Iterable[str]) -> tuple[str, str | None] | None:
    """The `dateline` opening one of the first lines (or sentences) of a text, after its
    headline and a standfirst or byline: [dateline] reach."""
    return next(filter(None, map(dateline, itertools.islice(lines, settings().dateline_reach))), None)


def _country_code(value: str | None, found: Cues) -> str | None:
    """An ISO code as given ("SY"), or the code of a country's name ("Syria")."""
    if not value:
        return None
    value = str(value).strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    return found.country_of(value)


def not_a_place(name: str, alone: bool = True) -> bool:
    """A people ("Mexican", "Pokot"), a disease ("Ebola"), a storm ("Hurricane Katrina"), an
    organisation ("the World Health Organisation") or a body's acronym: never a place. Told
    by the words alone, so the extractor asks it too, before a claim takes such a word as
    its place. A name read without the kind word it was written with (not `alone`: "Cape" of
    "Cape Town") is no fragment of a name: the kind word completes it."""
    s = settings()
    words = [w.lower() for w in re.findall(r"[^\W_]+", name)]
    if not words:
        return True
    phrase = " ".join(words)
    if phrase in demonyms() or phrase in s.peoples or name.strip() in s.bodies:
        return True
    if any(w in s.diseases or w in s.storms for w in words):
        return True
    return words[-1] in s.organisations or (alone and len(words) == 1 and words[0] in s.fragments)


def people_in(text: str, name: str, province: Callable[[], bool] = lambda: False) -> bool:
    """Whether the text uses `name` as a people's: "Pokot raiders", "the Pokot tribe"; "the Pokot
    community" too, unless `province()` says the name is a province's or a country's ("Georgia
    communities")."""
    s = settings()
    nouns = {m.group(1) for m in re.finditer(rf"\b{re.escape(name)}\s+([a-z]+)", text)}
    return bool(nouns & s.people_nouns) or bool(nouns & s.shared_nouns) and not province()


def storm_names(text: str) -> set[str]:
    """Names the text gives storms ("Hurricane Katrina"): the bare name is no place there."""
    storms = settings().storms
    return {m.group(2) for m in re.finditer(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b", text) if m.group(1).lower() in storms}
