"""Which numbers in a sentence count the dead or the hurt, and of whom.

A quantity becomes a casualty when it heads a group of people (or stands alone) and a harm
word governs that group: after it ("16 people were killed", "9,000 people killed", "died"),
or before it ("killing 13 members", "the bodies of at least 27 men", "the dead included 595").
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from corroborate.extract import modality
from corroborate.extract.lexicon import Lexicon, Phrases
from corroborate.extract.quantity import Quantity, _parse_number, find_quantities
from corroborate.extract.tokens import CLAUSE_END, MONTH_NAMES, WEEKDAYS, Sentence
from corroborate.resolve import focus

SKIP_BEFORE_HEAD = {"of", "the", "their", "his", "her", "its", "our", "my", "those", "these", "them"}
# Tokens that end a victim group: prepositions, conjunctions, verbs, relative pronouns.
GROUP_END = {"in", "on", "at", "by", "from", "with", "to", "for", "and", "or", "were", "was", "are",
             "is", "have", "has", "had", "been", "be", "who", "which", "that", "as", "after",
             "before", "during", "when", "while", "near", "outside", "inside", "across", "into",
             "since", "but", "lay", "lying", "died", "killed", "including", "among", ","}
OPEN_GROUP_WORDS = 6  # "a local leader of Awami League"
PHRASE_WORDS = 10  # a participle phrase inside a group, a verb phrase before "and killed"
PARTITIVE_PRONOUNS = {"them", "us", "whom", "those", "these"}
POSSESSIVES = {"his", "her", "their", "my", "our", "your", "its"}
ADVERBS = {"also", "all", "later", "reportedly", "allegedly", "been", "being", "then", "both",
           "subsequently", "eventually", "apparently", "initially", "either", "just"}
TIME_WORDS = WEEKDAYS | MONTH_NAMES | {"today", "yesterday", "tonight"}
TIME_OPENERS = {"last", "this", "earlier", "overnight"}  # "the killing of Samuel Otieno last year"
# Between a number and the harm noun or verb that governs it from the left.
LEFT_CONNECTORS = {"of", "the", "to", "at", "reached", "rose", "risen", "climbed", "stood", "stands",
                   "was", "is", "were", "has", "had", "have", "included", "include", "includes",
                   "numbered", "hit", "jumped", "increased", "a", "total", "put", "puts", "least",
                   "than", "some", "about", "around", "over", "nearly", "almost", "up", "now", "already"}
# Verbs of a toll that rises; what comes between the toll and one of these says what it counts.
RISING = {"rose", "risen", "climbed", "jumped", "increased", "reached"}
SUBTOTAL = Phrases(["including", "among them", "among whom", "of whom", "of them", "incl.",
                    "among the dead", "among those killed"])
# After a figure with no group of its own, what lets it stand alone as a count of people ("killing 9 in Homs").
ALONE_BEFORE = CLAUSE_END | {",", "and", "in", "on", "at", "near", "when", "after", "during", "while", "including",
                             "others", "other", "people"}
OUTCOMES = ("killed", "injured")
# Subject pronouns: a harm verb after one of these is its subject's, not the group's before it.
SUBJECTS = {"he", "she", "they", "we", "i", "you"}
POSSESSIVE_MARKS = {"'s", "’s", "'"}
# A capitalised run after these is a place or a thing, not the subject: "a man from Kabul was killed",
# "swans in Italy and Germany had died".
NAME_NOT_AFTER = {"in", "on", "at", "by", "from", "with", "to", "for", "of", "near", "outside", "inside", "across",
                  "into", "the", "a", "an", "'s", "’s", "his", "her", "their", "its", "and", "or", ","}


def _age_end(lex: Lexicon, low: list[str], t: int) -> int:
    """The token after an age written before a noun ("a 17-year-old boy", "a four-year-old"), else t."""
    if t + 4 < len(low) and (low[t].isdigit() or low[t] in lex.number_words) \
            and low[t + 1:t + 5] in (["-", "year", "-", "old"], ["-", "years", "-", "old"]):
        return t + 5
    return t


def _bracket_end(low: list[str], t: int, reach: int = 20) -> int | None:
    """The token after the ")" that closes a "(" at t, if it closes within `reach` tokens."""
    if t >= len(low) or low[t] != "(":
        return None
    for u in range(t + 1, min(len(low), t + reach)):
        if low[u] == "(":
            return None
        if low[u] == ")":
            return u + 1
    return None


@dataclass
class Casualty:
    outcome: str
    low: int | None
    high: int | None
    qualifier: str
    start: int  # token span of the figure
    end: int
    victims: tuple[int, int] | None
    victim_type: str
    harm: int  # token where the harm word stands
    via: str  # how it was linked: direct, after, before, kin, zero, coordinated, subtotal, part
    definite: bool = False  # "the driver", "her son": may be someone told of before
    whole: int | None = None  # for a subtotal, the start of the figure it is part of


def _harm_at(table: dict[str, Phrases], low: list[str], i: int) -> tuple[str, int] | None:
    for outcome in OUTCOMES:
        n = table[outcome].match(low, i)
        if n:
            return outcome, n
    return None


def _harm_ending_at(table: dict[str, Phrases], low: list[str], t: int) -> tuple[str, int] | None:
    """(outcome, start) of the longest harm phrase that ends at token t."""
    for start in range(max(0, t - 4), t + 1):
        hit = _harm_at(table, low, start)
        if hit and start + hit[1] == t + 1:
            return hit[0], start
    return None


def _hypothetical(lex: Lexicon, low: list[str], harm: int) -> bool:
    """'threatened to kill', 'would be killed': an intention or a possibility, not an event."""
    for start in range(max(0, harm - 4), harm):
        n = lex.hypothetical.match(low, start)
        if not n or start + n < harm - 2:
            continue
        if low[start:start + n] == ["to"] and low[start + 1:start + 2] == ["have"]:
            continue  # "reported to have been killed" is a report of the past
        return True
    return False


class Linker:
    def __init__(self, lex: Lexicon, sent: Sentence, surnames: frozenset[str] = frozenset()):
        self.lex, self.sent, self.low = lex, sent, sent.words
        self.surnames = surnames  # the last words of full names the document gave before
        self.quantities = find_quantities(lex, sent)
        self.starts = {q.start for q in self.quantities}
        self.numbered = {t for q in self.quantities for t in range(q.start, q.end)}
        self.decoyed: set[int] = set()  # starts of the figures that count things, not people
        self.wholes: set[int] = set()  # starts of the figures a part is taken from ("of the 42 patients")

    # -- the victim group after a number ------------------------------------------------
    def head(self, q: Quantity) -> tuple[int, int, int] | None:
        """(group_start, head_start, head_end) of the victim noun after the number; None for a
        decoy (trucks, years) or nothing countable."""
        low, lex = self.low, self.lex
        t = k = _age_end(lex, low, self._group_start(q))
        while t < min(k + 5, len(low)):
            if low[t] in CLAUSE_END or low[t] == ",":
                return None
            n = lex.victim_heads.match(low, t)
            while n and (more := lex.victim_heads.match(low, t + n)) and not _harm_at(lex.harm, low, t + n):
                n += more  # "police personnel", "army officer"
            if n and self._dead_things(t, t + n):
                self.decoyed.add(q.start)  # "4,000 dead wild birds", "150 dead mullet"
                return None
            if n and t + n < len(low) and low[t + n] in POSSESSIVE_MARKS:
                return None  # "the man's brother": the man owns the group, he is not in it
            if n:
                return k, t, t + n
            if low[t] in lex.kin:
                return k, t, t + 1
            if low[t] == "of" and t > k and self.death_noun(t - 1, t):
                return None  # "the first fatality of the clashes": what follows "of" is not the group
            if lex.decoy_at(low, t) and not self.sent.doc[t].is_title:  # "a Goose Creek man" is a man
                self.decoyed.add(q.start)  # "50 pigs died": no other reading may count them
                return None
            harm = _harm_at(lex.harm, low, t)
            if harm and lex.victim_heads.match(low, t + harm[1]):
                t += harm[1]  # "dozens of injured people": the harm word describes the group
                continue
            if (low[t] in GROUP_END or t in self.starts or harm or low[t] in lex.passive
                    or (lex.attribution_verbs.match(low, t) and not self._describes(t))):
                return None
            t += 1
        return None

    def _dead_things(self, head_start: int, head_end: int) -> bool:
        """Whether "dead" heads a noun phrase of things, not people: "4,000 dead wild birds",
        "two dead owls", where no person noun follows in the phrase. "six dead, 20 hurt",
        "27 dead civilians", "five dead Syrians" count people."""
        low, lex, doc = self.low, self.lex, self.sent.doc
        if low[head_start:head_end] != ["dead"] or head_end >= len(low):
            return False
        t = head_end
        if not low[t].isalpha() or low[t] in GROUP_END or low[t] in lex.passive or low[t] in ADVERBS \
                or low[t] in TIME_WORDS or doc[t].is_title or lex.attribution_verbs.match(low, t) \
                or _harm_at(lex.harm, low, t) or _harm_at(lex.harm_intransitive, low, t):
            return False
        return not any(lex.victim_heads.match(low, u) or low[u] in lex.kin for u in range(t, min(len(low), t + 3)))

    def _group_start(self, q: Quantity) -> int:
        """Where the group after the figure starts: past up to 3 words such as "of the", and
        past the whole a part is taken from ("13 of the 42 patients died": the 42 counts nobody
        dead, unless a harm word names or follows it: "5 of the 20 people killed were children",
        "3 of the 12 dead")."""
        k = q.end
        while k < len(self.low) and self.low[k] in SKIP_BEFORE_HEAD and k - q.end < 3:
            k += 1
        whole = (next((w for w in self.quantities if w.start == k), None) if self.low[q.end:q.end + 1] == ["of"]
                 else None)
        if whole is not None and not whole.definite and whole.start != q.start:
            head = self.head(whole)
            if head and not self._harm_names_or_follows(head[1], self.group_end(head[2])):
                self.wholes.add(whole.start)
                return head[0]
        return k

    def _harm_names_or_follows(self, head: int, end: int) -> bool:
        """Whether a harm word is the group's head or follows it, directly or in a relative clause:
        "the 12 dead", "the 20 people killed", "the 14 passengers who died"."""
        low, lex = self.low, self.lex
        if _harm_at(lex.harm, low, head) or _harm_at(lex.harm, low, end):
            return True
        if low[end:end + 1] not in (["who"], ["that"]):
            return False
        t = end + 1
        while t < len(low) and (low[t] in ADVERBS or low[t] in lex.passive or low[t] in lex.single_auxiliaries):
            t += 1
        return bool(_harm_at(lex.harm, low, t) or _harm_at(lex.harm_intransitive, low, t))

    def _describes(self, t: int) -> bool:
        """A participle right after the figure that describes the group: "an alleged member"."""
        return t > 0 and (t - 1) in self.numbered and t + 1 < len(self.low) and self.low[t + 1].isalpha() \
            and self.low[t].endswith("ed")

    def group_end(self, head_end: int) -> int:
        """Extend "members" through "of the government-led security forces"."""
        low, e = self.low, head_end
        if e < len(low) and low[e] == "of":
            j = e + 1
            doc = self.sent.doc
            while j < len(low) and j - e <= 7 and low[j] not in CLAUSE_END and low[j] not in GROUP_END:
                if _harm_at(self.lex.harm, low, j) or j in self.starts or (
                        j - 1 > e and (doc[j - 1].is_title or doc[j - 1].is_upper) and doc[j].is_lower
                        and low[j] not in self.lex.victim_modifiers and not self.lex.victim_heads.match(low, j)):
                    break  # a name ends the phrase ("students of the KIT Kalo", not "... Kalo swept"),
                    # unless a word of the group goes on ("members of the Jordanian security forces")
                j += 1
            if j > e + 1:
                e = j
        return e

    def victim_type(self, head: tuple[int, int], group: tuple[int, int]) -> str:
        lex, low = self.lex, self.low
        head_words = tuple(low[head[0]:head[1]])
        kind = lex.victims.get(head_words) or ("civilian" if head_words[0] in lex.kin else "unknown")
        if kind != "unknown":
            return kind
        for word in low[group[0]:group[1]]:
            if word in lex.victim_modifiers:
                return lex.victim_modifiers[word]
        # The rest of the clause may say they were civilians ("people in civilian clothing",
        # "people she knew, including her parents"); armed words there name the killers.
        for t in range(group[1], min(len(low), group[1] + lex.described_reach)):
            if low[t] in CLAUSE_END or t in self.starts:
                break
            if lex.victim_modifiers.get(low[t]) == "civilian" or low[t] in lex.kin:
                return "civilian"
        return kind

    # -- harm words ----------------------------------------------------------------------
    def harm_after(self, e: int, adjacent_only: bool = False) -> tuple[str, int] | None:
        low, lex = self.low, self.lex
        if e < len(low) and lex.attribution_verbs.match(low, e):
            return None  # "two residents said ...": the group is the speaker
        limit = min(len(low), e + (2 if adjacent_only else 8))
        t = e
        while t < limit:
            w = low[t]
            if t == e and not adjacent_only and (aux := self._past_participle_phrase(e)):
                limit, t = min(len(low), aux + 8), aux  # "a boy riding a scooter was hit and killed"
                continue
            skip = _bracket_end(low, t) or self._inclusion_end(t)
            if skip:  # "5 civilians (2 men and 3 women) were killed", "15 militants including a commander died"
                limit = min(len(low), limit + skip - t)
                e, t = (skip if t == e else e), skip
                continue
            if w == "," and t > e - 1:
                closing = self._aside_end(t)
                if closing:  # "12 civilians, including five children, were killed"
                    limit = min(len(low), limit + closing - t)
                    t = closing
                    continue
            if w in CLAUSE_END or (t > e and t in self.starts) or (t > e and self._pronoun_dies(t)):
                return None  # "a sister with whom he lived until he died": another subject's verb
            if t == e or (t == e + 1 and low[e] == ","):
                hit = _harm_at(lex.harm, low, t) or self._care_harm(t)
                if hit and not self._has_object(t + hit[1]):
                    return hit[0], t
            if w in lex.passive:
                u = t + 1
                while u < len(low) and low[u] in ADVERBS:
                    u += 1
                hit = _harm_at(lex.harm, low, u) or self._care_harm(u) or self._coordinated_harm(u)
                if hit:
                    return (None if _hypothetical(lex, low, t) else (hit[0], u))
            hit = _harm_at(lex.harm_intransitive, low, t)
            if hit:
                return None if _hypothetical(lex, low, t) else (hit[0], t)
            t += 1
        return None

    def _pronoun_dies(self, t: int) -> bool:
        """Whether a subject pronoun at t is the one the harm verb after it tells of: "until he
        died", "before she was killed"; not "who she said was unarmed, was shot dead"."""
        low, lex = self.low, self.lex
        if low[t] not in SUBJECTS:
            return False
        u = t + 1
        while u < len(low) and (low[u] in ADVERBS or low[u] in lex.single_auxiliaries or low[u] in lex.passive):
            u += 1
        return bool(_harm_at(lex.harm_intransitive, low, u) or _harm_at(lex.harm, low, u))

    def _past_participle_phrase(self, e: int) -> int | None:
        """The passive auxiliary after a participle phrase that describes the group ("12 people
        fleeing the fighting were killed"), if one closes it within a few words."""
        low, lex = self.low, self.lex
        w = low[e] if e < len(low) else ""
        if not (w.endswith("ing") and w.isalpha() and len(w) > 4) or _harm_at(lex.harm_active, low, e) \
                or SUBTOTAL.match(low, e):
            return None
        for t in range(e + 1, min(len(low), e + PHRASE_WORDS)):
            if low[t] in CLAUSE_END or low[t] == "," or _harm_at(lex.harm, low, t) or _harm_at(lex.harm_active, low, t):
                return None
            if low[t] in ("was", "were"):
                return t
        return None

    def _coordinated_harm(self, u: int) -> tuple[str, int] | None:
        """'was hit by a car and killed', 'were attacked and later died': a harm participle
        coordinated with the passive verb after the auxiliary."""
        low, lex = self.low, self.lex
        for t in range(u, min(len(low), u + PHRASE_WORDS)):
            if low[t] in CLAUSE_END or low[t] == ",":
                return None
            if low[t] == "and":
                v = t + 1
                while v < len(low) and low[v] in ADVERBS:
                    v += 1
                hit = _harm_at(lex.harm, low, v) or _harm_at(lex.harm_intransitive, low, v)
                return hit if hit and not self._has_object(v + hit[1]) else None
        return None

    def _care_harm(self, t: int) -> tuple[str, int] | None:
        n = self.lex.care_for_wounds(self.low, t)
        return ("injured", n) if n else None

    def _aside_end(self, comma: int) -> int | None:
        """The index after the comma that closes an aside opened at `comma`, if it closes soon
        and the aside is a subtotal or a description ("including five children", "many elderly")."""
        low = self.low
        for t in range(comma + 1, min(len(low), comma + 9)):
            if low[t] in CLAUSE_END:
                return None
            if low[t] == ",":
                inside = low[comma + 1:t]
                if inside and not any(self.lex.harm_intransitive[o].match(low, comma + 1 + i)
                                      for o in OUTCOMES for i in range(len(inside))) \
                        and not any(w in self.lex.passive for w in inside):
                    return t + 1
                return None
        return None

    def _inclusion_end(self, t: int) -> int | None:
        """The token after "including a commander" when it stands inside a group's clause."""
        n = SUBTOTAL.match(self.low, t)
        q = next((q for q in self.quantities if q.start == t + n), None) if n else None
        if q is None:
            return None
        head = self.head(q)
        if head:
            return self.group_end(head[2])
        group = self.open_group(q)
        return group[1] if group else q.end

    def _has_object(self, t: int) -> bool:
        """'killed 3 people' is active: the group before it did the killing."""
        low = self.low
        if t >= len(low):
            return False
        return t in self.starts \
            or low[t] in ("the", "a", "an", "them", "him", "her", "his", "their", "dozens", "hundreds") \
            or (self.sent.doc[t].is_title and low[t] not in TIME_WORDS)  # "fatally shot Russia's ambassador"

    def harm_before(self, q: Quantity) -> tuple[str, int] | None:
        low, lex = self.low, self.lex
        t, steps = q.start - 1, 0
        while t >= 0 and steps < 5:
            hit = _harm_ending_at(lex.harm_active, low, t)
            if hit and t == q.start - 1 and hit[1] > 0 and low[hit[1]].endswith("ing") \
                    and low[hit[1] - 1] in lex.determiners:
                # "called the killing a tragedy": a gerund after "the" is a noun ("the wounding of 8" counts)
                return None
            if hit:  # "threatened to kill 5": the intention is read before the phrase starts
                return None if _hypothetical(lex, low, hit[1]) else (hit[0], t)
            hit = _harm_ending_at(lex.harm_nouns, low, t)
            if hit:
                return hit[0], t
            if low[t] in RISING:
                return self._toll_of_one_event(t)
            if low[t] not in LEFT_CONNECTORS:
                return None
            t, steps = t - 1, steps + 1
        return None

    def _toll_of_one_event(self, verb: int) -> tuple[str, int] | None:
        """The toll a rising verb tells, past what it is the toll of: "the toll from Sunday's
        bombing rose to 30", "the death toll in the three villages has risen to 52"."""
        low, lex = self.low, self.lex
        for u in range(verb - 1, max(-1, verb - PHRASE_WORDS), -1):
            if low[u] in CLAUSE_END or low[u] == "," or u in self.numbered:
                return None
            hit = _harm_ending_at(lex.harm_nouns, low, u)
            if hit and low[u] in lex.total_nouns:
                return hit[0], u
        return None

    def not_a_count(self, q: Quantity, taken: set[int]) -> bool:
        """A figure read already (`taken`, a whole's), a zero, a figure of lives saved, or an
        age: "saved 12", "died at 79", "age 91, died"."""
        if q.start in taken or q.start in self.wholes or q.value == 0:
            return True
        before = self.low[q.start - 1] if q.start > 0 else None
        return before in self.lex.saving or before in self.lex.age_words \
            or (q.start > 1 and self.lex.age_after.match(self.low, q.start - 2) == 2)

    def harm_of(self, q: Quantity, head: tuple[int, int, int], end: int, found: list[Casualty]):
        """The harm a counted group suffered, where it was read from, and the whole it is part of."""
        whole = self.subtotal_of(q, found)
        link, via = ((whole.outcome, q.start), "subtotal") if whole else (self.harm_after(end), "after")
        if link is None and whole is None:
            link, via = self.part_of_deaths(q), "part"  # "more deaths near the plant, including 12 mothers"
        if link is None:
            after_head = None if self._has_object(head[2] + 1) or self._total_at(head[2]) \
                else self.death_noun(head[2], head[2] + 1)  # "the official death toll" counts no official
            # "6 rebel fatalities", not "the gunman injured a man"
            link, via = (self.death_noun(head[1], head[2]) or after_head
                         or self.harm_modifier(head[0], max(head[1], head[2] - 1))), "head"  # "27 dead civilians"
        if link is None:
            link, via = self.harm_before_figure(q, end), "before"
        return link, via, whole

    # -- the whole sentence ----------------------------------------------------------------
    def link(self) -> list[Casualty]:
        found: list[Casualty] = self.kin_lists() + self.zeros()
        taken: set[int] = set()
        for c in found:
            taken.update(range(c.start, c.end))
        pending: list[tuple[Quantity, tuple[int, int] | None, str]] = []
        for q in sorted(self.quantities + self.definites(taken), key=lambda q: q.start):
            if self.not_a_count(q, taken):
                continue
            head = self.head(q)
            if self.none_of(q):
                if head and (link := self.harm_after(self.group_end(head[2]))):
                    found.append(Casualty(link[0], 0, 0, "exact", q.start, q.end, (head[0], self.group_end(head[2])),
                                          self.victim_type((head[1], head[2]), (head[0], self.group_end(head[2]))),
                                          link[1], "zero"))
                continue
            if head and self.denominator(q, self.group_end(head[2])):
                continue
            if head is None:
                if not q.definite and q.start not in self.decoyed:
                    self.link_open_group(q, found, pending)
                continue
            group_start, head_start, head_end = head
            if q.word and not self.lex.singular(self.low[head_start:head_end], known_only=q.definite):
                continue  # "a" before a plural is not a count
            end = self.group_end(head_end)
            victims, vtype = (group_start, end), self.victim_type((head_start, head_end), (group_start, end))
            link, via, whole = self.harm_of(q, head, end, found)
            if link is None:
                pending.append((q, victims, vtype))
                continue
            found.append(Casualty(link[0], q.low, q.high, q.qualifier, q.start, q.end, victims, vtype, link[1], via,
                                  q.definite, whole.start if whole and via == "subtotal" else None))
        self.coordinate(found, pending)
        self.distribute_bounds(found)
        self.later_died(found)
        found += self.single_deaths(found)
        for c in found:
            if c.victims and not self.names_people(c.victims):
                c.victims = None  # "a shocking blow", "1,000 dead": no group of people named
        self.mark_mixed(found)
        told = [c for c in found if not modality.is_rate(self.lex, self.low, c.start, c.end, c.harm)
                and not modality.is_possibility(self.lex, self.sent, c.start, c.harm)]
        return sorted(told, key=lambda c: c.start)

    def names_people(self, group: tuple[int, int]) -> bool:
        """Whether a group is headed by a person noun or a name: "members of the security
        forces", "Abiola Bankolemoh", "Palestinians"; not "shocking blow", "dead", "includes"."""
        low, lex = self.low, self.lex
        head = next((t for t in range(group[0] + 1, group[1]) if low[t] == "of"), group[1]) - 1
        if head < group[0] or low[head] in lex.unnamed_heads:
            return False
        if low[head] in lex.kin or low[head].endswith(lex.person_suffixes) \
                or (self.sent.doc[head].is_title and low[head] not in lex.not_names):
            return True
        return any(lex.victim_heads.match(low, t) == head + 1 - t for t in range(group[0], head + 1))

    def mark_mixed(self, found: list[Casualty]) -> None:
        """`mixed` when the text puts more than one kind among the dead: "people, including 53
        gendarmes" (a whole of no kind with armed men in it), "soldiers, including 3 civilians",
        "20 dead on both sides", "people ... half killed by the army and others by loyalists"."""
        low, lex = self.low, self.lex
        by_start = {c.start: c for c in found}
        for part in found:
            whole = by_start.get(part.whole) if part.whole is not None else None
            if whole is None or part.victim_type in ("unknown", "mixed", whole.victim_type):
                continue
            if whole.victim_type != "unknown" or part.victim_type != "civilian":
                whole.victim_type = "mixed"
            else:
                whole.victim_type = "civilian"  # "12 people, including 5 children": nothing says otherwise
        split = next((t for t in range(len(low)) if lex.split_killers.match(low, t) and "by" in low[:t]), None)
        for c in found:
            end = max(c.end, c.harm + 1)
            if c.victim_type == "unknown" and split is not None and split > end:
                c.victim_type = "mixed"  # "1,000 people died, half killed by the army and others by loyalists"
                continue
            for t in range(end, min(len(low), end + lex.mixed_reach)):
                if low[t] in CLAUSE_END or t in self.starts:
                    break
                if lex.mixed_phrases.match(low, t):
                    c.victim_type = "mixed"
                    break

    def later_died(self, found: list[Casualty]) -> None:
        """'injured a neighbour, who later died': the hurt who died are counted among the dead."""
        low, lex = self.low, self.lex
        for c in found:
            if c.outcome != "injured" or c.victims is None:
                continue
            t = c.victims[1] + (low[c.victims[1]:c.victims[1] + 1] == [","])
            if low[t:t + 1] != ["who"]:
                continue
            t += 1
            while t < len(low) and (low[t] in ADVERBS or low[t] in lex.passive):
                t += 1
            if lex.harm_intransitive["killed"].match(low, t) or lex.harm["killed"].match(low, t):
                c.outcome = "killed"

    def definites(self, taken: set[int]) -> list[Quantity]:
        """One person named by a definite or possessive noun phrase ("killing the driver",
        "her son died"): a count of one, like a spelled "a"."""
        out = []
        if self.low and self.sent.doc[0].is_title and self.lex.singular(self.low[:1], known_only=True) \
                and self.low[0] not in self.lex.kin and 0 not in taken and 0 not in self.numbered:
            out.append(Quantity(0, 0, 1, 1, "exact", word=True, definite=True))  # a headline's "Teen shot dead"
        for i, w in enumerate(self.low):
            if (w in self.lex.determiners and i not in taken and i not in self.numbered and (i + 1) not in self.starts
                    and (i - 1) not in self.numbered):  # "both the drivers": the figure counts them
                out.append(Quantity(i, i + 1, 1, 1, "exact", word=True, definite=True))
        return out

    def harm_before_figure(self, q: Quantity, group_end: int) -> tuple[str, int] | None:
        """A spelled "a" only right after the harm word: "killed a man", not "killed near a
        village"; or a verb that kills with "to death" after the group ("stabbed a man to death")."""
        low, verb = self.low, q.start - 1
        if verb >= 0 and low[verb] in self.lex.to_death_verbs and low[group_end:group_end + 2] == ["to", "death"]:
            return "killed", verb
        link = self.harm_before(q)
        if link and q.word and (link[1] != q.start - 1 or (low[link[1]] != "of" and not _harm_ending_at(
                self.lex.harm_active, low, link[1]))):
            return None  # "called his death a shocking blow": a noun before "a" counts it only with "of"
        return link

    def open_group(self, q: Quantity) -> tuple[int, int] | None:
        """A victim group whose head the lexicon does not know ("a local leader of Awami League",
        "one gendarme"): the words up to the next function word or figure, none a decoy."""
        low, lex = self.low, self.lex
        t = k = self._group_start(q)
        while (t < len(low) and t - k < OPEN_GROUP_WORDS and low[t] not in CLAUSE_END and low[t] not in GROUP_END
               and low[t] not in ADVERBS and low[t] not in TIME_WORDS and t not in self.starts
               and not _harm_at(lex.harm, low, t) and not lex.attribution_verbs.match(low, t)):
            if lex.decoy_at(low, t) or not low[t].isalpha():
                return None
            if low[t] == "of" and self.death_noun(t - 1, t):
                break  # "the first fatality of the clashes": the death noun heads the group
            t += 1
        if t > k and low[t - 1] == "of":
            t -= 1  # "a member of a government agency": the group stops before the next figure
        return (k, t) if t > k else None

    def link_open_group(self, q: Quantity, found: list[Casualty], pending: list) -> None:
        """A figure with no known victim noun: "9 were killed", "killed one gendarme", "a local
        leader was beaten to death". A spelled "a" counts only when a harm word governs its group."""
        group = self.open_group(q)
        end = group[1] if group else q.end
        # Without a known noun, the harm word must follow the group at once ("was killed", "died").
        tight = end < len(self.low) and (self.low[end] in self.lex.passive or _harm_at(self.lex.harm, self.low, end)
                                         or _harm_at(self.lex.harm_intransitive, self.low, end))
        whole = self.subtotal_of(q, found)
        # The group's head stands before its "of" ("the first fatality of the storm").
        head_end = next((t for t in range(group[0] + 1, end) if self.low[t] == "of"), end) if group else end
        noun = self.death_noun(head_end - 1, head_end) if group else None
        link: tuple[str, int] | None
        if whole:
            link, via = (whole.outcome, q.start), "subtotal"
        elif noun and q.word and self.low[noun[1]] in self.lex.total_nouns:
            return  # "a comprehensive casualty toll": a total, not one death
        elif noun and group:  # "1 death", "2 rebel fatalities": the noun itself counts the dead (noun: of a group)
            link, via, group = noun, "head", ((group[0], head_end - 1) if head_end - 1 > group[0] else None)
        else:
            link, via = (self.harm_after(end, adjacent_only=group is None) if tight or group is None else None), "after"
        if link is None:
            link, via = self.harm_before_figure(q, end), "before"
            if link and group is None and not self._stands_alone(q.end):
                link = None
        if q.word and (end == q.end or link is None):
            return  # an unknown noun after "a" counts only with its own harm word
        vtype = self.victim_type((group[1] - 1, group[1]), group) if group else "unknown"
        if link is None:
            pending.append((q, group, vtype))
            return
        found.append(Casualty(link[0], q.low, q.high, q.qualifier, q.start, q.end, group, vtype, link[1], via,
                              whole=whole.start if whole else None))

    def death_noun(self, start: int, end: int) -> tuple[str, int] | None:
        """'120 dead bodies', '1,000 dead': the group's own noun says they died."""
        words = tuple(self.low[start:end])
        for outcome in OUTCOMES:
            if words in self.lex.harm_nouns[outcome]:
                return outcome, start
        return None

    def _total_at(self, t: int) -> bool:
        """Whether a death noun at t names a total ("death toll", "body count"), not the group."""
        n = self.lex.harm_nouns["killed"].match(self.low, t)
        return n > 1 and self.low[t + n - 1] in self.lex.total_nouns

    def harm_modifier(self, start: int, end: int) -> tuple[str, int] | None:
        """'dozens of injured people', '27 dead civilians'."""
        for t in range(start, end):
            hit = _harm_at(self.lex.harm, self.low, t)
            if hit:
                return hit[0], t
        return None

    def _stands_alone(self, t: int) -> bool:
        low = self.low
        if t < len(low) and low[t] == "of":
            return self._partitive_of_people(t + 1)
        return t >= len(low) or low[t] in ALONE_BEFORE or low[t] in TIME_WORDS  # "killed a dozen yesterday"

    def _partitive_of_people(self, t: int) -> bool:
        """'killing 2 of them', 'one of the passengers' count; 'one of the country's
        minorities' (a group of groups) does not."""
        low = self.low
        if t < len(low) and low[t] in PARTITIVE_PRONOUNS:
            return True
        for u in range(t, min(len(low), t + 5)):
            if self.lex.victim_heads.match(low, u) or low[u] in self.lex.kin:
                return True
            if low[u] in CLAUSE_END or low[u] == ",":
                break
        return False

    def part_of_deaths(self, q: Quantity) -> tuple[str, int] | None:
        """(outcome, harm token) when q is a part of deaths told without a figure: "more cancer
        deaths near the plant, including 12 mothers", "many injuries, among them 3 children"."""
        low = self.low
        for start in range(max(0, q.start - 3), q.start):
            n = SUBTOTAL.match(low, start)
            if not n or start + n != q.start:
                continue
            for u in range(start - 1, max(-1, start - 10), -1):
                if low[u] in CLAUSE_END or (low[u] == "," and u != start - 1):
                    break
                hit = _harm_at(self.lex.harm_nouns, low, u)
                if hit and low[u] not in self.lex.total_nouns:  # "the toll, including 3 children" has a figure
                    return hit[0], u
        return None

    def subtotal_of(self, q: Quantity, found: list[Casualty]) -> Casualty | None:
        """The figure q is a part of: "12 killed, including 3 children", "5 civilians (2 men
        and 3 women)"."""
        for start in range(max(0, q.start - 3), q.start):
            n = SUBTOTAL.match(self.low, start)
            if n and start + n == q.start:
                earlier = [c for c in found if c.end <= start]
                return earlier[-1] if earlier else None
        opening = next((t for t in range(q.start - 1, max(-1, q.start - 20), -1) if self.low[t] in ("(", ")")), None)
        if opening is not None and self.low[opening] == "(":
            return next((c for c in found if (c.victims or (c.start, c.end))[1] == opening), None)
        return None

    def coordinate(self, found: list[Casualty], pending) -> None:
        """'two men and three women were killed': the group before "and" shares the verb;
        'killed 2 soldiers and 3 civilians': so does the group after it."""
        by_end = {(c.victims or (c.start, c.end))[1]: c for c in found}
        for q, victims, vtype in pending:
            t = q.start
            while t > 0 and self.low[t - 1] in (",", "and", "or"):
                t -= 1
            partner = by_end.get(t) if t < q.start else None
            if partner and partner.via in ("before", "coordinated"):
                c = Casualty(partner.outcome, q.low, q.high, q.qualifier, q.start, q.end, victims, vtype,
                             partner.harm, "coordinated", q.definite)
                found.append(c)
                by_end[(victims or (q.start, q.end))[1]] = c
        done = {c.start for c in found}
        pending = [p for p in pending if p[0].start not in done]
        by_start = {c.start: c for c in found}
        for q, victims, vtype in reversed(pending):
            if victims is None:
                continue
            nxt = victims[1]
            if nxt < len(self.low) and self.low[nxt] in (",", "and", "or"):
                nxt += 1
                if nxt < len(self.low) and self.low[nxt] == "and":
                    nxt += 1
            partner = by_start.get(nxt)
            if partner and partner.via in ("after", "coordinated", "kin", "head"):
                c = Casualty(partner.outcome, q.low, q.high, q.qualifier, q.start, q.end, victims, vtype,
                             partner.harm, "coordinated", q.definite)
                found.append(c)
                by_start[c.start] = c

    def distribute_bounds(self, found: list[Casualty]) -> None:
        """'at least 12 killed and 30 wounded': the bound covers both figures."""
        ordered = sorted(found, key=lambda c: c.start)
        for first, second in pairwise(ordered):
            between = self.low[first.end:second.start]
            if (second.qualifier == "exact" and first.qualifier in ("at_least", "more_than", "approx", "up_to")
                    and "and" in between and len(between) <= 4 and second.low):
                value = second.low
                second.qualifier = first.qualifier
                second.low, second.high = {"at_least": (value, None), "more_than": (value, None),
                                           "approx": (value, value), "up_to": (None, value)}[first.qualifier]

    # -- one person, by name or pronoun ---------------------------------------------------
    def single_deaths(self, found: list[Casualty]) -> list[Casualty]:
        """'Abiola Bankolemoh, 2, was pronounced dead', 'before he was killed': one person who
        died, told by name or pronoun. A name or pronoun inside a group counted already ("a
        man, John Smith, was killed") adds no one."""
        low, lex, doc = self.low, self.lex, self.sent.doc
        if all(tok.is_title or tok.is_upper for tok in doc if tok.is_alpha and len(tok) > 3):
            return []  # a headline in title case: every word looks like a name
        inside = {t for c in found for t in range(min(c.start, c.harm), max(c.end, c.harm))}
        harmed = {c.harm for c in found}  # "John Smith, a teacher, was shot dead": the teacher is he
        out, i = [], 0
        while i < len(low):
            if i in inside or i in self.numbered:
                i += 1
                continue
            if low[i] in lex.single_pronouns:
                end, vtype, named = i + 1, "unknown", False
            else:
                name_end = self._name_end(i)
                if name_end is None:
                    i += 1
                    continue
                end, vtype, named = name_end, "unknown", True
                object_of = self._harm_before_name(i, end)
                if object_of:  # "the men killed Hankins", "accused of killing Doris Jackson"
                    if object_of[1] not in harmed:
                        out.append(Casualty(object_of[0], 1, 1, "exact", i, end, (i, end), vtype, object_of[1],
                                            "name", definite=True))
                    i = end
                    continue
            if i > 0 and low[i - 1] in NAME_NOT_AFTER:
                i = end  # the whole run is a place or a thing: "at Chapel Hill Harvester Church"
                continue
            link, vtype, alone = self._single_harm(end, vtype)
            # One capitalised word opening the sentence ("Democracy died") is a name only with an
            # apposition, or as the surname of a full name told before.
            if link and link[1] not in harmed and (not named or i > 0 or end - i > 1 or not alone
                                                   or low[i] in self.surnames):
                out.append(Casualty(link[0], 1, 1, "exact", i, end, (i, end) if named else None, vtype,
                                    link[1], "name" if named else "pronoun", definite=True))
            i = end
        return out

    def _harm_before_name(self, i: int, end: int) -> tuple[str, int] | None:
        """(outcome, harm) when the name at i..end is the object of a harm verb or noun right
        before it ("killed Hankins to", "the killing of Mary Ellison,"), and the name ends the
        noun phrase: not "killed Afghan soldiers", "killed Kabul's mayor", nor a people ("killed Syrians")."""
        low, lex = self.low, self.lex
        if i == 0:
            return None
        hit = _harm_ending_at(lex.harm_active, low, i - 1)
        if hit is None:
            noun = _harm_ending_at(lex.harm_nouns, low, i - 1)
            hit = noun if noun and low[i - 1] == "of" else None  # "the body of", "the killing of"
        after = low[end] if end < len(low) else "."
        if hit is None or _hypothetical(lex, low, hit[1]) or after in POSSESSIVE_MARKS \
                or not (after in CLAUSE_END or after in GROUP_END or after in TIME_WORDS or after in TIME_OPENERS):
            return None
        name = " ".join(low[i:end])
        return None if name in focus.demonyms() or name in focus.settings().peoples else hit

    def _hometown_end(self, t: int) -> int:
        """Past where a named person is from, to the verb: "Cody Pratt of Dayton, Ohio, was
        killed", "Ann Lee of Leeds died"; t itself when no "of" and place name stand there."""
        low, doc = self.low, self.sent.doc
        if low[t:t + 1] != ["of"] or t + 1 >= len(low) or not doc[t + 1].is_title:
            return t
        j = t + 1
        while j < len(low) and (doc[j].is_title or low[j] == ","):
            if low[j] == "," and not (j + 1 < len(low) and doc[j + 1].is_title):
                break
            j += 1
        # the comma that closes the place leads to the verb, or opens an apposition (", a teacher,")
        if low[j:j + 1] == [","] and j + 1 < len(low) and (low[j + 1] in self.lex.single_auxiliaries
                                                           or low[j + 1] in ADVERBS
                                                           or _harm_at(self.lex.harm_intransitive, low, j + 1)):
            return j + 1
        return j

    def _name_end(self, i: int) -> int | None:
        """The end of a run of capitalised words that can be a person's name, starting at i."""
        low, lex, doc = self.low, self.lex, self.sent.doc
        if not (doc[i].is_title and doc[i].is_alpha) or low[i] in lex.not_names or low[i] in TIME_WORDS \
                or (low[i],) in lex.victims or low[i] in lex.kin or low[i] in lex.number_words or lex.decoy_at(low, i):
            return None
        j = i + 1
        while j < len(low) and j - i < lex.max_name_words:
            if doc[j].is_title and low[j] not in TIME_WORDS and (low[j],) not in lex.victims:
                j += 1
            else:
                k = j
                while k < len(low) and low[k] in lex.name_particles:
                    k += 1  # "al-Baghdadi", "van der Berg"
                if k == j or k >= len(low) or not doc[k].is_title:
                    break
                j = k + 1
        return j

    def _single_harm(self, t: int, vtype: str) -> tuple[tuple[str, int] | None, str, bool]:
        """(link, victim type, whether no apposition came between) for the harm that a person's
        name or pronoun ending at t governs: "died", "was (later) killed", ", 2, was pronounced
        dead", ", a teacher, was shot dead". A name that opens the sentence alone needs an apposition."""
        low, lex = self.low, self.lex
        alone = True
        t = self._hometown_end(t)
        if low[t:t + 1] == [","]:
            close = next((u for u in range(t + 1, min(len(low), t + lex.max_apposition_words + 2))
                          if low[u] in CLAUSE_END or low[u] == ","), None)
            inside = low[t + 1:close] if close and low[close] == "," else None
            if not inside or close is None or any(
                    _harm_at(lex.harm, inside, k) or _harm_at(lex.harm_intransitive, inside, k)
                    or lex.attribution_verbs.match(inside, k) for k in range(len(inside))):
                return None, vtype, alone
            if len(inside) == 1 and inside[0].isdigit():
                vtype = "civilian" if int(inside[0]) < lex.child_age else vtype  # ", 2,": a child
            elif inside[0] in ("a", "an", "the"):  # ", a teacher,"; not ", who had no passengers,"
                vtype = next((lex.victims[(w,)] for w in inside if (w,) in lex.victims), vtype)
            t, alone = self._hometown_end(close + 1), False  # "Mr. Osei, 34, of Kribi, died"
        while t < len(low) and low[t] in ADVERBS:
            t += 1
        hit = _harm_at(lex.harm_intransitive, low, t)
        if hit and low[t] not in lex.single_not_past:
            return (hit[0], t), vtype, alone
        if t >= len(low) or low[t] not in lex.single_auxiliaries:
            return None, vtype, alone
        while t < len(low) and (low[t] in lex.single_auxiliaries or low[t] in ADVERBS):
            t += 1
        hit = _harm_at(lex.harm, low, t) or _harm_at(lex.harm_intransitive, low, t) or self._care_harm(t)
        if hit and not self._has_object(t + hit[1]):
            return (hit[0], t), vtype, alone
        hit = self._coordinated_harm(t)
        return ((hit[0], t) if hit else None), vtype, alone

    # -- relatives and zeros ---------------------------------------------------------------
    def kin_lists(self) -> list[Casualty]:
        """'his parents, brother, sister and her two children were shot dead' = 6."""
        low, lex, out, i = self.low, self.lex, [], 0
        while i < len(low):
            if low[i] not in POSSESSIVES:
                i += 1
                continue
            j, total, members, exact, number = i, 0, 0, True, None
            while j < len(low):
                w = low[j]
                if w in POSSESSIVES or w in (",", "and"):
                    j += 1
                    continue
                parsed = _parse_number(lex, low, j) if w not in ("a", "an") else None
                if parsed and number is None:
                    number, j = parsed[0], parsed[1]
                    continue
                if w in lex.kin:
                    if number is not None:
                        total += number
                    else:
                        total += lex.kin[w]
                        exact = exact and not (w.endswith("s") and w not in ("parents", "grandparents", "twins"))
                    members, number, j = members + 1, None, j + 1
                    continue
                break
            while j > i and low[j - 1] in (",", "and"):
                j -= 1
            if members and number is None:
                link = self.harm_after(j)
                if link:
                    out.append(Casualty(link[0], total, total if exact else None, "exact" if exact else "at_least",
                                        i, j, (i, j), "civilian", link[1], "kin"))
            i = max(j, i + 1)
        return out

    def none_of(self, q: Quantity) -> bool:
        """Whether the figure follows "none of (the)", "neither of": it counts those spared."""
        before = q.start - (1 if q.start and self.low[q.start - 1] in ("the", "its", "their", "his", "her") else 0)
        return any(self.lex.zero_partitives.match(self.low, k) == before - k for k in range(max(0, before - 5), before))

    def denominator(self, q: Quantity, end: int) -> bool:
        """Whether the figure's group opens its clause after "of the", and a comma closes it:
        "Of the 40 passengers, 3 were hurt" tells the whole, not the hurt."""
        opens = [k for k in range(max(0, q.start - 3), q.start)
                 if self.lex.denominators.match(self.low, k) == q.start - k
                 and (k == 0 or self.low[k - 1] in CLAUSE_END or self.low[k - 1] == ",")]
        harmed = any(_harm_at(self.lex.harm, self.low, t) or _harm_at(self.lex.harm_intransitive, self.low, t)
                     for t in range(q.end, end))  # "Among the 12 dead, 5 were children": 12 died
        return bool(opens) and self.low[end:end + 1] == [","] and not harmed

    def zeros(self) -> list[Casualty]:
        low, lex, out = self.low, self.lex, []
        for i in range(len(low)):
            n = lex.zero_phrases.match(low, i)
            if n:
                out.append(Casualty(lex.zero_outcome[tuple(low[i:i + n])], 0, 0, "exact", i, i + n, None,
                                    "unknown", i, "zero"))
                continue
            n = lex.zero_subjects.match(low, i)
            if n:
                link = self.harm_after(i + n)
                if link:
                    out.append(Casualty(link[0], 0, 0, "exact", i, i + n, (i, i + n), "unknown", link[1], "zero"))
        return out


def find_casualties(lex: Lexicon, sent: Sentence, surnames: frozenset[str] = frozenset()) -> list[Casualty]:
    """`surnames`: the last words of the full names told before in the document, which name a
    person when they open a sentence alone ("Shulman died in 2003")."""
    return Linker(lex, sent, surnames).link()


def attacked_kind(lex: Lexicon, sent: Sentence) -> str | None:
    """The kind of the group an attack in the sentence is made on ("gunmen ambushed a column of
    trucks whose occupants were loyal to the government": security forces), or None. "Hit by"
    and "struck by" name who attacked, not whom."""
    low = sent.low
    for t in range(len(low)):
        n = lex.attack_verbs.match(low, t)
        if not n or low[t + n:t + n + 1] == ["by"]:
            continue
        for k in range(t + n, len(low)):
            if low[k] in (".", ";"):
                break
            m = lex.victim_heads.match(low, k)
            kind = lex.victims.get(tuple(low[k:k + m])) if m else lex.victim_modifiers.get(low[k])
            if kind and kind != "unknown":
                return kind
    return None
