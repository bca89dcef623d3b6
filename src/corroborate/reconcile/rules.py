"""The reconciliation rules (rules.toml), read once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corroborate.rules import load


@dataclass(frozen=True)
class Rules:
    date_window_days: int
    outlier_factor: float
    aggregate_span_ratio: float  # totals over spans this many times apart in length are apart
    generic_victims: frozenset[str]
    partial_victims: frozenset[str]
    partial_evidence: tuple[re.Pattern, ...]
    boast: tuple[str, ...]
    denial: tuple[str, ...]
    night: tuple[str, ...]
    aliases: dict[str, str]
    originators: frozenset[str]  # words of a source that name a body issuing its own figures
    event_groups: tuple[frozenset[str], ...]
    periods: dict  # [periods]: the patterns of a total's own period, and its units (periods.py)
    precision: dict  # [precision]: how precisely an incident is placed, in words (places.py)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The reconciler's rules (rules.toml, extended by CORROBORATE_RULES)."""
    data = load(Path(__file__).with_name("rules.toml"))
    return Rules(
        date_window_days=data["date_window_days"],
        outlier_factor=data["outlier_factor"],
        aggregate_span_ratio=float(data["aggregate_span_ratio"]),
        generic_victims=frozenset(data["victims"]["generic"]),
        partial_victims=frozenset(data["partial"]["victims"]),
        partial_evidence=tuple(re.compile(p, re.IGNORECASE) for p in data["partial"]["evidence"]),
        boast=tuple(data["perpetrator"]["boast"]),
        denial=tuple(data["denial"]["cues"]),
        night=tuple(data["night"]["cues"]),
        aliases=data["sources"]["aliases"],
        originators=frozenset(data["sources"]["originators"]),
        event_groups=tuple(frozenset(g) for g in data["events"]["compatible"]),
        periods=data["periods"],
        precision=data["precision"],
    )


def words(text: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


@lru_cache(maxsize=16)
def _padded(cues: tuple[str, ...]) -> tuple[str, ...]:
    """The cues as `has_cue` looks for them: their words, with a space either side."""
    return tuple(f" {' '.join(words(cue))} " for cue in cues)


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether any cue occurs in `text` as whole words."""
    padded = f" {' '.join(words(text))} "
    return any(cue in padded for cue in _padded(cues))
