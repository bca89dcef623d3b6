"""Writing claims as a rich table, JSON Lines or CSV."""
from __future__ import annotations

import csv
import json
import sys
from typing import Iterable, TextIO

from rich.console import Console
from rich.table import Table

from corroborate.document import Claim

FORMATS = ("table", "jsonl", "csv")


def _figure(claim: Claim) -> str:
    low, high, q = claim.low, claim.high, claim.qualifier
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


def write_claims(claims: Iterable[Claim], fmt: str, out: TextIO = sys.stdout) -> int:
    n = 0
    if fmt == "jsonl":
        for n, claim in enumerate(claims, 1):
            out.write(json.dumps(claim.to_exchange(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=Claim.EXCHANGE_FIELDS, lineterminator="\n")
        writer.writeheader()
        for n, claim in enumerate(claims, 1):
            writer.writerow(claim.to_exchange())
    else:
        table = Table(show_lines=False, header_style="bold")
        for column in ("doc", "outcome", "figure", "victims", "place", "date", "source", "status", "scope"):
            table.add_column(column, overflow="fold")
        for n, c in enumerate(claims, 1):
            table.add_row(c.doc, c.outcome, _figure(c), c.victims or "", c.place or "", c.date or "",
                          c.source or "", c.status, c.scope)
        Console(file=out, width=None if out.isatty() else 160).print(table)
    return n
