"""The readers against generated input (hypothesis): bytes under every file type, JSON lines,
HTML, feeds and WARC records. Whatever comes in, each item is a Document the rest of the
pipeline can take (a valid id and metadata, bytes that decode, a cleaner that does not raise)
or a failure naming where and why; nothing raises past the batch. A Document whose cleaned
text is empty is a failure at ingest (test_bad_input.py holds that case)."""
from __future__ import annotations

import io
import json
import tempfile
from html import escape
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.archive import ReadFailure, read_file
from corroborate.clean import clean
from corroborate.document import Document, id_problem, meta_problem

# Bounded: a few seconds in all, and no single input may take long.
FUZZ = settings(max_examples=40, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".rss", ".xml", ".warc", ".warc.gz", ""]

# HTML from pieces that trip parsers: unclosed and stray tags, comments, entities, scripts,
# deep nesting, NULs, surrogate-free but odd characters.
HTML_PIECES = ["<p>", "</p>", "<div>", "</div>", "<b>", "<script>", "</script>", "<style>", "<!--", "-->", "&amp;",
               "&#", "&#xD800;", "&nbsp;", "<![CDATA[", "]]>", "<html>", "<body>", "<br/>", "<", ">", "\x00", "é",
               "Gunmen killed 5 people in Homs.", " ", "\n", "<div>" * 300, "<title>", "</title>", "\ufeff"]
html_text = st.lists(st.sampled_from(HTML_PIECES), max_size=30).map("".join)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) |
                           st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
FIELD_NAMES = ["id", "text", "html", "title", "authors", "published", "outlet", "url", "country", "doc_id"]
records = st.dictionaries(st.sampled_from(FIELD_NAMES), json_values | html_text | st.text(max_size=40), max_size=6)
jsonl_lines = st.lists(records.map(json.dumps) | st.text(max_size=40) | st.just('{"id": "s", "text": "\\ud800"}'),
                       max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))


def _check(path: Path) -> None:
    """Every item read from `path` is usable or a named failure; reading never raises."""
    for item in read_file(path):
        if isinstance(item, ReadFailure):
            assert item.where.startswith(str(path)) or item.where.startswith(str(path.parent)), item
            assert item.reason.strip()
            continue
        assert isinstance(item, Document)
        assert id_problem(item.doc_id) is None and meta_problem(item.meta) is None, item
        item.content.decode(item.charset)
        clean(item)  # must not raise; an empty result is refused at ingest


def _read(suffix: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        _check(path)


@FUZZ
@given(st.sampled_from(SUFFIXES), st.binary(max_size=2000))
def test_any_bytes_under_any_name(suffix, content):
    _read(suffix, content)


@FUZZ
@given(st.sampled_from([".txt", ".html", ""]), st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
       html_text, st.binary(max_size=7))
def test_wide_encodings_with_a_bom_and_odd_tails(suffix, encoding, text, tail):
    _read(suffix, ("\ufeff" + text).encode(encoding) + tail)


@FUZZ
@given(jsonl_lines)
@example(b'{"id": "a", "text": "x"}\n\x00')  # a NUL that hypothesis found
def test_json_lines(content):
    """And each line is one item of its own, named by its number: no line takes the ones after it down."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        path.write_bytes(content)
        _check(path)
        found = list(read_file(path))
        if b"\x00" in content:  # a binary file is refused whole, not line by line
            assert [(f.where, "binary" in f.reason) for f in found] == [(str(path), True)]
            return
        wheres = [item.origin if isinstance(item, Document) else item.where for item in found]
        lines = [n for n, line in enumerate(content.split(b"\n"), 1) if line.strip()]
        assert wheres == ([f"{path}:{n}" for n in lines] if lines else [str(path)])


@FUZZ
@given(st.lists(records, max_size=4))
def test_json_arrays(items):
    _read(".json", json.dumps(items).encode())


@FUZZ
@given(st.lists(st.lists(st.text(max_size=30) | html_text, min_size=1, max_size=4), max_size=5))
def test_csv_rows(rows):
    header = "id,text,title,authors\n"
    body = "\n".join(",".join(json.dumps(cell) for cell in row) for row in rows)
    _read(".csv", (header + body).encode("utf-8", "surrogatepass"))


@FUZZ
@given(html_text)
def test_html(page):
    _read(".html", page.encode("utf-8"))


@FUZZ
@given(st.lists(st.tuples(st.text(max_size=20), html_text, st.booleans()), max_size=4))
def test_feeds(entries):
    items = "".join(f"<item><guid>{escape(guid)}</guid><description>{escape(body) if escaped else body}"
                    "</description></item>" for guid, body, escaped in entries)
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    _read(".rss", feed.encode("utf-8"))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["text/html", "text/html; charset=latin-1", "text/plain",
                                           "text/html; charset=nonsense", "image/png"]),
                          html_text.map(lambda text: text.encode("utf-8"))), min_size=1, max_size=3),
       st.booleans(), st.integers(min_value=0, max_value=4000))
def test_warc_records(records, gzipped, cut):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for n, (ctype, body) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    whole = buffer.getvalue()
    _read(".warc.gz" if gzipped else ".warc", whole[:cut] if cut and cut < len(whole) else whole)
