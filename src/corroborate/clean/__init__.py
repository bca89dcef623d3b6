"""clean: Document → Text. Keep the article; drop page chrome, teasers, footers, comments."""
from __future__ import annotations

from corroborate.clean.html import clean_html
from corroborate.clean.plain import clean_plain
from corroborate.document import Document, Text


def clean(doc: Document) -> Text:
    raw = doc.content.decode(doc.charset)
    if doc.kind == "text/html":
        return clean_html(raw)
    return clean_plain(raw)


__all__ = ["clean"]
