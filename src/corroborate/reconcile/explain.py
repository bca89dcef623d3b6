"""Why an incident has the range and the grade it has, in words, for its page."""
from __future__ import annotations

import duckdb

from corroborate.reconcile import sources
from corroborate.reconcile.grades import disagreements
from corroborate.reconcile.members import by_keys


def grade(con: duckdb.DuckDBPyConnection, keys: list[str], outliers: list[str]) -> list[str]:
    """The facts spec/incidents.md grades on (reconcile/grades.py), as they stand for this incident."""
    members = by_keys(con, keys)
    counted = [m for m in members if m.key not in outliers]
    why = []
    victims, killers, denied = disagreements(members)
    if len(victims) > 1:
        why.append(f"sources disagree on who was killed: {', '.join(victims)}")
    if len(killers) > 1:
        why.append(f"sources disagree on who killed them: {', '.join(killers)}")
    why += [f"a claim is denied ({m.key})" for m in denied]
    publishers = sources.publishers(counted)
    why.append(f"{len(publishers)} independent source{'s' if len(publishers) != 1 else ''} among the counted claims "
               f"(counted by who published or originated the figure): {', '.join(publishers)}")
    verified = sum(m.status == "verified" for m in counted)
    why.append(f"{verified} verified claim{'s' if verified != 1 else ''}")
    alleged = sum(m.status == "alleged" for m in counted)
    if alleged:
        why.append(f"{alleged} alleged claim{'s' if alleged != 1 else ''}, which lower the grade a step")
    return why


def range_(record: dict) -> list[str]:
    claims = record["claims"]
    why = []
    floors = [c for c in claims if c["role"] == "floor"]
    if floors:
        why.append("partial counts are floors, not competing totals: " +
                   ", ".join(f"{c['low']} ({c['source'] or 'unattributed'})" for c in floors))
    if any(c["role"] == "vague" for c in claims):
        why.append("vague words count only because no specific figure exists")
    if record["killed_low"] is not None:
        why.append(f"low {record['killed_low']:,}: the lowest total a credible source gives, never below a floor")
    if record["killed_high"] is not None:
        why.append(f"high {record['killed_high']:,}: the highest total a credible source gives")
    elif record["killed_low"] is not None:
        why.append("no high: the highest figure is open-ended (\"at least\")")
    if record["outliers"]:
        why.append(f"{len(record['outliers'])} outlier{'s' if len(record['outliers']) != 1 else ''} kept "
                   "in the record but not counted")
    return why
