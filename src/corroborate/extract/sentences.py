"""Paragraphs and sentences of a cleaned text, with their offsets (syntok)."""
from __future__ import annotations

from functools import lru_cache

from syntok import segmenter

from corroborate.extract.tokens import Sentence

HEADING_MAX_WORDS = 10


@lru_cache(maxsize=2)
def split(text: str) -> list[Sentence]:
    """Each line is a paragraph; syntok splits it into sentences. Claims and events read the
    same text one after the other: the second reader gets the same sentences, tokens included
    (so callers must not change the list)."""
    out: list[Sentence] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        heading = bool(stripped) and stripped[-1] not in ".!?:\"'”’)" and len(stripped.split()) <= HEADING_MAX_WORDS
        if stripped:
            for paragraph in segmenter.analyze(line):
                for tokens in paragraph:
                    first, last = tokens[0], tokens[-1]
                    start, end = first.offset, last.offset + len(last.value)
                    out.append(Sentence(line[start:end], pos + start, number, heading))
        pos += len(line) + 1
    return out
