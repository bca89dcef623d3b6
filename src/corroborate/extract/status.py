"""How sure: verified, unverified, alleged or reported, in the sentence and across a passage
("Reuters was unable to independently confirm these accounts", an editor's note)."""
from __future__ import annotations

from corroborate.extract.lexicon import Lexicon
from corroborate.extract.tokens import Sentence

PASSAGE_PARAGRAPHS = 3  # how far a passage-wide statement reaches


def sentence_status(lex: Lexicon, sent: Sentence) -> str:
    low = sent.low
    if sent.find(lex.unverified):
        return "unverified"
    for _, end in sent.find(lex.hedges):
        if not lex.claims_a_thing(low, end):
            return "alleged"
    if sent.find(lex.verified):
        return "verified"
    return "reported"


def mentions_footage(lex: Lexicon, sent: Sentence) -> bool:
    return any(w in lex.governs_footage for w in sent.low)


def passage_statements(lex: Lexicon, sentences: list[Sentence]):
    """Yield (index, status, what) for each sentence whose (un)verification governs others:
    what is "footage", "accounts" (the passage before) or "claim" (the one claim before)."""
    keywords = lex.verification_words
    for index, sent in enumerate(sentences):
        if keywords.isdisjoint(sent.bare_words):
            continue  # most sentences: no need to tokenize them
        for status, table in (("unverified", lex.unverified), ("verified", lex.verified)):
            for start, end in sent.find(table):
                # the thing (not) verified: "verify the videos", "the claims could not be verified"
                near = sent.low[end:end + 6] + sent.low[max(0, start - 4):start]
                if any(w in lex.governs_footage for w in near):
                    yield index, status, "footage"
                elif status == "unverified" and any(w in lex.governs_accounts for w in near):
                    singular = any(w in lex.governs_claim for w in near)
                    yield index, status, "claim" if singular else "accounts"


def governed(lex: Lexicon, sentences: list[Sentence], statement: int, status: str, what: str,
             target: int, attributed: bool) -> bool:
    """Does the statement in sentence `statement` govern a claim in sentence `target`?"""
    here, there = sentences[statement], sentences[target]
    if what == "footage":
        if not mentions_footage(lex, there):
            return False
        if status == "unverified":
            return True  # "the videos linked in this article": the whole document
        return 0 <= there.paragraph - here.paragraph <= PASSAGE_PARAGRAPHS and target > statement \
            and _same_section(sentences, statement, target)
    # "these accounts": what people told us, in the passage before the statement
    return attributed and target < statement and here.paragraph - there.paragraph <= PASSAGE_PARAGRAPHS \
        and _same_section(sentences, target, statement)


def _same_section(sentences: list[Sentence], first: int, last: int) -> bool:
    return not any(s.heading for s in sentences[first + 1:last + 1])
