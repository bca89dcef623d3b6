"""LCMCR (Manrique-Vallier 2016, Biometrics): a Dirichlet-process mixture of latent classes, in each of
which the lists record a person independently, fitted by a Gibbs sampler with the unobserved count
augmented. Persons with the same capture pattern are exchangeable, so every step works on pattern
counts (how many of a pattern's persons are in each class), never on persons one by one; all chains
are sampled together as the first axis of every array.

Priors as in the paper: class capture probabilities Beta(1, 1); stick-breaking weights with
concentration alpha ~ Gamma(0.25, 0.25), truncated at K classes; p(N) proportional to 1/N, so the
unobserved count given the rest is negative binomial.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm, rankdata

from corroborate.estimate.patterns import Overlap

TINY = 1e-300  # keeps logarithms of probabilities that underflowed finite


@dataclass(frozen=True)
class Posterior:
    totals: np.ndarray  # (chains, draws) sampled N
    observed: int

    def quantiles(self, level: float = 0.95) -> tuple[float, float, float]:
        lo, med, hi = np.quantile(self.totals, [(1 - level) / 2, 0.5, (1 + level) / 2])
        return float(med), float(lo), float(hi)

    def rhat(self) -> float:
        """Rank-normalised split R-hat of N (Vehtari et al. 2021, Bayesian Analysis): the larger of the split
        R-hat of the normal scores of the draws' ranks and of their distances from the median, so a heavy
        right tail (common for N) neither hides nor fakes a disagreement between chains."""
        draws = self.totals.astype(float)
        return max(_split_rhat(_normal_scores(draws)),
                   _split_rhat(_normal_scores(np.abs(draws - np.median(draws)))))


def _normal_scores(draws: np.ndarray) -> np.ndarray:
    ranks = rankdata(draws, method="average").reshape(draws.shape)
    return norm.ppf((ranks - 3 / 8) / (draws.size + 1 / 4))


def _split_rhat(draws: np.ndarray) -> float:
    """Gelman et al., Bayesian Data Analysis (3rd ed.) 11.4, each chain halved."""
    half = draws.shape[1] // 2
    parts = np.concatenate([draws[:, :half], draws[:, half:2 * half]])
    within = parts.var(axis=1, ddof=1).mean()
    between = half * parts.mean(axis=1).var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    return float(np.sqrt(((half - 1) / half * within + between / half) / within))


def _sticks(v: np.ndarray) -> np.ndarray:
    """Class weights from stick-breaking fractions (last fraction 1)."""
    rest = np.cumprod(1 - v[:, :-1], axis=1)
    return v * np.concatenate([np.ones((v.shape[0], 1)), rest], axis=1)


def sample(overlap: Overlap, *, classes: int = 10, chains: int = 4, burn: int = 2000, draws: int = 5000,
           thin: int = 1, seed: int = 0, alpha_prior: tuple[float, float] = (0.25, 0.25)) -> Posterior:
    rng = np.random.default_rng(seed)
    rows, counts = overlap.cells()
    keep = counts > 0
    x, n_p = rows[keep].astype(float), counts[keep]
    n, j, k = int(n_p.sum()), x.shape[1], classes
    lam = rng.beta(1.0, 1.0, size=(chains, j, k))
    v = np.concatenate([rng.beta(1.0, 1.0, size=(chains, k - 1)), np.ones((chains, 1))], axis=1)
    alpha = np.ones(chains)
    n_pc = np.broadcast_to(n_p, (chains, len(n_p)))
    out = np.empty((chains, draws), dtype=np.int64)
    for it in range(burn + draws * thin):
        pi = _sticks(v)
        log_lam, log_miss = np.log(np.maximum(lam, TINY)), np.log(np.maximum(1 - lam, TINY))
        # each observed pattern's persons spread over the classes
        logp = np.log(np.maximum(pi, TINY))[:, None, :] + x @ log_lam + (1 - x) @ log_miss
        prob = np.exp(logp - logp.max(axis=2, keepdims=True))
        m = rng.multinomial(n_pc, prob / prob.sum(axis=2, keepdims=True))
        # the persons no list recorded: how many, then their classes
        miss_k = pi * np.exp(log_miss.sum(axis=1))
        p0 = np.clip(miss_k.sum(axis=1), 0.0, 1 - 1e-12)
        n0 = rng.negative_binomial(n, 1 - p0)
        m0 = rng.multinomial(n0, miss_k / np.maximum(miss_k.sum(axis=1, keepdims=True), TINY))
        in_class = m.sum(axis=1) + m0
        caught = np.einsum("pj,cpk->cjk", x, m)
        lam = rng.beta(1.0 + caught, 1.0 + in_class[:, None, :] - caught)
        after = np.cumsum(in_class[:, ::-1], axis=1)[:, ::-1][:, 1:]
        v[:, :-1] = np.minimum(rng.beta(1.0 + in_class[:, :-1], alpha[:, None] + after), 1 - 1e-12)
        a, b = alpha_prior
        alpha = rng.gamma(a + k - 1, 1.0 / (b - np.log1p(-v[:, :-1]).sum(axis=1)))
        t = it - burn
        if t >= 0 and t % thin == 0:
            out[:, t // thin] = n + n0
    return Posterior(out, n)
