"""Models whose estimate does not exist or is not identifiable are refused, each with its reason."""
from __future__ import annotations

import pytest

from conftest import shared_path
from corroborate.estimate import Estimate, Overlap, Refusal, estimate, estimate_strata, read_csv, settings

# Three lists of which A and B overlap and C overlaps neither (the shape of Chan, Silverman & Vincent's Table 2)
APART = Overlap(("A", "B", "C"), {(1, 0, 0): 50, (0, 1, 0): 25, (0, 0, 1): 10, (1, 1, 0): 5})
NO_FINITE = "no finite MLE"
NOT_IDENTIFIABLE = "not identifiable"


@pytest.mark.parametrize("terms, reason", [
    ([], None),
    ([("A", "C")], None),
    ([("A", "C"), ("B", "C")], None),
    ([("A", "B")], NO_FINITE),
    ([("A", "B"), ("A", "C")], NO_FINITE),
    ([("A", "B"), ("B", "C")], NO_FINITE),
    ([("A", "B"), ("A", "C"), ("B", "C")], NOT_IDENTIFIABLE),
])
def test_each_model_is_estimated_or_refused_with_its_reason(terms, reason):
    got = estimate(APART, model=terms)
    if reason is None:
        assert isinstance(got, Estimate)
    else:
        assert isinstance(got, Refusal)
        assert len(got.refused) == 1 and reason in got.refused[0]
        assert got.to_dict()["refused"] == got.refused


def test_identifiability_names_the_lists_never_seen_together():
    got = estimate(APART, model=[("A", "B"), ("A", "C"), ("B", "C")])
    assert "rank 4 for 5 parameters" in got.refused[0] and "A*C, B*C" in got.refused[0]


def test_a_list_nobody_is_on_has_no_estimate():
    empty_list = Overlap(("A", "B", "C"), {(1, 0, 0): 30, (0, 1, 0): 20, (1, 1, 0): 10})
    got = estimate(empty_list)
    assert isinstance(got, Refusal) and NO_FINITE in got.refused[0] and got.refused[0].startswith("main effects:")


def test_the_papers_artificial_table():
    """The artificial 3-list table of Chan, Silverman & Vincent (2021), Tables 2-3."""
    artificial = read_csv(shared_path("data", "mse_lists", "artificial_3lists_nonidentifiable.csv"))
    assert NO_FINITE in estimate(artificial, model=[("A", "B")]).refused[0]
    assert NOT_IDENTIFIABLE in estimate(artificial, model=[("A", "B"), ("A", "C"), ("B", "C")]).refused[0]


def test_a_stratum_too_small_is_refused():
    least = settings()["strata"]["min_records"]
    big = Overlap(("A", "B"), {(1, 0): 60, (0, 1): 40, (1, 1): 20})
    small = Overlap(("A", "B"), {(1, 0): least // 2, (0, 1): 2, (1, 1): 1})
    got = estimate_strata({"Homs": big, "Hama": small})
    assert isinstance(got["Homs"], Estimate)
    assert isinstance(got["Hama"], Refusal) and "fewer than the" in got["Hama"].refused[0]
