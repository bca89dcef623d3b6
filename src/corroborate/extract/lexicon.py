"""The extractor's word lists, loaded from the TOML files in rules/ (user-extendable)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from corroborate import rules

RULES_DIR = Path(__file__).with_name("rules")


def load_rules(name: str) -> dict:
    """The extractor's rules file `name`, extended by CORROBORATE_RULES (corroborate.rules)."""
    return rules.load(RULES_DIR / name)


class Phrases:
    """A set of phrases (token tuples), indexed by first word; the longest match wins."""

    def __init__(self, items):
        self.phrases = frozenset(tuple(p.lower().replace("-", " - ").split()) for p in items)
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.phrases, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)

    def match(self, words: list[str], i: int) -> int:
        """Length of the longest phrase that starts at words[i], or 0."""
        for phrase in self._by_first.get(words[i], ()) if i < len(words) else ():
            if tuple(words[i:i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def __contains__(self, phrase) -> bool:
        return tuple(phrase) in self.phrases

    def __iter__(self):
        return iter(self.phrases)


# Words too common to stand for a phrase in a first, cheap filter.
COMMON_WORDS = frozenset({"the", "of", "to", "in", "a", "and", "their", "his", "her", "no", "one", "left", "found",
                          "lost", "shot", "suffered", "sustained", "seriously", "critically", "lightly",
                          "slightly", "leaving", "claimed", "claiming", "without", "loss", "life"})


def _telling_word(phrase: tuple[str, ...]) -> str:
    words = [w for w in phrase if w not in COMMON_WORDS] or list(phrase)
    return max(reversed(words), key=len)


@dataclass
class Lexicon:
    number_words: dict[str, int]
    scales: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int]]
    number_phrases: dict[tuple[str, ...], int]
    needs_person: dict[tuple[str, ...], int]  # "both": a count only before a known person noun
    ordinals: frozenset[str]  # "first": one death, right before one of `ordinal_nouns`
    ordinal_nouns: frozenset[str]
    qualifiers: dict[tuple[str, ...], str]
    quantity_phrases: Phrases
    harm: dict[str, Phrases]
    harm_intransitive: dict[str, Phrases]
    harm_active: dict[str, Phrases]
    harm_nouns: dict[str, Phrases]
    care: Phrases  # "hospitalised": hurt only with a wound word close after it
    care_wounds: frozenset[str]
    care_reach: int
    total_nouns: frozenset[str]  # "toll": "a toll" is a total, not one death
    to_death_verbs: frozenset[str]
    passive: frozenset[str]
    hypothetical: Phrases
    far_hypothetical: Phrases
    far_hypothetical_reach: int
    rates: Phrases
    rate_not_before: frozenset[str]
    rate_not_after: frozenset[str]
    rate_reach: tuple[int, int]  # tokens before the figure, after the harm word
    victims: dict[tuple[str, ...], str]
    victim_heads: Phrases
    victim_modifiers: dict[str, str]
    unnamed_heads: frozenset[str]  # "dead", "lives": a group that says nothing of whom
    person_suffixes: tuple[str, ...]
    described_reach: int
    mixed_phrases: Phrases
    mixed_reach: int
    split_killers: Phrases  # "others by": the dead split between two killers
    attack_verbs: Phrases  # "ambushed": what follows is the group attacked
    kin: dict[str, int]
    single_pronouns: frozenset[str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    single_auxiliaries: frozenset[str]
    single_not_past: frozenset[str]
    max_name_words: int
    pronoun_reach: int  # sentences within which a pronoun is the person counted last
    max_apposition_words: int
    child_age: int
    age_after: Phrases
    age_words: frozenset[str]  # "age 91": the figure after is an age
    decoys: frozenset[str]
    decoy_phrases: Phrases  # "public bodies", "head of cattle"
    saving: frozenset[str]  # "would save 65 lives": lives kept, not lost
    determiners: frozenset[str]
    collective: frozenset[str]
    zero_subjects: Phrases
    zero_phrases: Phrases
    zero_outcome: dict[tuple[str, ...], str]
    zero_partitives: Phrases
    denominators: Phrases
    attribution_verbs: Phrases
    attribution_preps: Phrases
    hedges: Phrases
    not_hedged_before: frozenset[str]  # "claimed responsibility", "claimed 488 lives"
    not_hedged_window: int
    verified: Phrases
    unverified: Phrases
    governs_accounts: frozenset[str]
    governs_footage: frozenset[str]
    governs_claim: frozenset[str]
    media_speakers: frozenset[str]
    aggregate_markers: Phrases
    part_of_whole: Phrases  # "the dead included": the scope of the whole told before
    relative_time: frozenset[str]  # "two days after": a point in time, not a span
    comparisons: frozenset[str]  # "the deadliest attack since 2003": what follows compares, counts nothing
    rising_toll: Phrases  # "the death toll rose to": a total, unless one event is named
    one_event: Phrases
    large_toll: int
    another_event: Phrases
    news_of_the_day: Phrases

    def singular(self, head: list[str], known_only: bool = False) -> bool:
        """Whether a victim noun names one person: "driver", "son"; not "soldiers", "police".
        With `known_only`, the noun must be one the lexicon lists (for "the", which also
        stands before things)."""
        word = head[-1] if head else ""
        if word.endswith("s") or word in self.collective:
            return False
        return not known_only or tuple(head) in self.victims or self.kin.get(word) == 1

    def care_for_wounds(self, low: list[str], t: int) -> int:
        """Length of a care phrase at t that a wound word follows ("hospitalised with gunshot
        wounds"), else 0: care alone ("hospitalised", "treated for smoke inhalation") is no injury."""
        n = self.care.match(low, t)
        if not n:
            return 0
        clause = low[t + n:t + n + self.care_reach]
        clause = clause[:next((i for i, w in enumerate(clause) if w in (".", ";", ":", "!", "?")), len(clause))]
        return n if not self.care_wounds.isdisjoint(clause) else 0

    def decoy_at(self, low: list[str], t: int) -> bool:
        """Whether the words at t name things counted in the news that are not people."""
        return low[t] in self.decoys or bool(self.decoy_phrases.match(low, t))

    def claims_a_thing(self, low: list[str], end: int) -> bool:
        """Whether the hedge or attribution verb ending at `end` claims a thing, not a statement:
        "claimed responsibility", "claimed the lives of 20", "has claimed 488 lives"."""
        return not self.not_hedged_before.isdisjoint(low[end:end + self.not_hedged_window])

    @cached_property
    def verification_words(self) -> frozenset[str]:
        """The longest word of each (un)verification phrase: a cheap first filter, since a
        sentence without any of them cannot hold one of the phrases."""
        return frozenset(max(p, key=len) for table in (self.verified, self.unverified) for p in table)

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """One word of every harm phrase: a sentence holding none of them holds no claim.
        The most telling word is taken ("found dead" → "dead"), so the filter stays tight."""
        phrases = [p for table in (self.harm, self.harm_intransitive, self.harm_active, self.harm_nouns)
                   for group in table.values() for p in group]
        phrases += list(self.zero_phrases)
        # a phrase holding a word that triggers alone ("suffered head injuries": "injuries")
        # needs no trigger of its own
        alone = frozenset(p[0] for p in phrases if len(p) == 1) | self.care_wounds  # "hospitalised with burns"
        return frozenset(_telling_word(p) for p in phrases if alone.isdisjoint(p)) | alone


def _suffered_wounds(rules: dict) -> list[str]:
    """"suffered injuries", "suffers head injuries": every verb with every wound, bare or described."""
    return [" ".join(filter(None, (verb, describing, wound))) for verb in rules["verbs"]
            for describing in ["", *rules["describing"]] for wound in rules["wounds"]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    num = load_rules("numbers.toml")
    lex = load_rules("lexicon.toml")
    att = load_rules("attribution.toml")
    victims: dict[tuple[str, ...], str] = {}
    for victim_type, words in lex["victims"].items():
        for phrase in Phrases(words):
            victims.setdefault(phrase, victim_type)
    modifiers = {w: t for t, words in lex["victim_modifiers"].items() for w in words}
    zero = lex["zero"]
    return Lexicon(
        number_words=dict(num["words"]),
        scales=dict(num["scales"]),
        vague={tuple(k.split()): tuple(v) for k, v in num["vague"].items()},
        number_phrases={tuple(k.split()): v for k, v in num["phrases"].items()},
        needs_person={tuple(k.split()): v for k, v in num["needs_person"].items()},
        ordinals=frozenset(num["ordinal_deaths"]["ordinals"]),
        ordinal_nouns=frozenset(num["ordinal_deaths"]["nouns"]),
        qualifiers={tuple(k.split()): v for k, v in num["qualifiers"].items()},
        quantity_phrases=Phrases([*num["vague"], *num["phrases"], *num["needs_person"], *num["qualifiers"]]),
        # "were crushed to death": each verb that kills with "to death" is a harm word with it
        harm={k: Phrases(v + ([f"{verb} to death" for verb in lex["to_death"]["verbs"]] if k == "killed" else []))
              for k, v in lex["harm"].items()},
        harm_intransitive={k: Phrases(v + (_suffered_wounds(lex["suffered_wounds"]) if k == "injured" else []))
                           for k, v in lex["harm_intransitive"].items()},
        harm_active={k: Phrases(v) for k, v in lex["harm_active"].items()},
        harm_nouns={k: Phrases(v) for k, v in lex["harm_nouns"].items() if k != "totals"},
        total_nouns=frozenset(lex["harm_nouns"]["totals"]),
        care=Phrases(lex["care"]["words"]),
        care_wounds=frozenset(lex["care"]["wounds"]),
        care_reach=int(lex["care"]["reach"]),
        to_death_verbs=frozenset(lex["to_death"]["verbs"]),
        passive=frozenset(lex["passive"]["auxiliaries"]),
        hypothetical=Phrases(lex["hypothetical"]["markers"]),
        far_hypothetical=Phrases(lex["hypothetical"]["far"]),
        far_hypothetical_reach=int(lex["hypothetical"]["far_reach"]),
        rates=Phrases(lex["rates"]["markers"]),
        rate_not_before=frozenset(lex["rates"]["not_before"]),
        rate_not_after=frozenset(lex["rates"]["not_after"]),
        rate_reach=(int(lex["rates"]["reach_before"]), int(lex["rates"]["reach_after"])),
        victims=victims,
        victim_heads=Phrases(" ".join(p) for p in victims),
        victim_modifiers=modifiers,
        unnamed_heads=frozenset(lex["victims_unnamed"]["heads"]),
        person_suffixes=tuple(lex["victims_unnamed"]["person_suffixes"]),
        described_reach=int(lex["victims_described"]["reach"]),
        mixed_phrases=Phrases(lex["victims_mixed"]["phrases"]),
        mixed_reach=int(lex["victims_mixed"]["reach"]),
        split_killers=Phrases(lex["victims_mixed"]["split_killers"]),
        attack_verbs=Phrases(lex["victims_attacked"]["verbs"]),
        kin=dict(lex["kin"]),
        single_pronouns=frozenset(lex["single_person"]["pronouns"]),
        name_particles=frozenset(lex["single_person"]["name_particles"]),
        not_names=frozenset(lex["single_person"]["not_names"]),
        single_auxiliaries=frozenset(lex["single_person"]["auxiliaries"]),
        single_not_past=frozenset(lex["single_person"]["not_past"]),
        max_name_words=int(lex["single_person"]["max_name_words"]),
        pronoun_reach=int(lex["single_person"]["pronoun_reach"]),
        max_apposition_words=int(lex["single_person"]["max_apposition_words"]),
        child_age=int(lex["single_person"]["child_age"]),
        age_after=Phrases(lex["single_person"]["age_after"]),
        age_words=frozenset(lex["single_person"]["age_words"]),
        decoys=frozenset(n for n in lex["decoys"]["nouns"] if " " not in n),
        decoy_phrases=Phrases([n for n in lex["decoys"]["nouns"] if " " in n]),
        saving=frozenset(lex["decoys"]["saving"]),
        determiners=frozenset(lex["one_person"]["determiners"]),
        collective=frozenset(lex["one_person"]["collective"]),
        zero_subjects=Phrases(zero["subjects"]),
        zero_phrases=Phrases(zero["killed_phrases"] + zero["injured_phrases"]),
        zero_partitives=Phrases(zero["partitives"]),
        denominators=Phrases(zero["denominators"]),
        zero_outcome={**{p: "killed" for p in Phrases(zero["killed_phrases"])},
                      **{p: "injured" for p in Phrases(zero["injured_phrases"])}},
        attribution_verbs=Phrases(att["attribution"]["verbs"]),
        attribution_preps=Phrases(att["attribution"]["prepositions"]),
        hedges=Phrases(att["hedges"]["alleged"]),
        not_hedged_before=frozenset(att["hedges"]["not_after"]),
        not_hedged_window=int(att["hedges"]["not_after_window"]),
        verified=Phrases(att["verification"]["verified"]),
        unverified=Phrases(att["verification"]["unverified"]),
        governs_accounts=frozenset(att["governs"]["accounts"]),
        governs_footage=frozenset(att["governs"]["footage"]),
        governs_claim=frozenset(att["governs"]["claim"]),
        media_speakers=frozenset(att["media_speakers"]["words"]),
        aggregate_markers=Phrases(lex["scope"]["aggregate"]),
        part_of_whole=Phrases(lex["scope"]["part_of_whole"]),
        relative_time=frozenset(lex["scope"]["relative_time"]),
        comparisons=frozenset(lex["scope"]["comparisons"]),
        rising_toll=Phrases(lex["scope"]["rising"]),
        one_event=Phrases(lex["scope"]["one_event"]),
        large_toll=int(lex["scope"]["large_toll"]),
        another_event=Phrases(lex["event"]["another"]),
        news_of_the_day=Phrases(lex["event"]["news_of_the_day"]),
    )
