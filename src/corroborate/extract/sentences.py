"""Paragraphs and sentences of a cleaned text, with their offsets (syntok)."""
from __future__ import annotations

import re
from functools import lru_cache

from syntok import segmenter

from corroborate.extract.lexicon import lexicon, load_rules
from corroborate.extract.tokens import WORD, Sentence

HEADING_MAX_WORDS = 10
LEAD_SENTENCES = 5  # the headline and lead are always split: they say what kind of event it was
# A sentence end the splitter leaves alone because no capital follows it.
LOWER_CASE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[a-z])")
SPACE = re.compile(r"\s+")
SENTENCE_ENDS = ".!?:;\"'”’)]"


def split(text: str) -> list[Sentence]:
    """Each line is a paragraph; syntok splits it into sentences, and a sentence too long to
    be evidence is cut further (see `_cut`). Past the lead (which events read sentence by
    sentence), a paragraph with no word a claim or a verification statement could start
    from is kept whole: splitting it would cost most of the extraction time and find nothing."""
    lex = lexicon()
    wanted = lex.trigger_words | lex.verification_words
    out: list[Sentence] = []
    pos = 0
    for number, line in _lines(text):
        stripped = line.strip()
        heading = bool(stripped) and stripped[-1] not in ".!?:\"'”’)" and len(stripped.split()) <= HEADING_MAX_WORDS
        if stripped and len(out) >= LEAD_SENTENCES and wanted.isdisjoint(WORD.findall(line.lower())):
            start = len(line) - len(line.lstrip())
            out.append(Sentence(stripped, pos + start, number, heading))
        elif stripped:
            for paragraph in segmenter.analyze(line):
                for tokens in paragraph:
                    first, last = tokens[0], tokens[-1]
                    for start, end in _cut(line, first.offset, last.offset + len(last.value)):
                        out.append(Sentence(line[start:end], pos + start, number, heading))
        pos += len(line) + 1
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    """(number, line) of each paragraph: a line, or a line broken in mid-sentence joined to the
    next, with the break kept (a line with no sentence end before one that opens in lower
    case: "treated for non-life threatening\ninjuries at a nearby hospital")."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n")):
        if out and line[:1].islower() and (before := out[-1][1].rstrip()) and before[-1] not in SENTENCE_ENDS:
            out[-1] = (out[-1][0], f"{out[-1][1]}\n{line}")
        else:
            out.append((number, line))
    return out


@lru_cache(maxsize=1)
def _long() -> tuple[int, int, re.Pattern, re.Pattern]:
    rules = load_rules("sentences.toml")["long"]
    words = "|".join(sorted(map(re.escape, rules["clause_words"]), key=len, reverse=True))
    return (int(rules["max_chars"]), int(rules["min_chars"]), re.compile(r"[;:]\s+|,\s+|\s{2,}"),
            re.compile(rf"\s+(?=(?:{words})\b)"))


def _cut(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """line[start:end] as sentence-sized spans: whole when short enough; else cut where a
    sentence ends before a lower-case word, then, for a piece still too long, at the best
    boundary that leaves it no longer than the limit."""
    max_chars, _, _, _ = _long()
    if end - start <= max_chars:
        return [(start, end)]
    pieces, at = [], start
    for match in LOWER_CASE_END.finditer(line, start, end):
        pieces.append((at, match.start() + len(match.group().rstrip())))
        at = match.end()
    pieces.append((at, end))
    return [span for piece in pieces for span in _cut_clauses(line, *piece)]


def _cut_clauses(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece longer than the limit, cut at the last strong boundary inside the window the
    limit allows (semicolon, colon; else comma or double space; else before a clause word;
    else a space), until what is left is short enough."""
    max_chars, min_chars, punctuation, clause = _long()
    out = []
    while end - start > max_chars:
        window = (start + min_chars, start + max_chars)
        cut = None
        for pattern in (punctuation, clause, SPACE):
            found = list(pattern.finditer(line, *window))
            if found:
                best = found[-1]
                if pattern is punctuation:  # a semicolon or colon outranks a comma
                    best = next((m for m in reversed(found) if m.group()[0] in ";:"), best)
                cut = best
                break
        if cut is None:  # one word longer than the window: cut it at the limit
            out.append((start, start + max_chars))
            start += max_chars
            continue
        piece_end = cut.start() + (1 if cut.group()[0] in ";:," else 0)
        out.append((start, piece_end))
        start = cut.end()
    out.append((start, end))
    return out
