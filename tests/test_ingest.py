"""`corroborate ingest` as a user runs it: bad input is named and skipped, re-runs change
nothing, new bytes make a new version, and the store is found where the user says."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import threading

import duckdb
import pytest

from conftest import CLI, Ran, cli, jsonl, run_cli
from corroborate.store.schema import MIGRATIONS

pytestmark = pytest.mark.slow

REPORTS = {
    "dandali.txt": "Gunmen killed 14 villagers near Dandali on Sunday, the governor said.\n",
    "kribi.txt": "Three fishermen were wounded off Kribi when their boat was shelled, witnesses said.\n",
}


def rows(db, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def stderr_lines(result: Ran | subprocess.CompletedProcess) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_ingest_archives_bytes_text_and_claims(reports, db):
    """The smoke test of the command line as users run it, a process each (the other tests
    run it in this process, see conftest.cli)."""
    result = run_cli("ingest", reports, "--db", db)
    assert stderr_lines(result) == ["2 ingested, 0 unchanged, 0 failed"]
    [(content, sha, version)] = rows(db, "SELECT content, sha256, version FROM documents WHERE doc_id = 'dandali'")
    assert content == REPORTS["dandali.txt"].encode() and version == 1 and len(sha) == 64
    assert run_cli("text", "dandali", "--db", db).stdout.strip() == REPORTS["dandali.txt"].strip()
    killed = [c for c in jsonl(run_cli("claims", "--format", "jsonl", "--db", db).stdout) if c["outcome"] == "killed"]
    assert [(c["doc"], c["low"]) for c in killed] == [("dandali", 14)]


# Each kind of bad input: what to put next to the good reports, and the line it must get.
BAD_INPUTS = {
    "empty": (lambda d: (d / "empty.txt").write_bytes(b""), "empty.txt", "empty file"),
    "binary": (lambda d: (d / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
               "photo.txt", "binary file (NUL bytes), not text"),
    "invalid UTF-8": (lambda d: (d / "latin.txt").write_bytes("Deux tués à Évian.".encode("latin-1")),
                      "latin.txt", "not valid UTF-8 (byte 7: b'\\xe9')"),
    "broken link": (lambda d: (d / "link.txt").symlink_to(d / "moved-away.txt"),
                    "link.txt", "broken symbolic link (to {dir}/moved-away.txt)"),
    "FIFO": (lambda d: os.mkfifo(d / "pipe.txt"), "pipe.txt", "not a regular file (a FIFO, socket or device)"),
    "malformed JSONL line": (lambda d: (d / "wire.jsonl").write_text(
        '{"id": "w1", "text": "One policeman was killed."}\n{"id": "w2", "text": "unclosed}\n', encoding="utf-8"),
        "wire.jsonl:2", "malformed JSON: Unterminated string starting at (column 22)"),
    "50 MB": (lambda d: os.truncate(_touch(d / "dump.html"), 50 * 1024 * 1024),
              "dump.html", "too large: 52,428,800 bytes (limit 20,971,520)"),
}


def _touch(path):
    path.touch()
    return path


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_gets_one_line_and_the_rest_is_ingested(reports, db, kind):
    make, where, reason = BAD_INPUTS[kind]
    make(reports)
    result = cli("ingest", reports, "--db", db, check=False)
    good = 3 if kind == "malformed JSONL line" else 2
    assert result.returncode == 1
    assert stderr_lines(result) == [f"failed: {reports / where}: {reason.format(dir=reports)}",
                                    f"{good} ingested, 0 unchanged, 1 failed"]
    assert rows(db, "SELECT count(*) FROM documents") == [(good,)]


def test_directory_named_like_a_file_is_walked(reports, db):
    (reports / "more.txt").mkdir()
    (reports / "more.txt" / "maru.txt").write_text("Soldiers killed 7 people in Maru.\n", encoding="utf-8")
    assert stderr_lines(cli("ingest", reports, "--db", db)) == ["3 ingested, 0 unchanged, 0 failed"]


def test_missing_path_is_named_and_the_rest_goes_on(reports, db, tmp_path):
    result = cli("ingest", tmp_path / "nowhere", reports, "--db", db, check=False)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"failed: {tmp_path / 'nowhere'}: no such file or directory",
                                    "2 ingested, 0 unchanged, 1 failed"]


def test_piped_stderr_has_no_progress_bar(reports, db):
    (reports / "empty.txt").write_bytes(b"")
    result = cli("ingest", reports, "--db", db, check=False)
    assert result.stderr == f"failed: {reports / 'empty.txt'}: empty file\n2 ingested, 0 unchanged, 1 failed\n"
    assert result.stdout == ""


def test_terminal_gets_a_progress_bar(reports, db):
    """The same run on a terminal (a pseudo-terminal here) does draw one."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    seen = bytearray()

    def drain():  # while it runs: a full terminal buffer would stall the progress bar's writes
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.run([*CLI, "ingest", str(reports), "--db", str(db)], stderr=follower,
                          stdout=subprocess.DEVNULL, env=env, timeout=300)
    os.close(follower)
    reader.join(timeout=30)
    os.close(leader)
    assert proc.returncode == 0
    assert b"ingesting" in seen and b"2 ingested" in seen


def test_reingesting_the_same_bytes_changes_nothing(reports, db):
    cli("ingest", reports, "--db", db)
    before = rows(db, "SELECT * FROM documents ORDER BY doc_id"), rows(db, "SELECT * FROM claims ORDER BY doc_id, n")
    result = cli("ingest", reports, "--db", db)
    assert stderr_lines(result) == ["0 ingested, 2 unchanged, 0 failed"]
    after = rows(db, "SELECT * FROM documents ORDER BY doc_id"), rows(db, "SELECT * FROM claims ORDER BY doc_id, n")
    assert after == before, "not even the capture time may move"


def test_new_bytes_make_a_new_version_and_the_old_one_is_kept(reports, db):
    cli("ingest", reports, "--db", db)
    first = REPORTS["dandali.txt"].encode()
    corrected = "Gunmen killed 19 villagers near Dandali on Sunday, the governor said.\n"
    (reports / "dandali.txt").write_text(corrected, encoding="utf-8")
    assert stderr_lines(cli("ingest", reports, "--db", db)) == ["1 ingested, 1 unchanged, 0 failed"]
    assert rows(db, "SELECT version, content FROM documents WHERE doc_id = 'dandali' ORDER BY version") == [
        (1, first), (2, corrected.encode())]
    assert cli("text", "dandali", "--db", db).stdout.strip() == corrected.strip()
    killed = [c["low"] for c in jsonl(cli("claims", "--doc", "dandali", "--format", "jsonl", "--db", db).stdout)
              if c["outcome"] == "killed"]
    assert killed == [19], "claims come from the current version only"
    # the old claims stay, tied to the old bytes
    assert rows(db, "SELECT low FROM claims WHERE doc_id = 'dandali' AND version = 1 AND outcome = 'killed'") == [(14,)]


def test_two_files_with_one_id_do_not_grow_on_every_run(tmp_path, db):
    """a/report.txt and b/report.txt share the id `report`: the second is a new version,
    and running the same batch again adds nothing."""
    for folder, number in (("a", 4), ("b", 5)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Shelling killed {number} people in Karo.\n", encoding="utf-8")
    cli("ingest", tmp_path / "a", tmp_path / "b", "--db", db)
    result = cli("ingest", tmp_path / "a", tmp_path / "b", "--db", db)
    assert stderr_lines(result) == ["0 ingested, 2 unchanged, 0 failed"]
    assert rows(db, "SELECT version FROM documents ORDER BY version") == [(1,), (2,)]


def test_meta_file_gives_metadata_and_is_not_ingested(reports, db):
    meta = reports / "meta.jsonl"
    meta.write_text(json.dumps({"doc": "dandali", "outlet": "Savanna Post", "published": "2024-03-03",
                                "authors": ["C. Author"]}) + "\n", encoding="utf-8")
    assert stderr_lines(cli("ingest", reports, "--meta", meta, "--db", db)) == ["2 ingested, 0 unchanged, 0 failed"]
    assert rows(db, "SELECT doc_id, outlet, published, authors FROM documents ORDER BY doc_id") == [
        ("dandali", "Savanna Post", "2024-03-03", '["C. Author"]'), ("kribi", None, None, None)]
    meta.write_text(json.dumps({"doc": "dandali", "outlet": "Savanna Post Online"}) + "\n", encoding="utf-8")
    assert stderr_lines(cli("ingest", reports, "--meta", meta, "--db", db)) == [
        "0 ingested, 1 updated, 1 unchanged, 0 failed"]
    assert rows(db, "SELECT version, outlet FROM documents WHERE doc_id = 'dandali'") == [(1, "Savanna Post Online")]


def test_bad_meta_lines_are_failures_and_a_missing_meta_file_stops_before_anything(reports, db, tmp_path):
    meta = tmp_path / "meta.jsonl"
    meta.write_text('{"doc": "kribi", "outlet": "Coast FM"}\n{"outlet": "no id"}\n', encoding="utf-8")
    result = cli("ingest", reports, "--meta", meta, "--db", db, check=False)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"failed: {meta}:2: metadata line has no 'doc' or 'id'",
                                    "2 ingested, 0 unchanged, 1 failed"]
    result = cli("ingest", reports, "--meta", tmp_path / "absent.jsonl", "--db", tmp_path / "other.duckdb",
                     check=False)
    assert result.returncode == 2
    assert stderr_lines(result) == [
        f"error: {tmp_path / 'absent.jsonl'}: cannot read metadata: no such file or directory"]
    assert not (tmp_path / "other.duckdb").exists()


def test_store_from_db_option_environment_or_default(reports, tmp_path):
    env_db = tmp_path / "from-env.duckdb"
    cli("ingest", reports, env={"CORROBORATE_DB": str(env_db)}, cwd=tmp_path)
    assert rows(env_db, "SELECT count(*) FROM documents") == [(2,)]
    assert "villagers" in cli("text", "dandali", env={"CORROBORATE_DB": str(env_db)}, cwd=tmp_path).stdout
    option_db = tmp_path / "from-option.duckdb"
    cli("ingest", reports / "kribi.txt", "--db", option_db, env={"CORROBORATE_DB": str(env_db)}, cwd=tmp_path)
    assert rows(option_db, "SELECT doc_id FROM documents") == [("kribi",)], "--db wins over the environment"
    cli("ingest", reports, env={"CORROBORATE_DB": None}, cwd=tmp_path)
    assert rows(tmp_path / "corroborate.duckdb", "SELECT count(*) FROM documents") == [(2,)]


@pytest.mark.parametrize("command", [["text", "dandali"], ["claims"]])
def test_reading_a_missing_store_is_a_clear_error(tmp_path, command):
    missing = tmp_path / "never-made.duckdb"
    result = cli(*command, "--db", missing, check=False)
    assert result.returncode == 2
    assert stderr_lines(result) == [f"error: {missing}: no such store (run `corroborate ingest` first, or pass --db)"]
    assert not missing.exists(), "reading must not create a store"


def test_reading_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    notes = tmp_path / "notes.duckdb"
    notes.write_text("not a database\n", encoding="utf-8")
    result = cli("claims", "--db", notes, check=False)
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert line.startswith(f"error: {notes}: cannot open:") and "not a valid DuckDB database file" in line


def test_reading_a_store_from_the_first_release_brings_it_up_to_date(db):
    """Readers open the store read-only; one written before later migrations must still read."""
    first_name, first_steps = MIGRATIONS[0]
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)")
        for statement in first_steps:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [first_name])
    result = cli("claims", "--format", "jsonl", "--db", db)
    assert (result.stdout, result.stderr) == ("", "")
    applied = {name for (name,) in rows(db, "SELECT name FROM schema_migrations")}
    assert applied >= {name for name, _ in MIGRATIONS}


def test_the_command_line_starts_as_a_module():
    """`python -m corroborate` in a process of its own: the entry point, not the commands."""
    result = subprocess.run([*CLI, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "ingest" in result.stdout, result.stderr
