"""HTML pages through trafilatura, comments excluded."""
from __future__ import annotations

import html as htmllib

from corroborate.clean.plain import clean_plain
from corroborate.document import Text


def clean_html(raw: str) -> Text:
    import trafilatura  # here: commands that never clean HTML start without it

    extracted = trafilatura.bare_extraction(raw, include_comments=False, include_tables=True,
                                            with_metadata=True)
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    title = (getattr(extracted, "title", None) or "").strip() if extracted else ""
    if not body:
        # Fragments (feed entries, snippets) are too small for trafilatura's article finder.
        fragment = trafilatura.html2txt(raw) or ""
        return Text(clean_plain(fragment).text, (), "html-fragment")
    lines = [title] if title and not body.startswith(title) else []
    lines += [line.strip() for line in body.splitlines() if line.strip()]
    return _locate(raw, lines)


def _locate(raw: str, lines: list[str]) -> Text:
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
    return Text("\n".join(lines), tuple(pieces), "trafilatura")
