"""The archive stage on its own: each kind of file becomes Documents, or says why it cannot."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.archive import ReadFailure, expand, load_meta, read_file
from corroborate.archive.readers import MAX_BYTES
from corroborate.clean import clean

PAGE = "<html><body><p>Gunmen killed 14 herders near Dandali on Sunday, the governor said.</p></body></html>"


def items(path: Path) -> list:
    return list(read_file(path))


def failures(path: Path) -> list[str]:
    return [str(i) for i in read_file(path) if isinstance(i, ReadFailure)]


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzipped: bool) -> Path:
    """records: (uri, content type, body); html and images as HTTP responses, text as a resource."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        for uri, ctype, body in records:
            if ctype == "text/plain":
                record = writer.create_warc_record(uri, "resource", payload=io.BytesIO(body),
                                                   warc_content_type=ctype)
            else:
                headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                   http_headers=headers)
            writer.write_record(record)
    return path


CRAWL = [
    ("https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
    ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ("https://news.example/b", "text/plain", b"Three fishermen were wounded off Kribi."),
]


def test_text_file_keeps_its_bytes_and_takes_its_name_as_id(tmp_path):
    raw = b"Soldiers killed 7 people in Maru.\r\nResidents said 3 were hurt.\n"
    (tmp_path / "maru-report.txt").write_bytes(raw)
    [doc] = items(tmp_path / "maru-report.txt")
    assert (doc.doc_id, doc.media_type, doc.content) == ("maru-report", "text/plain", raw)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.captured_at.tzinfo is not None


@pytest.mark.parametrize("name", ["page.html", "page.HTM"])
def test_html_file(tmp_path, name):
    (tmp_path / name).write_text(PAGE, encoding="utf-8")
    [doc] = items(tmp_path / name)
    assert (doc.doc_id, doc.media_type) == ("page", "text/html")


def test_jsonl_one_document_per_line_with_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "r1", "text": "Two children died in the blast.", "outlet": "Daily Sun",
         "published": "2024-05-02", "authors": ["A. Writer"], "ignored": 1},
        {"id": 42, "html": PAGE, "title": "Attack"},
    ]) + "\n\n", encoding="utf-8")
    first, second = items(path)
    assert first.doc_id == "r1" and first.media_type == "text/plain"
    assert first.meta == {"outlet": "Daily Sun", "published": "2024-05-02", "authors": ["A. Writer"]}
    assert first.origin == f"{path}:1"
    assert second.doc_id == "42" and second.media_type == "text/html" and second.meta == {"title": "Attack"}


def test_jsonl_bad_lines_are_named_and_the_good_ones_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "One killed."}\n'
                     b'{"id": "b", "text": \n'
                     b'["not", "an", "object"]\n'
                     b'{"text": "no id here"}\n'
                     b'{"id": "e", "text": "   "}\n'
                     b'{"id": "f", "text": "caf\xe9"}\n'
                     b'{"id": "g", "html": "<p>Six killed.</p>"}\n')
    got = items(path)
    assert [d.doc_id for d in got if not isinstance(d, ReadFailure)] == ["a", "g"]
    assert [str(f) for f in got if isinstance(f, ReadFailure)] == [
        f"{path}:2: malformed JSON: Expecting value (column 21)",
        f"{path}:3: each line must be a JSON object",
        f"{path}:4: missing 'id'",
        f"{path}:5: missing 'text' or 'html'",
        f"{path}:6: not valid UTF-8 (byte 24)",
    ]


def test_jsonl_line_over_the_limit_is_skipped_not_loaded(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"id": "small", "text": "Two killed."}\n')
        fh.write(b'{"id": "big", "text": "' + b"x" * (MAX_BYTES + 10) + b'"}\n')
        fh.write(b'{"id": "after", "text": "Five killed."}\n')
    got = items(path)
    assert [getattr(d, "doc_id", None) for d in got] == ["small", None, "after"]
    assert str(got[1]).startswith(f"{path}:2: line too large")


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_warc_keeps_pages_and_text_and_skips_images(tmp_path, gzipped):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), CRAWL, gzipped)
    docs = items(path)
    assert [(d.media_type, d.meta["url"]) for d in docs] == [
        ("text/html", "https://news.example/a"), ("text/plain", "https://news.example/b")]
    assert docs[0].content == PAGE.encode()
    assert all(d.doc_id.startswith("crawl:") for d in docs)
    assert len({d.doc_id for d in docs}) == 2
    assert [d.doc_id for d in items(path)] == [d.doc_id for d in docs], "ids are stable across reads"


def test_warc_page_in_another_charset_is_archived_as_sent_and_decoded_to_clean(tmp_path):
    body = ("<html><body><article><p>Dix personnes tuées à Évian, selon la police locale, "
            "qui a confirmé le bilan dimanche soir.</p></article></body></html>").encode("latin-1")
    path = write_warc(tmp_path / "fr.warc.gz", [("https://fr.example/x", "text/html; charset=iso-8859-1", body)], True)
    [doc] = items(path)
    assert doc.content == body, "the original bytes are kept unmodified"
    assert doc.charset == "iso-8859-1" and doc.kind == "text/html"
    assert "tuées à Évian" in clean(doc).text


def test_warc_truncated_inside_a_record_keeps_the_records_before(tmp_path):
    path = write_warc(tmp_path / "cut.warc", CRAWL, False)
    data = path.read_bytes()
    path.write_bytes(data[:-30])
    got = items(path)
    assert got[0].meta["url"] == "https://news.example/a"
    assert str(got[-1]) == f"{path}#https://news.example/b: truncated: the file ends inside this record"


def test_warc_gz_truncated_says_so(tmp_path):
    path = write_warc(tmp_path / "cut.warc.gz", CRAWL, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert failures(path) == [f"{path}: truncated: the gzip stream ends early, so its last records are lost"]


@pytest.mark.parametrize("name, content, reason", [
    ("notes.warc", b"crawl notes\n", "not a valid WARC file: Unknown archive format"),
    ("notes.warc.gz", gzip.compress(b"crawl notes\n"), "not a valid WARC file: Unknown archive format"),
    # warcio takes a first line of five words for the header of an old ARC record
    ("week.warc", b"crawl notes for the week\n", "not a WARC file (no WARC/1.x record header)"),
])
def test_warc_that_is_not_a_warc(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    [problem] = failures(tmp_path / name)
    assert problem.startswith(f"{tmp_path / name}: {reason}")


def test_warc_without_text_records(tmp_path):
    path = write_warc(tmp_path / "images.warc.gz", CRAWL[1:2], True)
    assert failures(path) == [f"{path}: no HTML or plain-text records"]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Raid on market</title><link>https://courier.example/raid</link>
<guid>courier-1</guid><pubDate>Tue, 04 Jun 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Nine traders were killed in a raid on the market.&lt;/p&gt;</description></item>
<item><title>Empty</title><guid>courier-2</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title>
<entry><title>Shelling</title><id>urn:hill:7</id><link href="https://hill.example/7"/>
<updated>2024-06-05T10:00:00Z</updated><published>2024-06-05T09:00:00Z</published>
<author><name>B. Reporter</name></author>
<content type="html">&lt;p&gt;Shelling killed 4 and wounded 11 in Karo.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed_each_entry_a_document(tmp_path):
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    doc, empty = items(path)
    assert doc.meta == {"title": "Raid on market", "url": "https://courier.example/raid",
                        "outlet": "Valley Courier", "published": "2024-06-04"}
    assert b"Nine traders were killed" in doc.content and doc.doc_id.startswith("courier:")
    assert str(empty) == f"{path}#courier-2: feed entry has no content or summary"


def test_atom_feed_found_by_its_content_whatever_the_name(tmp_path):
    path = tmp_path / "hill.txt"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = items(path)
    assert doc.meta["outlet"] == "Hill Times" and doc.meta["authors"] == ["B. Reporter"]
    assert doc.meta["published"] == "2024-06-05" and b"Shelling killed 4" in doc.content


def test_xml_that_is_not_a_feed(tmp_path):
    (tmp_path / "data.xml").write_text("<?xml version='1.0'?><table><row/></table>", encoding="utf-8")
    [problem] = failures(tmp_path / "data.xml")
    assert problem.startswith(f"{tmp_path / 'data.xml'}: no feed entries found")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "empty file (only whitespace)"),
    ("blank.jsonl", b"\n\n", "empty file (no JSON lines)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    ("records.jsonl", b'{"id": 1}\x00\x00\x01', "binary file (NUL bytes), not JSON lines"),
    ("latin1.txt", "Café bombing: 3 dead".encode("latin-1"), "not valid UTF-8 (byte 3: b'\\xe9')"),
    ("report.pdf", b"%PDF-1.7",
     "unsupported file type '.pdf' (expected .txt, .html, .jsonl, .json, .csv, .tsv, .warc, .warc.gz, or a feed)"),
])
def test_bad_file_is_refused_with_its_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    assert failures(tmp_path / name) == [f"{tmp_path / name}: {reason}"]


def test_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    [problem] = failures(path)
    assert problem == f"{path}: too large: 52,428,800 bytes (limit {MAX_BYTES:,})"


def test_paths_that_are_not_readable_files(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    assert failures(tmp_path / "missing.txt") == [f"{tmp_path / 'missing.txt'}: no such file or directory"]
    assert failures(tmp_path / "gone.txt") == [
        f"{tmp_path / 'gone.txt'}: broken symbolic link (to {tmp_path / 'nowhere.txt'})"]
    # opening a FIFO would wait forever for a writer: this must return at once
    assert failures(tmp_path / "pipe.txt") == [
        f"{tmp_path / 'pipe.txt'}: not a regular file (a FIFO, socket or device)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode, so chmod 000 cannot make "
                                              "one unreadable; the broken-link and FIFO cases cover this")
def test_file_without_read_permission(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Two killed.", encoding="utf-8")
    path.chmod(0)
    try:
        assert failures(path) == [f"{path}: cannot read: Permission denied"]
    finally:
        path.chmod(0o644)


def test_expand_walks_folders_in_order_and_keeps_what_it_cannot_read(tmp_path):
    for name in ["b/2.txt", "b/1.html", "a.jsonl", ".git/config", "b/.swp/x.txt", "c.txt/inner.txt", "meta.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nowhere")
    found = expand([tmp_path, tmp_path / "missing.txt"], exclude=[tmp_path / "meta.jsonl"])
    assert [p.relative_to(tmp_path).as_posix() if p.is_relative_to(tmp_path) else p for p in found] == [
        "a.jsonl", "b/1.html", "b/2.txt", "c.txt/inner.txt", "dead.txt", "missing.txt"]


def test_load_meta_by_doc_or_id_or_file(tmp_path):
    path = tmp_path / "meta.jsonl"
    path.write_text('{"doc": "d1", "outlet": "Courier"}\n'
                    '{"id": "d2", "title": "T"}\n'
                    '{"file": "reports/d3.txt", "published": "2024-01-02"}\n'
                    '{"outlet": "nobody"}\n'
                    'not json\n', encoding="utf-8")
    meta, problems = load_meta(path)
    assert sorted(meta) == ["d1", "d2", "d3"] and meta["d3"]["published"] == "2024-01-02"
    assert [p.where for p in problems] == [f"{path}:4", f"{path}:5"]


def test_load_meta_missing_file_raises(tmp_path):
    with pytest.raises(ValueError, match="missing.jsonl: cannot read metadata: no such file or directory"):
        load_meta(tmp_path / "missing.jsonl")
