"""Commands over incidents: the reconciled record (../spec/incidents.md), one incident's
claims side by side, and its history."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from corroborate import profiles
from corroborate.cli import DbOption, WaitOption, app, fail, open_store
from corroborate.publish.formats import incident_range, span, write_rows
from corroborate.reconcile.incident import as_claim
from corroborate.reconcile.places import told
from corroborate.store import incidents as rows

TABLE = ("id", "kind", "date", "place", "precision", "country", "victim_type", "killed", "injured", "grade",
         "independent_sources", "claims", "outliers", "parts")
CLAIM_TABLE = ("figure", "outcome", "role", "source", "status", "date", "evidence", "doc")


def _row(record: dict, fmt: str, profile: str | None) -> dict:
    row = {**record, **(profiles.figures(profile, as_claim(record), record) if profile else {})}
    if fmt == "table":
        row.update(date="/".join(dict.fromkeys(d for d in (record["date_start"], record["date_end"]) if d)),
                   killed=incident_range(record, empty=""),
                   injured=incident_range(record, "injured", empty=""), claims=len(record["claims"]),
                   outliers=len(record["outliers"]), parts=len(record["parts"]) or "")
    return row


@app.command()
def incidents(db: Path | None = DbOption,
              fmt: str = typer.Option("table", "--format", help="table or jsonl."),
              profile: str | None = typer.Option(None, "--profile",
                                                    help=f"Add a recorder's figures: {', '.join(profiles.PROFILES)}."),
              wait: float = WaitOption) -> None:
    """Incidents and aggregates: claims from all documents reconciled, never double counted."""
    if fmt not in ("table", "jsonl"):
        fail("--format must be table or jsonl")
    if profile and profile not in profiles.PROFILES:
        fail(f"--profile must be one of {', '.join(profiles.PROFILES)}")
    extra = profiles.COLUMNS[profile] if profile else ()
    records = open_store(db, wait=wait).incidents()
    write_rows((_row(r, fmt, profile) for r in records), fmt, rows.RECORD + extra, TABLE + extra)


@app.command()
def incident(incident_id: str = typer.Argument(..., help="An id from `corroborate incidents`."),
             db: Path | None = DbOption,
             fmt: str = typer.Option("table", "--format", help="table or jsonl."),
             wait: float = WaitOption) -> None:
    """One incident: every claim side by side, with its figure, source, status, date and sentence."""
    record = open_store(db, wait=wait).incident(incident_id)
    if record is None:
        fail(f"no incident {incident_id!r} in the store (see `corroborate incidents`)")
    if fmt == "jsonl":
        print(json.dumps(record, ensure_ascii=False))
        return
    row = _row(record, "table", None)
    where = told(record["place"], record["precision"]) or "no place"
    country = f" ({record['country']})" if record["country"] else ""
    print(f"{record['id']} ({record['kind']}): {row['date'] or 'undated'}, {where}{country}; "
          f"{record['victim_type']} killed {row['killed'] or '?'}; {record['grade']}, "
          f"{record['independent_sources']} independent source(s)")
    claims = [{**c, "figure": span(c["low"], c["high"], c["open_ended"])} for c in record["claims"]] + \
             [{**c, "figure": span(c["low"], c["high"]), "role": f"outlier: {c['reason']}"} for c in record["outliers"]]
    write_rows(claims, "table", CLAIM_TABLE, CLAIM_TABLE)
    if record["parts"]:
        print("parts: " + ", ".join(record["parts"]))


@app.command()
def history(incident_id: str = typer.Argument(..., help="An incident id, current or merged away."),
            db: Path | None = DbOption,
            fmt: str = typer.Option("table", "--format", help="table or jsonl."),
            wait: float = WaitOption) -> None:
    """Every change to an incident: what changed, when, and because of which document."""
    changes = [{**c, "changed_at": c["changed_at"].isoformat()} for c in open_store(db, wait=wait).history(incident_id)]
    if not changes:
        fail(f"no incident {incident_id!r} has a history in the store")
    if fmt == "jsonl":
        write_rows(changes, "jsonl", rows.CHANGE, ())
        return
    write_rows(({**c, "detail": json.dumps(c["detail"], ensure_ascii=False)} for c in changes), "table", (),
               rows.CHANGE)
