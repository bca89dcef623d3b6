"""What a search shows: for each document found, the sentence that matched, its words marked.
The page and /api/search both read `results`, so the two say the same."""
from __future__ import annotations

from typing import Literal, get_args

from fastapi import Query
from markupsafe import Markup, escape

from corroborate.api import Store
from corroborate.extract.sentences import split
from corroborate.fold import keyed

Kind = Literal["places", "incidents", "documents"]
KINDS: tuple[str, ...] = get_args(Kind)
ONE_KIND = Query(None, description="One kind, a page at a time; without it, the first page of each.")
PER_PAGE = {"places": 10, "incidents": 10, "documents": 20}  # each kind's first page, all shown at once
PER_KIND_PAGE = 50  # a page of one kind
WIDTH = 240  # characters either side of the match, in a sentence too long to show whole


def _anchor(text: str, q: str, keys: list[str], words: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Where the query matched best: as typed; else its folded words in a row; else the first
    word of the paragraph holding most of them."""
    at = text.lower().find(q.lower())
    if at >= 0:
        return at, at + len(q)
    folded = [key for _, _, key in words]
    for k in range(len(words) - len(keys) + 1):
        if folded[k:k + len(keys)] == keys:
            return words[k][0], words[k + len(keys) - 1][1]
    wanted = set(keys)
    held: dict[int, set[str]] = {}  # by paragraph start: the query's words in it
    first: dict[int, int] = {}  # by paragraph start: its first word of the query
    for k, (start, _, key) in enumerate(words):
        if key in wanted:
            line_start = _paragraph(text, start)[0]
            held.setdefault(line_start, set()).add(key)
            first.setdefault(line_start, k)
    if not held:
        return None
    best = first[max(held, key=lambda line_start: (len(held[line_start]), -line_start))]
    return words[best][0], words[best][1]


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """Where the line holding `at` starts and ends."""
    return text.rfind("\n", 0, at) + 1, text.find("\n", at) % (len(text) + 1)


def matched(text: str, q: str, keys: list[str]) -> Markup:
    """The sentence where the query matched, the query's words (folded or as typed) marked."""
    words = keyed(text)
    found = _anchor(text, q, keys, words)
    if found is None:
        return Markup(escape(text[:2 * WIDTH]) + ("…" if len(text) > 2 * WIDTH else ""))
    start, end = found
    line_start, line_end = _paragraph(text, start)
    sentence_start, sentence_end = line_start, line_end
    for sentence in split(text[line_start:line_end]):
        s = line_start + sentence.start
        if s <= start < s + len(sentence.text):
            sentence_start, sentence_end = s, s + len(sentence.text)
            break
    first, last = max(sentence_start, start - WIDTH), min(sentence_end, end + WIDTH)
    marks = sorted({(start, end)} | {(s, e) for s, e, key in words if key in keys and first <= s and e <= last})
    out, at = ["…" if first > sentence_start else ""], first  # "…": the sentence goes on, too long to show whole
    for s, e in marks:
        if s >= at:
            out += [str(escape(text[at:s])), f"<mark>{escape(text[s:e])}</mark>"]
            at = e
    out += [str(escape(text[at:last])), "…" if last < sentence_end else ""]
    return Markup("".join(out))


def results(store: Store, q: str, what: str | None, page: int) -> dict:
    """The search's answer: each kind (or only `what`, a page of it) with its total and items;
    each document with the sentence that matched ("sentence", marked HTML)."""
    limits = ({what: (PER_KIND_PAGE, (page - 1) * PER_KIND_PAGE)} if what
              else {kind: (PER_PAGE[kind], 0) for kind in KINDS})
    found = store.search(q, limits)
    if "documents" in found:
        texts = store.texts([d["doc_id"] for d in found["documents"]["items"]])
        for d in found["documents"]["items"]:
            d["sentence"] = matched(texts[d["doc_id"]], q, found["keys"])
    return found
