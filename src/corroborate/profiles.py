"""Profiles: the figure each recorder would publish for a claim. A profile is a view on the
claim's own low/high, never a replacement for them (see ../shared/spec/architecture.md).

- ACLED: one conservative number, the lowest credible figure; vague words get ACLED's fixed
  figures; a party's own count of its enemies' dead is 0; an attacker who died in the attack
  counts; a report's total told over several events is shared evenly among them
  (profiles.toml, each rule with its source).
- IBC: the lowest and the highest figure the claim states.
- UCDP: low, best and high, with the reason for the best estimate. Of an incident, best is
  its most reliable total (UCDP GED codebook: the most reliable estimate, not the highest):
  the most reliable status first, an exact count before an open-ended one ("at least"), and
  of those the fullest (a later report of a rising toll); never a floor's, a vague word's or
  an outlier's figure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corroborate.document import Claim, Event
from corroborate.extract.lexicon import lexicon
from corroborate.rules import load


@dataclass(frozen=True)
class AcledRules:
    vague: dict[tuple[int, int], int]  # ACLED's figure by the (low, high) a vague phrase gives a claim
    parties: frozenset[str]
    counts: tuple[re.Pattern, ...]
    place_list: re.Pattern
    joiners: re.Pattern
    list_needs: tuple[str, ...]
    attacker_cues: tuple[re.Pattern, ...]
    attackers: frozenset[str]
    relays: frozenset[str]
    unknown: dict  # [acled.unknown]: its patterns compiled, its figures as written


def _folded(text: str | None) -> str:
    """Lower case, words only, without "the"."""
    return " ".join(w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w != "the")


def _cue(phrase: str) -> re.Pattern:
    return re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def acled_rules() -> AcledRules:
    data = load(Path(__file__).with_name("profiles.toml"))["acled"]
    fixed, split = data["vague"], data["split"]
    particle = "|".join(map(re.escape, split["particles"]))
    kind = "|".join(map(re.escape, split["kinds"]))
    name = rf"[A-Z][\w'-]*(?: (?:(?:{particle}) )*[A-Z][\w'-]*)*(?: (?:{kind})\b)?"
    joiners = "|".join(map(re.escape, split["list_joiners"]))
    return AcledRules(
        vague={bounds: fixed[" ".join(w)] for w, bounds in lexicon().vague.items() if " ".join(w) in fixed},
        parties=frozenset(_folded(p) for p in data["party"]["names"]),
        counts=tuple(re.compile(p, re.IGNORECASE) for p in split["counts"]),
        place_list=re.compile(rf"(?:{'|'.join(split['list_after'])}) ({name}(?:(?:{joiners}){name})+)"),
        joiners=re.compile(joiners),
        list_needs=tuple(split["list_needs"]),
        attacker_cues=tuple(map(_cue, data["attacker"]["cues"])),
        attackers=frozenset(data["attacker"]["attackers"]),
        relays=frozenset(_folded(p) for p in data["party"]["relays"]),
        unknown={**data["unknown"], "told": [re.compile(p, re.IGNORECASE) for p in data["unknown"]["told"]],
                 "dozens": [re.compile(p, re.IGNORECASE) for p in data["unknown"]["dozens"]]},
    )


def is_party(name: str | None) -> bool:
    """Whether a source or publisher is a party to the conflict, for ACLED (profiles.toml [acled.party])."""
    return _folded(name) in acled_rules().parties


def attacker_died(claim: Claim) -> bool:
    """The claim's sentence tells of an attacker killed in his own attack, and its figure counts
    the victims, not the attackers."""
    r = acled_rules()
    return any(c.search(claim.evidence) for c in r.attacker_cues) and \
        not set(_folded(claim.victims).split()) & r.attackers


def acled(claim: Claim) -> int | None:
    """None for the injured: ACLED counts fatalities only."""
    if claim.outcome != "killed":
        return None
    if is_party(claim.source):
        return 0  # a party's uncorroborated count of its enemies' dead
    if claim.qualifier == "vague" and claim.low is not None and claim.high is not None:
        figure: int | None = acled_rules().vague.get((claim.low, claim.high), claim.low)
    else:
        figure = claim.low if claim.low is not None else claim.high
    return figure + 1 if figure is not None and attacker_died(claim) else figure


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lexicon().number_words.get(word.lower())


def shares(sentences: list[str]) -> int:
    """How many events a report's total is told over: the days or places its own words
    count ("on two consecutive days"), or the places it lists ("in Kabul, Ghor and Balkh")."""
    r = acled_rules()
    found = [1]
    for sentence in sentences:
        plain = re.sub(r"\s*\([^)]*\)", "", sentence)  # what brackets say of a place
        found += [n for p in r.counts for m in p.finditer(plain) if (n := _number(m.group("n")))]
        found += [len(r.joiners.split(m.group(1))) for m in r.place_list.finditer(plain)
                  if any(joiner in m.group(1) for joiner in r.list_needs)]
    return max(found)


def unknown_figure(sentences: list[str], event_type: str | None) -> int | None:
    """ACLED's fixed figure for deaths a report tells without a number; None when it tells none."""
    u = acled_rules().unknown
    if any(p.search(s) for p in u["dozens"] for s in sentences):
        return int(u["dozens_figure"])
    if any(p.search(s) for p in u["told"] for s in sentences):
        return int(u["major_figure"] if event_type in u["major"] else u["limited_figure"])
    return None


def acled_report(claims: list[Claim], events: list[Event], text: str, publishers: list[str]) -> int:
    """ACLED's figure for each event a report tells: its events' figures (each the `acled`
    figure of its claims, or ACLED's fixed one for deaths told without a number) added up;
    0 when every publisher of the report that is not a relay is a party to the conflict;
    the fixed figure for deaths told without a number when the report numbers none; shared
    evenly among the events the report tells, halves rounded up."""
    r = acled_rules()
    own = [p for p in publishers if _folded(p) not in r.relays]
    if own and all(map(is_party, own)):
        return 0
    figure = sum(e.fatalities for e in events)
    if not any(c.outcome == "killed" and c.qualifier != "vague" for c in claims):
        figure = unknown_figure([text], events[0].event_type if events else None) or figure
    parts = shares([text])
    return (2 * figure + parts) // (2 * parts)


def ibc(claim: Claim) -> tuple[int | None, int | None]:
    """(min, max): an open bound is the one figure stated."""
    low = claim.low if claim.low is not None else claim.high
    high = claim.high if claim.high is not None else claim.low
    return low, high


UCDP_BASIS = {
    "exact": "the figure stated",
    "approx": "the figure stated, approximately",
    "at_least": "a floor and no higher figure stated: best is the floor",
    "more_than": "a floor and no higher figure stated: best is the floor",
    "up_to": "only a ceiling stated: best is the ceiling, low is unknown",
    "range": "a range: best is its lower end, the more conservative reading",
    "vague": "a vague word: best is the smallest number it allows",
}


def ucdp(claim: Claim) -> tuple[int | None, int | None, int | None, str]:
    """(low, best, high, why best is what it is)."""
    best = claim.low if claim.low is not None else claim.high
    return claim.low, best, claim.high, UCDP_BASIS.get(claim.qualifier, "the figure stated")


# Claim statuses, the most reliable first (spec/claims.md, Status).
RELIABILITY = ("verified", "reported", "alleged", "unverified")


def _reliability(claim: dict) -> tuple[int, bool]:
    """Lower is more reliable: the claim's status, then an exact count before an open-ended one."""
    status = RELIABILITY.index(claim["status"]) if claim["status"] in RELIABILITY else len(RELIABILITY)
    return status, bool(claim.get("open_ended"))


def ucdp_incident(record: dict) -> tuple[int | None, int | None, int | None, str]:
    """(low, best, high, why) of an incident: `record` is its exchange record (claims with
    their roles); low and high are its range."""
    low, high = record["killed_low"], record["killed_high"]
    totals = [c for c in record["claims"] if c["role"] == "total" and c.get("outcome", "killed") == "killed"
              and (c["low"] is not None or c["high"] is not None)]
    if not totals:
        return ucdp(range_claim(record))
    most = min(map(_reliability, totals))
    reliable = [c for c in totals if _reliability(c) == most]
    best = max(c["low"] if c["low"] is not None else c["high"] for c in reliable)
    best = min(max(best, low if low is not None else best), high if high is not None else best)
    kind = "open-ended" if most[1] else "exact"
    return low, best, high, f"the fullest of the most reliable totals ({reliable[0]['status']}, {kind})"


def range_claim(record: dict) -> Claim:
    """An incident's killed range (`record`: its exchange record, or its summary with an id)
    as one claim, so that the per-claim profiles apply to it."""
    low, high = record["killed_low"], record["killed_high"]
    qualifier = "exact" if low == high else "at_least" if high is None else "up_to" if low is None else "range"
    return Claim(doc=record["id"], outcome="killed", low=low, high=high, qualifier=qualifier, evidence="",
                 start=0, end=0)


FIGURES = {"acled": lambda c: (acled(c),), "ibc": ibc, "ucdp": ucdp}
COLUMNS = {"acled": ("acled_fatalities",), "ibc": ("ibc_min", "ibc_max"),
           "ucdp": ("ucdp_low", "ucdp_best", "ucdp_high", "ucdp_basis")}


def figures(profile: str, claim: Claim, record: dict | None = None) -> dict:
    """The columns a profile adds beside a claim, or beside an incident (`record`, with
    `claim` its range as one claim)."""
    if profile == "ucdp" and record is not None:
        return dict(zip(COLUMNS[profile], ucdp_incident(record), strict=True))
    return dict(zip(COLUMNS[profile], FIGURES[profile](claim), strict=True))


PROFILES = tuple(COLUMNS)
