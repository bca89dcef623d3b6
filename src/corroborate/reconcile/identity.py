"""Stable ids: a regrouped incident keeps the id of the stored incident it shares most
claims with; a new one is named after its first claim, so a re-run names it the same."""
from __future__ import annotations

import hashlib

from corroborate.reconcile.members import Member


def new_id(prefix: str, members: list[Member], taken: set[str]) -> str:
    first = min(m.key for m in members)
    base = f"{prefix}{hashlib.sha1(first.encode()).hexdigest()[:10]}"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    return found


def assign(groups: list[list[Member]], stored: dict[str, set[str]], prefix: str) -> list[tuple[str, list[Member]]]:
    """An id for each group, in the groups' order."""
    held = [{m.key for m in g} for g in groups]
    pairs = sorted((-len(mine & keys), i, incident_id)
                   for i, mine in enumerate(held) for incident_id, keys in stored.items()
                   if mine & keys)
    chosen: dict[int, str] = {}
    for _, i, incident_id in pairs:
        if i not in chosen and incident_id not in chosen.values():
            chosen[i] = incident_id
    taken = set(stored) | set(chosen.values())
    for i, g in enumerate(groups):
        if i not in chosen:
            chosen[i] = new_id(prefix, g, taken)
            taken.add(chosen[i])
    return [(chosen[i], g) for i, g in enumerate(groups)]
