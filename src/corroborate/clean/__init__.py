"""clean: Document → Text. Keep the article; drop page chrome, teasers, footers, comments."""
from __future__ import annotations

from corroborate.clean.html import clean_html
from corroborate.clean.plain import clean_plain
from corroborate.document import Document, Text


def clean(doc: Document) -> Text:
    raw = doc.content.decode("utf-8-sig")
    if doc.media_type == "text/html":
        return clean_html(raw)
    return clean_plain(raw)


__all__ = ["clean"]
