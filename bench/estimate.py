"""Multiple systems estimation on the published overlap tables, each figure beside the published one,
and LCMCR's coverage on simulated tables whose total is known.

1. Kosovo 1999 (Ball et al. 2002): log-linear (BIC, and a bootstrap repeating the choice) and LCMCR.
2. UK 2013, 6 lists (Silverman 2014): 10,000-13,000.
3. US western site, 5 lists (Chan, Silverman & Vincent 2021, section 4.2): the stepwise rule, 2,483.
4. The artificial 3-list table (same paper, Tables 2-3): the models it names are refused, with reasons.
5. LCMCR on tables drawn from populations of known size whose lists are dependent because they reach
   hidden groups unequally (LCMCR's own model): share of 95% intervals covering the truth, runs it
   refuses (R-hat > 1.1) counting as not covering. Then, fewer runs, out of its model: one list also
   takes referrals from another.
Times per step and the peak memory of the run are printed.

usage: python bench/estimate.py [--shared ../shared] [--runs 50] [--boot 200]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from corroborate.estimate import Estimate, Overlap, Refusal, estimate, read_csv

ROOT = Path(__file__).resolve().parents[1]


def show(label: str, got: Estimate | Refusal, seconds: float, published: str) -> None:
    if isinstance(got, Refusal):
        print(f"  {label:34} refused: {'; '.join(got.refused)}   published {published}   ({seconds:.1f} s)")
        return
    high = "unbounded" if got.high is None else f"{got.high:,.0f}"
    rhat = f", R-hat {got.rhat:.3f}" if got.rhat is not None else ""
    print(f"  {label:34} {got.estimate:>7,.0f}  [{got.low:,.0f} - {high}]{rhat}   published {published}"
          f"   ({seconds:.1f} s)")
    if got.method == "loglinear":
        print(f"  {'':34} model: {got.model}; {got.interval}")


def timed(overlap: Overlap, **kw) -> tuple[Estimate | Refusal, float]:
    started = time.perf_counter()
    got = estimate(overlap, **kw)
    return got, time.perf_counter() - started


def alternatives(got: Estimate | Refusal) -> None:
    if isinstance(got, Estimate):
        for alt in got.alternatives[1:]:
            extra = f"delta {alt['delta']}" if "delta" in alt else f"p {alt['p_value']}"
            print(f"  {'':34}   also: {alt['estimate']:>7,}  {alt['model']} ({extra})")


def published_tables(folder: Path, boot: int) -> None:
    kosovo = read_csv(folder / "kosovo_1999_patterns.csv")
    print(f"Kosovo 1999, {kosovo.observed:,} observed on {len(kosovo.lists)} lists")
    got, s = timed(kosovo)
    show("log-linear, BIC", got, s, "10,356 [9,002 - 12,122]")
    alternatives(got)
    show("  same, bootstrap", *timed(kosovo, bootstrap=boot, seed=1), "9,002 - 12,122")
    show("log-linear, AIC", *timed(kosovo, select="aic"), "-")
    show("LCMCR", *timed(kosovo, method="lcmcr", seed=1), "median inside 9,002 - 12,122")

    uk = read_csv(folder / "uk_modern_slavery_2013_6lists.csv")
    print(f"UK 2013, {uk.observed:,} observed on {len(uk.lists)} lists")
    got, s = timed(uk)
    show("log-linear, BIC", got, s, "10,000 - 13,000")
    alternatives(got)
    show("log-linear, stepwise", *timed(uk, select="stepwise"), "10,000 - 13,000")
    show("LCMCR", *timed(uk, method="lcmcr", seed=1), "10,000 - 13,000")

    western = read_csv(folder / "us_western_site_sex_trafficking_5lists.csv")
    print(f"US western site, {western.observed:,} observed on {len(western.lists)} lists")
    got, s = timed(western, select="stepwise")
    show("log-linear, stepwise", got, s, "2,483 BCa [1,293 - 3,670]")
    alternatives(got)
    show("  same, bootstrap", *timed(western, select="stepwise", bootstrap=boot, seed=1), "BCa [1,293 - 3,670]")

    artificial = read_csv(folder / "artificial_3lists_nonidentifiable.csv")
    print(f"Artificial, {artificial.observed} observed on 3 lists: the models the paper names")
    for terms, published in (([("A", "B")], "no finite MLE"),
                             ([("A", "B"), ("A", "C")], "no finite MLE"),
                             ([("A", "B"), ("B", "C")], "no finite MLE"),
                             ([("A", "B"), ("A", "C"), ("B", "C")], "not identifiable")):
        name = " + ".join("*".join(t) for t in terms)
        show(name, *timed(artificial, model=terms), published)
    got, s = timed(artificial, select="stepwise")
    show("stepwise search (skips them)", got, s, "-")
    if isinstance(got, Estimate):
        print(f"  {'':34} refused on the way: {', '.join(r['model'] for r in got.refused_models)}")


def latent_groups(rng: np.random.Generator) -> tuple[int, Overlap]:
    """A population of known size in 2-3 hidden groups that each list reaches unequally: the lists are then
    dependent (being on one says which group, so how likely the others), the dependence LCMCR models."""
    n, k, groups = int(rng.integers(1000, 5000)), int(rng.integers(4, 6)), int(rng.integers(2, 4))
    group = rng.choice(groups, n, p=rng.dirichlet(np.full(groups, 2.0)))
    caught = rng.random((n, k)) < rng.uniform(0.05, 0.5, (groups, k))[group]
    return n, _table(caught)


def referrals(rng: np.random.Generator) -> tuple[int, Overlap]:
    """Out of LCMCR's model: two groups as above, and list B taking referrals from list A (a third of A's
    persons are passed on), a dependence between two lists that no hidden group explains."""
    n, k = int(rng.integers(1000, 5000)), int(rng.integers(4, 6))
    group = rng.random(n) < rng.uniform(0.3, 0.7)
    caught = rng.random((n, k)) < np.where(group[:, None], rng.uniform(0.05, 0.2, k), rng.uniform(0.2, 0.5, k))
    caught[:, 1] |= caught[:, 0] & (rng.random(n) < 0.3)
    return n, _table(caught)


def _table(caught: np.ndarray) -> Overlap:
    seen = caught[caught.any(axis=1)].astype(int)
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    return Overlap(tuple("ABCDE"[:caught.shape[1]]),
                   {tuple(map(int, p)): int(c) for p, c in zip(patterns, counts, strict=True)})


def coverage(label: str, draw, runs: int) -> None:
    """LCMCR with its default settings (estimate.toml) on `runs` tables from `draw`."""
    rng = np.random.default_rng(2026)
    covered = refused = 0
    widths, seconds = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # refusals are counted below
        for run in range(runs):
            truth, table = draw(rng)
            got, s = timed(table, method="lcmcr", seed=run)
            seconds.append(s)
            if isinstance(got, Refusal):
                refused += 1
                continue
            covered += got.low <= truth <= got.high
            widths.append((got.high - got.low) / truth)
    print(f"LCMCR on {runs} simulated tables, {label} (N 1,000-5,000, 4-5 lists):")
    print(f"  95% intervals covering N: {covered}/{runs} = {covered / runs:.2f} (target >= 0.90); "
          f"refused (R-hat > 1.1): {refused}; median width {np.median(widths):.2f} N; "
          f"{np.mean(seconds):.1f} s per table")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("CORROBORATE_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--runs", type=int, default=50, help="simulated tables for LCMCR coverage")
    ap.add_argument("--boot", type=int, default=200, help="bootstrap resamples")
    args = ap.parse_args()
    started = time.perf_counter()
    folder = args.shared / "data" / "mse_lists"
    if folder.exists():
        published_tables(folder, args.boot)
    else:
        print(f"skipped the published tables: {folder} is absent (they live in ../shared)", file=sys.stderr)
    coverage("hidden groups", latent_groups, args.runs)
    coverage("groups and referrals, out of the model", referrals, max(1, args.runs // 5))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - started:.0f} s on one core, peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
