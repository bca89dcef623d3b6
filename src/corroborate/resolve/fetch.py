"""Fetching GeoNames country dumps ({CC}.zip) and admin code files into the cache, for
`corroborate gazetteer fetch`.

A download goes to a `.part` file beside its place in the cache and moves there only once it
is whole and verified, so what the cache holds was checked and a corrupt file is never
imported. A broken download is resumed with a Range request; a file already cached is asked
for with If-Modified-Since and not downloaded again when the server says it has not changed."""
from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from functools import partial
from http.client import HTTPException
from importlib.metadata import version
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from corroborate.resolve.gazetteer import cache_dir
from corroborate.resolve.importers import (
    GEONAMES_COLUMNS,
    GazetteerFormatError,
    named_by_admin_codes,
    read_geonames,
    read_geonames_admin_codes,
)
from corroborate.store.gazetteer import Place

GEONAMES_URL = "https://download.geonames.org/export/dump/"
GEONAMES_URL_VAR = "CORROBORATE_GEONAMES_URL"
ADMIN_CODES = ("admin1CodesASCII.txt", "admin2Codes.txt")
TIMEOUT = 60  # seconds without a byte before a download is given up as offline or stalled
CHUNK = 1 << 16


class FetchError(Exception):
    """A download that failed or did not verify; the message is one line for the user."""


@dataclass(frozen=True)
class Fetched:
    path: Path
    downloaded: bool  # False: the cached copy was current


def geonames_dir() -> Path:
    return cache_dir() / "geonames"


def fetch_geonames(countries: Iterable[str], base_url: str = GEONAMES_URL) -> tuple[list[Fetched], list[Fetched]]:
    """The admin code files and each country's dump, downloaded (or found current in the
    cache) and verified. Raises FetchError at the first that fails, before anything is imported."""
    base = base_url.rstrip("/") + "/"
    admin = [download(base + name, geonames_dir() / name, check_admin_codes) for name in ADMIN_CODES]
    dumps = [download(f"{base}{cc}.zip", geonames_dir() / f"{cc}.zip", partial(check_dump, country=cc))
             for cc in countries]
    return admin, dumps


def dump_places(dump: Path, admin_code_files: Iterable[Path]) -> Iterator[Place]:
    """The places of a country dump, with the governorate and district names the admin code files give."""
    codes = [row for path in admin_code_files for row in read_geonames_admin_codes(path)]
    return named_by_admin_codes(read_geonames(dump), codes)


def download(url: str, target: Path, check: Callable[[Path], None]) -> Fetched:
    """`url` into `target` unless the cached copy is current. `check` raises FetchError or
    GazetteerFormatError on a file that is not what `url` should hold; such a file is deleted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    # The Last-Modified of the file a .part was cut from: a resume asks for the rest of that
    # version only (If-Range), and gets the whole new file if it has changed since.
    validator = target.with_name(target.name + ".part.modified")
    offset = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": f"corroborate/{version('corroborate')}"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if validator.exists():
            headers["If-Range"] = validator.read_text(encoding="utf-8").strip()
    elif target.exists():
        headers["If-Modified-Since"] = formatdate(target.stat().st_mtime, usegmt=True)
    try:
        response = urlopen(Request(url, headers=headers), timeout=TIMEOUT)
    except HTTPError as answer:
        if answer.code == 304:
            return Fetched(target, downloaded=False)
        if answer.code == 416 and offset:  # the part is no prefix of what the server holds now
            _discard(part, validator)
            return download(url, target, check)
        raise FetchError(f"{url}: HTTP {answer.code} {answer.reason}") from None
    except (URLError, OSError) as problem:  # refused, no DNS, timed out
        reason = getattr(problem, "reason", problem)
        raise FetchError(f"cannot reach {url}: {reason} (offline?)") from None
    with response:
        modified = response.headers.get("Last-Modified")
        if response.status == 206:
            start, total = _content_range(response.headers.get("Content-Range", ""))
            if start != offset:
                _discard(part, validator)
                raise FetchError(f"{url}: the server sent bytes from {start} when asked from {offset}; "
                                 "the partial download is discarded, run again")
        else:  # 200: a first download, or a server that ignores Range, or a changed file
            offset, total = 0, _int(response.headers.get("Content-Length"))
            if modified:
                validator.write_text(modified, encoding="utf-8")
            else:
                validator.unlink(missing_ok=True)
        _receive(response, part, offset, total, url)
    size = part.stat().st_size
    if total is not None and size < total:
        raise FetchError(f"{url}: download cut at {size:,} of {total:,} bytes; run the same command again to resume")
    if total is not None and size > total:
        _discard(part, validator)
        raise FetchError(f"{url}: received {size:,} bytes where {total:,} were announced; discarded")
    try:
        check(part)
    except (FetchError, GazetteerFormatError, UnicodeDecodeError) as problem:
        _discard(part, validator)
        raise FetchError(f"{url}: not a valid GeoNames file ({problem}); discarded, nothing imported") from None
    try:  # the next fetch asks whether the server has anything newer than this
        stamp = parsedate_to_datetime(modified).timestamp()
        os.utime(part, (stamp, stamp))
    except (TypeError, ValueError):
        pass  # no date, or one we cannot read: the time of download will do
    os.replace(part, target)
    validator.unlink(missing_ok=True)
    return Fetched(target, downloaded=True)


def _receive(response, part: Path, offset: int, total: int | None, url: str) -> None:
    """The body, appended to `part` after its first `offset` bytes, with a progress bar on a terminal."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with part.open("r+b" if offset else "wb") as out, \
            Progress(*columns, console=console, disable=not console.is_terminal, transient=True) as progress:
        out.seek(offset)
        out.truncate()
        task = progress.add_task(Path(url).name, total=total, completed=offset)
        while True:
            try:
                chunk = response.read(CHUNK)
            except (OSError, HTTPException) as problem:  # reset, timed out, IncompleteRead
                raise FetchError(f"{url}: download cut at {out.tell():,} bytes ({type(problem).__name__}); "
                                 "run the same command again to resume") from None
            if not chunk:
                return
            out.write(chunk)
            progress.advance(task, len(chunk))


def _content_range(value: str) -> tuple[int | None, int | None]:
    """(first byte, total length) from "bytes 300-999/1000"; the total may be "*"."""
    try:
        _, spec = value.split(" ", 1)
        span, length = spec.split("/")
        return int(span.split("-")[0]), _int(length)
    except ValueError:
        return None, None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _discard(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


# --- verification -------------------------------------------------------------------------

def check_dump(path: Path, country: str) -> None:
    """A country dump: a zip holding {CC}.txt, whose every row has GeoNames' 19 columns. Reading
    the member through also checks its CRC."""
    member = f"{country}.txt"
    try:
        with zipfile.ZipFile(path) as archive:
            if member not in archive.namelist():
                raise FetchError(f"no {member} in the zip")
            rows = 0
            with archive.open(member) as raw:
                for n, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
                    if not line.strip():
                        continue
                    columns = len(line.rstrip("\n").split("\t"))
                    if columns != GEONAMES_COLUMNS:
                        raise FetchError(f"{member} line {n} has {columns} columns, not {GEONAMES_COLUMNS}")
                    rows += 1
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as problem:
        raise FetchError(f"not a whole zip: {problem}") from None
    if not rows:
        raise FetchError(f"{member} is empty")


def check_admin_codes(path: Path) -> None:
    if not sum(1 for _ in read_geonames_admin_codes(path)):  # reading them all checks every line
        raise FetchError(f"{path.name} is empty")
