"""Readers for each kind of source file. Each yields Documents or ReadFailures, never raises
for bad input, so one bad file or line never stops a batch."""
from __future__ import annotations

import codecs
import csv
import errno
import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from corroborate.document import META_FIELDS, Document, charset_parameter, id_problem, meta_problem

# A news report is kilobytes; anything this big is not one document. Containers (WARC,
# JSONL) may be larger: the limit holds for each record or line in them.
MAX_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 8192
BLOCK_BYTES = 1 << 16
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
# A byte-order mark names its encoding; UTF-32's must be looked for before UTF-16's, which it starts with.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Fields:
    """Which field of a JSON object (or column of a CSV row) holds what; `ingest --id-field`
    and the like name others, as corpora each call them something of their own."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    title: str = "title"
    published: str = "published"

    def of(self, name: str) -> str:
        """The field holding the metadata field `name`."""
        return {"title": self.title, "published": self.published}.get(name, name)


FIELDS = Fields()


@dataclass(frozen=True)
class ReadFailure:
    where: str  # file, or file:line
    reason: str

    def __str__(self) -> str:
        # one line, whatever a file name holds: a control character is shown escaped
        where = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.where)
        return f"{where}: {self.reason}"


Item = Document | ReadFailure


def expand(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files to read: each path as given, or every entry under a directory. Paths that are
    missing, broken links or not regular files are kept, so that reading them reports why."""
    # realpath, not Path.resolve: a symbolic link loop is a file to report, not an error here
    skip = {os.path.realpath(p) for p in exclude}
    files: list[Path] = []
    for path in map(Path, paths):
        found = _walk(path) if path.is_dir() else [path]
        files += [f for f in found if os.path.realpath(f) not in skip]
    return files


def _walk(root: Path) -> list[Path]:
    """Everything under `root` but directories and hidden entries (.git, editor swap files)."""
    return sorted(p for p in root.rglob("*")
                  if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def read_paths(paths: Iterable[Path], fields: Fields = FIELDS) -> Iterator[Item]:
    for path in expand(paths):
        yield from read_file(path, fields)


def read_file(path: Path, fields: Fields = FIELDS) -> Iterator[Item]:
    """The documents in one file, and what could not be read, each named with its place."""
    path = Path(path)
    if not _utf8(str(path)):
        # ids, origins and links are text: a name that is not, cannot be any of them
        yield ReadFailure(_printable(path), "the file name is not valid UTF-8: rename the file")
        return
    problem = _unreadable(path)
    if problem:
        yield ReadFailure(str(path), problem)
        return
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from _guarded(path, _read_warc)
    elif suffix in JSONL_SUFFIXES:
        yield from _guarded(path, lambda p: _read_jsonl(p, fields))
    elif suffix in TABLE_SUFFIXES:
        yield from _guarded(path, lambda p: _read_table(p, fields))
    elif suffix == ".json":
        yield from _guarded(path, lambda p: _read_json(p, fields))
    elif suffix in FEED_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES or suffix == "":
        yield from _guarded(path, _read_whole)
    else:
        yield ReadFailure(str(path), f"unsupported file type {suffix!r} (expected .txt, .html, .jsonl, .json, "
                                     ".csv, .tsv, .warc, .warc.gz, or a feed)")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(path: Path | str) -> str:
    """A path as text, whatever bytes its name holds (those that are not UTF-8 as \\xff)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _unreadable(path: Path) -> str | None:
    """Why `path` cannot be read as a file at all; checked before opening, since opening a
    FIFO would wait forever for a writer."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return f"broken symbolic link (to {os.readlink(path)})" if path.is_symlink() else "no such file or directory"
    except OSError as err:
        if err.errno == errno.ELOOP:
            target = f" (to {os.readlink(path)}, which leads back to it)" if path.is_symlink() else " on its way"
            return f"symbolic link loop{target}"
        return f"cannot read: {err.strerror or err}"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device)"
    if info.st_size == 0:
        return "empty file"
    return None


def _guarded(path: Path, reader: Callable[[Path], Iterator[Item]]) -> Iterator[Item]:
    """Container formats can fail half-way; what was read before the fault is kept."""
    try:
        yield from reader(path)
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read: {err.strerror or err}")
    except Exception as err:  # noqa: BLE001 - third-party parsers raise anything on corrupt input
        yield ReadFailure(str(path), f"corrupt {_suffix(path) or 'file'}: {type(err).__name__}: {err}")


def _decode_problem(data: bytes) -> str | None:
    if b"\x00" in data[:SNIFF_BYTES]:
        return "binary file (NUL bytes), not text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})"
    return None


def _read_whole(path: Path) -> Iterator[Item]:
    """A file that is one document, or a feed of a few: small enough to read at once."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        yield ReadFailure(str(path), f"too large: {size:,} bytes (limit {MAX_BYTES:,})")
        return
    data = path.read_bytes()
    if not data.strip():
        yield ReadFailure(str(path), "empty file (only whitespace)")
    elif _suffix(path) in FEED_SUFFIXES or _looks_like_feed(data):
        yield from _read_feed(path, data)
    else:
        yield _single(path, data, "text/html" if _suffix(path) in HTML_SUFFIXES else "text/plain")


def _single(path: Path, data: bytes, media_type: str) -> Item:
    charset = _bom_charset(data)
    if charset:  # archived as it is; the charset travels with the bytes to the cleaner
        problem = _charset_problem(data, charset)
        media_type = f"{media_type}; charset={charset}"
    else:
        problem = _decode_problem(data)
    if problem:
        return ReadFailure(str(path), problem)
    return Document(doc_id=path.stem, content=data, media_type=media_type, origin=str(path))


def _bom_charset(data: bytes) -> str | None:
    """UTF-16 or UTF-32, when the bytes start with its byte-order mark."""
    return next((charset for bom, charset in BOMS if data.startswith(bom)), None)


def _read_jsonl(path: Path, fields: Fields) -> Iterator[Item]:
    with open(path, "rb") as fh:
        if b"\x00" in fh.read(SNIFF_BYTES):
            yield ReadFailure(str(path), "binary file (NUL bytes), not JSON lines")
            return
        fh.seek(0)
        seen = False
        for number, raw in enumerate(_lines(fh), 1):
            where = f"{path}:{number}"
            if raw is None:
                yield ReadFailure(where, f"line too large (over {MAX_BYTES:,} bytes)")
            elif raw.strip():
                seen = True
                yield _one(_jsonl_item, where, raw, fields)
    if not seen:
        yield ReadFailure(str(path), "empty file (no JSON lines)")


def _lines(fh: BinaryIO) -> Iterator[bytes | None]:
    """The file's lines, without holding an oversized one in memory: None stands for it."""
    while line := fh.readline(MAX_BYTES + 1):
        if len(line) <= MAX_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := fh.readline(MAX_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _one(read: Callable[..., Item], where: str, *args: Any) -> Item:
    """One line's, row's or record's item, `read(where, *args)`; whatever goes wrong in it is
    its own failure, and the ones after it are still read."""
    try:
        return read(where, *args)
    except Exception as err:  # noqa: BLE001 - a fault in one item must not end its file
        return ReadFailure(where, f"could not be read: {type(err).__name__}: {err}")


def _jsonl_item(where: str, raw: bytes, fields: Fields) -> Item:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as err:
        return ReadFailure(where, f"not valid UTF-8 (byte {err.start})")
    except (json.JSONDecodeError, RecursionError) as err:
        said = f"{err.msg} (column {err.colno})" if isinstance(err, json.JSONDecodeError) else "nested too deeply"
        return ReadFailure(where, f"malformed JSON: {said}")
    if not isinstance(record, dict):
        return ReadFailure(where, "each line must be a JSON object")
    return _record_item(where, record, fields)


def _record_item(where: str, record: Mapping[str, Any], fields: Fields, default_id: str | None = None) -> Item:
    """One JSON object or CSV row as a Document, or why it cannot be one. `default_id`: the
    id when the file has no id field at all (a CSV without an id column)."""
    doc_id = record.get(fields.id) if default_id is None else default_id
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None or doc_id == "":
        return ReadFailure(where, _missing(f"'{fields.id}'", "--id-field", record, fields, [fields.id]))
    if not isinstance(doc_id, str):
        return ReadFailure(where, f"'{fields.id}' must be a string or a whole number")
    key = fields.html if record.get(fields.html) else fields.text
    body = record.get(key)
    if body is None or body == "":
        return ReadFailure(where, _missing(f"'{fields.text}' or '{fields.html}'", "--text-field", record, fields,
                                           [fields.text, fields.html]))
    if not isinstance(body, str):
        return ReadFailure(where, f"'{key}' must be a string")
    if not body.strip():
        return ReadFailure(where, f"missing '{fields.text}' or '{fields.html}'")
    meta = {name: record.get(fields.of(name)) for name in META_FIELDS}
    meta = {name: value for name, value in meta.items() if value not in (None, "", [])}
    problem = (_not_text({"id": doc_id, key: body, **meta}) or id_problem(doc_id) or meta_problem(meta))
    if problem:
        return ReadFailure(where, problem)
    media = "text/html" if key == fields.html else "text/plain"
    return Document(doc_id, body.encode("utf-8"), media, where, meta)


def _missing(what: str, option: str, record: Mapping[str, Any], fields: Fields, wanted: list[str]) -> str:
    """`missing …`, and, when the record has no such field at all, the ones it does have:
    one of them may be meant."""
    known = {fields.id, fields.text, fields.html, *(fields.of(name) for name in META_FIELDS)}
    absent = not any(name in record for name in wanted)
    others = [str(k) for k in record if k not in known and k is not None][:6] if absent else []
    return f"missing {what}" + (f" (it has {', '.join(others)}: name the field with {option})" if others else "")


def _not_text(values: Mapping[str, Any]) -> str | None:
    """A lone surrogate ("\\ud800" in JSON, or bytes that are not UTF-8 in a CSV) is no
    character, so no text can be stored with it: which field holds one."""
    for name, value in values.items():
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, str) and not _utf8(part):
                at = next(i for i, c in enumerate(part) if 0xD800 <= ord(c) <= 0xDFFF)
                return (f"'{name}' holds {part[at]!r} at character {at}: a lone surrogate or a byte that is "
                        "not UTF-8, not a character")
    return None


def _read_table(path: Path, fields: Fields) -> Iterator[Item]:
    """A CSV (or TSV) of documents, one a row, named by its header; without an id column,
    a row's id is the file's name and the row's number."""
    csv.field_size_limit(MAX_BYTES)  # a row is a document: as large as one may be
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        if "\x00" in fh.read(SNIFF_BYTES):
            yield ReadFailure(str(path), "binary file (NUL bytes), not a table")
            return
        fh.seek(0)
        rows = csv.DictReader(fh, delimiter=TABLE_SUFFIXES[_suffix(path)])
        header = rows.fieldnames or []
        if fields.text not in header and fields.html not in header:
            yield ReadFailure(str(path), f"no '{fields.text}' or '{fields.html}' column (it has "
                                         f"{', '.join(header) or 'none'}): name it with --text-field")
            return
        numbered = fields.id not in header
        number = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as err:  # the reader starts afresh on the next line
                yield ReadFailure(f"{path}:{rows.line_num}", f"malformed row: {err}")
                continue
            number += 1
            where = f"{path}:{rows.line_num}"
            if any(row.values()):
                yield _one(_row_item, where, row, fields, f"{path.stem}:{number}" if numbered else None)


def _row_item(where: str, row: dict[str, Any], fields: Fields, default_id: str | None) -> Item:
    authors = row.get("authors")
    if isinstance(authors, str):  # a cell holds text: authors are written "A; B"
        row["authors"] = [a.strip() for a in authors.split(";") if a.strip()]
    return _record_item(where, row, fields, default_id)


def _read_json(path: Path, fields: Fields) -> Iterator[Item]:
    """A .json file: one object that is a document, or an array of them."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        yield ReadFailure(str(path), f"too large: {size:,} bytes (limit {MAX_BYTES:,})")
        return
    data = path.read_bytes()
    problem = _decode_problem(data)
    if problem:
        yield ReadFailure(str(path), problem)
        return
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except json.JSONDecodeError as err:
        yield ReadFailure(str(path), f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        yield ReadFailure(str(path), "empty file (an empty array)")
    for number, record in enumerate(records, 1):
        where = f"{path}#{number}" if isinstance(parsed, list) else str(path)
        if isinstance(record, dict):
            yield _one(_record_item, where, record, fields)
        else:
            yield ReadFailure(where, "each item must be a JSON object")


def _short_key(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".warc"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_warc(path: Path) -> Iterator[Item]:
    reported = False
    try:
        for item in _warc_items(path):
            reported = True
            yield item
    except Exception as err:  # noqa: BLE001 - warcio raises anything, even AttributeError, on a cut file
        reason = _warc_fault(path, err)
        if reason is None:
            raise
        yield ReadFailure(str(path), reason)
        return
    if _gzip_cut(path):
        yield ReadFailure(str(path), GZIP_CUT)
    elif not reported:
        yield ReadFailure(str(path), "no HTML or plain-text records")


GZIP_CUT = "truncated: the gzip stream ends early, so its last records are lost"


def _warc_items(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            # warcio reads any text as an old-style ARC record rather than refuse it
            if record.format != "warc":
                yield ReadFailure(str(path), "not a WARC file (no WARC/1.x record header)")
                return
            item = _warc_item(path, record)
            if _ends_early(record):
                yield ReadFailure(_record_where(path, record), "truncated: the file ends inside this record")
                return
            if item is not None:
                yield item


def _warc_fault(path: Path, err: Exception) -> str | None:
    """The reason in words, when there is a better one than warcio's exception."""
    from warcio.exceptions import ArchiveLoadFailed

    if _gzip_cut(path):
        return GZIP_CUT
    if isinstance(err, ArchiveLoadFailed):
        return f"not a valid WARC file: {err}"
    return None


def _gzip_cut(path: Path) -> bool:
    """Whether a .warc.gz ends inside a gzip member: warcio reads that as a clean end one
    record early, or fails obscurely; only decompressing to the end tells."""
    if _suffix(path) != ".warc.gz":
        return False
    try:
        with gzip.open(path) as stream:
            while stream.read(BLOCK_BYTES):
                pass
    except EOFError:
        return True
    except (OSError, zlib.error):  # not gzip at all: some other fault, told by the caller
        return False
    return False


def _ends_early(record) -> bool:
    """Whether the file ended before the bytes this record's Content-Length promised;
    warcio hands such a record over cut short, without a word."""
    while record.raw_stream.read(BLOCK_BYTES):
        pass
    return record.raw_stream.limit > 0


def _record_where(path: Path, record) -> str:
    headers = record.rec_headers
    return f"{path}#{headers.get_header('WARC-Target-URI') or headers.get_header('WARC-Record-ID')}"


def _warc_item(path: Path, record) -> Item | None:
    """The record as a Document, if it holds a page or text; None for everything else
    (requests, metadata, images, scripts)."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
             else record.rec_headers.get_header("Content-Type")) or ""
    if "html" not in ctype and "text/plain" not in ctype:
        return None
    body = record.content_stream().read(MAX_BYTES + 1)
    where = _record_where(path, record)
    if len(body) > MAX_BYTES:
        return ReadFailure(where, f"record too large (over {MAX_BYTES:,} bytes)")
    media_type = "text/html" if "html" in ctype else "text/plain"
    charset = charset_parameter(ctype.split(";"), "utf-8").lower()
    if charset in ("utf-8", "utf8"):
        problem = _decode_problem(body)
    else:  # the page's own bytes are archived; the charset travels with them to the cleaner
        problem = _charset_problem(body, charset)
        media_type = f"{media_type}; charset={charset}"
    if problem:
        return ReadFailure(where, problem)
    meta = {"url": uri} if uri else {}
    return Document(f"{_stem(path)}:{_short_key(uri or where)}", body, media_type, where, meta)


def _charset_problem(body: bytes, charset: str) -> str | None:
    try:
        body.decode(charset)
    except LookupError:
        return f"unknown charset {charset!r}"
    except UnicodeDecodeError as err:
        return f"not valid {charset} (byte {err.start})"
    return None


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def _read_feed(path: Path, data: bytes) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        yield ReadFailure(str(path), f"no feed entries found{f' ({reason})' if reason else ''}")
        return
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        key = entry.get("id") or entry.get("link") or f"{index}"
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        if not body.strip():
            yield ReadFailure(f"{path}#{key}", "feed entry has no content or summary")
            continue
        meta = {"title": entry.get("title"), "url": entry.get("link"), "outlet": outlet}
        if entry.get("published_parsed"):
            meta["published"] = "{:04d}-{:02d}-{:02d}".format(*entry.published_parsed[:3])
        if entry.get("author"):
            meta["authors"] = [entry.author]
        yield Document(f"{path.stem}:{_short_key(key)}", body.encode("utf-8"), "text/html",
                       f"{path}#{key}", {k: v for k, v in meta.items() if v})


def load_meta(path: Path) -> tuple[dict[str, dict], list[ReadFailure]]:
    """Metadata by document id, from JSONL lines with `doc` or `id` (like seeds/meta.jsonl),
    and the lines that could not be used. Raises ValueError when the file cannot be read."""
    meta: dict[str, dict] = {}
    failures: list[ReadFailure] = []
    problem = _unreadable(Path(path))
    try:
        lines = [] if problem else Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        problem = str(err)
    if problem:
        raise ValueError(f"{path}: cannot read metadata: {problem}")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            key = record.get("doc") or record.get("id") or (record.get("file") and Path(record["file"]).stem)
        except (json.JSONDecodeError, AttributeError, RecursionError, TypeError) as err:
            failures.append(ReadFailure(where, f"malformed metadata line: {err}"))
            continue
        if not key:
            failures.append(ReadFailure(where, "metadata line has no 'doc' or 'id'"))
            continue
        found = {name: record[name] for name in META_FIELDS if name in record}
        wrong = _not_text({"id": key, **found}) or meta_problem(found)
        if wrong:
            failures.append(ReadFailure(where, wrong))
            continue
        meta[str(key)] = record
    return meta, failures
