"""Overlap tables: read from a patterns file (errors say which file and line) or built from linked persons."""
from __future__ import annotations

import pytest

from corroborate.estimate import OverlapError, from_memberships, read_csv


def write(tmp_path, text: str):
    path = tmp_path / "patterns.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pattern_left_out_counts_zero(tmp_path):
    overlap = read_csv(write(tmp_path, "hospital,monitor,church,count\n1,0,0,12\n0,1,0,7\n1,1,0,3\n0,0,1,5\n"))
    assert overlap.lists == ("hospital", "monitor", "church")
    assert overlap.observed == 27
    rows, counts = overlap.cells()
    assert len(rows) == 7 and counts.sum() == 27
    assert dict(zip(map(tuple, rows.tolist()), counts.tolist(), strict=True))[(1, 1, 1)] == 0
    assert overlap.on_list("hospital") == 15


@pytest.mark.parametrize("text, message", [
    ("A,B,n\n1,0,4\n", "line 1: no `count` column"),
    ("A,B,count\n1,0,4\n0,2,3\n", "line 3: list column B is '2', not 0 or 1"),
    ("A,B,count\n1,0,4\n0,yes,3\n", "line 3: list column B is 'yes'"),
    ("A,count\n1,4\n", "line 1: 1 list column(s); an overlap needs at least 2 lists"),
    ("A,B,count\n1,0,4\n1,0,3\n", "line 3: pattern 10 is given twice"),
    ("A,B,count\n1,0,4\n0,0,3\n", "line 3: the all-zero pattern is what is estimated"),
    ("A,B,count\n1,0,four\n", "line 2: count 'four' is not a whole number"),
    ("A,B,count\n1,0\n", "line 2: 2 values for 3 columns"),
])
def test_a_malformed_file_is_refused_saying_where(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(OverlapError) as err:
        read_csv(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_linked_persons_make_the_table():
    persons = [{"SNHR"}, {"SNHR", "VDC"}, {"VDC"}, {"SNHR", "VDC"}, {"hospital", "VDC"}]
    overlap = from_memberships(persons, lists=["SNHR", "VDC", "hospital"])
    assert overlap.counts == {(1, 0, 0): 1, (1, 1, 0): 2, (0, 1, 0): 1, (0, 1, 1): 1}
    with pytest.raises(OverlapError, match="not among"):
        from_memberships(persons, lists=["SNHR", "VDC"])
    with pytest.raises(OverlapError, match="at least 2 lists"):
        from_memberships([{"SNHR"}, {"SNHR"}])
