"""resolve: claims' places and dates made exact — a gazetteer lookup with a precision code, inside
the countries the document is about, with the places it tells together kept together."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache, partial
from typing import cast

from corroborate.document import Claim, Text
from corroborate.resolve import focus as focus_cues
from corroborate.resolve.geocoder import (
    WHOLES,
    Geocoder,
    Resolution,
    apart,
    goes_by,
    km,
    lies_in,
    read_query,
    settings,
    world_city,
    written_as,
)
from corroborate.store.gazetteer import Candidate, Gazetteer

HOLDERS = re.compile(r"\(([^()]{2,80})\)")  # "(Samastipur, Bihar)": the units a place lies in
# "Athens, Ga.", "Charleston, W. Va.": a state's abbreviation after a town and a comma
ABBREVIATED = re.compile(r",\s+((?:[A-Z][a-z]{0,4}\.\s?){1,3})")


def leader(counts: Counter):
    """The most common value, unless another is as common."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def within(text: str, place: str) -> str | None:
    """What the document says contains `place`: "Al-Qusour in the city of Baniyas" → "Baniyas"."""
    for pattern in settings().within:
        found = _search_after(pattern, place, text)
        if found:
            return found.group("within")
    return None


def in_province(text: str, place: str) -> str | None:
    """The province or country the document writes after `place` and a comma: "Dublin, Ohio"
    → "Ohio"; "Charleston, W. Va." → "W. Va."."""
    found = _search_after(settings().province, place, text)
    return found.group("within").strip() if found else None


def _search_after(pattern: str, place: str, text: str) -> re.Match | None:
    """The first match in `text` of `pattern` with its {place} the place as written. A pattern
    that opens with {place} is compiled once, without it, and tried after each occurrence of the
    place: compiling one per place cost more than the rest of resolving it, and flooded the
    `re` module's cache that every other pattern given as a string relies on."""
    head, _, tail = pattern.partition("{place}")
    if head or "{place}" in tail:
        return re.search(pattern.replace("{place}", re.escape(place)), text)
    after = _compiled(tail)
    at = text.find(place)
    while at >= 0:
        found = after.match(text, at + len(place))
        if found:
            return found
        at = text.find(place, at + 1)
    return None


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


LIST_REACH = 200  # characters before a plural kind word a list it ends may begin


def plurals_in(text: str) -> list[tuple[int, int]]:
    """Where the text writes a kind word in the plural ("counties"): most texts nowhere."""
    plurals = settings().plurals
    if not any(word in text for word in plurals):
        return []
    return [m.span() for m in re.finditer(rf"\b(?:{'|'.join(plurals)})\b", text)]


def listed_as(text: str, place: str, plurals: list[tuple[int, int]]) -> str | None:
    """The kind word a list `place` is written in gives each of its names: "Cooke, Grayson and
    Love counties" → "County" for each of the three. Read only before the `plurals` the text
    writes (plurals_in)."""
    kinds = settings().plurals
    for start, end in plurals:
        before = text[max(0, start - LIST_REACH):end]
        if place not in before:
            continue
        for pattern in settings().listed:
            found = re.search(pattern.replace("{place}", re.escape(place)).replace("{kinds}", "|".join(kinds)) + "$",
                              before)
            if found:
                return kinds[found.group("kind")]
    return None


def document_focus(text: str, gazetteer: Gazetteer, country: str | None = None) -> focus_cues.Focus:
    """The countries a text is about: its metadata's `country`, else its dateline and what it names."""
    cues = focus_cues.cues(gazetteer)
    line = focus_cues.opening_dateline(line for line in text.split("\n") if line.strip())
    dateline_country = None
    if line:
        place, written = line
        dateline_country = cues.country_of(written) if written else None
        if not dateline_country:
            found = Geocoder(gazetteer).resolve(place).place
            dateline_country = found.country if found else None
    return focus_cues.read(text, cues, country, dateline_country, lambda name, least: towns(gazetteer, name, least))


def towns(gazetteer: Gazetteer, name: str, least: int) -> frozenset[str]:
    """The countries that have a town of at least `least` people that goes by `name` (`plain`),
    read once for the gazetteer's life: a cue's name is asked again and again across documents."""
    memo = cast(dict[str, list[tuple[str, int]]], gazetteer.memo.setdefault("towns", {}))
    if name not in memo:
        memo[name] = [(s.candidate.country, s.candidate.population or 0)
                      for s in Geocoder(gazetteer).matches(name, fuzzy=False)
                      if s.candidate.kind == "locality" and s.candidate.country
                      and written_as(s.candidate, name)]
    return frozenset(country for country, people in memo[name] if people >= least)


class Places:
    """The places one document names, resolved together: inside its focus, a namesake abroad
    only where the text names its country, and each place beside the others it is told with."""

    def __init__(self, text: Text, gazetteer: Gazetteer, country: str | None = None):
        self.text = text
        self.gazetteer = gazetteer
        self.focus = document_focus(text.text, gazetteer, country)
        self.given = bool(country)  # a focus the metadata gives is not read again from the places
        # the focus as read from the text: what `resolve` keys its answers by, so that the answers
        # `refocus` gives are found again after it
        self._read = frozenset(self.focus.countries)
        self.geocoder = Geocoder(gazetteer, focus=self.focus.countries)
        # by place as written, the countries outside the focus named beside it and the units its
        # sentence gives in brackets
        self._found: dict[tuple[str, frozenset[str], tuple[str, ...]], Resolution] = {}
        self._people: dict[str, bool] = {}
        self._storms = focus_cues.storm_names(text.text)
        self._cohered = False  # whether the places told together have decided between namesakes
        self._plurals: list[tuple[int, int]] | None = None  # where the text writes "counties" and the like

    def resolve(self, place: str, start: int, end: int) -> Resolution:
        """`place` as told in the text between `start` and `end` (its sentence)."""
        # only a country outside the focus named beside a place changes how it resolves: claims
        # and events told in different sentences share their answers otherwise
        near = self.focus.near(start, end, self.text.text, place.split(",")[0].strip()) - self._read
        told = self._told(place, start, end)
        key = (place, near, told)
        if key not in self._found:
            alone = not any(f.place is not None and f.found for f in self._found.values())
            self._found[key] = self._held_by(place, near, told, self._resolve(place, near))
            # a place first named after the others decided (an event's, not a claim's), in a
            # document that names no country: the country its name alone tells, as for theirs;
            # else nothing decides between its namesakes
            if self._cohered and alone and not self.focus.countries:
                self.refocus()
                if not near and self._unfocused(self._found[key]):
                    self._found[key] = _undecided(self._found[key])
        return self._found[key]

    def _unfocused(self, found: Resolution) -> bool:
        """Whether `found` is one of namesakes far apart in several countries, scoring as close
        as the places around may decide between, in a document that names no country:
        "Naameh" in a note that names nothing else is in Lebanon, Algeria or Mauritania, and
        saying which is a guess."""
        rivals, conf = _rivals(found), focus_cues.settings()
        if self.focus.countries or len(rivals) < 2:
            return False
        best, far = rivals[0].candidate, settings().weights["coherence_km"]
        # a city known well enough to go without its country, or far more populous than its
        # namesakes, is meant ("Baghdad", not Bagdad in Arizona)
        if best.population >= conf.abroad_population:
            return False
        return any(r.candidate.country != best.country and apart(r.candidate, best) > far
                   and best.population < conf.prominence * r.candidate.population for r in rivals[1:])

    def _told(self, place: str, start: int, end: int) -> tuple[str, ...]:
        """The units the sentence gives in parentheses, outermost last ("Kewata village under
        Dalsing Sarai police station (Samastipur, Bihar)", "Pipri, Kaushambi (UP)"), when the place
        itself names none."""
        if "," in place or "(" in place:
            return ()
        return tuple(part.strip() for group in HOLDERS.findall(self.text.text, start, end)
                     for part in reversed(group.split(",")) if part.strip())

    def _held_by(self, place: str, near: frozenset[str], told: tuple[str, ...], found: Resolution) -> Resolution:
        """The place inside the province its sentence names in parentheses: a town of that name
        in another province is a namesake, and one there (or else the province itself, the place
        not found) is meant; a place no gazetteer knows, named with its province, is in that province."""
        if not told or found.place is not None and found.place.kind not in ("locality", "neighbourhood"):
            return found
        # a province abroad only where the place goes by the name as a variant ("Wana" is once
        # Vienna, Cali is also "Kali"): one that has it as its own name as written is not moved
        # by a namesake province abroad (Lunsar is no town of South Africa's North West)
        phrases = read_query(place)
        own = found.place is not None and bool(phrases) \
            and focus_cues.plain(found.place.name) == focus_cues.plain(phrases[0].name)
        # a place no gazetteer knows is put only in a province of the focus, or of a country
        # named beside it: "Mankwi village (Mezam, Nord-Ouest)" in Cameroon is not in Haiti's
        # Nord-Ouest, and "(as reported)" sounds like no province to hold it
        provinces = [r.place for r in (self.geocoder.resolve(name, near) for name in told)
                     if r.place is not None and r.place.kind == "region"
                     and (r.place.country == found.place.country or not own if found.place is not None
                          else r.found and (not self.focus.countries or r.place.country in self.focus.countries
                                            or r.place.country in near))]
        if not provinces or found.place is not None and any(lies_in(found.place, p) for p in provinces):
            return found
        inside = self.geocoder.resolve(f"{place}, {provinces[0].name}", near)
        if inside.place is not None:
            return replace(inside, query=place)
        # a place found only by a spelling folded alike, outside the province the text puts it
        # in, is another place: "Besi village (Momo, Nord-Ouest)" is not Basi in India
        return found if own or found.place is None else Resolution(place, found=False)

    def toponym(self, place: str, start: int, end: int) -> Resolution:
        """`place` as geoparsing corpora annotate toponyms: as `resolve` does, but a people's
        adjective ("Russian") names its country, at the country's precision. A claim never
        takes such a word as its place: `resolve` (which claims and events read) refuses it."""
        found = self.resolve(place, start, end)
        return (self.geocoder.nationality(place) or found) if found.refused else found

    def _resolve(self, place: str, near: frozenset[str]) -> Resolution:
        first = place.split(",")[0].strip()
        if first in self._storms or self._is_people(first):
            return Resolution(place, found=False, refused=True)
        found = self.geocoder.resolve(place, near)
        if self._plurals is None:  # read once, when a place is first resolved
            self._plurals = plurals_in(self.text.text)
        kind = listed_as(self.text.text, place, self._plurals) if "," not in place and self._plurals else None
        if kind:  # "Love" of "Cooke, Grayson and Love counties" is Love County, as its list says
            each = self.geocoder.resolve(f"{place} {kind}", near)
            found = replace(each, query=place) if each.found and each.place is not None else found
        container = within(self.text.text, place) if "," not in place else None
        if container:
            inside = self.geocoder.resolve(f"{place}, {container}", near)
            # a country or province is not beside a town it is told with ("Ukraine in Kyiv")
            wider = found.place is not None and found.place.kind in settings().total_kinds
            found = inside if inside.place and (inside.found or not wider) else found
        # "Dublin, Ohio": the Dublin in Ohio, as spelled; never for a province or a country
        # itself, which is only the next of a list ("California, Texas")
        wider = found.place is not None and found.place.kind in settings().total_kinds
        province = in_province(self.text.text, place) if "," not in place and not wider else None
        if province and self._is_province(province, near):
            inside = self.geocoder.resolve(f"{place}, {province}", near)
            best = inside.candidates[0] if inside.found and inside.candidates else None
            if best and best.similarity == 1 and goes_by(best.candidate):
                found = inside
        return found

    def _is_province(self, name: str, near: frozenset[str]) -> bool:
        """Whether `name` is a province or country (not the next town of a list)."""
        place = self.geocoder.resolve(name, near).place
        return place is not None and place.kind in ("region", "country")

    def _is_people(self, name: str) -> bool:
        if name not in self._people:
            province = partial(self._is_province, name, frozenset())  # asked only after "communities"
            self._people[name] = focus_cues.people_in(self.text.text, name, province)
        return self._people[name]

    def refocus(self) -> None:
        """The country the places told together lie in, when the cues read it elsewhere: a
        local paper's "Lebanon", "Paris" or "Dublin" told with counties and towns that only one
        other country has ("Boone County", "Zionsville") is that country's town. That country
        leads the focus when more of the places named have namesakes only there than only in
        the focus; a country of the focus stays in it only while the text names it by a cue
        with no namesake there ("France", "French")."""
        if self.given:
            return
        anywhere = Geocoder(self.gazetteer)
        # a name a country also has ("Lebanon") tells no country by its towns alone
        homes = [_homes(anywhere, name, every_kind=True) for name in dict.fromkeys(key[0] for key in self._found)]
        votes = Counter(next(iter(countries)) for countries in homes if len(countries) == 1)
        country = leader(votes)  # two countries as many places tell have no leader
        if country is None or country in self.focus.countries \
                or votes[country] < focus_cues.settings().weights["places"] \
                or votes[country] <= max((votes[c] for c in self.focus.countries), default=0):
            return
        text = self.text.text
        kept = tuple(c for c in self.focus.countries
                     if any(m.country == c and country not in _homes(anywhere, text[m.start:m.end], every_kind=True)
                            for m in self.focus.mentions))
        # the names that told a country left out: here they are the towns of the one put first
        towns = {focus_cues.plain(text[m.start:m.end]) for m in self.focus.mentions
                 if m.country in self.focus.countries and m.country not in kept}
        # a country the text names by a cue only it has stays first: the places' country joins it
        self.focus = replace(self.focus, countries=(*kept, country))
        self.geocoder = Geocoder(self.gazetteer, focus=self.focus.countries)
        for key in list(self._found):
            place, near, told = key
            found = self._held_by(place, near, told, self._resolve(place, near))
            if found.place is not None and found.place.kind == "country" and focus_cues.plain(place) in towns:
                found = _as_town(self.geocoder, found)
            self._found[key] = found

    def provinces(self) -> dict[tuple[str, str], float]:
        """The first-level divisions (states, provinces) the document is about, by country and
        admin1 code, each with its votes as a share of the leader's: the provinces it names (by
        name, or by a state's abbreviation after a town: "Athens, Ga."), and those holding the
        towns and counties it names whose namesakes close in score all lie in one province. A
        local report is about one state: its towns' namesakes elsewhere are not meant."""
        conf, text = focus_cues.settings(), self.text.text
        w = conf.provinces
        votes: dict[tuple[str, str], float] = defaultdict(float)
        written: dict[str, float] = {}  # a province's name as written → the votes it brings
        for m in ABBREVIATED.finditer(text):
            state = settings().abbreviations.get(m.group(1).replace(" ", ""))
            if state:
                written[state] = min(written.get(state, 0.0) + w["abbreviation"], conf.repeats * w["abbreviation"])
        names = {text[m.start:m.end] for m in self.focus.mentions if m.kind == "region"}
        names |= {key[0] for key, found in self._found.items()
                  if found.found and found.place is not None and found.place.kind == "region"}
        for name in names - set(written):
            told = len(re.findall(rf"(?<![\w.]){re.escape(name)}(?!\w)", text))
            written[name] = w["region"] * min(max(told, 1), conf.repeats)
        for name, weight in written.items():
            place = self.geocoder.resolve(name).place
            if place is not None and place.kind == "region" and place.country and place.admin1:
                votes[place.country, place.admin1] += weight
        homes: dict[str, set] = {}  # a town or county as written → the provinces its namesakes lie in
        for key, found in self._found.items():
            if found.found and found.place is not None and found.place.kind in settings().coherent_kinds:
                homes.setdefault(key[0], set()).update(
                    (s.candidate.country, s.candidate.admin1) for s in _rivals(found) or found.candidates[:1])
        for (country, admin1), in (home for home in homes.values() if len(home) == 1):
            if country and admin1:
                votes[country, admin1] += w["place"]
        top = max(votes.values(), default=0.0)
        if top < w["least"]:
            return {}
        return {province: n / top for province, n in votes.items() if n >= w["share"] * top}

    def cohere(self) -> None:
        """Places told together lie together: of a place's namesakes, the one near where the
        document's other places may be wins, and one thousands of kilometres from all of them
        loses ("Springfield" told with Peoria and Bloomington is the one in Illinois); the one in
        the province the document is about wins over those in others of its country."""
        self.refocus()  # first: the places may lie only where the focus they tell admits them
        possible = {key: [s.candidate for s in _rivals(found)] or [found.place]
                    for key, found in self._found.items()
                    if found.place is not None and found.place.latitude is not None
                    and found.place.kind not in WHOLES}
        provinces = None  # read when a place first has namesakes to choose between (most have none)
        for key, found in self._found.items():
            rivals = _rivals(found)
            if len(rivals) < 2:
                continue
            if provinces is None:  # before any answer below changes: as the document told them
                provinces = self.provinces()
            others = [[c for c in places if c.latitude is not None] for k, places in possible.items() if k[0] != key[0]]
            if not (others or provinces):
                if not key[1] and self._unfocused(found):
                    self._found[key] = _undecided(found)
                continue
            ranked = sorted(rivals, key=lambda s: -(s.score + _coherence(s.candidate, others)
                                                     + _nesting(s.candidate, others)
                                                     + _in_provinces(s.candidate, provinces)))
            if ranked[0] is not found.candidates[0]:
                chosen = ranked[0].candidate
                self._found[key] = replace(found, place=chosen, precision=self.geocoder.precision_of(key[0], chosen),
                                           candidates=ranked + [s for s in found.candidates if s not in ranked])
        self._one_sense()
        self._cohered = True

    def _one_sense(self) -> None:
        """A name told again in one document means the place it meant where the text named that
        place's country beside it: "Moscow" once told with Russia is Moscow, Russia, in the
        sentences that name only American cities too. Only for a name told with no units in
        brackets, and only when the places so told agree."""
        by_name: dict[str, list] = defaultdict(list)  # name → [(key, the place it resolved to)]
        for key, found in self._found.items():
            if not key[2] and found.place is not None:
                by_name[key[0]].append((key, found.place))
        for name, placed in by_name.items():
            told = {place.place_id: place for key, place in placed if place.country in key[1]}
            if len(placed) < 2 or len(told) != 1:
                continue
            [meant] = told.values()
            for key, place in placed:
                found = self._found[key]
                same = [s for s in found.candidates if s.candidate.place_id == meant.place_id]
                if place.place_id != meant.place_id and same:
                    self._found[key] = replace(found, place=meant, precision=self.geocoder.precision_of(name, meant),
                                               candidates=same + [s for s in found.candidates if s not in same])


def _rivals(found: Resolution) -> list:
    """The namesakes among a resolution's candidates that the places around may decide between:
    of the kind of the best, as alike, scoring close to it (that a province lies far from a town
    says nothing against it)."""
    scored, conf = found.candidates, settings()
    if not scored or found.place is None or scored[0].candidate.kind not in conf.coherent_kinds:
        return []
    best = scored[0]
    # a place that has the name only as a variant of another's (Sanatoga, once "Saratoga") is
    # no rival of one that goes by it
    own = goes_by(best.candidate)
    return [s for s in scored if s.candidate.kind == best.candidate.kind and s.similarity >= best.similarity
            and best.score - s.score <= conf.weights["coherence_margin"]
            and (not own or goes_by(s.candidate))]


def _undecided(found: Resolution) -> Resolution:
    """The place as written, unresolved: none of its namesakes is more likely than the others."""
    return Resolution(found.query, found=False)


def _as_town(geocoder: Geocoder, found: Resolution) -> Resolution:
    """A country's name read as the name of a town: its best namesake that is no country and
    goes by the name. A town that has it only as a variant is another place (New Providence,
    once "Turkey", is not the Turkey of Texas): with none that goes by it, the town is unknown."""
    towns = [s for s in found.candidates if s.candidate.kind not in WHOLES and goes_by(s.candidate)]
    if not towns:
        return Resolution(found.query, found=False)
    return replace(found, place=towns[0].candidate, precision=geocoder.precision_of(found.query, towns[0].candidate),
                   candidates=towns + [s for s in found.candidates if s not in towns])


def _homes(geocoder: Geocoder, name: str, every_kind: bool = False) -> set[str]:
    """The countries of the places anywhere that go by `name` as written (case and accents
    aside: "Cahi" in Burundi tells nothing of Kahi in Côte d'Ivoire, however alike they fold):
    towns, counties and provinces (with `every_kind`, countries too: "Lebanon" is a country and
    a town in Indiana)."""
    return {s.candidate.country for s in geocoder.matches(name, fuzzy=False)
            if s.candidate.country and written_as(s.candidate, name)
            and (every_kind or s.candidate.kind not in WHOLES)}


def _in_provinces(c: Candidate, provinces: dict[tuple[str, str], float]) -> float:
    """A bonus for lying in a province the document is about, as large as its share of votes."""
    return settings().weights["province_focus"] * provinces.get((c.country or "", c.admin1 or ""), 0.0)


def _nesting(c: Candidate, others: list[list[Candidate]]) -> float:
    """A bonus for each other place that may hold `c` or lie in it, a town in a county of its
    province: "Paris" told with Henry County is the Paris in Tennessee's Henry County, and the
    county is that one. A county's towns are recorded with no county: within its reach is in it."""
    towns = ("locality", "neighbourhood")

    def holds(county: Candidate, town: Candidate) -> bool:
        return county.kind == "county" and town.kind in towns and county.admin1 is not None \
            and county.admin1 == town.admin1 and lies_in(town, county)

    return settings().weights["nested"] * sum(any(holds(o, c) or holds(c, o) for o in places) for places in others)


def _coherence(c: Candidate, others: list[list[Candidate]]) -> float:
    """A bonus for each other place that may lie near `c`; a penalty when none may lie within
    thousands of kilometres."""
    w = settings().weights
    if c.latitude is None or c.longitude is None:
        return 0.0
    nearest = [min((km(c.latitude, c.longitude, o.latitude, o.longitude) for o in places
                    if o.latitude is not None and o.longitude is not None), default=1e9)
               for places in others]
    # a place with many namesakes may lie near anywhere: it weighs as the share of them that do
    near = [sum(km(c.latitude, c.longitude, o.latitude, o.longitude) <= w["coherence_km"] for o in places
                if o.latitude is not None and o.longitude is not None) / len(places)
            for places in others if places]
    bonus = w["coherence"] * sum(near)
    # an outlier lies far from all of them and in none of their countries: a country is thousands
    # of kilometres wide (Ottawa is as far from Alberta's middle)
    # A capital or a city of millions is named across oceans (a flight from Newark to Paris):
    # lying far from the rest says nothing against it.
    outlier = len(others) >= 2 and min(nearest) > w["incoherence_km"] and not world_city(c) \
        and not any(o.country == c.country for places in others for o in places if c.country)
    return bonus + (w["incoherence"] if outlier else 0.0)


def locate(claims: list[Claim], text: Text, gazetteer: Gazetteer, country: str | None = None) -> Places:
    """Fill in each claim's coordinates, place id, precision codes and what the gazetteer says
    of its place, in place; the document's resolved places, for its events."""
    places = Places(text, gazetteer, country)
    places.geocoder.expect(claim.place for claim in claims if claim.place)
    for claim in claims:
        if claim.place:
            places.resolve(claim.place, claim.start, claim.end)
    places.cohere()
    for claim in claims:
        if not claim.place:
            continue
        found = places.resolve(claim.place, claim.start, claim.end)
        if _not_a_total_s_place(claim, found):
            claim.place = None
            continue
        record(claim, found)
    return places


def _not_a_total_s_place(claim: Claim, found: Resolution) -> bool:
    """An aggregate whose sentence names no place took its headline's or lead's (extract:
    `Told`); a running toll is no town's, so it keeps only a place the gazetteer knows as a
    country or region (spec "Place and date"), unless its sentence points back at the places
    told before it ("in those villages")."""
    return claim.scope == "aggregate" and claim.place_from_story \
        and (found.place is None or found.place.kind not in settings().total_kinds)


def record(target, found: Resolution) -> None:
    """Write a resolution onto a claim: coordinates, precision and the place's facts. A phrase
    that names no place ("Mexican", "Ebola") is no place of the claim's (spec: "Only places")."""
    if found.refused:
        target.place = None
    target.place_found = found.found and found.place is not None
    place: Candidate | None = found.place
    if place is None:
        return
    target.latitude, target.longitude = place.latitude, place.longitude
    target.place_id, target.precision = place.place_id, found.precision
    target.place_name, target.place_kind, target.country, target.admin1, target.admin2 = (
        place.name, place.kind, place.country, place.admin1, place.admin2)


def locate_events(events, places: Places) -> None:
    """Each event where its own place is (not where the first of its claims with a point is),
    with that place's country and governorate."""
    places.geocoder.expect(event.place for event in events if event.place)
    for event in events:
        if not event.place:
            continue
        found = places.resolve(event.place, event.start, event.end)
        if found.refused:
            event.place = None
        place = found.place
        event.latitude, event.longitude = (place.latitude, place.longitude) if place else (None, None)
        if place is None:
            continue
        event.country = place.country
        event.admin1 = place.name if place.kind == "region" else place.admin1_name


__all__ = ["Places", "document_focus", "leader", "locate", "locate_events", "record",
           "within"]
