"""Hierarchical log-linear models of an overlap table, and the cells each model can fill.

A model is its interaction terms (main effects are always in); a term is the sorted indices of
the lists it joins. The term of all k lists is never allowed: it is confounded with the count
nobody recorded, which is what is estimated.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

Term = tuple[int, ...]


@dataclass(frozen=True)
class Model:
    terms: tuple[Term, ...] = ()

    @staticmethod
    def of(terms) -> Model:
        return Model(tuple(sorted({tuple(sorted(t)) for t in terms}, key=lambda t: (len(t), t))))

    def name(self, lists: tuple[str, ...]) -> str:
        return " + ".join(["main effects"] + ["*".join(lists[i] for i in t) for t in self.terms])

    def hierarchical(self) -> bool:
        have = set(self.terms)
        return all(s in have for t in self.terms if len(t) > 2 for s in combinations(t, len(t) - 1))

    def with_term(self, term: Term) -> Model:
        return Model.of(self.terms + (term,))

    def without(self, term: Term) -> Model:
        return Model.of(t for t in self.terms if t != term)


def columns(rows: np.ndarray, terms: tuple[Term, ...]) -> np.ndarray:
    """The design: intercept, one column per list, one per term (1 where the pattern is on all its lists)."""
    cols = [np.ones(len(rows)), *rows.T.astype(float)]
    cols += [rows[:, list(t)].all(axis=1).astype(float) for t in terms]
    return np.column_stack(cols)


@dataclass(frozen=True)
class InPlay:
    """What a model can fit to the data. A term whose lists share no recorded person has its parameter at
    minus infinity (Chan, Silverman & Vincent 2021): the patterns on all its lists are then certainly empty,
    so they leave the table and the term leaves the design, still counted as a parameter."""
    rows: np.ndarray
    counts: np.ndarray
    terms: tuple[Term, ...]  # the terms fitted
    empty: tuple[Term, ...]  # the terms at minus infinity

    @property
    def design(self) -> np.ndarray:
        return columns(self.rows, self.terms)

    @property
    def n_params(self) -> int:
        return 1 + self.rows.shape[1] + len(self.terms) + len(self.empty)


def in_play(model: Model, rows: np.ndarray, counts: np.ndarray) -> InPlay:
    empty = tuple(t for t in model.terms if counts[rows[:, list(t)].all(axis=1)].sum() == 0)
    keep = np.ones(len(rows), dtype=bool)
    for t in empty:
        keep &= ~rows[:, list(t)].all(axis=1)
    fitted = tuple(t for t in model.terms if t not in empty)
    return InPlay(rows[keep], counts[keep], fitted, empty)


def neighbours(model: Model, k: int, max_order: int) -> list[Model]:
    """The hierarchical models one term away: a term added whose lower terms are all in, or a term dropped
    that no higher term needs."""
    have = set(model.terms)
    out = []
    for order in range(2, min(max_order, k - 1) + 1):
        for t in combinations(range(k), order):
            if t not in have and (order == 2 or all(s in have for s in combinations(t, order - 1))):
                out.append(model.with_term(t))
    for t in model.terms:
        if not any(len(u) > len(t) and set(t) <= set(u) for u in model.terms):
            out.append(model.without(t))
    return out
