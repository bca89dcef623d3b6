"""Corroboration grades, after Airwars and Iraq Body Count (spec/incidents.md, Grades)."""
from __future__ import annotations

from corroborate.reconcile import sources
from corroborate.reconcile.members import Member
from corroborate.reconcile.ranges import has_figure, no_deaths
from corroborate.reconcile.rules import words

LADDER = ("weak", "fair", "confirmed")


def disagreements(members: list[Member]) -> tuple[list[str], list[str], list[Member]]:
    """Who was killed and who killed them, as the sources say, and the claims denied."""
    victims = sorted({m.victim_class for m in members if m.victim_class})
    killers = sorted({" ".join(words(m.perpetrator)) for m in members if m.perpetrator})
    # "no one was killed", where another claim counts deaths, denies it as "denied" does
    deaths = {m.outcome for m in members if has_figure(m) and not no_deaths(m)}
    return victims, killers, [m for m in members if m.denied or m.outcome in deaths and no_deaths(m)]


def contested(members: list[Member]) -> bool:
    """Sources disagree on who was killed or who killed them, or a claim is denied."""
    victims, killers, denied = disagreements(members)
    return len(victims) > 1 or len(killers) > 1 or bool(denied)


def grade(members: list[Member], counted: list[Member]) -> str:
    """`members`: every claim in the incident; `counted`: those the range uses."""
    if contested(members):
        return "contested"
    several = sources.independent(counted) >= 2
    step = 2 if several and any(m.status == "verified" for m in counted) else 1 if several else 0
    if any(m.status == "alleged" for m in counted):
        step = max(step - 1, 0)  # an alleged claim still counts, and lowers the grade
    return LADDER[step]
