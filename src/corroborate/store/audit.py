"""The audit log: who changed what, when, with the record before and after. An entry is
written inside the transaction of the change it tells of: both commit, or neither does."""
from __future__ import annotations

import json
from typing import NamedTuple

import duckdb

from corroborate.store.db import insert
from corroborate.store.tokens import Holder


def record(con: duckdb.DuckDBPyConnection, who: Holder, action: str, subject: str,
           before: object, after: object, reason: str | None = None) -> None:
    """`reason`: why the person made the change, in their words (an edit made in the pages must say)."""
    record_all(con, [Entry(who, action, subject, before, after, reason)])


class Entry(NamedTuple):
    who: Holder
    action: str
    subject: str
    before: object
    after: object
    reason: str | None = None


COLUMNS = ("changed_at", "who", "role", "action", "subject", "before_json", "after_json", "reason")


def record_all(con: duckdb.DuckDBPyConnection, entries: list[Entry]) -> None:
    """Entries in the order given, in a few statements, all at the time the transaction began
    (what `now()` gives inside it)."""
    if not entries:
        return
    [(now,)] = con.execute("SELECT now()").fetchall()
    insert(con, "audit_log", [(now, e.who.name, e.who.role, e.action, e.subject, _json(e.before), _json(e.after),
                               e.reason) for e in entries], COLUMNS)


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
