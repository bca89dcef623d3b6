"""Who says it: the speaker a claim is attributed to, as written ("SNHR", "the government",
"a resident"), or None when the outlet itself asserts it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.extract.lexicon import Lexicon, load_rules
from corroborate.extract.tokens import DASHES, MONTH_NAMES, WEEKDAYS, Sentence

ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
# Where a speaker's name stops when read leftwards from its verb.
LEFT_STOPS = {",", ";", ":", "when", "that", "while", "as", "but", "where", "after", "before", "because",
              "if", "and", "\"", "“", "”", "'", "which", "who", "since", "though", "although", "until"}
# Where it stops when read rightwards (after "according to", "said").
RIGHT_STOPS = {",", ";", ":", ".", "that", "who", "which", "on", "in", "when", "\"", "“", "”", "(", "-", "–", "—",
               "about"}
APPOSITIVE_MAX = 30  # words between the commas or dashes around a speaker's description
PARTICIPLE_CUT = re.compile(r"^\w+ed$")  # "One video posted online" → "One video"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
AUXILIARIES = {"had", "has", "have", "was", "were", "is", "are", "would", "will", "also", "later",
               "had also", "could", "did", "does", "do", "then", "previously", "earlier"}
PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}
ARTICLES = {"a", "an", "the"}
PASSIVE_OR_ARTICLE = PASSIVE | ARTICLES
# Where a speaker's words end, read rightwards: a clause's end, or what it says ("said that").
SPEAKER_ENDS = {",", ";", ":", ".", "!", "?", "that", "\"", "“", "”", "(", ")", "—", "–"}
GENERIC_GROUPS = {"groups", "organisations", "organizations", "monitors", "agencies", "sources"}


@dataclass(frozen=True)
class Toll:
    verbs: frozenset[str]
    nouns: frozenset[str]
    prepositions: frozenset[str]
    window: int


@dataclass(frozen=True)
class Rules:
    """attribution.toml's rules for toll setters and pronouns (see there)."""

    toll: Toll
    refers_to: dict[str, frozenset[str]]  # "they" → {"group", "organisation"}
    pronoun_window: int
    speaker_kinds: dict[str, frozenset[str]]  # "ministry" → {"organisation"}
    not_after: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    att = load_rules("attribution.toml")
    toll, pronouns, kinds = att["toll"], att["pronouns"], att["speaker_kinds"]
    by_word: dict[str, set[str]] = {}
    for kind in ("person", "organisation", "group"):
        for word in kinds[kind]:
            by_word.setdefault(word, set()).add(kind)
    return Rules(
        toll=Toll(frozenset(toll["verbs"]), frozenset(toll["nouns"]), frozenset(toll["prepositions"]),
                  int(toll["window"])),
        refers_to={p: frozenset(kinds) for p, kinds in pronouns["refers_to"].items()},
        pronoun_window=int(pronouns["window"]),
        speaker_kinds={w: frozenset(k) for w, k in by_word.items()},
        not_after=frozenset(kinds["not_after"]),
    )


def _clean(name: str) -> str | None:
    name = name.strip(" ,.;:-–—\"'“”‘’")
    acronym = ACRONYM.search(name)
    if acronym:
        return acronym.group(1)
    return name or None


def _right_span(lex: Lexicon, sent: Sentence, i: int, limit: int = 9) -> str | None:
    low, j = sent.low, i
    while j < len(low) and j - i < limit and (low[j] not in RIGHT_STOPS or _inside_word(sent, j)) \
            and not lex.attribution_verbs.match(low, j):
        j += 1
    # keep an acronym in brackets: "Syrian Network for Human Rights (SNHR)"
    if j + 2 < len(low) and low[j] == "(" and low[j + 2] == ")":
        j += 3
    return _clean(sent.span_text(i, j))


def _inside_word(sent: Sentence, t: int) -> bool:
    """A hyphen with no space either side joins a word ("pro-government"); a dash ends a name."""
    doc = sent.doc
    return sent.low[t] in DASHES and 0 < t < len(doc) - 1 and not doc[t - 1].whitespace_ and not doc[t].whitespace_


def _acronym(sent: Sentence, t: int) -> bool:
    """"WHO" in "The World Health Organization (WHO)" is a name, not the pronoun."""
    return sent.doc[t].is_upper and len(sent.doc[t]) > 1


def _subject_before(lex: Lexicon, sent: Sentence, verb: int) -> tuple[int, int] | None:
    low, t = sent.low, verb - 1
    # skip an appositive that ends right before the verb: "SNHR - an independent group - said"
    if t >= 0 and (low[t] in DASHES or low[t] == ","):
        closing = low[t]
        u = t - 1
        while u >= 0 and (low[u] != closing or _inside_word(sent, u)) and t - u < APPOSITIVE_MAX:
            u -= 1  # "- an independent UK-based group -": the hyphen in a word opens nothing
        # a clause that describes the speaker may be longer: "Goodwin, who ... emphysema, says"
        if u >= 0 and low[u] == closing and (t - u < 12 or low[u + 1] in ("who", "which")):
            t = u - 1
    end = t + 1
    # a verb right before the verb is a noun of the subject: "American reports claimed"
    while t >= 0 and not (low[t] in LEFT_STOPS and not _acronym(sent, t)) and end - t <= 12 \
            and not (_is_verb_end(lex, sent, t) and t < verb - 1) \
            and not (low[t] in DASHES and not _inside_word(sent, t)):
        t -= 1
    if t >= 0 and low[t] == "who" and not _acronym(sent, t) and t + 1 < end:
        return _subject_before(lex, sent, t)  # "A camp official who asked not to be named said"
    start = t + 1
    while end > start and low[end - 1] in AUXILIARIES:
        end -= 1  # "it had counted" → "it"
    if start >= end:
        return None
    # cut a trailing participle phrase: "One video posted online on March 7"
    for j in range(start + 1, end):
        if PARTICIPLE_CUT.match(low[j]) and low[j] not in ("united",) and not sent.doc[j].is_title \
                and not _inside_word(sent, j - 1):  # "the Britain-based Observatory"
            if low[j - 1] in AUXILIARIES or low[j - 1] in PASSIVE:
                return None  # "cases have been confirmed": a clause, not a speaker
            end = j
            break
    if start < end and low[start] in rules().not_after and not _acronym(sent, start):
        # "On Monday the ministry said", "In Syria police said": the phrase that sets the
        # scene ends at the next article, or after its one word
        start = next((j for j in range(start + 2, end) if low[j] in ARTICLES), start + 2)
    return (start, end) if start < end else None


def _is_verb_end(lex: Lexicon, sent: Sentence, t: int) -> bool:
    """Is token t the last word of an attribution verb? ("... said it had counted")."""
    verbs = lex.attribution_verbs
    if PARTICIPLE_CUT.match(sent.low[t]):
        return False  # "One video posted online ... showed": a participle inside the subject
    return any(verbs.match(sent.low, s) == t - s + 1 for s in range(max(0, t - 3), t + 1))


def source(lex: Lexicon, sentences: list[Sentence], index: int, figure: int) -> str | None:
    """The source of the figure at token `figure` of sentences[index], or None (the outlet).
    A pronoun that speaks ("he said") is the speaker it stands for, read from the sentences
    before; one that stands for nobody found gives way to the next speaker in the sentence."""
    for name, pronoun in _speakers(lex, sentences[index], figure):
        if pronoun is None:
            return name
        named = antecedent(lex, sentences, index, pronoun)
        if named:
            return named
    return None


def speakers_words(lex: Lexicon, sent: Sentence) -> list[tuple[int, int]]:
    """The token spans that name who speaks, with where they stand: "according to officials in
    Gaza City", "reporters at al-Ahli hospital in Gaza City said", ", a doctor at Nasser Hospital
    in Khan Younis told AFP". A place there is where the source is, not where people died. A
    span holds no number and no harm word, and a speaker before its verb is set off (the
    sentence's start, a comma, "that"): otherwise the words may be what is said."""
    if "speakers" not in sent.memo:
        sent.memo["speakers"] = [span for span in _speaker_spans(lex, sent) if not _tells(lex, sent, *span)]
    return sent.memo["speakers"]


def _speaker_spans(lex: Lexicon, sent: Sentence):
    low = sent.low
    for _, end in sent.find(lex.attribution_preps):
        yield end, _clause_end(lex, sent, end)
    for start, end in _verbs(lex, sent):
        # told after what it says (", officials said", ", said a doctor at X", ", a doctor at X
        # told AFP in Y"): the words after the verb are the speaker's too, to the clause's end
        if start > 0 and low[start - 1] == "," and _tells(lex, sent, 0, start):
            yield start, _clause_end(lex, sent, end)
        span = _subject_before(lex, sent, start)
        if span is None or not (span[0] == 0 or low[span[0] - 1] in LEFT_STOPS):
            continue
        after = low[span[0] - 1] == "," and _tells(lex, sent, 0, span[0]) if span[0] else False
        yield span[0], _clause_end(lex, sent, end) if after else end


def _clause_end(lex: Lexicon, sent: Sentence, k: int) -> int:
    """Where the words from k on stop being a speaker's: a clause's end, "that", a number, a harm word."""
    low, doc, harm = sent.low, sent.doc, lex.trigger_words
    while k < len(low) and low[k] not in SPEAKER_ENDS and not doc[k].like_num and low[k] not in harm:
        k += 1
    return k


def _tells(lex: Lexicon, sent: Sentence, start: int, end: int) -> bool:
    """Whether the words between start and end tell a figure or a harm: no speaker's words."""
    harm = lex.trigger_words
    return any(sent.doc[t].like_num or sent.low[t] in harm for t in range(start, end))


def _speakers(lex: Lexicon, sent: Sentence, figure: int):
    """The candidate speakers of the figure, the governing one first: (name, None), or
    (None, pronoun) for a pronoun subject."""
    low = sent.low
    # 1. "according to X", "verified by X": the named source, wherever it stands.
    for _, end in sent.find(lex.attribution_preps):
        name = _right_span(lex, sent, end)
        if name:
            yield _name_of_group(name), None
            return
    verbs = _verbs(lex, sent)
    before = [v for v in verbs if v[0] < figure]
    after = [v for v in verbs if v[0] > figure]
    # 2. '..., said Hassan Harfoush, an Alawite from ...': the name follows the verb.
    #    A lower-case name follows a quote and says what speaks: '"...," said district officer Lena Okoro'.
    for start, end in verbs:
        if start > 0 and low[start - 1] in (",", "\"", "”", "“") and end < len(low):
            name = _right_span(lex, sent, end, limit=6)  # "Interior Ministry spokesman Shota Utiashvili"
            if name and (sent.doc[end].is_title or low[start - 1] != "," and _has_kind_word(name.split())):
                yield name, None
                return
    # 3. 'SNHR said ...', 'Another woman listed ...': the nearest speaker before the figure,
    #    then one after it ('..., police said').
    for start, _ in list(reversed(before)) + after:
        span = _subject_before(lex, sent, start)
        if span is None or span[0] <= figure < span[1]:
            continue  # "with a further three deaths recorded": the figure is no speaker
        words = low[span[0]:span[1]]
        if len(words) == 1 and words[0] in PRONOUNS:
            if not _acronym(sent, span[0]):
                yield None, words[0]
            continue
        yield _name_of_group(sent.span_text(*span)), None


def _verbs(lex: Lexicon, sent: Sentence) -> list[tuple[int, int]]:
    """The sentence's attribution verbs, and the verbs that set a toll ("put the toll at").
    "were reported": the subject of a passive is what was reported, not who reported it;
    "claimed 488 lives": a thing claimed, not a statement; "an estimated 1,400", "the
    reported deaths": after an article, a participle describes; "a gunman accused of
    killing eight": the one accused, not the accuser; "the United States": a name."""
    low, doc = sent.low, sent.doc
    found = [(start, end) for start, end in sent.find(lex.attribution_verbs)
             if not (start > 0 and low[start - 1] in PASSIVE_OR_ARTICLE) and not lex.claims_a_thing(low, end)
             and low[end:end + 1] != ["of"] and not (start > 0 and doc[start].is_title and doc[start - 1].is_title)]
    return sorted(found + _toll_setters(sent))


def _toll_setters(sent: Sentence) -> list[tuple[int, int]]:
    """Verbs that set a toll ("put the toll at 20"): a toll verb, a toll noun soon after it,
    then a preposition ("at", "to") and a number."""
    toll, low = rules().toll, sent.low
    out = []
    for i, word in enumerate(low):
        if word not in toll.verbs or (i > 0 and low[i - 1] in PASSIVE_OR_ARTICLE):
            continue
        noun = next((j for j in range(i + 1, min(i + 1 + toll.window, len(low))) if low[j] in toll.nouns), None)
        prep = next((j for j in range(noun + 1, min(noun + 1 + toll.window, len(low)))
                     if low[j] in toll.prepositions), None) if noun is not None else None
        if prep is not None and any(t.like_num for t in sent.doc[prep + 1:prep + 4]):
            out.append((i, i + 1))
    return out


def antecedent(lex: Lexicon, sentences: list[Sentence], index: int, pronoun: str) -> str | None:
    """The speaker a pronoun in sentences[index] stands for: the most recent one, in the
    sentences before, of a kind the pronoun can refer to ("he" a person, "it" an
    organisation). In each sentence the speakers it quotes come first, then the people and
    bodies it names, left to right."""
    rule = rules()
    wanted = rule.refers_to.get(pronoun, frozenset())
    for earlier in reversed(sentences[max(0, index - rule.pronoun_window):index]):
        for name, kinds in _mentions(lex, earlier):
            if kinds & wanted:
                return name
    return None


def _mentions(lex: Lexicon, sent: Sentence):
    """(name, kinds) of the speakers a sentence quotes, then of those it names."""
    for name, _ in _speakers(lex, sent, len(sent.low)):
        if name:
            yield name, _kinds(name.split(), quoted=True)
    yield from _named(sent)


def _named(sent: Sentence):
    """Phrases that name a person or a body: runs of capitalised words and speaker nouns
    ("Health official Amina Diallo", "the ministry", "The International Committee of the
    Red Cross"), with the kinds they can be."""
    rule, doc, low = rules(), sent.doc, sent.low
    t = 0
    while t < len(doc):
        if not _name_like(sent, t):
            t += 1
            continue
        start = t
        while t < len(doc) and (_name_like(sent, t) or (low[t] in ("of", "for", "the") and t + 1 < len(doc)
                                                         and t > start and doc[t + 1].is_title)):
            t += 1
        end = t
        while end > start and low[end - 1] in ("of", "for", "the"):
            end -= 1  # "the Red Cross of the": the name ends at its last name word
        if end == start:
            continue
        head = start - 1
        if head >= 0 and low[head] in ARTICLES:
            head -= 1  # "the ministry": the article belongs to the name
        if head >= 0 and low[head] in rule.not_after or low[start] in rule.not_after:
            continue  # "in Kano State", "On Tuesday": a place or a time
        words = [token.text for token in doc[start:end]]
        kinds = _kinds(words, quoted=False)
        if not any(w[:1].isupper() for w in words) or not (_has_kind_word(words) or head < 0 or low[head] == ","):
            kinds = kinds - {"person"}  # "his father": a person, but not one named; a bare
            # capitalised pair ("Kano State") names a person only as a subject
        if kinds:
            yield sent.span_text(head + 1, end), kinds


def _name_like(sent: Sentence, t: int) -> bool:
    token, word = sent.doc[t], sent.low[t]
    if word in MONTH_NAMES or word in WEEKDAYS:
        return False
    return token.is_title or (token.is_upper and len(token) > 1 and token.is_alpha) or word in rules().speaker_kinds


def _has_kind_word(words: list[str]) -> bool:
    return any(w.lower() in rules().speaker_kinds for w in words)


def _kinds(words: list[str], quoted: bool) -> frozenset[str]:
    """The kinds of speaker a name can be, read from its head word: the last speaker noun
    before "of" or "for". Without one, an acronym is an organisation and two or more
    capitalised words a person; a quoted speaker with no telling word can be any kind."""
    kinds_of = rules().speaker_kinds
    lows = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lows) if w in ("of", "for")), len(lows))
    head = next((kinds_of[w] for w in reversed(lows[:cut]) if w in kinds_of), None)
    if head:
        return head
    names = [w for w in words if w[:1].isupper() and w.lower() not in ARTICLES]
    if len(names) == 1 and len(words) == 1 and names[0].isupper() and len(names[0]) > 1:
        return frozenset({"organisation"})
    if quoted:
        return (frozenset({"person", "organisation", "group"}) if len(names) < 2
                else frozenset({"person", "organisation"}))
    return frozenset({"person"}) if len(names) >= 2 else frozenset()


def _name_of_group(name: str) -> str | None:
    """'Monitoring groups including SNHR' → 'SNHR': the named member speaks for the group."""
    name = _clean(name) or ""
    words = name.split()
    if "including" in words:
        lead = words[: words.index("including")]
        if lead and lead[-1].lower() in GENERIC_GROUPS:
            return _clean(" ".join(words[words.index("including") + 1:]))
    return name or None


def is_media(lex: Lexicon, source: str | None) -> bool:
    return source is not None and source != "" and any(w in lex.media_speakers for w in source.lower().split()[:3])
