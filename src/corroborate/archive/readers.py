"""Readers for each kind of source file. Each yields Documents or ReadFailures, never raises
for bad input, so one bad file or line never stops a batch."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corroborate.document import META_FIELDS, Document, charset_parameter

# A news report is kilobytes; anything this big is not one document. Containers (WARC,
# JSONL) may be larger: the limit holds for each record or line in them.
MAX_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 8192
BLOCK_BYTES = 1 << 16
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz"}


@dataclass(frozen=True)
class ReadFailure:
    where: str  # file, or file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


Item = Document | ReadFailure


def expand(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files to read: each path as given, or every entry under a directory. Paths that are
    missing, broken links or not regular files are kept, so that reading them reports why."""
    skip = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    for path in map(Path, paths):
        found = _walk(path) if path.is_dir() else [path]
        files += [f for f in found if f.resolve() not in skip]
    return files


def _walk(root: Path) -> list[Path]:
    """Everything under `root` but directories and hidden entries (.git, editor swap files)."""
    return sorted(p for p in root.rglob("*")
                  if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def read_paths(paths: Iterable[Path]) -> Iterator[Item]:
    for path in expand(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[Item]:
    path = Path(path)
    problem = _unreadable(path)
    if problem:
        yield ReadFailure(str(path), problem)
        return
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from _guarded(path, _read_warc)
    elif suffix in JSONL_SUFFIXES:
        yield from _guarded(path, _read_jsonl)
    elif suffix in FEED_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES or suffix == "":
        yield from _guarded(path, _read_whole)
    else:
        yield ReadFailure(str(path), f"unsupported file type {suffix!r} "
                                     "(expected .txt, .html, .jsonl, .warc, .warc.gz, or a feed)")


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
    problem = _decode_problem(data)
    if problem:
        return ReadFailure(str(path), problem)
    return Document(doc_id=path.stem, content=data, media_type=media_type, origin=str(path))


def _read_jsonl(path: Path) -> Iterator[Item]:
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
                yield _jsonl_item(where, raw)
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


def _jsonl_item(where: str, raw: bytes) -> Item:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as err:
        return ReadFailure(where, f"not valid UTF-8 (byte {err.start})")
    except json.JSONDecodeError as err:
        return ReadFailure(where, f"malformed JSON: {err.msg} (column {err.colno})")
    if not isinstance(record, dict):
        return ReadFailure(where, "each line must be a JSON object")
    doc_id = record.get("id")
    body = record.get("html") or record.get("text")
    if not isinstance(doc_id, (str, int)) or str(doc_id).strip() == "":
        return ReadFailure(where, "missing 'id'")
    if not isinstance(body, str) or not body.strip():
        return ReadFailure(where, "missing 'text' or 'html'")
    media = "text/html" if record.get("html") else "text/plain"
    meta = {k: record[k] for k in META_FIELDS if record.get(k)}
    return Document(str(doc_id), body.encode("utf-8"), media, where, meta)


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
        try:
            record = json.loads(line)
            key = record.get("doc") or record.get("id") or (record.get("file") and Path(record["file"]).stem)
        except (json.JSONDecodeError, AttributeError) as err:
            failures.append(ReadFailure(f"{path}:{number}", f"malformed metadata line: {err}"))
            continue
        if not key:
            failures.append(ReadFailure(f"{path}:{number}", "metadata line has no 'doc' or 'id'"))
            continue
        meta[str(key)] = record
    return meta, failures
