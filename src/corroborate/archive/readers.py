"""Readers for each kind of source file. Each yields Documents or ReadFailures, never raises
for bad input, so one bad file or line never stops a batch."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from corroborate.document import Document

MAX_BYTES = 20 * 1024 * 1024  # a news report is kilobytes; anything this big is not one document
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class ReadFailure:
    where: str  # file, or file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


Item = Union[Document, ReadFailure]


def expand(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files to read: each path, or every file under a directory (hidden files skipped)."""
    skip = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    for path in map(Path, paths):
        found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) \
            if path.is_dir() else [path]
        files += [f for f in found if f.resolve() not in skip]
    return files


def read_paths(paths: Iterable[Path]) -> Iterator[Item]:
    for path in expand(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[Item]:
    name = path.name.lower()
    suffix = ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()
    if suffix in (".warc", ".warc.gz"):
        yield from _guarded(path, _read_warc)
        return
    try:
        size = path.stat().st_size
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read: {err.strerror or err}")
        return
    if size > MAX_BYTES:
        yield ReadFailure(str(path), f"too large: {size:,} bytes (limit {MAX_BYTES:,})")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read: {err.strerror or err}")
        return
    if not data.strip():
        yield ReadFailure(str(path), "empty file")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(data):
        yield from _guarded(path, lambda p: _read_feed(p, data))
    elif suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES or suffix == "":
        yield _single(path, data, "text/html" if suffix in HTML_SUFFIXES else "text/plain")
    else:
        yield ReadFailure(str(path), f"unsupported file type {suffix!r} (expected .txt, .html, .jsonl, .warc, .warc.gz, or a feed)")


def _guarded(path: Path, reader) -> Iterator[Item]:
    """Container formats can fail half-way; what was read before the fault is kept."""
    try:
        yield from reader(path)
    except Exception as err:  # noqa: BLE001 - third-party parsers raise anything on corrupt input
        yield ReadFailure(str(path), f"corrupt {path.suffix or 'file'}: {type(err).__name__}: {err}")


def _decode_problem(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return "binary file (NUL bytes), not text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})"
    return None


def _single(path: Path, data: bytes, media_type: str) -> Item:
    problem = _decode_problem(data)
    if problem:
        return ReadFailure(str(path), problem)
    return Document(doc_id=path.stem, content=data, media_type=media_type, origin=str(path))


def _read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    problem = _decode_problem(data)
    if problem and not problem.startswith("not valid UTF-8"):
        yield ReadFailure(str(path), problem)
        return
    for number, raw in enumerate(data.splitlines(), 1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            yield ReadFailure(where, f"not valid UTF-8 (byte {err.start})")
            continue
        except json.JSONDecodeError as err:
            yield ReadFailure(where, f"malformed JSON: {err.msg} at column {err.colno}")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, "each line must be a JSON object")
            continue
        doc_id = record.get("id")
        body = record.get("html") if record.get("html") else record.get("text")
        if not isinstance(doc_id, (str, int)) or str(doc_id).strip() == "":
            yield ReadFailure(where, "missing 'id'")
            continue
        if not isinstance(body, str) or not body.strip():
            yield ReadFailure(where, "missing 'text' or 'html'")
            continue
        media = "text/html" if record.get("html") else "text/plain"
        meta = {k: record[k] for k in ("title", "outlet", "published", "url", "authors") if record.get(k)}
        yield Document(str(doc_id), body.encode("utf-8"), media, where, meta)


def _short_key(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".warc"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _read_warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                     else record.rec_headers.get_header("Content-Type")) or ""
            if "html" not in ctype and "text/plain" not in ctype:
                continue
            body = record.content_stream().read()
            where = f"{path}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            if len(body) > MAX_BYTES:
                yield ReadFailure(where, f"too large: {len(body):,} bytes")
                continue
            charset = _charset(ctype)
            if charset not in ("utf-8", "utf8"):
                try:
                    body = body.decode(charset).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    pass
            problem = _decode_problem(body)
            if problem:
                yield ReadFailure(where, problem)
                continue
            meta = {"url": uri} if uri else {}
            yield Document(f"{_stem(path)}:{_short_key(uri or where)}", body,
                           "text/html" if "html" in ctype else "text/plain", where, meta)


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return "utf-8"


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
            meta["published"] = "%04d-%02d-%02d" % tuple(entry.published_parsed[:3])
        if entry.get("author"):
            meta["authors"] = [entry.author]
        yield Document(f"{path.stem}:{_short_key(key)}", body.encode("utf-8"), "text/html",
                       f"{path}#{key}", {k: v for k, v in meta.items() if v})


def load_meta(path: Path) -> tuple[dict[str, dict], list[ReadFailure]]:
    """Metadata by document id, from JSONL lines with `doc` or `id` (like seeds/meta.jsonl)."""
    meta: dict[str, dict] = {}
    failures: list[ReadFailure] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        return {}, [ReadFailure(str(path), f"cannot read metadata: {err}")]
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
