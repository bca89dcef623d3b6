"""The LCMCR sampler covers a known total on a table drawn from a population with list dependence, and
refuses to give a figure when its chains disagree."""
from __future__ import annotations

import numpy as np
import pytest

from corroborate.estimate import Estimate, Overlap, Refusal, estimate
from corroborate.estimate.lcmcr import Posterior


def heterogeneous(n: int, seed: int) -> Overlap:
    """n persons in two groups: the hard-to-record group is seldom on any list, so lists are dependent."""
    rng = np.random.default_rng(seed)
    easy = rng.random(n) < 0.4
    probs = np.where(easy[:, None], [0.5, 0.4, 0.6, 0.3], [0.1, 0.15, 0.05, 0.2])
    caught = (rng.random((n, 4)) < probs).astype(int)
    seen = caught[caught.any(axis=1)]
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    return Overlap(("A", "B", "C", "D"), {tuple(map(int, p)): int(c) for p, c in zip(patterns, counts, strict=True)})


def test_the_interval_covers_the_known_total():
    table = heterogeneous(2000, seed=7)
    got = estimate(table, method="lcmcr", seed=11, chains=3, burn=1500, draws=1500, thin=1)
    assert isinstance(got, Estimate), got
    assert got.low <= 2000 <= got.high
    assert got.low >= table.observed and got.rhat is not None and got.rhat <= 1.1


def test_chains_that_disagree_give_no_figure():
    table = heterogeneous(2000, seed=7)
    with pytest.warns(UserWarning, match="R-hat"):
        got = estimate(table, method="lcmcr", seed=2, chains=4, burn=0, draws=8, thin=1)
    assert isinstance(got, Refusal) and "R-hat" in got.refused[0] and got.rhat > 1.1


def test_rhat_tells_chains_that_agree_from_chains_that_do_not():
    rng = np.random.default_rng(0)
    agree = Posterior(rng.poisson(3000, (4, 500)), observed=2000)
    apart = Posterior(rng.poisson(3000, (4, 500)) + np.array([[0], [0], [0], [300]]), observed=2000)
    heavy_tail = Posterior(2000 + rng.pareto(1.5, (4, 500)).astype(int) * 100, observed=2000)
    assert agree.rhat() < 1.02 and heavy_tail.rhat() < 1.05
    assert apart.rhat() > 1.1
