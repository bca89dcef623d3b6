"""The HTTP API under /api: documents, claims, events and incidents, in JSON or CSV, with
filters and pages; writes for token holders (see access.py), each one audited."""
from __future__ import annotations

import io
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathPart
from fastapi.responses import Response
from pydantic import BaseModel, Field, field_validator

from corroborate.api import Holder, Refused, Store
from corroborate.document import ID_MAX, META_FIELDS, Document, id_problem, meta_problem
from corroborate.publish.formats import flat, write_rows
from corroborate.store import incidents as incident_rows
from corroborate.store import queries
from corroborate.store import tokens as auth
from corroborate.web import search as searching
from corroborate.web.access import needs, reader, the_store
from corroborate.web.answer_json import JSONAnswer
from corroborate.web.filters import the_filters

router = APIRouter(prefix="/api", dependencies=[Depends(reader)])
# Numbers the store can take: larger ones are refused (422) here, not met by a failing query.
MAX_NUMBER = 2**31 - 1


def _csv(items: list[dict], fields: tuple[str, ...]) -> Response:
    out = io.StringIO()
    write_rows((flat(item) for item in items), "csv", fields, (), out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


def _listing(what: str, fields: tuple[str, ...]):
    def listing(store: Store = Depends(the_store), f: queries.Filters = Depends(the_filters),
                limit: int = Query(100, ge=1, le=queries.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_NUMBER),
                format: Literal["json", "csv"] = "json"):
        page = store.page(what, f, limit, offset)
        if format == "csv":
            return _csv(page.items, fields)
        return JSONAnswer({"total": page.total, "limit": page.limit, "offset": page.offset, "items": page.items})
    listing.__name__ = f"list_{what}"
    return listing


for _what, _fields in (("documents", queries.DOCUMENT_FIELDS), ("claims", queries.CLAIM_FIELDS),
                       ("events", queries.EVENT_FIELDS), ("incidents", incident_rows.RECORD)):
    router.add_api_route(f"/{_what}", _listing(_what, _fields), methods=["GET"],
                         summary=f"{_what.capitalize()}, filtered, a page at a time (JSON or CSV)")


EXPORT_TYPES = {"csv": ("text/csv; charset=utf-8", "csv"), "acled-csv": ("text/csv; charset=utf-8", "acled.csv"),
                "jsonl": ("application/jsonl; charset=utf-8", "jsonl"),
                "geojson": ("application/geo+json; charset=utf-8", "geojson")}


@router.get("/export/{what}", summary="Export the filtered view: every record the filters let through, unpaged")
def export(what: Literal["claims", "events", "incidents"],
           format: Literal["csv", "geojson", "jsonl", "acled-csv"] = "csv",
           f: queries.Filters = Depends(the_filters), store: Store = Depends(the_store)):
    out = io.StringIO()
    store.export(what, format, out, filters=f)
    media_type, suffix = EXPORT_TYPES[format]
    return Response(out.getvalue(), media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{what}.{suffix}"'})


@router.get("/search", summary="Places, incidents and documents for what a person typed, folded and ranked")
def search(q: str = Query(min_length=1, max_length=500, description="Words, in any spelling: Banias, Baniyas, "
                          "بانياس."),
           what: searching.Kind | None = searching.ONE_KIND,
           page: int = Query(1, ge=1, le=10**6), store: Store = Depends(the_store)):
    if not q.strip():
        raise HTTPException(422, "q: some words to search for")  # blank, it would match every document
    found = searching.results(store, q.strip(), what, page)
    for doc in found.get("documents", {}).get("items", []):
        # the sentence as text, and as HTML with the query's words in <mark>
        doc["sentence_html"] = str(doc["sentence"])
        doc["sentence"] = doc["sentence"].striptags()
    return found


@router.get("/estimate", summary="The dead no list recorded: multiple systems estimation over the linked lists")
def get_estimate(lists: str | None = Query(None, description="Lists to estimate from, comma-separated."),
                 method: Literal["loglinear", "lcmcr"] = "loglinear",
                 select: Literal["bic", "aic", "stepwise"] | None = None,
                 by: Literal["governorate", "year", "sex"] | None = None, store: Store = Depends(the_store)):
    if store.linkage() is None:
        raise HTTPException(404, "no persons yet: import victim lists and run `corroborate link`")
    try:
        return store.estimate([n for n in lists.split(",") if n] if lists else None, by, method=method, select=select)
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None


@router.get("/documents/{doc_id}", summary="One document: metadata, hash, cleaned text, claims, events")
def get_document(doc_id: str, store: Store = Depends(the_store)):
    meta = store.document(doc_id)
    if meta is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {**meta, "text": store.text(doc_id),
            "claims": [{**c.to_exchange(), "n": c.n, "start": c.start, "end": c.end} for c in store.claims(doc_id)],
            "events": [e.to_exchange() for e in store.events(doc_id)],
            "audit": store.audit(f"document:{doc_id}", prefix=f"claim:{doc_id}:")}


@router.get("/incidents/{incident_id}", summary="One incident: range, grade, claims, outliers, history")
def get_incident(incident_id: str, store: Store = Depends(the_store)):
    record = store.incident(incident_id)
    if record is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return {**record, "history": store.history(incident_id), "audit": store.audit(f"incident:{incident_id}")}


class PostedDocument(BaseModel):
    doc_id: str = Field(description=f"As `ingest` takes them: up to {ID_MAX} characters, no '/', no control "
                        "characters.")
    content: str = Field(min_length=1, max_length=20_000_000,
                         description="The report as published: plain text or HTML.")
    media_type: Literal["text/plain", "text/html"] = "text/plain"
    origin: str | None = None
    meta: dict[str, str | list[str]] = Field(default_factory=dict, description=f"Any of {', '.join(META_FIELDS)}: "
                                             "`authors` a list of strings, `published` a date (YYYY-MM-DD).")

    @field_validator("doc_id")
    @classmethod
    def _id(cls, doc_id: str) -> str:
        return _checked(doc_id, id_problem(doc_id))

    @field_validator("meta")
    @classmethod
    def _meta(cls, meta: dict) -> dict:
        return _checked(meta, meta_problem(meta))


def _checked(value, problem: str | None):
    """`value`, or a validation error saying `problem`: the rule `ingest` applies, applied here."""
    if problem:
        raise ValueError(problem)
    return value


@router.post("/documents", status_code=201, summary="Ingest a document (editor)")
def post_document(posted: PostedDocument, who: Holder = Depends(needs("editor")), store: Store = Depends(the_store)):
    doc = Document(posted.doc_id, posted.content.encode("utf-8"), posted.media_type,
                   posted.origin or f"api:{who.name}").with_meta(posted.meta)
    try:
        outcome = store.post(doc, who)
    except Refused as problem:
        raise HTTPException(422, str(problem)) from None
    return {"doc_id": doc.doc_id, "outcome": outcome, "claims": len(store.claims(doc.doc_id))}


REASON = Field(None, max_length=2000, description="Why, in the editor's words: kept in the audit log.")


class StatusChange(BaseModel):
    status: str
    reason: str | None = REASON


@router.patch("/claims/{doc_id}/{n}", summary="Change a claim's status (editor)")
def patch_claim(doc_id: str, change: StatusChange, n: int = PathPart(ge=0, le=MAX_NUMBER),
                who: Holder = Depends(needs("editor")), store: Store = Depends(the_store)):
    return answer_edit(lambda: store.set_status(doc_id, n, change.status, who, change.reason))


class Merge(BaseModel):
    absorb: str = Field(description="The incident whose claims move into this one; it is removed.")
    reason: str | None = REASON


class Split(BaseModel):
    claims: list[str] = Field(description='Claims ("doc:n") that leave for a new incident.')
    reason: str | None = REASON


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one (editor)")
def merge_incident(incident_id: str, merge: Merge, who: Holder = Depends(needs("editor")),
                   store: Store = Depends(the_store)):
    return answer_edit(lambda: store.merge(incident_id, merge.absorb, who, merge.reason))


@router.post("/incidents/{incident_id}/split", summary="Split claims off into a new incident (editor)")
def split_incident(incident_id: str, split: Split, who: Holder = Depends(needs("editor")),
                   store: Store = Depends(the_store)):
    return answer_edit(lambda: store.split(incident_id, split.claims, who, split.reason))


def answer_edit(change):
    """An edit's answer, or why it was refused: 404 for what does not exist, 422 for what cannot be done."""
    try:
        return change()
    except LookupError as problem:
        raise HTTPException(404, str(problem)) from None
    except Refused as problem:
        raise HTTPException(422, str(problem)) from None


class NewToken(BaseModel):
    role: auth.Role
    name: str = Field(min_length=1, max_length=100)


@router.post("/tokens", status_code=201, summary="Create a token (admin); shown once, stored as a hash")
def post_token(new: NewToken, who: Holder = Depends(needs("admin")), store: Store = Depends(the_store)):
    token = store.create_token(new.role, new.name, who)
    return {"token": token, "role": new.role, "name": new.name}
