"""Profiles: the figure each recorder would publish for a claim. A profile is a view on the
claim's own low/high, never a replacement for them (see ../shared/spec/architecture.md).

- ACLED: one conservative number, the lowest credible figure; vague words get ACLED's fixed
  figures (profiles.toml).
- IBC: the lowest and the highest figure the claim states.
- UCDP: low, best and high, with the reason for the best estimate."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from corroborate.document import Claim
from corroborate.extract.lexicon import lexicon
from corroborate.rules import load


@lru_cache(maxsize=1)
def _acled_vague() -> dict[tuple[int, int], int]:
    """ACLED's figure by the (low, high) a vague phrase gives a claim."""
    fixed = load(Path(__file__).with_name("profiles.toml"))["acled"]["vague"]
    return {bounds: fixed[" ".join(words)] for words, bounds in lexicon().vague.items() if " ".join(words) in fixed}


def acled(claim: Claim) -> int | None:
    """None for the injured: ACLED counts fatalities only."""
    if claim.outcome != "killed":
        return None
    if claim.qualifier == "vague":
        if claim.low is None or claim.high is None:
            return claim.low  # the lexicon's vague phrases all give both bounds
        return _acled_vague().get((claim.low, claim.high), claim.low)
    return claim.low if claim.low is not None else claim.high


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


FIGURES = {"acled": lambda c: (acled(c),), "ibc": ibc, "ucdp": ucdp}
COLUMNS = {"acled": ("acled_fatalities",), "ibc": ("ibc_min", "ibc_max"),
           "ucdp": ("ucdp_low", "ucdp_best", "ucdp_high", "ucdp_basis")}


def figures(profile: str, claim: Claim) -> dict:
    """The columns a profile adds beside a claim."""
    return dict(zip(COLUMNS[profile], FIGURES[profile](claim), strict=True))


PROFILES = tuple(COLUMNS)
