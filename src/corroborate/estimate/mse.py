"""Multiple systems estimation: how many died that no list recorded, from how the lists overlap.

`estimate(overlap, ...)` gives an `Estimate` (a figure, its interval and how it was chosen) or a
`Refusal` (why no figure can be given). Pure computation: the overlap comes from a patterns file
(`patterns.read_csv`) or from linked persons (`patterns.from_memberships`).
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from corroborate.estimate import lcmcr, loglinear
from corroborate.estimate.models import Model
from corroborate.estimate.patterns import Overlap, OverlapError
from corroborate.rules import load


@cache
def settings() -> dict:
    return load(Path(__file__).with_name("estimate.toml"))


@dataclass(frozen=True)
class Estimate:
    estimate: float
    low: float
    high: float | None  # None: the interval has no upper end
    observed: int
    method: str
    model: str
    interval: str  # how the interval was made
    lists: tuple[str, ...]
    criterion: str | None = None
    alternatives: list[dict] = field(default_factory=list)  # models that fit nearly as well, with their estimates
    refused_models: list[dict] = field(default_factory=list)  # models met on the way that could not estimate
    rhat: float | None = None

    def to_dict(self) -> dict:
        out: dict[str, object] = {"estimate": round(self.estimate), "low": round(self.low),
               "high": None if self.high is None else round(self.high), "observed": self.observed,
               "method": self.method, "model": self.model, "interval": self.interval, "lists": list(self.lists)}
        if self.criterion:
            out["criterion"] = self.criterion
        if self.rhat is not None:
            out["rhat"] = round(self.rhat, 3)
        out["alternatives"] = self.alternatives
        out["refused_models"] = self.refused_models
        return out


@dataclass(frozen=True)
class Refusal:
    refused: list[str]  # the reasons, each saying which model or check
    observed: int
    method: str
    lists: tuple[str, ...]
    rhat: float | None = None

    def to_dict(self) -> dict:
        out: dict[str, object] = {"refused": self.refused, "observed": self.observed, "method": self.method,
                                  "lists": list(self.lists)}
        if self.rhat is not None:
            out["rhat"] = round(self.rhat, 3)
        return out


def _model_of(overlap: Overlap, terms: list[tuple[str, ...]]) -> Model:
    unknown = {n for t in terms for n in t} - set(overlap.lists)
    if unknown:
        raise OverlapError(f"the model names lists not in the table: {', '.join(sorted(unknown))}")
    return Model.of(tuple(overlap.lists.index(n) for n in t) for t in terms)


def _loglinear(overlap: Overlap, select: str | None, model: list[tuple[str, ...]] | None, bootstrap: int | None,
               seed: int) -> Estimate | Refusal:
    cfg = settings()["loglinear"]
    how = select or cfg["select"]
    if model is not None:
        one = loglinear.fit(overlap, _model_of(overlap, model))
        if isinstance(one, loglinear.Refused):
            return Refusal([f"{one.model.name(overlap.lists)}: {r}" for r in one.reasons],
                           overlap.observed, "loglinear", overlap.lists)
        chosen, how = loglinear.Selection(one, [one], [], "fixed"), "fixed"
    else:
        chosen = loglinear.select(overlap, how, cfg)
    refused = [{"model": r.model.name(overlap.lists), "reasons": r.reasons} for r in chosen.refused]
    best = chosen.best
    if best is None:
        return Refusal([f"{r['model']}: {reason}" for r in refused for reason in r["reasons"]],
                       overlap.observed, "loglinear", overlap.lists)
    n_boot = cfg["bootstrap"] if bootstrap is None else bootstrap
    level = cfg["level"]
    high: float | None
    if n_boot and how != "fixed":
        low, high, failed = loglinear.bootstrap(overlap, how, cfg, n_boot, seed, level)
        kind = f"bootstrap BCa {level:.0%}: {n_boot} resamples, the model chosen afresh on each"
        kind += f" ({failed} resamples no model could estimate, left out)" if failed else ""
    else:
        low, high = loglinear.profile_interval(best, level)
        kind = f"profile likelihood {level:.0%}"
        kind += "; the likelihood gives no upper end" if high is None else ""
    return Estimate(best.total, low, None if high is None or math.isnan(high) else high, overlap.observed,
                    "loglinear", best.model.name(overlap.lists), kind, overlap.lists,
                    criterion={"bic": "BIC (penalty log of the number observed)", "aic": "AIC",
                               "stepwise": f"stepwise Poisson p-value < {cfg['stepwise_threshold']}",
                               "fixed": "model given"}[how],
                    alternatives=_alternatives(chosen, overlap.lists, cfg["near"]), refused_models=refused)


def _alternatives(chosen: loglinear.Selection, lists: tuple[str, ...], near: float) -> list[dict]:
    """Model-choice uncertainty: the models within `near` of the best criterion, or the stepwise path."""
    if chosen.criterion == "stepwise":
        return [{"model": f.model.name(lists), "estimate": round(f.total),
                 "p_value": None if math.isnan(p) else round(p, 6)} for f, p in chosen.path]
    if chosen.criterion not in ("bic", "aic") or chosen.best is None:
        return []
    top = chosen.best.criterion(chosen.criterion)
    near_fits = sorted((f for f in chosen.fits if f.criterion(chosen.criterion) <= top + near),
                       key=lambda f: f.criterion(chosen.criterion))
    return [{"model": f.model.name(lists), "estimate": round(f.total),
             "delta": round(f.criterion(chosen.criterion) - top, 2)} for f in near_fits]


def _lcmcr(overlap: Overlap, seed: int, overrides: dict) -> Estimate | Refusal:
    cfg = {**settings()["lcmcr"], **overrides}
    post = lcmcr.sample(overlap, classes=cfg["classes"], chains=cfg["chains"], burn=cfg["burn"], draws=cfg["draws"],
                        thin=cfg["thin"], seed=seed, alpha_prior=tuple(cfg["alpha_prior"]))
    rhat = post.rhat()
    if rhat > cfg["max_rhat"]:
        reason = (f"the {cfg['chains']} chains disagree: split R-hat of the total is {rhat:.2f} > {cfg['max_rhat']}, "
                  "so the posterior is not yet sampled; run longer (more burn-in and draws)")
        warnings.warn(reason, stacklevel=3)
        return Refusal([reason], overlap.observed, "lcmcr", overlap.lists, rhat)
    med, low, high = post.quantiles(0.95)
    return Estimate(med, low, high, overlap.observed, "lcmcr",
                    f"latent classes (Dirichlet process, at most {cfg['classes']} classes)",
                    f"posterior 95% credible ({cfg['chains']} chains × {cfg['draws']} draws)", overlap.lists, rhat=rhat)


def estimate(overlap: Overlap, method: str = "loglinear", select: str | None = None,
             model: list[tuple[str, ...]] | None = None, bootstrap: int | None = None, seed: int = 0,
             **lcmcr_settings) -> Estimate | Refusal:
    """The total (recorded and not) from an overlap table. `select` chooses the log-linear model (bic, aic,
    stepwise; default from estimate.toml), or `model` fixes its interaction terms by list names, e.g.
    [("A", "B")]. `bootstrap` resamples replace the profile-likelihood interval. LCMCR settings
    (chains, burn, draws, thin, classes) override estimate.toml's."""
    if method == "loglinear":
        return _loglinear(overlap, select, model, bootstrap, seed)
    if method == "lcmcr":
        return _lcmcr(overlap, seed, lcmcr_settings)
    raise ValueError(f"unknown method {method!r}: loglinear or lcmcr")


def estimate_strata(strata: dict[str, Overlap], **kwargs) -> dict[str, Estimate | Refusal]:
    """One estimate per stratum (governorate, year, sex); a stratum with too few persons is refused."""
    least = settings()["strata"]["min_records"]
    out: dict[str, Estimate | Refusal] = {}
    for name, overlap in strata.items():
        if overlap.observed < least:
            out[name] = Refusal([f"stratum {name}: {overlap.observed} persons recorded, fewer than the {least} "
                                 "an estimate needs (estimate.toml [strata] min_records)"],
                                overlap.observed, kwargs.get("method", "loglinear"), overlap.lists)
        else:
            out[name] = estimate(overlap, **kwargs)
    return out
