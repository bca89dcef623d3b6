"""Paragraphs and sentences of a cleaned text, with their offsets (syntok)."""
from __future__ import annotations

from syntok import segmenter

from corroborate.extract.lexicon import lexicon
from corroborate.extract.tokens import WORD, Sentence

HEADING_MAX_WORDS = 10
LEAD_SENTENCES = 5  # the headline and lead are always split: they say what kind of event it was


def split(text: str) -> list[Sentence]:
    """Each line is a paragraph; syntok splits it into sentences. Past the lead (which
    events read sentence by sentence), a paragraph with no word a claim or a verification
    statement could start from is kept whole: splitting it would cost most of the
    extraction time and find nothing."""
    lex = lexicon()
    wanted = lex.trigger_words | lex.verification_words
    out: list[Sentence] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        heading = bool(stripped) and stripped[-1] not in ".!?:\"'”’)" and len(stripped.split()) <= HEADING_MAX_WORDS
        if stripped and len(out) >= LEAD_SENTENCES and wanted.isdisjoint(WORD.findall(line.lower())):
            start = len(line) - len(line.lstrip())
            out.append(Sentence(stripped, pos + start, number, heading))
        elif stripped:
            for paragraph in segmenter.analyze(line):
                for tokens in paragraph:
                    first, last = tokens[0], tokens[-1]
                    start, end = first.offset, last.offset + len(last.value)
                    out.append(Sentence(line[start:end], pos + start, number, heading))
        pos += len(line) + 1
    return out
