"""clean: Document → Text. Keep the article; drop page chrome, teasers, footers, comments."""
from __future__ import annotations

from corroborate.clean.html import clean_html
from corroborate.clean.plain import clean_plain
from corroborate.document import Document, Text


def original(doc: Document) -> str:
    """The archived bytes as text: what a Text's pieces point into."""
    return doc.content.decode(doc.charset)


def clean(doc: Document) -> Text:
    raw = original(doc)
    if doc.kind == "text/html":
        return clean_html(raw)
    return clean_plain(raw)


__all__ = ["clean", "original"]
