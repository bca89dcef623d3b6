"""Reading and writing the store's rows: documents, their texts and claims."""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import duckdb

from corroborate.document import META_FIELDS, Claim, Document, Event, Text
from corroborate.store import current, search
from corroborate.store import events as event_rows
from corroborate.store.db import insert

CLAIM_COLUMNS = ("outcome", "low", "high", "qualifier", "victims", "victim_type", "perpetrator",
                 "place", "date", "source", "status", "scope", "evidence")
# Added by later migrations, so they follow the sentence offsets in the table.
GEO_COLUMNS = ("latitude", "longitude", "precision", "place_id", "date_precision",
               "place_name", "place_kind", "country", "admin1", "admin2", "place_found")
CAUSE_COLUMNS = ("cause",)


def _meta_row(doc: Document) -> list:
    authors = doc.meta.get("authors")
    published = doc.meta.get("published")
    return [doc.meta.get("title"), doc.meta.get("outlet"), str(published) if published else None,
            doc.meta.get("url"), json.dumps(authors, ensure_ascii=False) if authors else None,
            doc.meta.get("country")]


@dataclass(frozen=True)
class Plan:
    """What ingesting a document will do: `new` (a first or next version), `meta`
    (same bytes, new metadata: derived rows are redone), or `unchanged`."""

    action: str
    version: int


def stored_versions(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, list[tuple]]:
    """(version, sha256, *metadata) of every stored version of these documents, newest first:
    one query for a batch, where one per document cost as much as its analysis of claims."""
    found: dict[str, list[tuple]] = {doc_id: [] for doc_id in doc_ids}
    if doc_ids:
        rows = con.execute(
            "SELECT doc_id, version, sha256, title, outlet, published, url, authors, country FROM documents "
            f"WHERE doc_id IN ({', '.join('?' * len(doc_ids))}) ORDER BY version DESC", doc_ids).fetchall()
        for doc_id, *version in rows:
            found[doc_id].append(tuple(version))
    return found


def plan(doc: Document, versions: list[tuple]) -> Plan:
    """What to do with `doc`, given its `stored_versions`. Bytes already archived under this
    id, in any version, are not archived again: two files that share an id (a.txt in two
    folders) would otherwise add a version on every run of the same batch."""
    if not versions:
        return Plan("new", 1)
    same = next((row for row in versions if row[1] == doc.sha256), None)
    if same is None:
        return Plan("new", versions[0][0] + 1)
    version, _, *meta = same
    if any(v is not None for v in _meta_row(doc)) and list(meta) != _meta_row(doc):
        return Plan("meta", version)
    return Plan("unchanged", version)


def remember(versions: list[tuple], doc: Document, step: Plan) -> None:
    """Bring `versions` (from `stored_versions`) up to date with what `write` just stored."""
    row = (step.version, doc.sha256, *_meta_row(doc))
    if step.action == "new":
        versions.insert(0, row)
    else:
        versions[:] = [row if v[0] == step.version else v for v in versions]


def write(con: duckdb.DuckDBPyConnection, doc: Document, step: Plan, text: Text, claims: list[Claim],
          events: Sequence[Event] = (), focus: str | None = None) -> None:
    """One document's rows, inside the caller's transaction (store.db.transaction). `focus`:
    the country it is most about, as its places were resolved."""
    write_many(con, [Analysed(doc, step, text, claims, events, focus)])


class Analysed(NamedTuple):
    """A document to store with what was read from it: `write`'s arguments."""

    doc: Document
    step: Plan
    text: Text
    claims: list[Claim]
    events: Sequence[Event]
    focus: str | None


def write_many(con: duckdb.DuckDBPyConnection, analysed: Sequence[Analysed]) -> None:
    """Documents' rows, as `write` writes each, inside the caller's transaction: the documents
    (write_documents: a version written again drops its rows first), then what was read from
    them in one INSERT per table (a statement costs as much to plan as storing a document's
    rows; five of them to a document were a fifth of an ingest). Each document once: the
    writer commits what it holds of an id before that id is read again (pipeline.planned)."""
    write_documents(con, [(a.doc, a.step, a.focus) for a in analysed])
    derived: dict[str, list[tuple]] = {table: [] for table in DERIVED}
    for a in analysed:
        for table, rows in derived_rows(a.doc, a.step.version, a.text, a.claims, a.events).items():
            derived[table] += rows
    for table, rows in derived.items():
        insert(con, table, rows, COLUMNS.get(table, ()))


DOCUMENT_COLUMNS = ("doc_id", "version", "sha256", "content", "media_type", "origin", "captured_at", *META_FIELDS,
                    "focus")


def _document_row(doc: Document, step: Plan, focus: str | None) -> tuple:
    return (doc.doc_id, step.version, doc.sha256, doc.content, doc.media_type, doc.origin, doc.captured_at,
            *_meta_row(doc), focus)


def write_documents(con: duckdb.DuckDBPyConnection, documents: Sequence[tuple[Document, Plan, str | None]]) -> None:
    """Archived documents (document, step, focus), as `write_document` writes each, in order: a
    run of new versions in one INSERT (one a document cost a --workers writer half its CPU)."""
    new: list[tuple] = []
    for doc, step, focus in documents:
        if step.action == "new":
            new.append(_document_row(doc, step, focus))
            continue
        insert(con, "documents", new, DOCUMENT_COLUMNS)  # before a later step of the same version
        new.clear()
        write_document(con, doc, step, focus)
    insert(con, "documents", new, DOCUMENT_COLUMNS)


def write_document(con: duckdb.DuckDBPyConnection, doc: Document, step: Plan, focus: str | None) -> None:
    """The archived document of `step` (a `meta` step: its metadata, and its derived rows
    dropped to be written again); the rows read from it follow, in the same transaction."""
    if step.action == "new":
        insert(con, "documents", [_document_row(doc, step, focus)], DOCUMENT_COLUMNS)
        return
    con.execute(f"UPDATE documents SET {', '.join(f'{name} = ?' for name in META_FIELDS)}, focus = ? "
                "WHERE doc_id = ? AND version = ?", [*_meta_row(doc), focus, doc.doc_id, step.version])
    for table in DERIVED:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ? AND version = ?", [doc.doc_id, step.version])


# The tables of what is read from a document; shards (store.shards) carry these.
DERIVED = ("texts", "search_texts", "claims", "events")
# The columns written, in the order of a row, where they are not all the table's in its order.
COLUMNS = {"claims": ("doc_id", "version", "n", "sha256", *CLAIM_COLUMNS, "sent_start", "sent_end", *GEO_COLUMNS,
                      *CAUSE_COLUMNS)}


def derived_rows(doc: Document, version: int, text: Text, claims: list[Claim],
                 events: Sequence[Event]) -> dict[str, list[tuple]]:
    """What was read from this version of the document, as rows of each DERIVED table: its
    text, search keys, claims and events."""
    return {"texts": [(doc.doc_id, version, text.text, json.dumps(text.pieces), text.method)],
            "search_texts": [search.row(doc.doc_id, version, doc.meta.get("title"), text.text)],
            "claims": [(doc.doc_id, version, n, doc.sha256, *(getattr(c, k) for k in CLAIM_COLUMNS),
                        c.start, c.end, *(getattr(c, k) for k in GEO_COLUMNS + CAUSE_COLUMNS))
                       for n, c in enumerate(claims)],
            "events": event_rows.rows(doc, version, events)}


def document_meta(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict | None:
    """The current version's hash, capture, metadata and `focus`: the country it was read as
    being about (recorded at ingest; None for documents stored before it was)."""
    row = con.execute(
        "SELECT doc_id, version, sha256, media_type, origin, captured_at, " + ", ".join(META_FIELDS) +
        ", focus FROM current_documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    names = ("doc_id", "version", "sha256", "media_type", "origin", "captured_at", *META_FIELDS, "focus")
    found = dict(zip(names, row, strict=True))
    if found["authors"]:  # kept as a JSON list (_meta_row): read back as the list it was
        found["authors"] = json.loads(found["authors"])
    return found


def current_text(con: duckdb.DuckDBPyConnection, doc_id: str) -> Text | None:
    row = con.execute(
        "SELECT t.text, t.pieces, t.method FROM texts t JOIN current_documents d USING (doc_id, version) "
        "WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    return Text(row[0], tuple(tuple(p) for p in json.loads(row[1])), row[2])


def current_texts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    """The cleaned text of each of these documents, by id, in one query."""
    return dict(con.execute(
        "SELECT t.doc_id, t.text FROM texts t JOIN current_documents d USING (doc_id, version) "
        "WHERE list_contains(?, t.doc_id)", [doc_ids]).fetchall()) if doc_ids else {}


def current_claims(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> Iterator[Claim]:
    for doc, start, end, values in current.rows(con, "claims", CLAIM_COLUMNS + GEO_COLUMNS + CAUSE_COLUMNS, doc_id):
        yield Claim(doc=doc, start=start, end=end, **values)


def set_status(con: duckdb.DuckDBPyConnection, doc_id: str, n: int, status: str) -> str | None:
    """Set the status of claim `n` of the document's current version; the status it had
    (None when there is no such claim)."""
    row = con.execute("SELECT c.status FROM claims c JOIN current_documents d USING (doc_id, version) "
                      "WHERE c.doc_id = ? AND c.n = ?", [doc_id, n]).fetchone()
    if row is None:
        return None
    con.execute("UPDATE claims SET status = ? WHERE doc_id = ? AND n = ? AND version = "
                "(SELECT version FROM current_documents WHERE doc_id = ?)", [status, doc_id, n, doc_id])
    return row[0]


def original(con: duckdb.DuckDBPyConnection, doc_id: str) -> tuple[bytes, str, str] | None:
    """The archived bytes of the document's current version, its media type and sha256."""
    row = con.execute("SELECT content, media_type, sha256 FROM current_documents WHERE doc_id = ?", [doc_id]).fetchone()
    return (bytes(row[0]), row[1], row[2]) if row else None


def outlets(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, int]]:
    """Each document's outlet and capture time (seconds since 1970), by id."""
    return {doc: (outlet, int(captured.timestamp())) for doc, outlet, captured in
            con.execute("SELECT doc_id, outlet, captured_at FROM current_documents").fetchall()}
