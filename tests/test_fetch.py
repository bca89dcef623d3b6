"""`corroborate gazetteer fetch geonames` against a real HTTP server on 127.0.0.1 that serves a
fixture zip built here from invented GeoNames-format rows. Nothing here reaches the internet."""
from __future__ import annotations

import email.utils
import io
import socket
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from typer.testing import CliRunner

from conftest import jsonl
from corroborate.cli import app
from corroborate.resolve import gazetteer as gz

MODIFIED = 1_700_000_000  # when the served files last changed


def geonames_line(gid, name, alternates, lat, lon, fclass, fcode, admin1="", admin2="", population=0):
    return "\t".join([str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "ZZ", "", admin1,
                      admin2, "", "", str(population), "", "0", "Asia/Zed", "2024-01-01"])


# An invented country: the built-in gazetteer knows none of it. The dump names the divisions
# the long way; the admin code files give the names people use.
ROWS = [
    geonames_line(701, "Muhafazat North Vale", "", 12.0, 22.0, "A", "ADM1", "01"),
    geonames_line(702, "Mintaqat Wadi Qamar", "", 12.3, 22.3, "A", "ADM2", "01", "0101"),
    geonames_line(703, "Qaryat Zaytun", "Qariyat az Zaytun,Kariat Zeitoun", 12.1, 22.1, "P", "PPL", "01", "0101", 900),
    *(geonames_line(710 + n, f"Hamlet Number {n}", f"Hamlet {n}", 12.5, 22.5, "P", "PPL", "01") for n in range(40)),
]
ADMIN1 = "ZZ.01\tNorth Vale\tNorth Vale\t701\n"
ADMIN2 = "ZZ.01.0101\tWadi Qamar\tWadi Qamar\t702\n"


def dump(rows=ROWS, member="ZZ.txt") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "\n".join(rows) + "\n")
        archive.writestr("readme.txt", "invented places for a test\n")
    return buffer.getvalue()


class Dumps(BaseHTTPRequestHandler):
    """Serves `files` with Range and If-Modified-Since as Apache does; `cut` ends the next
    response to a path after that many bytes; `ignore_range` plays a server without Range."""

    files: dict[str, bytes] = {}
    cut: dict[str, int] = {}
    ignore_range = False
    requests: list[tuple[str, dict, int]] = []

    def do_GET(self):
        name = self.path.rsplit("/", 1)[-1]
        body = self.files.get(name)
        if body is None:
            return self._answer(404, b"")
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= MODIFIED:
            return self._answer(304, b"")
        ranged = self.headers.get("Range")
        if ranged and not self.ignore_range:
            start = int(ranged.removeprefix("bytes=").split("-")[0])
            return self._answer(206, body[start:], {"Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"})
        self._answer(200, body)

    def _answer(self, status: int, body: bytes, extra: dict | None = None):
        self.requests.append((self.path, dict(self.headers), status))
        self.send_response(status)
        headers = {"Content-Length": str(len(body)), "Last-Modified": email.utils.formatdate(MODIFIED, usegmt=True),
                   **(extra or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        name = self.path.rsplit("/", 1)[-1]
        cut = self.cut.pop(name, None)
        self.wfile.write(body[:cut] if cut is not None else body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    handler = type("Handler", (Dumps,), {"files": {"ZZ.zip": dump(), "admin1CodesASCII.txt": ADMIN1.encode(),
                                                   "admin2Codes.txt": ADMIN2.encode()},
                                         "cut": {}, "requests": []})
    httpd = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler, f"http://127.0.0.1:{httpd.server_address[1]}/export/dump/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache of the test's own for the downloads, holding (a link to) the built-in gazetteer
    so that it is not built again."""
    gz.builtin().close()
    built = gz.builtin_path()
    monkeypatch.setenv("CORROBORATE_CACHE", str(tmp_path / "cache"))
    gz.builtin_path().parent.mkdir(parents=True)
    gz.builtin_path().symlink_to(built)
    return gz.cache_dir() / "geonames"


def corroborate(*args: str, input: str | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def fetch(url, db):
    return corroborate("gazetteer", "fetch", "geonames", "zz", "--url", url, "--db", db)


def geocode(db, name):
    result = corroborate("geocode", "--country", "ZZ", "--db", db, input=name + "\n")
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)[0]


def zz_requests(handler):
    return [(headers, status) for path, headers, status in handler.requests if path.endswith("ZZ.zip")]


def test_fetch_imports_a_country_with_its_governorate_and_district_names(server, cache, db):
    handler, url = server
    result = fetch(url, db)
    assert result.exit_code == 0, result.output
    assert "ZZ.zip: 43 places" in result.stderr
    village = geocode(db, "Kariat Zeitoun")  # an alternate name, from the dump's alternate names column
    assert (village["id"], village["name"], village["admin1"]) == ("gn:703", "Qaryat Zaytun", "North Vale")
    assert geocode(db, "Wadi Qamar")["id"] == "gn:702"  # the district, by its name in admin2Codes.txt
    assert (cache / "ZZ.zip").read_bytes() == handler.files["ZZ.zip"]


def test_a_second_fetch_does_not_download_an_unchanged_file(server, cache, db):
    handler, url = server
    assert fetch(url, db).exit_code == 0
    again = fetch(url, db)
    assert again.exit_code == 0, again.output
    assert "ZZ.zip: unchanged, from the cache" in again.stderr
    (first, _), (second, status) = zz_requests(handler)
    assert "If-Modified-Since" not in first and "If-Modified-Since" in second and status == 304
    assert geocode(db, "Qaryat Zaytun")["id"] == "gn:703"


@pytest.mark.parametrize("ignore_range, resumed_status", [(False, 206), (True, 200)])
def test_a_broken_download_is_resumed_and_comes_out_whole(server, cache, db, ignore_range, resumed_status):
    handler, url = server
    handler.cut["ZZ.zip"] = 300
    handler.ignore_range = ignore_range
    broken = fetch(url, db)
    assert broken.exit_code == 1
    assert broken.stderr.count("\n") == 1 and "cut at 300 of" in broken.stderr and "resume" in broken.stderr
    assert (cache / "ZZ.zip.part").stat().st_size == 300 and not (cache / "ZZ.zip").exists()
    resumed = fetch(url, db)
    assert resumed.exit_code == 0, resumed.output
    _, (headers, status) = zz_requests(handler)
    assert headers["Range"] == "bytes=300-" and status == resumed_status
    assert (cache / "ZZ.zip").read_bytes() == handler.files["ZZ.zip"]
    assert not (cache / "ZZ.zip.part").exists()
    assert geocode(db, "Qaryat Zaytun")["id"] == "gn:703"


@pytest.mark.parametrize("served", [
    b"PK\x03\x04 this is not a zip at all",
    dump(member="YY.txt"),  # another country's file
    dump(rows=[*ROWS[:3], "704\tQaryat Nisf\t12.2\t22.2"]),  # a row cut short
])
def test_a_corrupt_download_is_discarded_and_nothing_is_imported(server, cache, db, served):
    handler, url = server
    handler.files["ZZ.zip"] = served
    result = fetch(url, db)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "not a valid GeoNames file" in result.stderr
    assert "Traceback" not in result.output
    assert not (cache / "ZZ.zip").exists() and not (cache / "ZZ.zip.part").exists()
    assert geocode(db, "Qaryat Zaytun")["id"] is None


def test_offline_says_so_in_one_line(cache, db):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/dump/"
    result = fetch(url, db)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and f"cannot reach {url}admin1CodesASCII.txt" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
