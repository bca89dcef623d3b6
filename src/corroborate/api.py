"""The Python API: `corroborate.Store`, one object for everything a store holds, as
sqlite-utils' `Database` is. The command line, the web app, the benchmarks and a notebook
all call it.

    from corroborate import Store
    store = Store("corroborate.duckdb")
    store.ingest(["reports/"])
    for incident in store.incidents(country="SY"):
        ...

It owns the store file (store.lease): writes go one at a time, each change commits with
its audit entry, and incidents are brought up to date before they are read."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import duckdb

from corroborate import check, edits, pipeline, reconcile, scale
from corroborate.archive import FIELDS, Fields, ReadFailure, expand, load_meta, read_file
from corroborate.document import Claim, Document, Event, ListRecord
from corroborate.estimate import link as linkage
from corroborate.estimate.lists import BadRow
from corroborate.estimate.lists import read as read_list
from corroborate.pipeline import Refused, Summary
from corroborate.publish import export as exports
from corroborate.reconcile import explain
from corroborate.resolve import gazetteer
from corroborate.store import audit, queries, records, tokens
from corroborate.store import check as stored_checks
from corroborate.store import gazetteer as places
from corroborate.store import incidents as incident_rows
from corroborate.store import lists as victim_lists
from corroborate.store import search as searching
from corroborate.store.db import missing, resolve_db_path, transaction
from corroborate.store.events import current_events
from corroborate.store.lease import Lease, StoreBusy
from corroborate.store.tokens import LOCAL, Holder

__all__ = ["Store", "StoreBusy", "Refused", "Holder", "LOCAL", "estimate_patterns"]


def estimate_patterns(path: str | os.PathLike, **options) -> dict:
    """The estimate from an overlap table given directly (a CSV of 0/1 list columns and `count`,
    as ../shared/data/mse_lists): no store, no linkage. `OverlapError` names a bad file or line."""
    from corroborate.estimate.mse import estimate
    from corroborate.estimate.patterns import read_csv

    table = read_csv(Path(path))
    return {**estimate(table, **options).to_dict(), "overlap": table.to_dict()}


class Store:
    """A corroborate store: one DuckDB file (default ./corroborate.duckdb, or $CORROBORATE_DB).

    `read_only`: never write (incidents are then read as last reconciled). `wait`: seconds
    to wait while another process holds the file. `linger`: for a server, seconds the file
    stays open after its last use, so that other processes can take their turn."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False, wait: float = 0.0,
                 linger: float | None = None, on_wait: Callable[[str], None] = lambda message: None):
        self.path = resolve_db_path(path)
        if read_only and not self.path.exists():
            raise missing(self.path)
        self.read_only = read_only
        self._lease = Lease(self.path, read_only=read_only, wait=wait, linger=linger, on_wait=on_wait)
        self._writes = 0
        self._caught_up_at: tuple[int, int] | None = None
        self._estimates: dict[tuple, dict] = {}
        if not self.path.exists():
            with self.writing():  # a new store: made, with its tables, before anyone reads it
                pass

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._lease.close()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor to read with (for the store's own query modules)."""
        with self._lease.reading() as con:
            yield con

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The one writer's cursor; the caller holds the transaction."""
        try:
            with self._lease.writing() as con:
                yield con
        finally:
            self._writes += 1

    # -- writes ------------------------------------------------------------------------------

    def ingest(self, sources: str | os.PathLike | Iterable[str | os.PathLike | Document],
               meta: dict[str, dict] | str | os.PathLike | None = None, *, who: Holder = LOCAL,
               on_failure: Callable[[ReadFailure], None] = lambda failure: None,
               on_file: Callable[[Path], None] = lambda path: None, fields: Fields = FIELDS,
               workers: int = 0, scheduler: str | None = None, partitions: int = scale.PARTITIONS) -> Summary:
        """Archive and analyse files, folders' files, or `Document`s; a bad one is reported
        to `on_failure` and the rest go on. Each document commits with its audit entry.
        `meta`: metadata by document id, or a JSONL file of it (as `--meta`). `fields`: which
        fields of JSON objects and CSV columns hold the id, text and the rest (as `--id-field`…).
        `workers`: analyse on a Dask cluster of this many processes started for it; `scheduler`:
        on the Dask cluster at this address (tcp://HOST:PORT); either way in `partitions`,
        whose shards are written to `shard_dir`, with the same result as in this process."""
        if isinstance(sources, (str, os.PathLike)):
            sources = [sources]
        if isinstance(meta, (str, os.PathLike)):
            meta, bad_lines = load_meta(Path(meta))
            for failure in bad_lines:
                on_failure(failure)

        def items():
            for source in sources:
                if isinstance(source, Document):
                    yield source
                    continue
                for path in expand([Path(source)]):
                    yield from read_file(path, fields)
                    on_file(path)
        if workers or scheduler:
            with scale.cluster(workers, scheduler) as client, self.writing() as con:
                return scale.ingest_items(con, client, items(), self.shard_dir, meta, who, on_failure, partitions)
        with self.writing() as con:
            return pipeline.ingest_items(con, items(), meta, who, on_failure)

    @property
    def shard_dir(self) -> Path:
        """Where `ingest --workers/--scheduler` writes its shards: beside the store file, as
        STORE.shards/ (every worker must reach it: a shared disk, for a cluster of machines)."""
        return self.path.with_name(self.path.name + ".shards")

    def post(self, doc: Document, who: Holder) -> str:
        """One document, its incidents and its audit entry in one transaction, or nothing:
        "ingested", "updated" or "unchanged". A document that cannot be read: `Refused`."""
        with self.writing() as con, transaction(con):
            summary = pipeline.ingest_items(con, [doc], who=who, atomic=True)
        return "ingested" if summary.ingested else "updated" if summary.updated else "unchanged"

    # `reason`: why, in the editor's words; the audit log keeps it with the change.
    def set_status(self, doc_id: str, n: int, status: str, who: Holder = LOCAL, reason: str | None = None) -> dict:
        """A claim's status (reported, verified, unverified, alleged), its incidents regraded."""
        return self._edit(edits.claim_status, who, doc_id, n, status, reason)

    def merge(self, keep: str, absorb: str, who: Holder = LOCAL, reason: str | None = None) -> dict:
        """One incident where the reconciler saw two: `absorb`'s claims move into `keep`."""
        return self._edit(edits.merge, who, keep, absorb, reason)

    def split(self, incident_id: str, claims: list[str], who: Holder = LOCAL, reason: str | None = None) -> dict:
        """Two incidents where the reconciler saw one: `claims` ("doc:n") leave for a new one."""
        return self._edit(edits.split, who, incident_id, claims, reason)

    def _edit(self, change, who: Holder, *args):
        self.catch_up()
        with self.writing() as con, transaction(con):
            return change(con, who, *args)

    def state(self) -> tuple[int, int]:
        """What changes whenever the store may have changed: a write through this Store, or the
        file taken again (another process can write only while this one has let go of it).
        Anything read after this call is at least as new as the state it returns."""
        with self._lease.reading():  # the file taken now, if it had been let go of
            return (self._lease.opened, self._writes)

    def catch_up(self) -> int:
        """Reconcile documents left unreconciled (stored before incidents existed, or by an
        interrupted run); how many there were. A read-only store is read as it is."""
        # Asked once for as long as nothing was written: not by this Store, and not by another
        # process, which could write only while this one had let go of the file.
        seen = (self._lease.opened, self._writes)
        if seen == self._caught_up_at:
            return 0
        with self.reading() as con:
            pending = bool(incident_rows.unreconciled_docs(con))
        caught = 0
        if pending and not self.read_only:
            with self.writing() as con, transaction(con):
                caught = reconcile.catch_up(con)
        self._caught_up_at = (self._lease.opened, self._writes)
        return caught

    def create_token(self, role: str, name: str, who: Holder = LOCAL) -> str:
        """A new token, shown this once; only its hash is kept."""
        with self.writing() as con, transaction(con):
            token = tokens.create(con, role, name)
            audit.record(con, who, "token", f"token:{name}", None, {"role": role, "name": name})
        return token

    def revoke_token(self, token: str, who: Holder = LOCAL) -> bool:
        with self.writing() as con, transaction(con):
            revoked = tokens.revoke(con, token)
            if revoked:
                audit.record(con, who, "token revoked", f"token:{revoked}", None, None)
        return revoked is not None

    def import_places(self, name: str, where: str, rows: Iterable[places.Place]) -> tuple[int, int]:
        """A gazetteer's places (resolve.importers) stored under `name`: (places, names)."""
        with self.writing() as con:
            return places.store(con, name, where, rows)

    # -- victim lists (../shared/spec/estimate.md) ------------------------------------------

    def import_list(self, path: str | os.PathLike, name: str | None = None, columns: dict[str, str] | None = None,
                    country: str | None = None, who: Holder = LOCAL) -> tuple[dict[str, int], list[BadRow]]:
        """A victim list's CSV stored as `name` (or as the lists its `list` column names), each
        record with its row and hash; a list imported again is replaced. Bad rows are returned
        and the rest stored: ({list: records}, bad rows). `ListError`: nothing could be read."""
        path = Path(path)
        columns = columns or {}
        found, bad, digest = read_list(path, name, columns)
        by_list: dict[str, list[ListRecord]] = {}
        for record in found:
            by_list.setdefault(record.list, []).append(record)
        with self.writing() as con, transaction(con):
            for list_name, members in by_list.items():
                before = victim_lists.stored(con, list_name)
                victim_lists.replace(con, list_name, str(path), digest, country, columns, members)
                audit.record(con, who, "import list", f"list:{list_name}", before,
                             {"source": str(path), "sha256": digest, "records": len(members), "country": country})
        return {n: len(m) for n, m in sorted(by_list.items())}, bad

    def lists(self) -> list[dict]:
        """The stored victim lists: name, records, source, sha256, imported_at, country."""
        with self.reading() as con:
            return victim_lists.lists(con)

    def link(self, threshold: float | None = None, one_per_list: bool = False, who: Holder = LOCAL) -> dict:
        """Link every list's records into persons (Splink, trained without labels), replacing the
        last linkage; `threshold`: the match probability a link needs ([links] in link.toml);
        `one_per_list`: the lists are deduplicated already, so no person holds two records of one."""
        if threshold is None:
            threshold = linkage.settings()["links"]["threshold_one_per_list" if one_per_list else "threshold"]
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold {threshold} is not a probability in (0, 1]")
        with self.reading() as con:
            found, countries = victim_lists.records(con), {r["name"]: r["country"] for r in victim_lists.lists(con)}
        if not found:
            raise ValueError("no victim lists to link: import one with `corroborate lists import`")
        with self.gazetteer() as places_:
            where = linkage.places_of(found, places_, countries)
        pairs, model = linkage.link(found, where)
        persons = linkage.persons([linkage.uid(r) for r in found], pairs, threshold, one_per_list)
        with self.writing() as con, transaction(con):
            victim_lists.save_linkage(con, threshold, one_per_list, model, pairs, persons,
                                      {linkage.uid(r): linkage.strata(r, where) for r in found})
            summary = victim_lists.linkage(con)
            audit.record(con, who, "link", "persons", None, summary)
        return summary or {}

    def linkage(self) -> dict | None:
        """The last linkage: when, its threshold, and how many records, persons and links."""
        with self.reading() as con:
            return victim_lists.linkage(con)

    def person(self, person_id: str) -> dict | None:
        """A linked person: its records side by side and the links that joined them, with the
        match weight of each field."""
        with self.reading() as con:
            members = victim_lists.members(con, person_id)
            if not members:
                return None
            uids = [linkage.uid(r) for r in members]
            joined = [k for k in victim_lists.links(con, uids) if k.left in uids and k.right in uids]
            threshold = (victim_lists.linkage(con) or {}).get("threshold")
        return {"person_id": person_id, "threshold": threshold, "records": members, "links": joined}

    def estimate(self, lists: list[str] | None = None, by: str | None = None, **options) -> dict:
        """How many died, recorded or not, from how the linked lists overlap: the estimate (or
        `refused` with the reasons), its overlap table, the estimate at other match thresholds,
        and per stratum (`by`: governorate, year or sex). `options`: method, select, model,
        bootstrap, seed, and LCMCR's settings (corroborate.estimate.mse.estimate)."""
        with self.reading() as con:
            last = victim_lists.linkage(con)
            known = [row["name"] for row in victim_lists.lists(con)]
        if last is None:
            raise ValueError("no persons yet: import victim lists (`corroborate lists import`) and run "
                             "`corroborate link`")
        unknown = sorted(set(lists or ()) - set(known))
        if unknown:
            raise ValueError(f"no list named {', '.join(unknown)}: the lists are {', '.join(known)}")
        # asked again (the web page) with nothing linked since, the estimate is the one made before
        key = (last["linked_at"], tuple(lists or ()), by, tuple(sorted((k, repr(v)) for k, v in options.items())))
        if key not in self._estimates:
            from corroborate.estimate import report as mse  # here: statsmodels takes seconds to import

            with self.reading() as con:
                persons, links, facts = victim_lists.persons(con), victim_lists.links(con), victim_lists.strata(con)
            if len(self._estimates) >= 16:
                self._estimates.pop(next(iter(self._estimates)))
            self._estimates[key] = mse.report(
                persons, links, threshold=last["threshold"], one_per_list=last["one_per_list"], lists=lists, by=by,
                facts=facts, sweep=linkage.settings()["links"]["sweep"], **options)
        return self._estimates[key]

    def persons(self) -> dict[str, str]:
        """Each linked record ("list:record_id") and its person."""
        with self.reading() as con:
            return victim_lists.persons(con)

    # -- reads -------------------------------------------------------------------------------

    def claims(self, doc: str | None = None) -> list[Claim]:
        """The claims of every document's current version (or of one document), in order."""
        with self.reading() as con:
            return list(records.current_claims(con, doc))

    def events(self, doc: str | None = None) -> list[Event]:
        with self.reading() as con:
            return list(current_events(con, doc))

    def document(self, doc_id: str) -> dict | None:
        """A document's metadata and hash (its current version)."""
        with self.reading() as con:
            return records.document_meta(con, doc_id)

    def text(self, doc_id: str) -> str | None:
        """A document's cleaned article text."""
        with self.reading() as con:
            cleaned = records.current_text(con, doc_id)
        return cleaned.text if cleaned else None

    def incidents(self, **filters) -> list[dict]:
        """Incidents and aggregates in the exchange format (../spec/incidents.md). Filters
        as the API's: start, end, bbox, grade, source, kind."""
        self.catch_up()
        with self.reading() as con:
            if not filters:
                return list(incident_rows.exchanges(con, incident_rows.all_ids(con)))
        found: list[dict] = []
        while len(found) < (first := self.page("incidents", queries.Filters(**filters), queries.MAX_LIMIT,
                                               len(found))).total:
            found += first.items
        return found

    def page(self, what: str, filters: queries.Filters, limit: int = 100, offset: int = 0,
             newest: bool = False) -> queries.Page:
        """Documents, claims, events or incidents, filtered, a page at a time (the API's lists);
        `newest`: the most recent first."""
        if what == "incidents":
            self.catch_up()
        with self.reading() as con:
            return queries.page(con, what, filters, limit, offset, newest)

    def incident(self, incident_id: str) -> dict | None:
        self.catch_up()
        with self.reading() as con:
            return incident_rows.exchange(con, incident_id)

    def history(self, incident_id: str) -> list[dict]:
        """Every change to an incident (current or merged away): when, why, what."""
        self.catch_up()
        with self.reading() as con:
            return incident_rows.changes(con, incident_id)

    def members(self, incident_id: str) -> list[dict]:
        """An incident's claims, outliers last, each with its document's text around it."""
        with self.reading() as con:
            return incident_rows.members(con, incident_id)

    def explain(self, record: dict) -> dict[str, list[str]]:
        """Why an incident (`incident(id)`) has its grade and its range, in words."""
        keys = [f"{c['doc']}:{c['n']}" for c in record["claims"] + record["outliers"]]
        with self.reading() as con:
            grade = explain.grade(con, keys, [f"{c['doc']}:{c['n']}" for c in record["outliers"]])
        return {"grade": grade, "range": explain.range_(record)}

    def holders(self, doc_id: str) -> dict[int, str]:
        """The incident holding each of a document's claims, by the claim's n."""
        self.catch_up()
        with self.reading() as con:
            return incident_rows.holders(con, doc_id)

    def original(self, doc_id: str) -> tuple[bytes, str, str] | None:
        """A document's archived bytes as captured, its media type and sha256."""
        with self.reading() as con:
            return records.original(con, doc_id)

    def search(self, q: str, limits: dict[str, tuple[int, int]]) -> dict:
        """Places, incidents and documents for what a person typed, ranked (store/search.py):
        for each kind in `limits` (limit, offset), {"total", "items"}; "keys": the folded words."""
        self.catch_up()
        with self.reading() as con:
            stale = searching.stale(con)
        if stale and not self.read_only:
            with self.writing() as con, transaction(con):
                searching.catch_up(con)  # a store older than the search keys, or folded under other rules
        with self.reading() as con:
            return searching.find(con, q, limits)

    def texts(self, doc_ids: list[str]) -> dict[str, str]:
        with self.reading() as con:
            return records.current_texts(con, doc_ids)

    def daily(self, filters: queries.Filters | None = None) -> list[dict]:
        """Deaths per day, low and high, over the incidents of one day (those the filters let through)."""
        self.catch_up()
        with self.reading() as con:
            return queries.daily(con, filters)

    def audit(self, *subjects: str, prefix: str | None = None) -> list[dict]:
        """Who changed these subjects ("document:<id>", "claim:<doc>:<n>", "incident:<id>")."""
        with self.reading() as con:
            return audit.entries(con, *subjects, prefix=prefix)

    def holder(self, token: str | None) -> Holder | None:
        with self.reading() as con:
            return tokens.holder(con, token)

    def tokens(self) -> list[dict]:
        with self.reading() as con:
            return tokens.listing(con)

    def export(self, what: str, fmt: str, stream: TextIO, profile: str | None = None,
               filters: queries.Filters | None = None) -> tuple[int, int]:
        """Claims, events or incidents written to `stream` (those the filters let through,
        when given: an export of the explorer's view): (written, left out)."""
        if what == "incidents":
            self.catch_up()
        with self.reading() as con:
            return exports.export(con, what, fmt, profile, stream,
                                  None if filters is None else queries.keys(con, what, filters))

    def check(self) -> tuple[tuple[int, int, int], list[check.Finding]]:
        """The store's fsck: (documents, claims, incidents) and the invariants that fail."""
        with self.reading() as con:
            return stored_checks.totals(con), check.problems(con)

    @contextmanager
    def gazetteer(self) -> Iterator[places.Gazetteer]:
        """The places names resolve against: what the user imported, then the built-in ones."""
        with self.reading() as con:
            stale = places.stale(con)
        if stale and not self.read_only:
            with self.writing() as con:
                places.refold(con)  # keys folded under older rules are rebuilt first
        with self.reading() as con:
            yield gazetteer.for_store(con)

    def gazetteers(self) -> list[tuple]:
        """The imported gazetteers: (source, path, places, names, imported at)."""
        with self.reading() as con:
            return places.sources(con) if places.has_places(con) else []
