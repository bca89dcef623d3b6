"""Whether a log-linear model's estimate exists and is identifiable on these data, and if not, why.

Existence (Fienberg & Rinaldo 2012): the maximum-likelihood estimate is finite iff the observed
margins (the design's sufficient statistics) are also the margins of some table whose every cell is
positive. A linear programme maximises the smallest cell of a table with those margins; when the
best it can do is 0, some cell's fitted count must go to 0 (or the unobserved count to infinity).
Identifiability: the design over the cells in play must have full column rank, or several values
of the unobserved count fit equally well.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from corroborate.estimate.models import InPlay

# Below this the programme's optimum is taken as 0: a positive optimum is at least a fraction of a person
# on tables of counts, far above the solver's tolerance.
POSITIVE = 1e-7


def smallest_positive_cell(play: InPlay) -> float:
    """The largest s such that a table with the observed margins has every cell ≥ s."""
    a = play.design
    m, p = a.shape
    margins = a.T @ play.counts
    objective = np.zeros(m + 1)
    objective[-1] = -1.0  # maximise s
    a_eq = np.hstack([a.T, np.zeros((p, 1))])
    a_ub = np.hstack([-np.eye(m), np.ones((m, 1))])  # s - x_i <= 0
    res = linprog(objective, A_ub=a_ub, b_ub=np.zeros(m), A_eq=a_eq, b_eq=margins,
                  bounds=[(0, None)] * (m + 1), method="highs")
    if res.status != 0:  # infeasible cannot happen (the data are a solution); report as no margin to spare
        return 0.0
    return float(-res.fun)


def refusals(play: InPlay, lists: tuple[str, ...]) -> list[str]:
    """Why this model cannot give an estimate on these data; empty when it can."""
    reasons = []
    if smallest_positive_cell(play) <= POSITIVE * max(1, play.counts.sum()):
        reasons.append("no finite MLE: no table with every cell positive has the observed margins "
                       "(Fienberg–Rinaldo linear programme optimum is 0), so some fitted count, "
                       "possibly the unobserved one, is 0 or infinite")
    a = play.design
    rank = int(np.linalg.matrix_rank(a))
    if rank < a.shape[1]:
        empty = ", ".join("*".join(lists[i] for i in t) for t in play.empty)
        why = f" once the patterns of lists never seen together ({empty}) are left out" if empty else ""
        reasons.append(f"not identifiable: the design has rank {rank} for {a.shape[1]} parameters{why}, "
                       "so the data do not fix the unobserved count")
    return reasons
