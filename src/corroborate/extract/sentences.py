"""Paragraphs and sentences of a cleaned text, with their offsets (syntok)."""
from __future__ import annotations

import re
from functools import lru_cache

import regex
from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Tokenizer

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
            for first, last in _sentence_spans(line):
                for start, end in _cut(line, first, last):
                    out.append(Sentence(line[start:end], pos + start, number, heading))
        pos += len(line) + 1
    return out


# syntok reads a paragraph token by token in Python: a sixth of the analysis time. Its
# sentences are found here without it where its rules leave no choice (those of the syntok
# pinned in constraints.txt, _segmentation_states.py; tests/test_sentences.py compares the
# two on the cases it weighs), and it reads only the rest:
# - it ends a sentence only at a terminal token (TERMINALS) or before an opening bracket;
# - at a full stop (or "?", "!") right after a token of two characters or more that is not
#   an abbreviation, a roman numeral or "no" and has no stop inside ("U.S", "3.5"), followed
#   by a closing quote or none, one space and a capital or a quote, every rule it weighs says
#   "split", unless the stop lies in brackets it skips (BRACKETS: none may be open there) or
#   the token is a number and the next one a month's abbreviation ("4. Jan"). The tokens are
#   syntok's own ("1950s", "criminals" of "non-criminals", "n't"): it cuts a word between
#   spaces alike wherever the word stands;
# - what follows such a split is read afresh, as a paragraph is;
# - a piece with no terminal or opening bracket but at its end is one sentence, nor with
#   terminals where every rule it weighs reads on (`_reads_on`).
TERMINALS = "".join(sorted(t for t in State.terminals if len(t) == 1))  # "..." is made of "."
OPENING = "".join(sorted(State.opening_brackets))
BRACKETS = "".join(sorted(State.opening_brackets | State.closing_brackets | set("()[]{}")))
CLOSING_QUOTES = "".join(sorted(State.closing_quotes))
SURE_END = re.compile(rf"(?<=[^\W_])[.?!][{re.escape(CLOSING_QUOTES)}]?(?= [A-Z\"“‘'])")
WORD_BEFORE = regex.compile(r"[^\s\u200b]+", regex.REVERSE)  # what syntok's tokenizer reads as one word
WORD_AFTER = regex.compile(r"[^\s\u200b]+")
TOKENIZER = Tokenizer(replace_not_contraction=False)  # as segmenter.analyze makes it
PLAIN_WORD = re.compile(r"[A-Z]*[a-z]*")  # one token as it stands: the tokenizer need not read it
# "(Reuters)", "[sic]": a pair the tokenizer makes two tokens of, with no bracket between,
# which syntok skips as a whole or reads through, never past its closing bracket (any
# closing bracket closes what any opening one opened).
CLOSED_PAIR = re.compile(rf"[(\[{{](?=[^\W_])[^{re.escape(BRACKETS)}]*(?<=[^\W_])[)\]}}]")
# "2.4", "p.m", "U.S", "gannett.com": a stop between two letters or digits is inside a token
# (none a terminal), but between a lower-case and a capital letter ("said.Then"), where the
# tokenizer cuts.
STOP_IN_WORD = regex.compile(r"(?<=[^\W_])(?<!\p{Ll})\.(?=[^\W_])|(?<=[^\W_])\.(?=[^\W_])(?!\p{Lu})", regex.V0)
OPEN_BRACKET = re.compile(rf"[{re.escape(BRACKETS)}]")
ONE_SENTENCE = re.compile(rf"[^{re.escape(TERMINALS + OPENING)}]*[{re.escape(TERMINALS)}]*"
                          rf"[{re.escape(CLOSING_QUOTES)}]?")
NOT_ENDING = State.abbreviations | State.roman_numerals | {"no", "No", "NO"}
OPENING_BRACKET = re.compile(rf"[{re.escape(OPENING)}]")
INNER_STOPS = re.compile(rf"[{re.escape(TERMINALS)}]+")
CLOSING_STOP = re.compile(rf"[{re.escape(TERMINALS)}]*[{re.escape(CLOSING_QUOTES)}]?\Z")


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) in `line` of each sentence syntok finds in it, as its first token's
    offset and its last token's end: the line cut where syntok surely splits, each piece
    one sentence or split by syntok."""
    spans = []
    for start, end in _pieces(line):
        piece = line[start:end]
        lead = len(piece) - len(piece.lstrip(" "))
        if _one_sentence(piece[lead:]):
            spans.append((start + lead, end))
            continue
        for paragraph in segmenter.analyze(piece):
            for tokens in paragraph:
                first, last = tokens[0], tokens[-1]
                spans.append((start + first.offset, start + last.offset + len(last.value)))
    return spans


def _pieces(line: str) -> list[tuple[int, int]]:
    """The line cut after each stop where syntok surely ends a sentence (see above); a
    piece after a cut starts with the space syntok reads before its first word."""
    pieces, at = [], 0
    for stop in SURE_END.finditer(line):
        if not _ends(line, stop) or OPEN_BRACKET.search(CLOSED_PAIR.sub("", line[at:stop.start()])):
            continue
        pieces.append((at, stop.end()))
        at = stop.end()
    pieces.append((at, len(line)))
    return pieces


def _ends(line: str, stop: re.Match) -> bool:
    """Whether syntok's rules all split at the stop, by the token before it (and, after a
    number, the token after it): see above."""
    before = _token_before(line, stop.start())
    if len(before) < 2 or before in NOT_ENDING or "." in before:
        return False
    return not before.isnumeric() or _token_after(line, stop.end() + 1) not in State.months


def _one_sentence(piece: str) -> bool:
    """Whether syntok reads the piece as one sentence from its first character to its last:
    no space at its ends, no opening bracket, and no terminal but its closing stop (and one
    closing quote after it) or where it surely reads on (`_reads_on`); a stop inside a token
    is none."""
    if not piece or piece[0].isspace() or piece[-1].isspace() or "\u200b" in (piece[0], piece[-1]):
        return False
    body = STOP_IN_WORD.sub("_", piece)
    if ONE_SENTENCE.fullmatch(body) is not None:
        return True
    if OPENING_BRACKET.search(body):
        return False
    end = next(CLOSING_STOP.finditer(body)).start()  # it matches at the end of any text
    return all(_reads_on(piece, stop) for stop in INNER_STOPS.finditer(body, 0, end))


def _reads_on(piece: str, stop: re.Match) -> bool:
    """Whether syntok surely reads on past terminals inside a piece: before a comma or a
    colon, or one space and a lower-case word (its first rule); or at a full stop after an abbreviation, a
    token with a stop inside ("U.S", "p.m"), a single capital, consonant or capital roman
    numeral, before a capitalised word that does not start sentences ("p.m. Sunday",
    "Capt. Steve", "Sheila D. Williams"; not "p.m. The")."""
    after = piece[stop.end():stop.end() + 2]
    if after[:1] in (",", ":"):
        return True  # "Ky., New Haven": a comma or colon next, its first rule again
    if len(after) < 2 or after[0] != " ":
        return False
    if "a" <= after[1] <= "z":
        return True
    if stop.group() != "." or not "A" <= after[1] <= "Z" or stop.start() == 0 or piece[stop.start() - 1].isspace():
        return False
    before = _token_before(piece, stop.start())
    return _token_after(piece, stop.end() + 1) not in State.starters and (
        before in State.abbreviations or "." in before or before.isupper() and before in State.roman_numerals
        or len(before) == 1 and (before.isupper() or before.isalpha() and before not in State.vowels))


def _token_before(line: str, at: int) -> str:
    """syntok's last token of the word that ends at `at` (no space before `at`)."""
    word = WORD_BEFORE.match(line, 0, at).group()
    return word if PLAIN_WORD.fullmatch(word) else list(TOKENIZER.tokenize(word))[-1].value


def _token_after(line: str, at: int) -> str:
    """syntok's first token of the word that starts at `at` (no space at `at`)."""
    word = WORD_AFTER.match(line, at).group()
    return word if PLAIN_WORD.fullmatch(word) else next(TOKENIZER.tokenize(word)).value


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
