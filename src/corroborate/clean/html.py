"""HTML pages through trafilatura, comments excluded; what it finds no article in (a feed
entry, a fragment, a page nested too deep for lxml) is read for its own text."""
from __future__ import annotations

import html as htmllib
from html.parser import HTMLParser

from corroborate.document import Text

# Elements that end a line of text; the rest (b, a, span, …) run on inside one.
BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 "
                   "h6 header hr li main nav ol p pre section table td th title tr ul".split())
# Elements whose content is never text a reader sees.
UNSEEN = frozenset({"script", "style", "template", "noscript", "svg", "math"})


def clean_html(raw: str) -> Text:
    import trafilatura  # here: commands that never clean HTML start without it

    extracted = trafilatura.bare_extraction(raw, include_comments=False, include_tables=True,
                                            with_metadata=True)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    title = (getattr(extracted, "title", None) or "").strip() if extracted else ""
    if not body:
        # Fragments and feed entries are too small for trafilatura's article finder, and lxml
        # gives up on pages nested deeper than 255 elements: their own text, then.
        return _locate(raw, own_text(raw), "html-text")
    lines = [title] if title and not body.startswith(title) else []
    lines += [line.strip() for line in body.splitlines() if line.strip()]
    return _locate(raw, lines, "trafilatura")


class _TextReader(HTMLParser):
    """The text of an HTML document, a line per block, from a tokenizer that keeps no tree,
    so that no depth of nesting and no broken markup stops it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.unseen = 0  # depth inside <script>, <style>, …
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in UNSEEN:
            self.unseen += 1
        elif tag == "title":
            self.in_title = True
        if tag in BLOCKS:
            self._end_line()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in UNSEEN and self.unseen:
            self.unseen -= 1
        elif tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.unseen:
            self.line.append(data)

    def _end_line(self) -> None:
        line = " ".join("".join(self.line).split())
        if line:
            self.lines.append(line)
        self.line = []

    def close(self) -> None:
        super().close()
        self._end_line()


def own_text(raw: str) -> list[str]:
    """The lines of text an HTML document shows, its title first."""
    reader = _TextReader()
    reader.feed(raw)
    reader.close()
    title = " ".join("".join(reader.title).split())
    return ([title] if title and (not reader.lines or reader.lines[0] != title) else []) + reader.lines


def _locate(raw: str, lines: list[str], method: str) -> Text:
    """Map each extracted line back to where its text stands in the page, when it stands
    there verbatim (inline markup or entities can hide it; then it has no offset)."""
    decoded = htmllib.unescape(raw)
    same_length = len(decoded) == len(raw)
    pieces, pos, cursor = [], 0, 0
    for line in lines:
        found = decoded.find(line, cursor) if same_length else raw.find(line, cursor)
        if found >= 0:
            pieces.append((pos, found, len(line)))
            cursor = found + len(line)
        pos += len(line) + 1
    return Text("\n".join(lines), tuple(pieces), method)
