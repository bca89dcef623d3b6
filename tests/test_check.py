"""`corroborate check`, the store's fsck: it passes on a store as ingest leaves it, and each
invariant, broken by one SQL statement on the file, fails with its name and an example."""
from __future__ import annotations

import re
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from corroborate.check import INVARIANTS, Finding, report
from corroborate.cli import app

DOCS = {
    "a.txt": "A drone strike killed 12 civilians in Homs on May 3, 2024, the city council said.\n",
    "b.txt": "At least 15 civilians died when a drone struck Homs on May 3, 2024, according to hospital staff.\n",
    "c.txt": "Shelling killed 4 civilians in Aleppo on May 8, 2024, residents said.\n",
    "coast.txt": "Gunmen killed 14 civilians in Baniyas on September 2, 2024, monitors said.\n"
                 "Within about five days, more than 300 civilians had been killed across the coast, monitors said.\n",
    # Claims reconciling never holds, so their documents are reconciled all the same: deaths
    # of another cause, and a total with no date in a document with no publication date.
    "crash.txt": "A bus crash killed 9 passengers near Hama on July 1, 2024, police said.\n",
    "toll.txt": "Since the war began, more than 5,000 civilians have been killed across the province, "
                "a monitoring group said.\n",
    # The claim's sentence holds a link, so the cleaner cannot map it back verbatim: its
    # evidence is checked against the page's text with tags dropped and entities decoded.
    "page.html": "<html><head><title>Farmers killed near Jableh</title></head><body><article>"
                 "<h1>Farmers killed near Jableh</h1>"
                 "<p>Gunmen killed 7 farmers in <a href='/jableh'>Jableh</a> on June 2, 2024, the village "
                 "mayor said.</p>"
                 "<p>The farmers had gone out at dawn to bring in the wheat before the heat of the day, "
                 "their neighbours told reporters who reached the village in the afternoon.</p>"
                 "<p>Relatives buried the dead the same evening in the cemetery beside the old mill, "
                 "and the roads out of the valley stayed closed until the following week.</p>"
                 "<p>Local officials asked for an inquiry &amp; for protection for the harvest.</p>"
                 "</article><footer>Copyright 2024 Example</footer></body></html>",
}
META = '{"doc": "coast", "published": "2024-09-20"}\n'


def corroborate(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("check")
    folder = tmp / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp / "meta.jsonl").write_text(META, encoding="utf-8")
    db = tmp / "store.duckdb"
    result = corroborate("ingest", folder, "--meta", tmp / "meta.jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    (tmp / "list.csv").write_text("record_id,given_name,family_name\n1,Omar,Haddad\n2,Samir,Shami\n", encoding="utf-8")
    result = corroborate("lists", "import", tmp / "list.csv", "--list", "A", "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def store(built, tmp_path):
    """A copy of the built store, for one test to break."""
    return shutil.copy(built, tmp_path / "store.duckdb")


def holder(db, doc: str) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT incident_id FROM incident_claims WHERE doc_id = ?", [doc]).fetchone()[0]


def failing(output: str) -> set[str]:
    return {i.name for i in INVARIANTS if re.search(rf"^{i.name}: ", output, re.MULTILINE)}


def test_a_fresh_store_passes_in_one_line(store):
    result = corroborate("check", "--db", store)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"\S+store\.duckdb: 7 documents, \d+ claims, \d+ incidents: {len(INVARIANTS)} "
                        r"invariants hold\n", result.output), result.output


def test_the_fresh_store_has_what_the_breaks_need(store):
    """The store holds an aggregate, an HTML claim the pieces cannot map, two incidents, and
    claims no incident holds."""
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM incidents WHERE kind = 'aggregate'").fetchone()[0] == 1
        text, pieces = con.execute("SELECT text, pieces FROM texts WHERE doc_id = 'page'").fetchone()
        assert "Gunmen killed 7 farmers in Jableh" in text and pieces != "[]"
        assert con.execute("SELECT count(*) FROM incident_claims WHERE doc_id IN ('crash', 'toll')").fetchone()[0] == 0
    assert holder(store, "a") == holder(store, "b") != holder(store, "c")


BREAKS = [
    # (one SQL statement, with {homs} and {aleppo} for the incidents of a and c, {both} for the two;
    #  the invariants it breaks; an example the report must give)
    ("INSERT INTO incidents SELECT * FROM incidents WHERE id = '{homs}'",
     {"held-once"}, "{homs} stored 2 times"),
    ("INSERT INTO incident_claims SELECT '{aleppo}', doc_id, version, n, role, reason FROM incident_claims "
     "WHERE doc_id = 'a'",
     {"held-once", "figures-rebuilt"}, "a:0 held 2 times: by {both}"),
    ("UPDATE documents SET content = encode(replace(decode(content), 'Homs', 'Hims')) WHERE doc_id = 'a'",
     {"hash-matches", "evidence-verbatim"}, "a (version 1): its bytes do not hash to its sha256"),
    ("UPDATE documents SET content = encode(replace(decode(content), 'killed 7', 'killed 9')) "
     "WHERE doc_id = 'page'",
     {"hash-matches", "evidence-verbatim"}, "page:0: the evidence 'Gunmen killed 7 farmers"),
    ("UPDATE claims SET evidence = replace(evidence, '12', '21') WHERE doc_id = 'a'",
     {"evidence-verbatim"}, "a:0: the evidence 'A drone strike killed 21"),
    ("UPDATE incidents SET killed_high = killed_high + 1 WHERE id = '{homs}'",
     {"figures-rebuilt"}, "{homs}: killed_high 16 stored, 15 from its claims"),
    ("UPDATE incidents SET grade = 'confirmed', independent_sources = 7 WHERE kind = 'aggregate'",
     {"figures-rebuilt"}, "grade 'confirmed' stored"),
    ("DELETE FROM incident_claims WHERE doc_id = 'c'",
     {"reconciled", "figures-rebuilt"}, "c: not yet reconciled"),
    ("UPDATE list_records SET original = replace(original, 'Omar', 'Umar') WHERE record_id = '1'",
     {"list-rows-hashed"}, "A:1: its row does not hash to its sha256"),
    ("INSERT INTO linkages VALUES (now(), 0.5, false, '{{}}')",  # linked, and the persons lost
     {"persons-whole"}, "A:1: a list record in no person"),
    ("DELETE FROM audit_log WHERE subject = 'document:a'",
     {"audited"}, "a (version 1): stored without its ingest entry"),
    ("INSERT INTO audit_log (changed_at, who, role, action, subject, before_json, after_json) "
     "VALUES (now() + INTERVAL 1 MINUTE, 'desk', 'editor', 'claim status', 'claim:a:0', "
     "'{{\"status\": \"reported\"}}', '{{\"status\": \"alleged\"}}')",
     {"audited"}, "its last audited change made it 'alleged'"),
]


@pytest.mark.parametrize("statement, broken, example", BREAKS)
def test_each_broken_invariant_is_named_with_an_example(store, statement, broken, example):
    ids = {"homs": holder(store, "a"), "aleppo": holder(store, "c")}
    ids["both"] = ", ".join(sorted(ids.values()))
    with duckdb.connect(str(store)) as con:
        con.execute(statement.format(**ids))
    result = corroborate("check", "--db", store)
    assert result.exit_code == 1, result.output
    assert failing(result.output) == broken, result.output
    assert example.format(**ids) in result.output
    assert f"{len(broken)} of {len(INVARIANTS)} invariants fail" in result.output.splitlines()[0]


def test_the_original_is_read_through_the_pieces(store):
    """A plain document's evidence is compared where the pieces put it in the original."""
    with duckdb.connect(str(store)) as con:
        con.execute("UPDATE documents SET content = encode('An ' || decode(content)) WHERE doc_id = 'c'")
    result = corroborate("check", "--db", store)
    assert "c:0: the original at 0 reads 'An Shelling killed 4" in result.output, result.output


def test_a_long_finding_shows_ten_and_counts_the_rest():
    finding = Finding("held-once", "no claim is held by two incidents", [f"I{k} stored 2 times" for k in range(10)], 13)
    lines = report("s.duckdb", (3, 4, 5), [finding]).splitlines()
    assert lines[0] == f"s.duckdb: 3 documents, 4 claims, 5 incidents: 1 of {len(INVARIANTS)} invariants fails"
    assert lines[lines.index("  - I9 stored 2 times") + 1] == "  … and 3 more"


def test_a_missing_store_is_an_error_not_a_new_file(tmp_path):
    result = corroborate("check", "--db", tmp_path / "absent.duckdb")
    assert result.exit_code == 2
    assert "absent.duckdb: no such store" in result.output
    assert not (tmp_path / "absent.duckdb").exists()
