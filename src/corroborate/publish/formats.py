"""Writing claims and events as a rich table, JSON Lines or CSV."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from corroborate import profiles
from corroborate.document import Claim

FORMATS = ("table", "jsonl", "csv")


def figure(low: int | None, high: int | None, q: str) -> str:
    """A claim's figure (its low, high and qualifier) as a reader writes it: ≥1,300, ~40, 13–16."""
    if q == "at_least":
        return f"≥{low:,}"
    if q == "more_than":
        return f">{low:,}"
    if q == "up_to":
        return f"≤{high:,}"
    if q == "approx":
        return f"~{low:,}"
    if low == high:
        return f"{low:,}"
    return f"{low:,}–{high:,}"


def span(low: int | None, high: int | None, open_ended: bool = False, empty: str = "") -> str:
    """A range of counts: 13–16, 4, ?–9, 5– (`open_ended` adds a +); `empty` when neither end is known."""
    if low is None and high is None:
        return empty
    if low == high:
        return f"{low:,}"
    return f"{'?' if low is None else f'{low:,}'}–{'' if high is None else f'{high:,}'}{'+' if open_ended else ''}"


def reads(low: int | None, high: int | None, open_high: bool = False, approx: bool = False,
          empty: str = "—") -> str:
    """An incident's range as spec/incidents.md has a person read it: "595 – 1,300+" (the
    highest figure open-ended), "≥ 27" (no highest), "~50", "13 – 16"; never "27–" or "77–77+"."""
    if low is None and high is None:
        return empty
    if high is None:
        return f"≥ {low:,}"
    if low is None:
        return f"≤ {high:,}"
    if low == high:
        return f"≥ {low:,}" if open_high else f"~{low:,}" if approx else f"{low:,}"
    return f"{low:,} – {high:,}{'+' if open_high else ''}"


def open_high(record: dict, what: str = "killed") -> bool:
    """The highest figure of the range is open-ended ("at least 1,300"): a counted claim that
    states no higher figure gives it."""
    high = record[f"{what}_high"]
    return high is not None and any(c["outcome"] == what and c.get("open_ended") and c["low"] == high
                                    for c in record.get("claims", ()))


def incident_range(record: dict, what: str = "killed", approx: bool = False, empty: str = "—") -> str:
    """An incident's range as a person reads it: "595 – 1,300+", "≥ 27", "~50", "13 – 16"."""
    return reads(record[f"{what}_low"], record[f"{what}_high"], open_high(record, what), approx, empty)


def flat(row: dict) -> dict:
    """Lists (an incident's claims) and dicts as JSON text, for a CSV cell."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}


def write_rows(rows: Iterable[dict], fmt: str, fields: tuple[str, ...], table_columns: tuple[str, ...],
               out: TextIO | None = None) -> int:
    """Records as JSON Lines or CSV (`fields`), or as a table of the `table_columns` of each.
    `out`: standard output when not given, as it is at the call (a redirection is followed)."""
    out = sys.stdout if out is None else out
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    else:
        table = Table(show_lines=False, header_style="bold")
        for column in table_columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            n += 1
            table.add_row(*("" if row.get(k) is None else str(row[k]) for k in table_columns))
        Console(file=out, width=None if out.isatty() else 160).print(table)
    return n


CLAIM_TABLE = ("doc", "outcome", "figure", "victims", "place", "date", "source", "status", "scope", "cause")


def write_claims(claims: Iterable[Claim], fmt: str, out: TextIO | None = None, profile: str | None = None) -> int:
    """`profile` (profiles.PROFILES) adds that recorder's figures beside each claim."""
    extra = profiles.COLUMNS[profile] if profile else ()
    rows = ({**c.to_exchange(), **(profiles.figures(profile, c) if profile else {}),
             **({"figure": figure(c.low, c.high, c.qualifier)} if fmt == "table" else {})} for c in claims)
    return write_rows(rows, fmt, Claim.EXCHANGE_FIELDS + extra, CLAIM_TABLE + extra, out)
