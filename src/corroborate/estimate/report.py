"""The estimate from linked persons (../shared/spec/estimate.md, "Estimation"): the overlap their
lists make, by stratum when asked, and again at other match thresholds, since missed links
inflate the estimate and false links deflate it."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from corroborate.document import Link
from corroborate.estimate import link as linkage
from corroborate.estimate.mse import estimate, estimate_strata
from corroborate.estimate.patterns import Overlap, OverlapError, from_memberships

BY = {"governorate": 0, "year": 1, "sex": 2}


def memberships(persons: dict[str, str], lists: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Each person's lists (only those in `lists`, when given; persons on none of them left out)."""
    wanted = set(lists) if lists is not None else None
    found: dict[str, set[str]] = defaultdict(set)
    for record, person in persons.items():
        name = record.partition(":")[0]
        if wanted is None or name in wanted:
            found[person].add(name)
    return found


def overlap(persons: dict[str, str], lists: Iterable[str] | None = None) -> Overlap:
    """The overlap table of these persons: over `lists` (in that order), or every list they are on."""
    on = memberships(persons, lists)
    names = list(lists) if lists is not None else sorted(set().union(*on.values()))
    return from_memberships(on.values(), names)


def _strata(persons: dict[str, str], facts: dict[str, tuple], by: str) -> dict[str, dict[str, str]]:
    """The persons of each stratum: a person's value is the one most of its records give."""
    values: dict[str, Counter] = defaultdict(Counter)
    for record, person in persons.items():
        value = facts.get(record, (None, None, None))[BY[by]]
        if value is not None:
            values[person][str(value)] += 1
    split: dict[str, dict[str, str]] = defaultdict(dict)
    for record, person in persons.items():
        counts = values.get(person)
        value = min(counts, key=lambda v: (-counts[v], v)) if counts else "unknown"
        split[value][record] = person
    return dict(sorted(split.items()))


def report(persons: dict[str, str], links: list[Link], *, threshold: float, one_per_list: bool,
           lists: list[str] | None = None, by: str | None = None, facts: dict[str, tuple] | None = None,
           sweep: Iterable[float] = (), **options) -> dict:
    """The estimate (or its refusal) from the persons of the last linkage, with the overlap it
    came from; per stratum when `by`; and at each threshold of `sweep`, persons remade from the
    stored links."""
    if by is not None and by not in BY:
        raise ValueError(f"--by {by!r}: one of {', '.join(BY)}")
    table = overlap(persons, lists)
    result = estimate(table, **options).to_dict()
    result["overlap"] = table.to_dict()
    result["linkage"] = {"threshold": threshold, "one_per_list": one_per_list,
                         "across_thresholds": _sweep(persons, links, one_per_list, lists, sweep, threshold, options)}
    if by:
        strata = {name: overlap(members, table.lists) for name, members in _strata(persons, facts or {}, by).items()}
        result["by"] = by
        result["strata"] = {name: found.to_dict() for name, found in estimate_strata(strata, **options).items()}
    return result


def _sweep(persons: dict[str, str], links: list[Link], one_per_list: bool, lists: list[str] | None,
           thresholds: Iterable[float], chosen: float, options: dict) -> list[dict]:
    rows = []
    for t in sorted(set(thresholds) | {chosen}):
        at = persons if t == chosen else linkage.persons(persons, links, t, one_per_list)
        try:
            found = estimate(overlap(at, lists), **options).to_dict()
        except OverlapError as problem:
            found = {"refused": [str(problem)]}
        rows.append({"threshold": t, "persons": len(set(at.values())),
                     **{k: found.get(k) for k in ("observed", "estimate", "low", "high", "model", "refused")
                        if k in found}})
    return rows
