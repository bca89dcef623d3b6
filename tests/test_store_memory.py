"""The store keeps to a memory limit (store.db.MEMORY_LIMIT, or $CORROBORATE_MEMORY_LIMIT): past it
DuckDB evicts what is on disk already and spills what a query holds to STORE.tmp beside the
file, so that a long ingest does not grow without end, and what does not fit still runs."""
from __future__ import annotations

import pytest

from conftest import cli, jsonl
from corroborate import Store

ROWS = 500_000
# a grouping over more distinct strings than the limit holds
GROUPING = ("SELECT count(*) FROM (SELECT s FROM (SELECT md5(i::VARCHAR) || repeat('x', 60) AS s "
            f"FROM range({ROWS}) t(i)) GROUP BY s)")
REPORTS = [
    "An air strike killed 12 civilians in Homs on May 3, 2024, the Syrian Observatory for Human Rights said.",
    "At least 15 civilians were killed in an air strike in Homs on May 3, 2024, according to local medics.",
    "Shelling killed 4 civilians in Aleppo on May 8, 2024, residents said.",
]


@pytest.mark.parametrize("read_only", [False, True])
def test_a_query_larger_than_the_limit_spills_beside_the_store(db, monkeypatch, read_only):
    Store(db).close()  # made, so that it can be opened read-only too
    monkeypatch.setenv("CORROBORATE_MEMORY_LIMIT", "48MB")
    spill = db.with_name(db.name + ".tmp")
    with Store(db, read_only=read_only) as store, store.reading() as con:
        assert not spill.exists()
        assert con.execute(GROUPING).fetchone() == (ROWS,)
        assert spill.is_dir()  # made by DuckDB on its first spill, not before


def _incidents(tmp_path, name: str) -> list[dict]:
    folder = tmp_path / name
    folder.mkdir()
    for k, report in enumerate(REPORTS * 10):
        (folder / f"r{k}.txt").write_text(report + "\n", encoding="utf-8")
    db = tmp_path / f"{name}.duckdb"
    with Store(db) as store:
        summary = store.ingest(folder)
    assert (summary.ingested, summary.failed) == (30, 0)
    return jsonl(cli("incidents", "--format", "jsonl", "--db", db).stdout)


def test_a_store_held_to_a_small_limit_reconciles_as_one_without(tmp_path, monkeypatch):
    roomy = _incidents(tmp_path, "roomy")
    monkeypatch.setenv("CORROBORATE_MEMORY_LIMIT", "32MB")  # 16 MB is too little: incidents fail
    assert _incidents(tmp_path, "small") == roomy
    assert sorted(len(i["claims"]) for i in roomy) == [10, 20]  # Homs told 20 times, Aleppo 10
