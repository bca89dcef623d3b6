"""What a user gets from the inputs people really have (issue 13): each row of its table,
as the command line answers it. Nothing good is lost next to something bad, and nothing
is stored silently empty."""
from __future__ import annotations

import getpass
import io
import json
import os

import duckdb
import pytest
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import cli, jsonl
from corroborate import Store
from corroborate.archive import ReadFailure, read_file
from corroborate.clean import clean
from corroborate.web.app import DOCS_VENDOR, VENDOR, create_app
from corroborate.web.headers import PAGES_CSP
from live_server import app_client

GOOD = "Gunmen killed 14 villagers near Dandali on Sunday, the governor said."


def stored(db) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [doc for (doc,) in con.execute("SELECT DISTINCT doc_id FROM documents ORDER BY doc_id").fetchall()]


def failed(result) -> list[str]:
    return [line.removeprefix("failed: ") for line in result.stderr.splitlines() if line.startswith("failed: ")]


def killed(db, doc: str) -> list[int]:
    return [c["low"] for c in jsonl(cli("claims", "--doc", doc, "--format", "jsonl", "--db", db).stdout)
            if c["outcome"] == "killed"]


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "in"
    path.mkdir()
    (path / "good.txt").write_text(GOOD, encoding="utf-8")
    return path


def test_jsonl_line_with_a_lone_surrogate_is_named_and_the_lines_after_it_go_in(folder, db):
    (folder / "wire.jsonl").write_text('{"id": "s1", "text": "\\ud800"}\n'
                                       '{"id": "s2", "text": "Gunmen killed 5 people in Homs."}\n', encoding="utf-8")
    result = cli("ingest", folder, "--db", db, check=False)
    assert result.returncode == 1
    assert failed(result) == [f"{folder}/wire.jsonl:1: 'text' holds '\\ud800' at character 0: "
                              "a lone surrogate or a byte that is not UTF-8, not a character"]
    assert stored(db) == ["good", "s2"]


def test_any_fault_in_one_line_stays_in_that_line(tmp_path):
    """Lines that break the reader in ways no check foresaw (nesting too deep for the JSON
    parser) are that line's failure, named; the next line is read."""
    path = tmp_path / "deep.jsonl"
    path.write_text('{"id": "d", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                    '{"id": "ok", "text": "Two killed."}\n', encoding="utf-8")
    got = list(read_file(path))
    assert [str(i) for i in got if isinstance(i, ReadFailure)] == [f"{path}:1: malformed JSON: nested too deeply"]
    assert [i.doc_id for i in got if not isinstance(i, ReadFailure)] == ["ok"]


def test_symlink_loop_is_named_and_the_walk_goes_on(folder, db):
    (folder / "a").symlink_to("b")
    (folder / "b").symlink_to("a")
    result = cli("ingest", folder, "--db", db, check=False)
    assert result.returncode == 1
    assert failed(result) == [f"{folder}/a: symbolic link loop (to b, which leads back to it)",
                              f"{folder}/b: symbolic link loop (to a, which leads back to it)"]
    assert stored(db) == ["good"]
    # a path given through the loop, as a user may type it
    assert [str(f) for f in read_file(folder / "a" / "x.txt")] == [f"{folder}/a/x.txt: symbolic link loop on its way"]


def test_file_name_that_is_not_utf8_is_named_and_the_walk_goes_on(folder, db):
    (folder / os.fsdecode(b"bad\xffbytes.txt")).write_text("Two killed in Idlib.", encoding="utf-8")
    result = cli("ingest", folder, "--db", db, check=False)
    assert result.returncode == 1
    assert failed(result) == [f"{folder}/bad\\xffbytes.txt: the file name is not valid UTF-8: rename the file"]
    assert stored(db) == ["good"]


def write_warc(path, uri: str, body: bytes) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))


def test_short_html_bodies_keep_their_words(folder, db):
    """Feed entries, WARC records and fragments without <html>: trafilatura finds no article
    in them, and their own text is read instead."""
    (folder / "fragment.html").write_text(f"<p>{GOOD.replace('14', '<b>9</b>')}</p>", encoding="utf-8")
    (folder / "courier.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><item><guid>c1</guid>'
        "<description>&lt;p&gt;Shelling killed 4 people in Karo.&lt;/p&gt;</description></item></channel></rss>",
        encoding="utf-8")
    write_warc(folder / "crawl.warc", "https://news.example/a", b"<div>Soldiers killed 7 people in Maru.</div>")
    result = cli("ingest", folder, "--db", db)
    assert result.stderr.splitlines() == ["4 ingested, 0 unchanged, 0 failed"]
    rss, warc = (d for d in stored(db) if ":" in d)
    assert killed(db, "fragment") == [9] and killed(db, rss) == [4] and killed(db, warc) == [7]
    assert cli("text", "fragment", "--db", db).stdout.strip() == GOOD.replace("14", "9")


def test_html_nested_deeper_than_lxml_reads_keeps_its_words(folder, db):
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 300 + f"<p>{GOOD}</p>" + "</div>" * 300 +
                                      "<script>var hidden = 1;</script></body></html>", encoding="utf-8")
    cli("ingest", folder, "--db", db)
    assert cli("text", "deep", "--db", db).stdout.strip() == GOOD
    assert killed(db, "deep") == [14]


def test_html_without_any_text_is_a_failure_not_an_empty_document(folder, db):
    (folder / "shell.html").write_text("<html><body><div><img src='x.png'></div><script>go()</script></body></html>",
                                       encoding="utf-8")
    result = cli("ingest", folder, "--db", db, check=False)
    assert result.returncode == 1
    assert failed(result) == [f"{folder}/shell.html: no text found in it (text/html): nothing to read claims in"]
    assert stored(db) == ["good"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    bom = "\ufeff".encode(encoding) if encoding.endswith(("be", "le")) else b""  # the others write their own
    path.write_bytes(bom + GOOD.encode(encoding))
    [doc] = read_file(path)
    assert doc.content == path.read_bytes()  # archived as sent; the charset travels with it
    assert clean(doc).text == GOOD


def test_utf16_file_is_ingested_with_its_claims(folder, db):
    (folder / "wide.txt").write_bytes(GOOD.encode("utf-16"))
    cli("ingest", folder, "--db", db)
    assert killed(db, "wide") == [14]


def test_a_batch_of_every_bad_kind_stores_every_good_file(folder, db):
    """Every good file stored, every bad one named, exit code 1."""
    (folder / "more.txt").write_text("Soldiers killed 7 people in Maru.", encoding="utf-8")
    bad = {"empty.txt": b"", "photo.txt": b"\x89PNG\x00\x00", "latin.txt": "tués".encode("latin-1"),
           "blank.html": b"<div></div>", "report.pdf": b"%PDF-1.7",
           "wire.jsonl": b'{"id": "s1", "text": "\\udc00"}\n{"id": "w2", "text": "Shelling killed 4 in Karo."}\n'
                         b'{"id": "w/3", "text": "x"}\n{"id": "w4", "text": "y", "authors": "A. Writer"}\n'}
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    (folder / "loop").symlink_to("loop")
    (folder / os.fsdecode(b"\xfe.txt")).write_text("Two killed.", encoding="utf-8")
    (folder / "new\nline.txt").write_text("Two killed.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    result = cli("ingest", folder, "--db", db, check=False)
    assert result.returncode == 1
    named = {line.split(": ")[0].removeprefix(f"{folder}/") for line in failed(result)}
    assert named == {"empty.txt", "photo.txt", "latin.txt", "blank.html", "report.pdf", "wire.jsonl:1",
                     "wire.jsonl:3", "wire.jsonl:4", "loop", "\\xfe.txt", "new\\nline.txt", "pipe.txt"}
    assert stored(db) == ["good", "more", "w2"]
    assert result.stderr.splitlines()[-1] == "3 ingested, 0 unchanged, 12 failed"


def test_walking_thousands_of_files_in_one_folder(tmp_path):
    from corroborate.archive import expand

    for n in range(5000):
        (tmp_path / f"r{n:04d}.txt").write_text("x", encoding="utf-8")
    found = expand([tmp_path])
    assert len(found) == 5000 and found[0].name == "r0000.txt" and found[-1].name == "r4999.txt"


def test_jsonl_ids_show_what_the_line_has_when_the_id_field_is_named_otherwise(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"doc_id": "g1", "text": "Two killed."}) + "\n", encoding="utf-8")
    [failure] = read_file(path)
    assert str(failure) == f"{path}:1: missing 'id' (it has doc_id: name the field with --id-field)"


def write_jsonl(path, records: list[dict]):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


BAD_IDS = {
    "2024/05/raid": "id '2024/05/raid' would read as a path in links: '/', '.' and '..' cannot be ids",
    "../etc": "id '../etc' would read as a path in links: '/', '.' and '..' cannot be ids",
    "..": "id '..' would read as a path in links: '/', '.' and '..' cannot be ids",
    "tab\there": "id 'tab\\there' holds a control character ('\\t')",
    "x" * 10_000: "id too long (10,000 characters, limit 200)",
}


def test_ids_that_links_cannot_carry_are_refused_per_line(tmp_path, db):
    path = write_jsonl(tmp_path / "ids.jsonl", [{"id": i, "text": GOOD} for i in [*BAD_IDS, "ok"]])
    result = cli("ingest", path, "--db", db, check=False)
    assert result.returncode == 1
    assert failed(result) == [f"{path}:{n}: {reason}" for n, reason in enumerate(BAD_IDS.values(), 1)]
    assert stored(db) == ["ok"]


def _editor(db) -> dict:
    token = cli("token", "create", "--role", "editor", "--name", "wire", "--db", db).stdout.strip()
    return {"Authorization": f"Bearer {token}"}


def test_the_api_takes_ids_by_the_same_rule(db):
    editor = _editor(db)
    with app_client(db) as client:
        for doc_id, reason in BAD_IDS.items():
            answer = client.post("/api/documents", json={"doc_id": doc_id, "content": GOOD}, headers=editor)
            assert answer.status_code == 422
            assert answer.json()["detail"][0]["msg"] == f"Value error, {reason}"
        # what ingest takes, the API takes: a WARC record's id has a colon
        assert client.post("/api/documents", json={"doc_id": "crawl:1f2e", "content": GOOD},
                           headers=editor).status_code == 201


def test_an_id_with_url_characters_is_reached_through_every_link(tmp_path, db):
    doc_id = "r?1#2 %3\\4 é"
    cli("ingest", write_jsonl(tmp_path / "odd.jsonl", [{"id": doc_id, "text": GOOD}]), "--db", db)
    link = "/documents/r%3F1%232%20%253%5C4%20%C3%A9"
    with app_client(db) as client:
        assert f'href="{link}"' in client.get("/search", params={"q": "Dandali"}).text
        [incident] = client.get("/api/incidents").json()["items"]
        assert f'href="{link}#claim-0"' in client.get(f"/incidents/{incident['id']}").text
        page = client.get(link)
        assert page.status_code == 200 and f'href="{link}/original"' in page.text
        assert client.get(f"{link}/original").content == GOOD.encode()
        assert client.get(f"/api{link}").json()["doc_id"] == doc_id


def test_metadata_of_the_wrong_type_is_a_clear_error_per_line(tmp_path, db):
    path = write_jsonl(tmp_path / "meta.jsonl", [
        {"id": "t", "text": GOOD, "title": {"a": 1}},
        {"id": "a", "text": GOOD, "authors": "A. Writer"},
        {"id": "p", "text": GOOD, "published": "last week"},
        {"id": "ok", "text": GOOD, "title": "Raid", "authors": ["A. Writer"], "published": "2024-05-02T08:00:00Z"}])
    result = cli("ingest", path, "--db", db, check=False)
    assert failed(result) == [f"{path}:1: 'title' must be a string, not an object",
                              f"{path}:2: 'authors' must be a list of strings, not 'A. Writer'",
                              f"{path}:3: 'published' must be a date (YYYY-MM-DD), not 'last week'"]
    assert stored(db) == ["ok"]
    editor = _editor(db)
    with app_client(db) as client:
        record = client.get("/api/documents/ok").json()
        assert (record["title"], record["authors"], record["published"]) == \
            ("Raid", ["A. Writer"], "2024-05-02T08:00:00Z")
        answer = client.post("/api/documents", json={"doc_id": "m", "content": GOOD, "meta": {"published": "soon"}},
                             headers=editor)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == "Value error, 'published' must be a date (YYYY-MM-DD), not 'soon'"


def test_metadata_file_lines_of_the_wrong_type_are_named(folder, db, tmp_path):
    meta = write_jsonl(tmp_path / "meta.jsonl", [{"doc": "good", "authors": "A. Writer"}])
    result = cli("ingest", folder, "--meta", meta, "--db", db, check=False)
    assert failed(result) == [f"{meta}:1: 'authors' must be a list of strings, not 'A. Writer'"]
    assert stored(db) == ["good"]


def test_jsonl_fields_named_otherwise_are_mapped(tmp_path, db):
    path = write_jsonl(tmp_path / "corpus.jsonl", [
        {"doc_id": "g1", "body": GOOD, "headline": "Raid", "date": "2024-05-02"},
        {"doc_id": "g2", "markup": "<p>Soldiers killed 7 people in Maru.</p>", "headline": "Maru"}])
    cli("ingest", path, "--id-field", "doc_id", "--text-field", "body", "--html-field", "markup",
        "--title-field", "headline", "--published-field", "date", "--db", db)
    assert stored(db) == ["g1", "g2"] and killed(db, "g2") == [7]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT doc_id, title, published, media_type FROM documents ORDER BY doc_id").fetchall() \
            == [("g1", "Raid", "2024-05-02", "text/plain"), ("g2", "Maru", None, "text/html")]


def test_csv_of_articles_one_document_a_row(tmp_path, db):
    """Like the BBC subset: no id column, so a row's id is the file's name and its number;
    a quoted cell may hold line breaks; a row without text is named by its line."""
    path = tmp_path / "bbc.csv"
    path.write_text('category,text\npolitics,"Gunmen killed 5 people in Homs.\nOfficials said so."\n'
                    "sport,\npolitics,Soldiers killed 7 people in Maru.\n", encoding="utf-8")
    result = cli("ingest", path, "--db", db, check=False)
    assert failed(result) == [f"{path}:4: missing 'text' or 'html'"]
    assert stored(db) == ["bbc:1", "bbc:3"] and killed(db, "bbc:3") == [7]


def test_tsv_with_ids_titles_and_a_row_that_is_not_utf8(tmp_path, db):
    path = tmp_path / "wire.tsv"
    path.write_bytes(b"id\ttitle\ttext\tauthors\n"
                     b"w1\tRaid\tGunmen killed 5 people in Homs.\tA. Writer; B. Writer\n"
                     b"w2\tCaf\xe9\tTwo killed.\t\n"
                     b"w3\tMaru\tSoldiers killed 7 people in Maru.\t\n")
    result = cli("ingest", path, "--db", db, check=False)
    assert failed(result) == [f"{path}:3: 'title' holds '\\udce9' at character 3: a lone surrogate or a byte that "
                              "is not UTF-8, not a character"]
    assert stored(db) == ["w1", "w3"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT title, authors FROM documents WHERE doc_id = 'w1'").fetchall() == [
            ("Raid", '["A. Writer", "B. Writer"]')]


def test_csv_without_a_text_column_says_which_columns_it_has(tmp_path):
    path = tmp_path / "victims.csv"
    path.write_text("name,age\nA,3\n", encoding="utf-8")
    assert [str(f) for f in read_file(path)] == [
        f"{path}: no 'text' or 'html' column (it has name, age): name it with --text-field"]


def test_json_array_of_objects(tmp_path, db):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "j1", "text": GOOD}, "not an object", {"id": "j3", "html": "<p>Two</p>"}]),
                    encoding="utf-8")
    result = cli("ingest", path, "--db", db, check=False)
    assert failed(result) == [f"{path}#2: each item must be a JSON object"]
    assert stored(db) == ["j1", "j3"]


@pytest.fixture
def site(folder, db):
    """A store with one document, its claim and its incident, and an admin's token."""
    cli("ingest", folder, "--db", db)
    admin = cli("token", "create", "--role", "admin", "--name", "root-person", "--db", db).stdout.strip()
    return db, {"Authorization": f"Bearer {admin}"}


def test_numbers_out_of_range_are_422_not_500(site):
    db, admin = site
    with app_client(db) as client:
        for params in ({"offset": "9223372036854775808"}, {"offset": "-1"}, {"limit": "9223372036854775808"}):
            assert client.get("/api/incidents", params=params).status_code == 422
        assert client.patch("/api/claims/good/9223372036854775808", json={"status": "verified"},
                            headers=admin).status_code == 422
        assert client.get("/api/incidents", params={"offset": "2147483647"}).json()["items"] == []


def _asgi_post(app, headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes) -> tuple[int, int]:
    """POST /api/documents to the app as a server would hand it over: (status, chunks read)."""
    import asyncio

    read, answer = 0, {}

    async def receive():
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/documents", "raw_path": b"/api/documents", "query_string": b"", "root_path": "",
             "headers": [(b"content-type", b"application/json"), *headers], "server": ("test", 80),
             "client": ("test", 1)}
    asyncio.run(app(scope, receive, send))
    return answer["status"], read


def test_a_body_over_the_limit_is_refused_413_before_it_is_read(fresh_store):
    app = create_app(store=fresh_store, max_body=1024 * 1024)
    # told by its Content-Length: not one byte of it is read, and no token is asked for first
    assert _asgi_post(app, [(b"content-length", str(100 * 1024 * 1024).encode())], 100, b"x" * 1024 * 1024) == \
        (413, 0)
    # sent in chunks with no length: counted as it comes, and refused once past the limit
    status, read = _asgi_post(app, [(b"transfer-encoding", b"chunked")], 100, b"x" * 256 * 1024)
    assert (status, read) == (413, 5)
    # under the limit, the request goes on to the token check
    assert _asgi_post(app, [(b"content-length", b"2")], 1, b"{}")[0] == 401


def test_serve_takes_a_body_limit_and_refuses_a_size_it_cannot_read(db):
    result = cli("serve", "--db", db, "--max-body", "ten megabytes", check=False)
    assert result.returncode == 2
    assert "--max-body 'ten megabytes': give a size such as 10MB, 512KB or 1048576 (bytes)" in result.stderr


@pytest.mark.parametrize("said, size", [("10MB", 10 * 1024**2), ("512 KB", 512 * 1024), ("1048576", 1048576),
                                         ("1.5m", 1536 * 1024), ("ten", None), ("-1", None), ("3 parsecs", None)])
def test_max_body_sizes_as_people_write_them(said, size):
    from corroborate.commands.serve import _size

    assert _size(said) == size


def test_every_answer_carries_the_security_headers(site):
    db, _ = site
    with app_client(db) as client:
        [incident] = client.get("/api/incidents").json()["items"]
        for path in ("/", "/timeline", f"/incidents/{incident['id']}", "/documents/good", "/search?q=Dandali",
                     "/api/incidents", "/static/style.css", "/static/map.js", "/documents/missing", "/openapi.json"):
            headers = client.get(path).headers
            assert headers["content-security-policy"] == PAGES_CSP, path
            assert "frame-ancestors 'none'" in PAGES_CSP and "default-src 'self'" in PAGES_CSP
            assert (headers["x-content-type-options"], headers["referrer-policy"]) == ("nosniff", "no-referrer"), path
        original = client.get("/documents/good/original").headers
        assert original["content-security-policy"] == "sandbox" and original["x-content-type-options"] == "nosniff"
        assert client.get("/docs").headers["content-security-policy"] == PAGES_CSP  # Swagger UI from npm, served here


def test_a_refused_body_and_a_crash_carry_the_security_headers_too(db):
    """Starlette answers a 500 from its outermost layer, and a body over the limit before any
    route: neither may leave the headers off."""
    from corroborate import Store
    from corroborate.web.app import create_app

    def crash():
        raise RuntimeError("a bug")

    with Store(db) as store:
        app = create_app(store=store, max_body=100)
        app.add_api_route("/crash", crash)
        with TestClient(app, raise_server_exceptions=False) as client:
            for answer in (client.post("/api/claims/c1/status", content=b"x" * 1000,
                                       headers={"content-type": "application/json"}), client.get("/crash")):
                assert answer.status_code in (413, 500)
                assert answer.headers["content-security-policy"] == PAGES_CSP, answer.status_code
                assert answer.headers["x-frame-options"] == "DENY"


def test_the_pages_fit_their_policy(site):
    """No inline script, style or handler, and nothing loaded from elsewhere: what the policy
    would block, the pages do not have."""
    from html.parser import HTMLParser

    class Audit(HTMLParser):
        def __init__(self):
            super().__init__()
            self.problems: list[str] = []
            self.in_script = False

        def handle_starttag(self, tag, attrs):
            found = dict(attrs)
            self.in_script = tag == "script" and "src" not in found
            if tag == "style" or "style" in found or any(name.startswith("on") for name in found):
                self.problems.append(f"inline style or handler: <{tag} {found}>")
            for name in ("src", "href", "action"):
                url = found.get(name)
                if tag in ("script", "link", "img", "form") and url and not (url.startswith("/") and
                                                                              not url.startswith("//")):
                    self.problems.append(f"loaded from elsewhere: {url}")

        def handle_data(self, data):
            if self.in_script and data.strip():
                self.problems.append(f"inline script: {data[:40]}")

    db, _ = site
    # with the map's libraries present (any folder holding their paths), so that its scripts are in the page
    for folder in (*VENDOR.values(), *DOCS_VENDOR.values()):
        (db.parent / "assets" / folder).mkdir(parents=True, exist_ok=True)
    assets = db.parent / "assets"
    with Store(db) as store, TestClient(create_app(store=store, assets=assets)) as client:
        pages = ["/", "/timeline", "/estimate", "/documents/good", "/search?q=Dandali", "/docs", "/no-such-page"]
        pages.append(f"/incidents/{client.get('/api/incidents').json()['items'][0]['id']}")
        for page in pages:
            audit = Audit()
            audit.feed(client.get(page, headers={"accept": "text/html"}).text)
            assert audit.problems == [], page
        assert '<script src="/static/map.js">' in client.get("/").text
        assert '<script src="/static/docs.js">' in client.get("/docs").text


def test_token_creation_is_audited_from_every_path(site):
    db, admin = site
    with app_client(db) as client:
        assert client.post("/api/tokens", json={"role": "viewer", "name": "reader"}, headers=admin).status_code == 201
    with Store(db) as store:
        made = [(e["subject"], e["who"], e["after"]) for e in store.audit(prefix="token:") if e["action"] == "token"]
    assert made == [("token:root-person", f"local:{getpass.getuser()}", {"role": "admin", "name": "root-person"}),
                    ("token:reader", "root-person", {"role": "viewer", "name": "reader"})]


def test_documents_handed_over_whole_are_checked_by_the_same_rules(site):
    """Documents posted to the API or given to `Store.ingest` went through no reader: the
    pipeline applies the id rule, the metadata types and the no-empty-text rule to them."""
    from corroborate.document import Document

    db, admin = site
    with app_client(db) as client:
        editor = client.post("/api/tokens", json={"role": "editor", "name": "desk"}, headers=admin).json()["token"]
        answer = client.post("/api/documents", json={"doc_id": "shell", "content": "<div><img src=x></div>",
                                                     "media_type": "text/html"},
                             headers={"Authorization": f"Bearer {editor}"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "api:desk: no text found in it (text/html): nothing to read claims in"
    with Store(db) as store:
        summary = store.ingest([Document("a/b", GOOD.encode(), "text/plain", "notebook"),
                                Document("c", GOOD.encode(), "text/plain", "notebook", {"authors": "A. Writer"}),
                                Document("d", GOOD.encode(), "text/plain", "notebook")])
    assert [str(f) for f in summary.failures] == [
        "notebook: id 'a/b' would read as a path in links: '/', '.' and '..' cannot be ids",
        "notebook: 'authors' must be a list of strings, not 'A. Writer'"]
    assert stored(db) == ["d", "good"]
