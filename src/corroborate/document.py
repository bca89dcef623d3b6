"""The objects that flow through the pipeline: Document → Text → Claim."""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

# `country`: the country the document is about (ISO code or name), when the user knows it.
META_FIELDS = ("title", "outlet", "published", "url", "authors", "country")
ID_MAX = 200  # characters in a document id: a name for a link, not a place to keep text
# Control characters, lone surrogates and line or paragraph separators: nothing a link, a log
# line or the store can carry as written.
UNPRINTABLE = {"Cc", "Cs", "Zl", "Zp"}


def id_problem(doc_id: str) -> str | None:
    """Why `doc_id` cannot name a document, or None. The one rule for every way in (files,
    JSON lines, CSV rows, the API). Links carry ids percent-encoded; a "/" is refused all the
    same, since proxies and browsers read it (and "." and "..") as a path whatever the encoding."""
    if not doc_id.strip():
        return "empty id"
    if len(doc_id) > ID_MAX:
        return f"id too long ({len(doc_id):,} characters, limit {ID_MAX})"
    if "/" in doc_id or doc_id in (".", ".."):
        return f"id {doc_id!r} would read as a path in links: '/', '.' and '..' cannot be ids"
    bad = next((c for c in doc_id if unicodedata.category(c) in UNPRINTABLE), None)
    if bad is not None:
        return f"id {doc_id!r} holds a control character ({bad!r})"
    return None


def meta_problem(meta: Mapping[str, Any]) -> str | None:
    """Why the metadata fields of `meta` (a JSON line, a --meta line, a posted document)
    cannot be stored as they are, or None: `authors` is a list of strings, `published` an
    ISO date (a date and time is kept as given), the others strings."""
    for name in META_FIELDS:
        value = meta.get(name)
        if value is None or value == "" or value == []:
            continue
        if name == "authors":
            if not isinstance(value, list):
                return f"'authors' must be a list of strings, not {_shown(value)}"
            odd = [a for a in value if not isinstance(a, str)]
            if odd:
                return f"'authors' must be a list of strings; it holds {_shown(odd[0])}"
        elif not isinstance(value, str):
            return f"'{name}' must be a string, not {_shown(value)}"
        elif name == "published" and not _iso_date(value):
            return f"'published' must be a date (YYYY-MM-DD), not {_shown(value)}"
    return None


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value[:10])
        if len(value) > 10:
            datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    """A wrong value as the user wrote it, in JSON's words, cut short."""
    kinds = {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number",
             type(None): "null"}
    said = repr(value) if isinstance(value, str) else kinds.get(type(value), type(value).__name__)
    return said if len(said) <= 60 else said[:57] + "…"


def charset_parameter(parameters: Iterable[str], default: str) -> str:
    """The value of the first `charset=…` among a media type's `parameters` (the parts
    between its semicolons), unquoted; `default` when none has one."""
    for part in parameters:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return default


@dataclass(frozen=True)
class Document:
    """One report as archived: its original bytes, untouched, and what we know about it."""

    doc_id: str
    content: bytes
    media_type: str  # "text/plain" or "text/html", with "; charset=…" when not UTF-8
    origin: str  # where it came from: a path, plus a line or record locator
    meta: dict[str, Any] = field(default_factory=dict)
    captured_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def kind(self) -> str:
        """The media type without parameters: "text/plain" or "text/html"."""
        return self.media_type.split(";")[0].strip()

    @property
    def charset(self) -> str:
        return charset_parameter(self.media_type.split(";")[1:], "utf-8-sig")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def with_meta(self, extra: dict[str, Any]) -> Document:
        merged = {**self.meta, **{k: v for k, v in extra.items() if k in META_FIELDS and v}}
        return Document(self.doc_id, self.content, self.media_type, self.origin, merged, self.captured_at)


@dataclass(frozen=True)
class Text:
    """Cleaned article text, with the pieces that map it back into the original.

    `pieces` holds (clean_start, original_start, length) runs: the cleaned text is made
    of verbatim runs of the original (for HTML, of its decoded text where found)."""

    text: str
    pieces: tuple[tuple[int, int, int], ...] = ()
    method: str = "plain"

    def to_original(self, offset: int) -> int | None:
        for clean_start, orig_start, length in self.pieces:
            if clean_start <= offset < clean_start + length:
                return orig_start + offset - clean_start
        return None


@dataclass
class Claim:
    """One statement, in one document, that some number of people were killed or injured."""

    doc: str
    outcome: str
    low: int | None
    high: int | None
    qualifier: str
    evidence: str
    start: int  # offsets of the evidence sentence in the cleaned text
    end: int
    victims: str | None = None
    victim_type: str = "unknown"
    perpetrator: str | None = None
    place: str | None = None
    date: str | None = None
    source: str | None = None
    status: str = "reported"
    scope: str = "incident"
    cause: str = "violence"  # violence | indirect | other (../spec/claims.md, "Cause")
    # Part of a figure stated before it ("12 killed, including 3 children"): events must not
    # add it to that figure. Known at extraction only; not stored.
    subtotal: bool = False
    # A total that took its story's place (the headline's or lead's), not one its sentence
    # names or points back at: the resolver keeps it only as a country or region. Known at
    # extraction only; not stored.
    place_from_story: bool = False
    # Where and how exactly, once the place is resolved in a gazetteer (resolve/): precision and
    # date_precision follow UCDP's where_prec (1 exact place .. 6 country, 7 a sea) and date_prec
    # (resolve/dates.py; 6 = the publication date, for news of the day).
    latitude: float | None = None
    longitude: float | None = None
    precision: int | None = None
    place_id: str | None = None
    date_precision: int | None = None
    # What the gazetteer says of the resolved place, recorded once here and read back by
    # reconciliation, the exports and the pages: its usual name, country and governorate, and
    # whether the place as written was found itself (False: only what contains it was, or nothing).
    place_name: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place_found: bool | None = None
    place_kind: str | None = None  # locality, neighbourhood, county, region, country, …
    n: int | None = None  # its number in its document, as the store keys it ("doc:n"); None until stored

    EXCHANGE_FIELDS = ("doc", "outcome", "low", "high", "qualifier", "victims", "victim_type",
                       "perpetrator", "place", "date", "source", "status", "scope", "cause", "evidence",
                       # beyond the spec, after its fields: where the place was found
                       "latitude", "longitude", "precision", "place_id", "date_precision",
                       "place_name", "place_kind", "country", "admin1", "admin2", "place_found")

    def to_exchange(self) -> dict[str, Any]:
        """The claim as ../spec/claims.md defines it, field order included, then the geocoding."""
        return {name: getattr(self, name) for name in self.EXCHANGE_FIELDS}


@dataclass
class Event:
    """What happened, where and when, as one document tells it (../spec/events.md)."""

    doc: str
    event_type: str
    sub_event_type: str | None
    date: str | None
    place: str | None
    actor1: str | None
    actor2: str | None
    killed_low: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    fatalities: int
    evidence: str
    start: int  # offsets of the evidence in the cleaned text
    end: int
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country: str | None = None
    n: int | None = None  # its number in its document, as the store keys it; None until stored

    EXCHANGE_FIELDS = ("doc", "event_type", "sub_event_type", "date", "place", "latitude", "longitude",
                       "admin1", "country", "actor1", "actor2", "killed_low", "killed_high",
                       "injured_low", "injured_high", "fatalities", "evidence")

    def to_exchange(self) -> dict[str, Any]:
        """The event as ../spec/events.md defines it, field order included."""
        return {name: getattr(self, name) for name in self.EXCHANGE_FIELDS}


@dataclass(frozen=True)
class ListRecord:
    """One named victim as one list recorded them (../spec/estimate.md, "Lists"): the fields
    as written, Latin or Arabic script, and the row they were read from, unmodified."""

    list: str
    record_id: str
    line: int  # where the row starts in the list's file
    original: str  # the row as it is in the file
    sha256: str  # of `original`, UTF-8
    given_name: str | None = None
    father_name: str | None = None
    family_name: str | None = None
    full_name: str | None = None
    sex: str | None = None
    age: int | None = None
    date_of_death: str | None = None  # YYYY-MM-DD, or a span "YYYY-MM-DD/YYYY-MM-DD"
    place_of_death: str | None = None

    FIELDS = ("record_id", "list", "given_name", "father_name", "family_name", "full_name", "sex", "age",
              "date_of_death", "place_of_death")


@dataclass(frozen=True)
class Link:
    """Two list records that may be one person, as the linkage model scored them."""

    left: str  # "list:record_id", the lesser of the two
    right: str
    match_weight: float
    match_probability: float
    agreement: dict[str, str]  # for each field compared: how the two agreed ("Exact match on given", "null"…)
    weights: dict[str, float]  # and the match weight that level adds
