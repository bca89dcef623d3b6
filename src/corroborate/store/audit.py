"""The audit log: who changed what, when, with the record before and after. An entry is
written inside the transaction of the change it tells of: both commit, or neither does."""
from __future__ import annotations

import json

import duckdb

from corroborate.store.tokens import Holder


def record(con: duckdb.DuckDBPyConnection, who: Holder, action: str, subject: str,
           before: object, after: object, reason: str | None = None) -> None:
    """`reason`: why the person made the change, in their words (an edit made in the pages must say)."""
    con.execute("INSERT INTO audit_log (changed_at, who, role, action, subject, before_json, after_json, reason) "
                "VALUES (now(), ?, ?, ?, ?, ?, ?, ?)",
                [who.name, who.role, action, subject, _json(before), _json(after), reason])


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def entries(con: duckdb.DuckDBPyConnection, *subjects: str, prefix: str | None = None) -> list[dict]:
    """The changes to these subjects (and to any subject starting with `prefix`), oldest first."""
    rows = con.execute(
        "SELECT changed_at, who, role, action, subject, before_json, after_json, reason FROM audit_log "
        "WHERE list_contains(?, subject) OR (? IS NOT NULL AND starts_with(subject, ?)) ORDER BY changed_at, rowid",
        [list(subjects), prefix, prefix]).fetchall()
    return [{"at": at.isoformat(), "who": who, "role": role, "action": action, "subject": subject,
             "before": json.loads(before) if before else None, "after": json.loads(after) if after else None,
             "reason": reason}
            for at, who, role, action, subject, before, after, reason in rows]
