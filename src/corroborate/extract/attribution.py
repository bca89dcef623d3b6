"""Who says it: the speaker a claim is attributed to, as written ("SNHR", "the government",
"a resident"), or None when the outlet itself asserts it."""
from __future__ import annotations

import re

from corroborate.extract.lexicon import Lexicon
from corroborate.extract.tokens import DASHES, Sentence

ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
# Where a speaker's name stops when read leftwards from its verb.
LEFT_STOPS = {",", ";", ":", "when", "that", "while", "as", "but", "where", "after", "before", "because",
              "if", "and", "\"", "“", "”", "'", "which", "who", "since", "though", "although", "until"}
# Where it stops when read rightwards (after "according to", "said").
RIGHT_STOPS = {",", ";", ":", ".", "that", "who", "which", "on", "in", "when", "\"", "“", "”", "(", "-", "–", "—", "about"}
PARTICIPLE_CUT = re.compile(r"^\w+ed$")  # "One video posted online" → "One video"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
AUXILIARIES = {"had", "has", "have", "was", "were", "is", "are", "would", "will", "also", "later",
               "had also", "could", "did", "does", "do", "then", "previously", "earlier"}
PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}
ARTICLES = {"a", "an", "the"}
PASSIVE_OR_ARTICLE = PASSIVE | ARTICLES
GENERIC_GROUPS = {"groups", "organisations", "organizations", "monitors", "agencies", "sources"}


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
        while u >= 0 and (low[u] != closing or _inside_word(sent, u)) and t - u < 12:
            u -= 1  # "- an independent UK-based group -": the hyphen in a word opens nothing
        if u >= 0 and low[u] == closing:
            t = u - 1
    end = t + 1
    while t >= 0 and not (low[t] in LEFT_STOPS and not _acronym(sent, t)) and end - t <= 12 \
            and not _is_verb_end(lex, sent, t) and not (low[t] in DASHES and not _inside_word(sent, t)):
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
    return start, end


def _is_verb_end(lex: Lexicon, sent: Sentence, t: int) -> bool:
    """Is token t the last word of an attribution verb? ("... said it had counted")."""
    verbs = lex.attribution_verbs
    if PARTICIPLE_CUT.match(sent.low[t]):
        return False  # "One video posted online ... showed": a participle inside the subject
    return any(verbs.match(sent.low, s) == t - s + 1 for s in range(max(0, t - 3), t + 1))


def speaker(lex: Lexicon, sent: Sentence, figure: int) -> str | None:
    """The source of the figure at token `figure` in the sentence, or None (the outlet)."""
    low = sent.low
    # 1. "according to X", "verified by X": the named source, wherever it stands.
    for start, end in sent.find(lex.attribution_preps):
        name = _right_span(lex, sent, end)
        if name:
            return _name_of_group(name)
    # "were reported": the subject of a passive is what was reported, not who reported it;
    # "claimed 488 lives": a thing claimed, not a statement; "an estimated 1,400", "the
    # reported deaths": after an article, a participle describes; "a gunman accused of
    # killing eight": the one accused, not the accuser
    verbs = [(start, end) for start, end in sent.find(lex.attribution_verbs)
             if not (start > 0 and low[start - 1] in PASSIVE_OR_ARTICLE) and not lex.claims_a_thing(low, end)
             and low[end:end + 1] != ["of"]]
    before = [v for v in verbs if v[0] < figure]
    after = [v for v in verbs if v[0] > figure]
    # 2. '..., said Hassan Harfoush, an Alawite from ...': the name follows the verb.
    for start, end in verbs:
        if start > 0 and low[start - 1] in (",", "\"", "”", "“") and end < len(low) and sent.doc[end].is_title:
            return _right_span(lex, sent, end, limit=6)  # "Interior Ministry spokesman Shota Utiashvili"
    # 3. 'SNHR said ...', 'Another woman listed ...': the nearest speaker before the figure,
    #    then one after it ('..., police said').
    for start, _ in list(reversed(before)) + after:
        span = _subject_before(lex, sent, start)
        if span is None or span[0] <= figure < span[1]:
            continue  # "with a further three deaths recorded": the figure is no speaker
        words = low[span[0]:span[1]]
        if len(words) == 1 and words[0] in PRONOUNS:
            continue
        return _name_of_group(sent.span_text(*span))
    return None


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
    return bool(source) and any(w in lex.media_speakers for w in source.lower().split()[:3])
