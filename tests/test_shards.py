"""A shard's tables are built straight from the rows (store/shards.py): in the order the store's
own ORDER BY gives them, with the store's column types, and a value of the wrong type is
refused, not stored as something else."""
import duckdb
import pytest

from corroborate.store import shards
from corroborate.store.db import migrate


@pytest.fixture(scope="module")
def schemas():
    """As the writer reads them from its store."""
    con = duckdb.connect()
    migrate(con)
    return shards.schemas(con)


def focus_rows(keys):
    return [{shards.FOCUS: [(doc_id, version, f"{doc_id}/{version}")]} for doc_id, version in keys]


def test_rows_are_in_the_order_duckdb_sorts_them(schemas):
    keys = [("émeute", 1), ("Zaatari", 1), ("zaatari", 2), ("zaatari", 10), ("zaatari", 9), ("a-1", 3), ("a_1", 1),
            ("Ärzte", 1), ("中文", 1), ("a 1", 1)]
    built = shards.tables(focus_rows(keys), schemas)[shards.FOCUS]
    con = duckdb.connect()
    con.register("given", built)
    expected = con.execute("SELECT * FROM given ORDER BY doc_id, version").fetchall()
    assert list(zip(*built.to_pydict().values(), strict=True)) == expected
    assert built.schema == con.sql("SELECT * FROM given LIMIT 0").to_arrow_table().schema


def test_a_value_of_the_wrong_type_is_refused(schemas):
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error: which it is does not matter
        shards.tables(focus_rows([("report-1", "first")]), schemas)
