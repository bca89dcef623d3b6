"""Merges and splits made by a person outrank the reconciler: claims a person put together
stay together, claims a person split stay apart, whatever later documents bring. For each
pair of claims only the latest decision holds (a merge undone by a split is undone)."""
from __future__ import annotations

import duckdb

from corroborate.reconcile.members import Member, claim_order
from corroborate.store import incidents as rows

Pair = frozenset[str]


class Decisions:
    def __init__(self, decided: list[tuple[str, str, str]]):
        latest: dict[Pair, str] = {}
        for decision, claim, other in decided:  # oldest first: a later word replaces an earlier one
            latest[frozenset((claim, other))] = decision
        self.together = {p for p, d in latest.items() if d == "together"}
        self.apart = {p for p, d in latest.items() if d == "apart"}

    def partners(self, keys: set[str]) -> set[str]:
        """The claims a person put together with any of `keys`, outside them."""
        return {k for pair in self.together if pair & keys for k in pair} - keys

    def clash(self, these: list[Member], those: list[Member]) -> bool:
        return any(frozenset((a.key, b.key)) in self.apart for a in these for b in those)

    def joined(self, these: list[Member], those: list[Member]) -> bool:
        return any(frozenset((a.key, b.key)) in self.together for a in these for b in those)


def read(con: duckdb.DuckDBPyConnection, keys: set[str]) -> Decisions:
    return Decisions(rows.decisions(con, sorted(keys)))


def honour(groups: list[list[Member]], decided: Decisions) -> list[list[Member]]:
    """The reconciler's groups with every decision applied: a group holding claims a person
    split is parted (each claim joins the first part it may), then groups holding claims a
    person put together are joined unless that would bring split claims together."""
    if not decided.together and not decided.apart:
        return groups
    parted: list[list[Member]] = []
    for group in groups:
        parts: list[list[Member]] = []
        for m in group:
            home = next((p for p in parts if not decided.clash([m], p)), None)
            if home is None:
                parts.append([m])
            else:
                home.append(m)
        parted += parts
    joined: list[list[Member]] = []
    for group in parted:
        for other in list(joined):
            if decided.joined(group, other) and not decided.clash(group, other):  # the group grows as it goes
                joined.remove(other)
                group = other + group
        joined.append(group)
    return sorted((sorted(g, key=claim_order) for g in joined), key=lambda g: claim_order(g[0]))
