"""Log-linear (Poisson GLM) estimates of the count no list recorded, their intervals and model choice.

Each model is fitted by statsmodels to the 2^k - 1 observed patterns (zeros included); the
unobserved pattern's fitted count is exp(intercept). The profile-likelihood interval (Cormack
1992) refits the model to the complete table with the unobserved cell set to each candidate
count and keeps the counts whose multinomial likelihood is within chi-square(1) of the best.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import statsmodels.api as sm
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2, norm, poisson

from corroborate.estimate.existence import refusals
from corroborate.estimate.models import InPlay, Model, in_play, neighbours
from corroborate.estimate.patterns import Overlap


@dataclass(frozen=True)
class Fit:
    model: Model
    play: InPlay
    unobserved: float
    loglik: float
    observed: int
    fitted: np.ndarray = field(repr=False)  # fitted counts of the cells in play

    @property
    def total(self) -> float:
        return self.observed + self.unobserved

    def criterion(self, kind: str) -> float:
        penalty = math.log(self.observed) if kind == "bic" else 2.0
        return -2 * self.loglik + penalty * self.play.n_params


@dataclass(frozen=True)
class Refused:
    model: Model
    reasons: list[str]


def _glm(y: np.ndarray, x: np.ndarray):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # near-boundary fits warn; existence was checked before
        return sm.GLM(y, x, family=sm.families.Poisson()).fit()


def fit(overlap: Overlap, model: Model) -> Fit | Refused:
    rows, counts = overlap.cells()
    play = in_play(model, rows, counts)
    reasons = refusals(play, overlap.lists)
    if reasons:
        return Refused(model, reasons)
    res = _glm(play.counts, play.design)
    return Fit(model, play, float(math.exp(res.params[0])), float(res.llf), overlap.observed, res.fittedvalues)


def _complete(play: InPlay) -> tuple[np.ndarray, np.ndarray]:
    """The design with the unobserved cell (intercept only) as its first row, and the observed counts."""
    design = play.design
    zero = np.zeros((1, design.shape[1]))
    zero[0, 0] = 1.0
    return np.vstack([zero, design]), play.counts.astype(float)


def profile_loglik(f: Fit, unobserved: float) -> float:
    """The multinomial log-likelihood of total observed + `unobserved`, maximised over the model's parameters."""
    x, counts = _complete(f.play)
    y = np.concatenate([[unobserved], counts])
    mu = _glm(y, x).fittedvalues
    total = y.sum()
    return float(gammaln(total + 1) - gammaln(unobserved + 1) - gammaln(counts + 1).sum()
                 + (y[y > 0] * np.log(mu[y > 0] / total)).sum())


def profile_interval(f: Fit, level: float = 0.95, cap: float = 1000.0) -> tuple[float, float | None]:
    """Totals whose profile likelihood is within the chi-square(1) cut of the best; the upper end is None
    when the likelihood stays within the cut beyond `cap` times the observed count (no upper bound)."""
    cut = chi2.ppf(level, 1) / 2
    best = minimize_scalar(lambda z: -profile_loglik(f, z), bounds=(0.0, max(10.0, 20 * f.unobserved)),
                           method="bounded")
    top = max(-best.fun, profile_loglik(f, f.unobserved))
    z_top = best.x if -best.fun >= top else f.unobserved

    def gap(z: float) -> float:
        return top - profile_loglik(f, z) - cut

    low = 0.0 if gap(0.0) <= 0 else brentq(gap, 0.0, z_top, xtol=0.5)
    hi = max(2 * z_top, 10.0)
    while gap(hi) <= 0:
        hi *= 2
        if hi > cap * f.observed:
            return f.observed + low, None
    return f.observed + low, f.observed + brentq(gap, z_top, hi, xtol=0.5)


@dataclass
class Selection:
    """The chosen fit, every model fitted on the way (for model-choice uncertainty) and those refused."""
    best: Fit | None
    fits: list[Fit]
    refused: list[Refused]
    criterion: str
    path: list[tuple[Fit, float]] = field(default_factory=list)  # stepwise: each model with its term's p-value


def by_criterion(overlap: Overlap, kind: str, max_order: int) -> Selection:
    """Hill-climb over hierarchical models from main effects, a term added or dropped at a time, to the
    model of least criterion (BIC with a log(observed) penalty, or AIC)."""
    seen: dict[Model, Fit | Refused] = {}

    def get(m: Model) -> Fit | Refused:
        if m not in seen:
            seen[m] = fit(overlap, m)
        return seen[m]

    current = get(Model())
    while isinstance(current, Fit):
        moves = [f for f in map(get, neighbours(current.model, len(overlap.lists), max_order)) if isinstance(f, Fit)]
        better = min(moves, key=lambda f: f.criterion(kind), default=None)
        if better is None or better.criterion(kind) >= current.criterion(kind):
            break
        current = better
    fits = [f for f in seen.values() if isinstance(f, Fit)]
    return Selection(current if isinstance(current, Fit) else None, fits,
                     [r for r in seen.values() if isinstance(r, Refused)], kind)


def _overlap_p(f: Fit, term: tuple[int, ...], overlap: Overlap) -> float:
    """Poisson p-value of the count of persons on both lists of `term` under the current model (Chan,
    Silverman & Vincent 2021): the smaller tail, so an overlap far above or below what the model expects."""
    rows, counts = overlap.cells()
    both = rows[:, list(term)].all(axis=1)
    seen = int(counts[both].sum())
    expected = float(f.fitted[f.play.rows[:, list(term)].all(axis=1)].sum())
    return float(min(poisson.cdf(seen, expected), poisson.sf(seen - 1, expected)))


def stepwise(overlap: Overlap, threshold: float) -> Selection:
    """From main effects, add the two-list term of least p-value while it is below `threshold`, skipping
    terms whose model would have no finite or no identifiable estimate."""
    k = len(overlap.lists)
    first = fit(overlap, Model())
    if isinstance(first, Refused):
        return Selection(None, [], [first], "stepwise")
    current, fits, refused = first, [first], []
    path = [(first, float("nan"))]
    while True:
        candidates = []
        for t in [(i, j) for i in range(k) for j in range(i + 1, k) if (i, j) not in current.model.terms]:
            trial = fit(overlap, current.model.with_term(t))
            if isinstance(trial, Refused):
                refused.append(trial)
                continue
            candidates.append((_overlap_p(current, t, overlap), t, trial))
        if not candidates:
            break
        p, _, trial = min(candidates, key=lambda c: (c[0], c[1]))
        if p >= threshold:
            break
        current = trial
        fits.append(trial)
        path.append((trial, p))
    return Selection(current, fits, refused, "stepwise", path)


def select(overlap: Overlap, how: str, settings: dict) -> Selection:
    if how == "stepwise":
        return stepwise(overlap, settings["stepwise_threshold"])
    if how in ("bic", "aic"):
        return by_criterion(overlap, how, settings["max_order"])
    raise ValueError(f"unknown model selection {how!r}: bic, aic or stepwise")


def _chosen_total(overlap: Overlap, counts: dict, how: str, settings: dict) -> float | None:
    best = select(Overlap(overlap.lists, counts), how, settings).best
    return None if best is None else best.total


def bootstrap(overlap: Overlap, how: str, settings: dict, n: int, seed: int,
              level: float = 0.95) -> tuple[float, float, int]:
    """BCa interval (Efron 1987; as Chan, Silverman & Vincent 2021 use) of the total over multinomial
    resamples of the observed table, the model chosen afresh on each; the acceleration comes from the
    jackknife, one person left out at a time (persons of one pattern give the same value, so one refit per
    pattern). Also how many resamples no model could estimate (left out)."""
    point = _chosen_total(overlap, dict(overlap.counts), how, settings)
    rng = np.random.default_rng(seed)
    patterns = [p for p, c in overlap.counts.items() if c]
    weights = np.array([overlap.counts[p] for p in patterns], dtype=float)
    totals = [_chosen_total(overlap, dict(zip(patterns, map(int, draw), strict=True)), how, settings)
              for draw in rng.multinomial(overlap.observed, weights / weights.sum(), size=n)]
    kept = np.array([t for t in totals if t is not None])
    if point is None or not len(kept):
        return math.nan, math.nan, n
    below = (np.sum(kept < point) + 0.5 * np.sum(kept == point)) / len(kept)
    z0 = norm.ppf(np.clip(below, 1 / (len(kept) + 1), len(kept) / (len(kept) + 1)))
    jack, jack_w = [], []
    for p, w in zip(patterns, weights, strict=True):
        t = _chosen_total(overlap, {**overlap.counts, p: overlap.counts[p] - 1}, how, settings)
        if t is not None:
            jack.append(t)
            jack_w.append(w)
    d = np.average(jack, weights=jack_w) - np.array(jack)
    spread = (np.array(jack_w) * d ** 2).sum()
    accel = (np.array(jack_w) * d ** 3).sum() / (6 * spread ** 1.5) if spread > 0 else 0.0
    ends = []
    for tail in ((1 - level) / 2, (1 + level) / 2):
        z = z0 + norm.ppf(tail)
        ends.append(float(np.quantile(kept, norm.cdf(z0 + z / (1 - accel * z)))))
    return ends[0], ends[1], n - len(kept)
