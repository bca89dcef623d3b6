"""Which totals speak of one episode. An aggregate claim covers its own dates, the period
its sentence gives or, failing both, its document's span (the first day the document
dates an incident to, up to publication), over its own country or its document's. Claims
whose spans overlap in one country and are of a like length (a night's toll is not a
figure for the months around it), with compatible victims, make one aggregate; a claim
that does not say who died joins the largest group beside it."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from corroborate.reconcile import periods
from corroborate.reconcile.members import Member, claim_order
from corroborate.reconcile.rules import rules

Span = tuple[str, str]


def spans(members: list[Member]) -> tuple[dict[str, Span], set[str]]:
    """The span each aggregate member covers (members without one are left out), and the
    members whose span their own words give: a date, or a period ("within about six days")."""
    first_day: dict[str, str] = {}
    for m in members:
        if m.scope != "aggregate" and m.day and m.date:  # m.day: the date is one day
            first_day[m.doc] = min(first_day.get(m.doc, m.date), m.date)
    found: dict[str, Span] = {}
    stated: set[str] = set()
    for m in members:
        if m.scope != "aggregate":
            continue
        published = str(m.published)[:10] if m.published else None
        said = periods.stated(m.evidence, first_day.get(m.doc), published)
        if m.date:
            start, _, end = m.date.partition("/")
            found[m.key] = (start, end or start)
        elif said:
            found[m.key] = said
        elif published:
            found[m.key] = (min(first_day.get(m.doc, published), published), published)
        stated |= {m.key} if m.date or said else set()
    return found, stated


def group(members: list[Member]) -> tuple[list[list[Member]], dict[str, Span]]:
    """The aggregates, and the span of each of their claims that dates it: when any claim
    of an aggregate states its own period, those claims date it, not publication."""
    covered, stated = spans(members)
    by_country: dict[str | None, list[Member]] = defaultdict(list)
    for m in members:
        if m.key in covered:
            by_country[m.country or m.doc_country].append(m)
    groups: list[list[Member]] = []
    for country in sorted(by_country, key=str):
        for run in _overlapping(by_country[country], covered):
            for alike in _by_length(run, covered):
                groups += _by_victims(alike)
    dating = {}
    for g in groups:
        keys = {m.key for m in g}
        dating.update({k: covered[k] for k in (keys & stated or keys)})
    return sorted((sorted(g, key=claim_order) for g in groups), key=lambda g: g[0].key), dating


def _overlapping(members: list[Member], covered: dict[str, Span]):
    run: list[Member] = []
    end = ""
    for m in sorted(members, key=lambda m: (covered[m.key], m.key)):
        start, stop = covered[m.key]
        if run and start > end:
            yield run
            run, end = [], ""
        run.append(m)
        end = max(end, stop)
    if run:
        yield run


def _by_length(members: list[Member], covered: dict[str, Span]) -> list[list[Member]]:
    """The members in runs of spans of a like length: each run's longest span at most
    `aggregate_span_ratio` times its shortest."""
    def days(m: Member) -> int:
        start, end = covered[m.key]
        return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1

    runs: list[list[Member]] = []
    for m in sorted(members, key=lambda m: (days(m), m.key)):
        if runs and days(m) <= rules().aggregate_span_ratio * days(runs[-1][0]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _by_victims(members: list[Member]) -> list[list[Member]]:
    named: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        if m.victim_class:
            named[m.victim_class].append(m)
    unnamed = [m for m in members if not m.victim_class]
    if not named:
        return [unnamed]
    largest = max(sorted(named), key=lambda c: len(named[c]))
    named[largest] += unnamed
    return list(named.values())
