"""The edits a person makes to the record: a claim's status, incidents merged or split.
Each names who made it in the audit log, with the record before and after, inside the
caller's transaction (corroborate.Store holds it)."""
from __future__ import annotations

import duckdb

from corroborate import reconcile
from corroborate.pipeline import Refused
from corroborate.reconcile.identity import new_id
from corroborate.reconcile.incident import build
from corroborate.reconcile.members import by_keys
from corroborate.store import audit, records
from corroborate.store import incidents as rows
from corroborate.store.tokens import Holder

STATUSES = ("reported", "verified", "unverified", "alleged")  # ../spec/claims.md


def claim_status(con: duckdb.DuckDBPyConnection, who: Holder, doc_id: str, n: int, status: str,
                 reason: str | None = None) -> dict:
    """Set a claim's status and regrade the incidents that hold it. `reason`, for the audit log."""
    if status not in STATUSES:
        raise Refused(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    before = records.set_status(con, doc_id, n, status)
    if before is None:
        raise LookupError(f"no claim {doc_id}:{n}")
    reconcile.update(con, doc_id)
    audit.record(con, who, "claim status", f"claim:{doc_id}:{n}", {"status": before}, {"status": status}, reason)
    return {"doc": doc_id, "n": n, "status": status}


def _store(con: duckdb.DuckDBPyConnection, incident_id: str, keys: list[str], cause: str, detail: dict) -> dict:
    members = by_keys(con, keys)
    incident = build(incident_id, members)
    rows.write(con, incident_id, incident.summary, incident.holdings(reconcile.current_versions(con, members)))
    rows.record(con, incident_id, cause, "edited", {**detail, **incident.summary})
    stored = rows.summary(con, incident_id)
    if stored is None:
        raise LookupError(f"incident {incident_id} not stored")  # written above, in this transaction
    return stored


def _incident(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict:
    found = rows.summary(con, incident_id)
    if found is None:
        raise LookupError(f"no incident {incident_id}")
    if found["kind"] != "incident":
        raise Refused(f"{incident_id} is an aggregate: only incidents are merged or split by hand")
    return found


def merge(con: duckdb.DuckDBPyConnection, who: Holder, keep: str, absorb: str, reason: str | None = None) -> dict:
    """One incident where the reconciler saw two: `absorb`'s claims move into `keep`."""
    if keep == absorb:
        raise Refused("an incident cannot be merged into itself")
    kept, absorbed = _incident(con, keep), _incident(con, absorb)
    rows.remove(con, absorb)
    rows.record(con, absorb, f"merge by {who.name}", "merged", {"into": [keep]})
    after = _store(con, keep, kept["claims"] + absorbed["claims"], f"merge by {who.name}", {"merged": absorb})
    rows.decide(con, who.name, "together", kept["claims"], absorbed["claims"])
    audit.record(con, who, "merge", f"incident:{keep}", {keep: kept, absorb: absorbed}, after, reason)
    audit.record(con, who, "merge", f"incident:{absorb}", absorbed, {"merged into": keep}, reason)
    return after


def split(con: duckdb.DuckDBPyConnection, who: Holder, incident_id: str, claims: list[str],
          reason: str | None = None) -> dict:
    """Two incidents where the reconciler saw one: `claims` ("doc:n") leave for a new incident."""
    before = _incident(con, incident_id)
    moved = sorted(set(claims))
    stray = [k for k in moved if k not in before["claims"]]
    if stray or not moved:
        raise Refused(f"claims {', '.join(stray) or '(none)'} are not in {incident_id}")
    rest = [k for k in before["claims"] if k not in moved]
    if not rest:
        raise Refused("a split must leave at least one claim behind")
    taken = set(rows.all_ids(con))
    new = new_id("I", by_keys(con, moved), taken)
    cause = f"split by {who.name}"
    after = _store(con, incident_id, rest, cause, {"split off": new})
    created = _store(con, new, moved, cause, {"split from": incident_id})
    rows.decide(con, who.name, "apart", moved, rest)
    audit.record(con, who, "split", f"incident:{incident_id}", before, {incident_id: after, new: created}, reason)
    audit.record(con, who, "split", f"incident:{new}", {"split from": incident_id}, created, reason)
    return {"kept": after, "new": created}
