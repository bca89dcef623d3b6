"""Plain-text captures of web pages: the article, then whatever the page put after it."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from corroborate.document import Text
from corroborate.rules import load

# A tail marker this early is a page header or a byline widget, not the article's end.
MIN_ARTICLE_CHARS = 300


@lru_cache(maxsize=1)
def chrome_rules() -> tuple[re.Pattern, re.Pattern]:
    """The patterns of page chrome (chrome.toml, extended by CORROBORATE_RULES): where an
    article's tail begins, and lines that are never article."""
    rules = load(Path(__file__).with_name("chrome.toml"))
    def compile_all(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return compile_all(rules["tail"]), compile_all(rules["line"])


def _lines(raw: str):
    """(start, end) of each line without its line break."""
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def clean_plain(raw: str) -> Text:
    tail, chrome = chrome_rules()
    kept: list[tuple[int, int]] = []
    content_chars = 0
    for start, end in _lines(raw):
        line = raw[start:end].strip()
        if not line:
            continue
        if content_chars >= MIN_ARTICLE_CHARS and tail.fullmatch(line):
            break
        if chrome.fullmatch(line):
            continue
        # Trim surrounding blanks but keep the run verbatim, so offsets stay exact.
        lead = len(raw[start:end]) - len(raw[start:end].lstrip())
        kept.append((start + lead, start + lead + len(line)))
        content_chars += len(line)
    return _join(raw, kept, "plain")


def _join(raw: str, runs: list[tuple[int, int]], method: str) -> Text:
    parts, pieces, pos = [], [], 0
    for start, end in runs:
        pieces.append((pos, start, end - start))
        parts.append(raw[start:end])
        pos += end - start + 1
    return Text("\n".join(parts), tuple(pieces), method)
