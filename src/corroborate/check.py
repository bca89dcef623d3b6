"""The store's fsck: the invariants a store must keep, each verified against what is stored,
and a report of what breaks them. `corroborate check` reads only; it writes nothing."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from corroborate.clean import original
from corroborate.reconcile.incident import build
from corroborate.reconcile.members import claim_order, load
from corroborate.store import check as stored
from corroborate.store import incidents as incident_rows

SHOWN = 10  # examples a finding shows; the rest are counted
QUOTED = 60  # characters of a sentence a message quotes
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Invariant:
    name: str
    statement: str
    breaks: Callable[[duckdb.DuckDBPyConnection], list[str]]  # one line for each thing that breaks it


@dataclass(frozen=True)
class Finding:
    """An invariant that does not hold: the first few of what breaks it, and how many do."""

    name: str
    statement: str
    examples: list[str]
    count: int


def _held_once(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [f"{incident_id} stored {copies} times" for incident_id, copies in stored.repeated_incidents(con)] + \
        [f"{doc}:{n} held {len(ids)} times: by {', '.join(ids)}" for doc, n, ids in stored.claims_held_twice(con)]


def _quote(sentence: str) -> str:
    return repr(sentence if len(sentence) <= QUOTED else sentence[:QUOTED] + "…")


def _folded(text: str) -> str:
    return " ".join(text.split())


def _verbatim(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What is verified, for each claim of every stored version of a document:
    1. its evidence is the cleaned text between its sentence offsets, character for character;
    2. where the cleaned text's pieces map that sentence back into the original (always for
       plain text; for HTML, every line the cleaner found verbatim in the page), the original
       (its bytes decoded as the cleaner decodes them) holds the evidence, character for
       character, at the offset the pieces give;
    3. where no piece maps it (an HTML line whose inline markup or entities hid it from the
       mapping, a fragment cleaned without pieces), the evidence, its white space folded,
       stands in the original's text with tags dropped, entities decoded and white space folded.
    Each document is read once, a hundred at a time."""
    return [problem for version in stored.evidence(con) for problem in _unfaithful(version)]


def _unfaithful(version: stored.Evidence) -> list[str]:
    def label(claim: dict) -> str:
        return f"{version.doc_id}:{claim['n']}" + ("" if version.current else f" (version {version.version})")

    if version.doc is None or version.text is None:
        missing = "document" if version.doc is None else "cleaned text"
        return [f"{label(c)}: its {missing} is not stored" for c in version.claims]
    try:
        page = original(version.doc)
    except (UnicodeDecodeError, LookupError) as error:
        return [f"{label(c)}: its original cannot be decoded: {error}" for c in version.claims]
    text, found = version.text, []
    page_text = None  # the text of step 3, made at most once for a document
    for claim in version.claims:
        said, start, end = claim["evidence"], claim["start"], claim["end"]
        at = text.to_original(start)
        if text.text[start:end] != said:
            found.append(f"{label(claim)}: the evidence {_quote(said)} is not the cleaned text at {start}-{end}")
        elif at is not None and page[at:at + len(said)] != said:
            found.append(f"{label(claim)}: the original at {at} reads {_quote(page[at:at + len(said)])}, "
                         f"not the evidence {_quote(said)}")
        elif at is None:
            if page_text is None:
                page_text = _folded(html.unescape(TAG.sub("", page)) if version.doc.kind == "text/html" else page)
            if _folded(said) not in page_text:
                found.append(f"{label(claim)}: the evidence {_quote(said)} is not in the original")
    return found


def _figures(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Each stored incident and aggregate rebuilt from the claims it holds by the reconciler's
    own `build`, its FIGURES compared with those stored. Aggregates are built without the
    spans that date them: the figures compared do not depend on them (only the dates do)."""
    held = {**incident_rows.held(con, "incident"), **incident_rows.held(con, "aggregate")}
    members = {m.key: m for m in load(con, "all")}
    found = []
    for incident_id, (kind, figures) in stored.stored_figures(con).items():
        keys = held.get(incident_id, set())
        missing = sorted(keys - members.keys())
        if not keys or missing:
            found.append(f"{incident_id} holds {', '.join(missing) + ': no current claim' if missing else 'no claim'}")
            continue
        rebuilt = build(incident_id, sorted((members[k] for k in keys), key=claim_order), kind).summary
        differ = [f"{name} {figures[name]!r} stored, {rebuilt[name]!r} from its claims"
                  for name in stored.FIGURES if figures[name] != rebuilt[name]]
        if differ:
            found.append(f"{incident_id}: {'; '.join(differ)}")
    return found


def _hashes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [f"{doc} (version {version}): its bytes do not hash to its sha256"
            for doc, version in stored.changed_bytes(con)]


def _list_rows(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [f"{name}:{record_id}: its row does not hash to its sha256"
            for name, record_id in stored.changed_list_rows(con)]


def _reconciled(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [f"{doc}: not yet reconciled" for doc in incident_rows.unreconciled_docs(con)]


INVARIANTS = [
    Invariant("held-once", "no claim is held by two incidents, and no incident id is stored twice", _held_once),
    Invariant("evidence-verbatim", "every claim's evidence is verbatim in its document's original", _verbatim),
    Invariant("figures-rebuilt", "every incident's range, grade and sources are what its claims give", _figures),
    Invariant("hash-matches", "every document's sha256 is the hash of its stored bytes", _hashes),
    # Catching up is a write, so a check only says what is left: any incidents command does it.
    Invariant("reconciled", "every document's claims are reconciled into incidents "
                            "(if not: run any incidents command, e.g. `corroborate incidents`)", _reconciled),
    Invariant("list-rows-hashed", "every victim-list record's row is the row its sha256 was taken of", _list_rows),
    Invariant("persons-whole", "once lists are linked, every list record is in one person, and no person row "
                               "is of a record gone", stored.unlinked_records),
    Invariant("audited", "every write has its audit entry: each stored version, status change and hand edit",
              stored.unaudited),
]


def problems(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """The invariants that do not hold, in the order of INVARIANTS."""
    found = []
    for invariant in INVARIANTS:
        breaks = invariant.breaks(con)
        if breaks:
            found.append(Finding(invariant.name, invariant.statement, breaks[:SHOWN], len(breaks)))
    return found


def report(store: str, totals: tuple[int, int, int], findings: list[Finding]) -> str:
    """One line when every invariant holds; else each that fails, with what breaks it."""
    documents, claims, incidents = totals
    head = f"{store}: {documents:,} documents, {claims:,} claims, {incidents:,} incidents"
    if not findings:
        return f"{head}: {len(INVARIANTS)} invariants hold"
    lines = [f"{head}: {len(findings)} of {len(INVARIANTS)} invariants {'fails' if len(findings) == 1 else 'fail'}"]
    for finding in findings:
        times = "once" if finding.count == 1 else f"{finding.count:,} times"
        lines += ["", f"{finding.name}: {finding.statement}", f"  broken {times}:"]
        lines += [f"  - {example}" for example in finding.examples]
        if finding.count > len(finding.examples):
            lines.append(f"  … and {finding.count - len(finding.examples):,} more")
    failing = {f.name for f in findings}
    holding = [i.name for i in INVARIANTS if i.name not in failing]
    if holding:
        lines += ["", f"hold: {', '.join(holding)}"]
    return "\n".join(lines)
