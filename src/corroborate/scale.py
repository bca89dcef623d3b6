"""`ingest --workers N` and `ingest --scheduler tcp://HOST:PORT`: the per-document stages
(archive → clean → extract → resolve: pipeline.analyse) on a Dask cluster, the store's one
writer loading what they read (../shared/spec/architecture.md, "Scale").

The writer reads and plans the documents as one process does (pipeline.planned), and puts
each in one of `partitions` by a hash of its id. A partition's documents go to a worker
SHARD_DOCS at a time; the worker analyses them and writes the rows read from them as a
Parquet shard (store.shards) named by what went into it, so that a rerun, or a task retried
after its worker died, writes the same bytes under the same name. The writer loads shards
in the order it sent them: each shard's documents, their rows and audit entries in one
transaction, so that a kill leaves whole documents only. Incidents are then brought up to
date as in one process."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import duckdb

from corroborate import pipeline
from corroborate.archive import ReadFailure
from corroborate.document import Document
from corroborate.pipeline import Summary, Work
from corroborate.resolve import gazetteer
from corroborate.store import gazetteer as places
from corroborate.store import records, shards
from corroborate.store.db import transaction
from corroborate.store.gazetteer import Gazetteer
from corroborate.store.tokens import LOCAL, Holder

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITIONS = 16
SHARD_DOCS = 32  # documents a task: large enough to pay for its round trip, small enough to spread the work
RETRIES = 2  # a task that raised is run again this often; one whose worker died is resent by the scheduler
AHEAD = 2  # tasks sent per worker thread before the writer waits: bounds the documents held in memory


@contextmanager
def cluster(workers: int = 0, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a cluster of `workers` processes of one
    thread each, started here and stopped on leaving."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        yield client


def partition(doc_id: str, partitions: int) -> int:
    """A document's partition: a hash of its id, the same in every process and run."""
    return int.from_bytes(hashlib.sha256(doc_id.encode()).digest()[:8], "big") % partitions


class Sent(NamedTuple):
    """A shard's task: its documents, in order, and where its rows will be."""

    future: Future
    stem: Path
    works: list[Work]


def ingest_items(con: duckdb.DuckDBPyConnection, client: Client, items: Iterable[Document | ReadFailure],
                 shard_dir: Path, meta: dict[str, dict] | None = None, who: Holder = LOCAL,
                 on_failure: Callable[[ReadFailure], None] = lambda f: None,
                 partitions: int = PARTITIONS) -> Summary:
    """As pipeline.ingest_items, the analyses done by `client`'s workers, their shards in
    `shard_dir` (which the workers and this process must both reach)."""
    summary = Summary()

    def fail(failure: ReadFailure) -> None:
        summary.failures.append(failure)
        on_failure(failure)

    touched = pipeline.Touched(con, fail, transaction)
    own_places = _export_places(con, shard_dir)
    waiting: dict[int, list[Work]] = {}
    sent: deque[Sent] = deque()
    ahead = AHEAD * max(1, sum(client.nthreads().values()))

    def send(part: int) -> None:
        works = waiting.pop(part)
        stem = shard_dir / _shard_name(part, works)
        future = client.submit(analyse_shard, [(w.doc, w.step.version) for w in works], str(stem), own_places,
                               retries=RETRIES, pure=False)
        sent.append(Sent(future, stem, works))
        while len(sent) >= ahead:
            _load(con, sent.popleft(), who, summary, fail, touched)

    for work in pipeline.planned(con, items, meta or {}, summary, fail):
        records.remember(work.versions, work.doc, work.step)  # a later version of the id plans after it
        part = partition(work.doc.doc_id, partitions)
        waiting.setdefault(part, []).append(work)
        if len(waiting[part]) >= SHARD_DOCS:
            send(part)
    for part in sorted(waiting):
        send(part)
    while sent:
        _load(con, sent.popleft(), who, summary, fail, touched)
    touched.flush()
    return summary


def _shard_name(part: int, works: list[Work]) -> str:
    """The partition and a hash of what the shard is read from: the same documents give the same name."""
    digest = hashlib.sha256()
    for work in works:
        doc = work.doc
        digest.update(json.dumps([doc.doc_id, work.step.version, doc.sha256, doc.meta], sort_keys=True,
                                 default=str).encode() + b"\n")
    return f"p{part:03d}-{digest.hexdigest()[:20]}"


def _export_places(con: duckdb.DuckDBPyConnection, shard_dir: Path) -> str | None:
    """The store's own places, where the workers can open them (they cannot open the store)."""
    if not places.has_places(con):
        return None
    shard_dir.mkdir(parents=True, exist_ok=True)
    path = shard_dir / "places.duckdb"
    places.export(con, path)
    return str(path)


def _load(con: duckdb.DuckDBPyConnection, shard: Sent, who: Holder, summary: Summary,
          fail: Callable[[ReadFailure], None], touched: pipeline.Touched) -> None:
    """Store a shard's documents with the rows read from them, in one transaction."""
    try:
        outcomes = shard.future.result()
    except Exception as err:  # noqa: BLE001 - retried and still failing: its documents are reported, the rest go on
        outcomes = [(f"could not be processed: {type(err).__name__}: {err}", False)] * len(shard.works)
    finally:
        shard.future.release()
    done = [(work, claims) for work, (failure, claims) in zip(shard.works, outcomes, strict=True) if not failure]
    try:
        if done:
            focus = shards.focus(con, shard.stem)
            with transaction(con):
                for work, _ in done:
                    records.write_document(con, work.doc, work.step, focus[work.doc.doc_id, work.step.version])
                    pipeline.audit_ingest(con, who, work)
                shards.load(con, shard.stem)
    except duckdb.TransactionException:
        raise  # a conflict: the caller may retry the whole write
    except Exception as err:  # noqa: BLE001 - one bad shard must not end the batch
        outcomes = [(f"could not be processed: {type(err).__name__}: {err}", False)] * len(shard.works)
        done = []
    for work, (failure, _) in zip(shard.works, outcomes, strict=True):
        if failure:
            fail(ReadFailure(work.doc.origin, failure))
    for work, claims in done:
        if pipeline.stored(summary, work, claims):
            touched.add(work.doc.doc_id)


# -- on a worker ---------------------------------------------------------------------------

_worker = threading.local()  # each worker thread's scratch database and gazetteer, kept across its tasks


def analyse_shard(docs: list[tuple[Document, int]], stem: str, own_places: str | None) -> list[tuple[str | None, bool]]:
    """Analyse each (document, version) and write what was read as the shard `stem`; for each,
    why it could not be read (None when it was) and whether claims were read from it."""
    scratch, found = _worker_state(own_places)
    outcomes: list[tuple[str | None, bool]] = []
    for doc, version in docs:
        result = pipeline.analysed(doc, found)
        if isinstance(result, str):
            outcomes.append((result, False))
            continue
        try:
            with transaction(scratch):
                records.write_derived(scratch, doc, version, result.text, result.claims, result.events)
                shards.add_focus(scratch, doc.doc_id, version, result.focus)
        except Exception as err:  # noqa: BLE001 - one bad document must not end the shard
            outcomes.append((f"could not be processed: {type(err).__name__}: {err}", False))
            continue
        outcomes.append((None, bool(result.claims)))
    shards.write(scratch, Path(stem))
    return outcomes


def _worker_state(own_places: str | None) -> tuple[duckdb.DuckDBPyConnection, Gazetteer]:
    """This thread's scratch database, and the gazetteer of `own_places` (opened again when the
    file was written again, by a later run)."""
    key = (own_places, os.stat(own_places).st_mtime_ns if own_places else None)
    if getattr(_worker, "places_key", None) != key:
        _worker.places = gazetteer.from_file(own_places)
        _worker.places_key = key
    if getattr(_worker, "scratch", None) is None:
        _worker.scratch = shards.scratch()
    return _worker.scratch, _worker.places
