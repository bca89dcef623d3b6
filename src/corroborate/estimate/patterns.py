"""The overlap table: how many persons each combination of lists recorded.

A capture pattern is a tuple of 0/1, one per list; the all-zero pattern (on no list) is the
unknown the estimators supply, so it is never held here. Patterns absent from a table are 0.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np

Pattern = tuple[int, ...]


class OverlapError(ValueError):
    """An overlap table that cannot be read or built, said with where and why."""


@dataclass(frozen=True)
class Overlap:
    lists: tuple[str, ...]
    counts: Mapping[Pattern, int]  # absent patterns are 0; the all-zero pattern is never a key

    def __post_init__(self) -> None:
        if len(self.lists) < 2:
            raise OverlapError(f"an overlap needs at least 2 lists, not {len(self.lists)} ({', '.join(self.lists)})")
        if len(set(self.lists)) != len(self.lists):
            raise OverlapError(f"a list is named twice: {', '.join(self.lists)}")
        k = len(self.lists)
        for pattern, n in self.counts.items():
            if len(pattern) != k or any(v not in (0, 1) for v in pattern) or not any(pattern):
                raise OverlapError(f"pattern {pattern} is not a capture pattern of {k} lists")
            if n < 0:
                raise OverlapError(f"pattern {pattern} has a negative count {n}")

    @property
    def observed(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Every pattern but the all-zero one (rows of 0/1, one column per list) and its count."""
        rows = [p for p in product((0, 1), repeat=len(self.lists)) if any(p)]
        return np.array(rows, dtype=np.int8), np.array([self.counts.get(p, 0) for p in rows], dtype=np.int64)

    def on_list(self, name: str) -> int:
        j = self.lists.index(name)
        return sum(n for p, n in self.counts.items() if p[j])

    def to_dict(self) -> dict:
        patterns = [{"pattern": "".join(map(str, p)), "count": n} for p, n in sorted(self.counts.items()) if n]
        return {"lists": list(self.lists), "patterns": patterns}


def from_memberships(memberships: Iterable[Iterable[str]], lists: Iterable[str] | None = None) -> Overlap:
    """The overlap of persons, each given as the set of lists that recorded them (after linkage).
    `lists` fixes the lists and their order (a list nobody is on still counts as a list); by default the
    lists named, sorted."""
    seen = [frozenset(m) for m in memberships]
    names = tuple(lists) if lists is not None else tuple(sorted(set().union(*seen)))
    unknown = set().union(*seen) - set(names)
    if unknown:
        raise OverlapError(f"persons are on lists not among {', '.join(names)}: {', '.join(sorted(unknown))}")
    if any(not m for m in seen):
        raise OverlapError("a person is on no list: every linked person comes from at least one list")
    return Overlap(names, dict(Counter(tuple(int(n in m) for n in names) for m in seen)))


def read_csv(path: str | Path) -> Overlap:
    """A patterns file: one 0/1 column per list and `count`, one row per pattern (zero patterns may be left out)."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        if "count" not in header:
            raise OverlapError(f"{path}: line 1: no `count` column (the header is {','.join(header) or 'empty'})")
        ci = header.index("count")
        names = tuple(h for i, h in enumerate(header) if i != ci)
        if len(names) < 2:
            raise OverlapError(f"{path}: line 1: {len(names)} list column(s); an overlap needs at least 2 lists")
        counts: dict[Pattern, int] = {}
        for line, row in enumerate(reader, start=2):
            if not any(c.strip() for c in row):
                continue
            pattern, n = _row(path, line, row, header, ci)
            if pattern in counts:
                raise OverlapError(f"{path}: line {line}: pattern {''.join(map(str, pattern))} is given twice")
            counts[pattern] = n
    return Overlap(names, counts)


def _row(path: Path, line: int, row: list[str], header: list[str], ci: int) -> tuple[Pattern, int]:
    if len(row) != len(header):
        raise OverlapError(f"{path}: line {line}: {len(row)} values for {len(header)} columns")
    cells = [c.strip() for c in row]
    bad = [(h, c) for i, (h, c) in enumerate(zip(header, cells, strict=True)) if i != ci and c not in ("0", "1")]
    if bad:
        raise OverlapError(f"{path}: line {line}: list column {bad[0][0]} is {bad[0][1]!r}, not 0 or 1")
    if not cells[ci].isdigit():
        raise OverlapError(f"{path}: line {line}: count {cells[ci]!r} is not a whole number ≥ 0")
    pattern = tuple(int(c) for i, c in enumerate(cells) if i != ci)
    if not any(pattern):
        raise OverlapError(f"{path}: line {line}: the all-zero pattern is what is estimated; it cannot be given")
    return pattern, int(cells[ci])
