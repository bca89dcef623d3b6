"""Log-linear estimates on tables whose answer is known in closed form, model choice, and the published
tables when ../shared is present."""
from __future__ import annotations

import pytest

from conftest import shared_path
from corroborate.estimate import Estimate, Overlap, estimate, read_csv

# 2 lists: 60 on A only, 40 on B only, 20 on both
TWO = Overlap(("A", "B"), {(1, 0): 60, (0, 1): 40, (1, 1): 20})


def test_two_lists_give_lincoln_petersen():
    got = estimate(TWO, model=[])
    assert isinstance(got, Estimate)
    assert got.observed == 120
    assert got.estimate == pytest.approx(80 * 60 / 20)  # n1 * n2 / n11
    assert got.low < got.estimate < got.high


def test_profile_interval_matches_the_likelihood_cut():
    """A wider interval on a table ten times smaller: the same shape, less information."""
    small = Overlap(("A", "B"), {(1, 0): 6, (0, 1): 4, (1, 1): 2})
    big, little = estimate(TWO, model=[]), estimate(small, model=[])
    assert little.estimate == pytest.approx(24)
    assert (little.high - little.low) / little.estimate > (big.high - big.low) / big.estimate


def test_one_interaction_on_three_lists_has_its_closed_form():
    """Under [AB][C] the unobserved count is n001 times the ratio of off-C to on-C counts with A or B."""
    counts = {(1, 0, 0): 50, (0, 1, 0): 40, (1, 1, 0): 30, (0, 0, 1): 20, (1, 0, 1): 10, (0, 1, 1): 8, (1, 1, 1): 6}
    got = estimate(Overlap(("A", "B", "C"), counts), model=[("A", "B")])
    assert got.estimate == pytest.approx(164 + 20 * (50 + 40 + 30) / (10 + 8 + 6))
    assert got.model == "main effects + A*B"


def test_bic_choice_shows_the_models_that_fit_nearly_as_well():
    counts = {(1, 0, 0): 300, (0, 1, 0): 200, (1, 1, 0): 150, (0, 0, 1): 120, (1, 0, 1): 40, (0, 1, 1): 30,
              (1, 1, 1): 25}
    got = estimate(Overlap(("A", "B", "C"), counts), select="bic")
    assert got.criterion.startswith("BIC")
    assert got.alternatives[0] == {"model": got.model, "estimate": round(got.estimate), "delta": 0.0}
    assert all(0 <= a["delta"] <= 2 for a in got.alternatives)


def test_bootstrap_repeats_the_choice():
    got = estimate(TWO, select="bic", bootstrap=40, seed=3)
    assert got.interval.startswith("bootstrap BCa 95%")
    assert got.low < got.estimate < got.high


def test_kosovo_as_published():
    """Ball et al. (2002): 10,356, 95% 9,002-12,122."""
    got = estimate(read_csv(shared_path("data", "mse_lists", "kosovo_1999_patterns.csv")))
    assert got.observed == 4400
    assert abs(got.estimate - 10356) / 10356 < 0.02
    assert got.low < 12122 and got.high > 9002


def test_us_western_site_by_the_stepwise_rule():
    """Chan, Silverman & Vincent (2021) section 4.2: 2,483."""
    got = estimate(read_csv(shared_path("data", "mse_lists", "us_western_site_sex_trafficking_5lists.csv")),
                   select="stepwise")
    assert abs(got.estimate - 2483) / 2483 < 0.01
    assert got.low < 3670 and got.high > 1293
    assert [a["model"] for a in got.alternatives] == ["main effects", got.model]
