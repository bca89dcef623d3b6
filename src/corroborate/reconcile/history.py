"""What changed in an incident, for `corroborate history`: every change names the document
whose ingest caused it."""
from __future__ import annotations

from corroborate.reconcile.incident import Incident
from corroborate.store.incidents import SUMMARY


def changes(before: dict | None, after: Incident) -> list[tuple[str, dict]]:
    keys = sorted(after.keys)
    if before is None:
        return [("created", {"claims": keys, **after.summary})]
    found = []
    added, removed = sorted(set(keys) - set(before["claims"])), sorted(set(before["claims"]) - set(keys))
    if added:
        found.append(("claims added", {"claims": added}))
    if removed:
        found.append(("claims removed", {"claims": removed}))
    fields = {k: [before[k], after.summary[k]] for k in SUMMARY if before[k] != after.summary[k]}
    if fields:
        found.append(("figures changed" if any(k.startswith(("killed", "injured")) for k in fields)
                      else "details changed", fields))
    return found
