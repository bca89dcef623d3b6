"""`ingest --workers N` and `ingest --scheduler tcp://HOST:PORT`: the per-document stages
(archive → clean → extract → resolve: pipeline.analyse) on a Dask cluster, the store's one
writer loading what they read (../shared/spec/architecture.md, "Scale").

The writer reads and plans the documents as one process does (pipeline.planned), and puts
each in one of `partitions` by a hash of its id. A partition's documents go to a worker
SHARD_DOCS at a time; the worker analyses them and writes the rows read from them as a
Parquet shard (store.shards) named by what went into it, so that a rerun, or a task retried
after its worker died, writes the same bytes under the same name. The writer reads each
shard once, when it is done, and stores the documents in the order it read them, many in a
transaction (documents, their rows and audit entries: a kill leaves whole documents only),
and reconciles as one process does. An id read again while its earlier reading is still out
waits for it to be stored (Driver.settle), so that it is planned as one process plans it."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from corroborate import pipeline
from corroborate.archive import ReadFailure
from corroborate.document import Document
from corroborate.pipeline import Summary, Work
from corroborate.resolve import gazetteer
from corroborate.store import audit, records, shards
from corroborate.store import gazetteer as places
from corroborate.store.gazetteer import Gazetteer
from corroborate.store.tokens import LOCAL, Holder

if TYPE_CHECKING:
    import pyarrow
    from distributed import Client, Future

PARTITIONS = 16
SHARD_DOCS = 32  # documents a task: large enough to pay for its round trip, small enough to spread the work
RETRIES = 2  # a task that raised is run again this often; one whose worker died is resent by the scheduler
AHEAD = 2  # tasks sent per worker thread before the writer waits: bounds the documents held in memory


# Dask's running costs on the cluster started here (its nannies hand the settings to the
# workers; its scheduler runs in this process). By default a worker samples its task's stack
# every 10 ms for a profile, and worker, nanny and scheduler each wake 50 times a second to
# time their event loop, twice a second to read the system's load and ten times to read the
# worker's memory: some 10% of a worker's CPU while it analyses, and more when it waits. Nobody
# looks at them here (no dashboard). The memory is still read each second, so a worker
# that grows past its limit is still stopped. A cluster of the user's (--scheduler) keeps its own.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,  # with gilknocker installed: polls each 1 ms
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.multiprocessing-method": "forkserver",  # see FORKED
}

# What every worker imports before it has read its first document: Dask's own, ours, spaCy's,
# dateparser's, and pandas (which pyarrow.array imports at its first call). Started one by one
# (Dask's "spawn"), each worker imported them itself: some 1.5 of its 10 CPU s on the 1,135
# articles. Forked from a server that imported them once (multiprocessing's "forkserver"), a
# worker starts with them, in 0.1 CPU s. The last, corroborate.forkserver, warms the server
# (`warm`) once they are imported. No connection is open at the fork (each worker opens its
# gazetteer).
FORKED = ["distributed", "corroborate.scale", "pyarrow.parquet", "pandas", "spacy", "spacy.lang.en", "dateparser",
          "countryinfo", "corroborate.forkserver"]


@contextmanager
def cluster(workers: int = 0, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a cluster of `workers` processes of one
    thread each, started here and stopped on leaving."""
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            yield client
        return
    _fork_server()  # first: it imports and warms while this process imports Dask and starts the scheduler
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(QUIET):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
                Client(local) as client:
            yield client


def _fork_server() -> None:
    """Start the workers' fork server, which imports FORKED and warms itself (some 2.5 CPU s,
    on the other core while this process starts the cluster). Dask, at its first call for the
    "forkserver" method, would set its own list (Dask's modules, numpy and pandas), which it
    first imports here to see that they are installed: 0.3 CPU s of the writer's, for modules
    the writer never uses. It is told that the list is set."""
    import multiprocessing
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(FORKED)
    forkserver.ensure_running()  # at once (a server already running, from an earlier cluster, is kept)

    from distributed import utils

    utils._forkserver_preload_set = True


# A report of our own making, which `warm` analyses: a number of dead, a source, a date and
# places, so that what reading a document loads is loaded.
WARM_UP = Document(doc_id="warm-up", content=(
    b"Gunmen kill 14 in attack on market near Kaduna\n\n"
    b"At least 14 people were killed and 20 wounded on Monday when gunmen attacked a market in a "
    b"village near Kaduna, Nigeria, police said on Tuesday. Residents said 9 of the dead were "
    b"farmers. The army said troops had been sent to the area."),
    media_type="text/plain", origin="corroborate.scale.WARM_UP",
    meta={"title": "Gunmen kill 14 in attack on market near Kaduna", "published": "2021-03-02"})

_warm_memo: dict[str, object] = {}  # what the fork server read from all of the built-in gazetteer (`warm`)


def warm() -> None:
    """In the workers' fork server, before it forks one: analyse WARM_UP, so that what each
    worker's first document loaded (spaCy's tokenizer, the rules and their patterns, the
    country cues: some 0.8 CPU s a worker) is loaded once, and the workers share its pages.
    The built-in gazetteer it reads is closed before any fork (a DuckDB connection must not
    cross one); what was read from all of it (its memo: the cues) is kept for the workers'
    own (`_worker_places`). A warm-up that fails is let go (the fork server would otherwise
    die, and the cluster with it): each worker then loads what it needs on its first document."""
    try:
        places = gazetteer.from_file(None)
    except Exception:  # noqa: BLE001 - only a warm-up
        return
    try:
        pipeline.analyse(WARM_UP, places)
        _warm_memo.update(places.memo)
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    finally:
        for con in places.connections:
            con.close()


def partition(doc_id: str, partitions: int) -> int:
    """A document's partition: a hash of its id, the same in every process and run."""
    return int.from_bytes(hashlib.sha256(doc_id.encode()).digest()[:8], "big") % partitions


class Shard:
    """A task analysing SHARD_DOCS documents of a partition, and where it writes their rows."""

    def __init__(self, future: Future, stem: Path, size: int):
        self.future, self.stem, self.size = future, stem, size
        self.outcomes: list[tuple[str | None, bool]] | None = None
        self.rows: dict[tuple[str, int], dict[str, pyarrow.Table]] = {}  # read, by document: shards.read

    def collect(self) -> None:
        """Wait for the task: for each document, why it could not be read (None when it was)
        and whether claims were read from it; and read the shard it wrote."""
        if self.outcomes is not None:
            return
        try:
            outcomes = self.future.result()
            self.rows = shards.read(self.stem)
        except Exception as err:  # noqa: BLE001 - retried and still failing, or unreadable: its documents are reported
            outcomes = [(_failed(err), False)] * self.size
        finally:
            self.future.release()
        self.outcomes = outcomes


class Queued:
    """A planned document, in the order read: `seq`; its shard and place in it, once sent."""

    __slots__ = ("work", "seq", "shard", "index")

    def __init__(self, work: Work, seq: int):
        self.work, self.seq = work, seq
        self.shard: Shard | None = None
        self.index = 0


class Driver:
    """Sends documents to the workers by partition and stores them, with what was read from
    them, in the order they were read (pipeline.Writer), reconciling at the same documents
    as one process does: what a reconciliation sees is then the same, and so are the
    incidents (whose ids are named after the claims they first held)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, client: Client, shard_dir: Path, who: Holder,
                 summary: Summary, fail: Callable[[ReadFailure], None], partitions: int):
        self.con, self.client, self.shard_dir, self.who = con, client, shard_dir, who
        self.fail, self.partitions = fail, partitions
        self.writer = pipeline.Writer(con, self._write, summary, fail)
        self.own_places = _export_places(con, shard_dir)
        self.schemas = shards.schemas(con)
        self.queue: deque[Queued] = deque()  # read, not yet stored
        self.queued_ids: Counter[str] = Counter()  # their ids
        self.waiting: dict[int, list[Queued]] = {}  # by partition, not yet sent
        self.out: deque[Shard] = deque()  # sent, not yet read
        self.ahead = AHEAD * max(1, sum(client.nthreads().values()))
        self.lag = partitions * SHARD_DOCS
        self.seq = 0

    def add(self, work: Work) -> None:
        queued = Queued(work, self.seq)
        self.seq += 1
        self.queue.append(queued)
        self.queued_ids[work.doc.doc_id] += 1
        part = partition(work.doc.doc_id, self.partitions)
        self.waiting.setdefault(part, []).append(queued)
        if len(self.waiting[part]) >= SHARD_DOCS:
            self._send(part)
        # A partition that fills slowly is sent when its first document is `lag` behind, so that
        # the documents read after it and held until it is stored stay few (and the shards the
        # same in every run: this depends on the order read only).
        for late in [p for p, held in self.waiting.items() if self.seq - held[0].seq >= self.lag]:
            self._send(late)
        self._collect(keep=self.ahead - 1)
        self._store_ready()

    def settle(self, doc_ids: set[str]) -> None:
        """Before an id read again is planned (pipeline.planned): store all that is held when
        any of these ids is, and commit it. Its readings are then analysed one after the
        other, each knowing what the one before stored, as one process does (two readings of
        one version in a shard were two rows of one key)."""
        if any(doc_id in self.queued_ids for doc_id in doc_ids):
            self._store_all()
        self.writer.settle(doc_ids)

    def finish(self) -> None:
        self._store_all()
        self.writer.finish()
        for partial in self.shard_dir.glob("*.partial"):  # left by a worker killed while writing
            partial.unlink(missing_ok=True)

    def _store_all(self) -> None:
        """Send all that is held, the partition read first first, and store the documents as
        the shards they wait for come in (not once all are in: little is then left to store
        when the workers are done)."""
        for part in sorted(self.waiting, key=lambda part: self.waiting[part][0].seq):
            self._send(part)
        while self.out:
            self._collect(keep=len(self.out) - 1)
            self._store_ready()

    def _collect(self, keep: int) -> None:
        """Read each shard that is done, in the order they are done, waiting for the next while
        more than `keep` are out."""
        from distributed import wait

        while True:
            for shard in [shard for shard in self.out if shard.future.done()]:
                shard.collect()
            self.out = deque(shard for shard in self.out if shard.outcomes is None)
            if len(self.out) <= keep:
                return
            wait([shard.future for shard in self.out], return_when="FIRST_COMPLETED")

    def _send(self, part: int) -> None:
        held = self.waiting.pop(part)
        stem = self.shard_dir / _shard_name(part, [q.work for q in held])
        future = self.client.submit(analyse_shard, [(q.work.doc, q.work.step.version) for q in held], str(stem),
                                    self.own_places, self.schemas, retries=RETRIES, pure=False)
        shard = Shard(future, stem, len(held))
        for index, queued in enumerate(held):
            queued.shard, queued.index = shard, index
        self.out.append(shard)

    def _store_ready(self) -> None:
        """Store the documents at the head of the queue whose shards are done, in the order read."""
        while self.queue and (shard := self.queue[0].shard) is not None and \
                (shard.outcomes is not None or shard.future.done()):
            queued = self.queue.popleft()
            work = queued.work
            self.queued_ids[work.doc.doc_id] -= 1
            if not self.queued_ids[work.doc.doc_id]:
                del self.queued_ids[work.doc.doc_id]
            shard.collect()
            assert shard.outcomes is not None
            failure, claims = shard.outcomes[queued.index]
            rows = shard.rows.pop((work.doc.doc_id, work.step.version), None)  # the writer holds them until stored
            if failure:
                self.fail(ReadFailure(work.doc.origin, failure))
            else:
                records.remember(work.versions, work.doc, work.step)  # a later reading plans after it
                self.writer.add(work, rows, claims)

    def _write(self, con: duckdb.DuckDBPyConnection, group: list[pipeline.Written]) -> None:
        """Documents, then what their shards hold of them (shards.read), and their audit entries
        (in the writer's transaction)."""
        records.write_documents(con, [(work.doc, work.step, shards.focus(rows)) for work, rows, _ in group])
        shards.store(con, [rows for _, rows, _ in group])
        audit.record_all(con, [pipeline.ingest_entry(self.who, work) for work, _, _ in group])


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

    driver = Driver(con, client, shard_dir, who, summary, fail, partitions)
    for work in pipeline.planned(con, items, meta or {}, summary, fail, driver.settle):
        driver.add(work)
    driver.finish()
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


# -- on a worker ---------------------------------------------------------------------------

_worker = threading.local()  # each worker thread's gazetteer, kept across its tasks


def analyse_shard(docs: list[tuple[Document, int]], stem: str, own_places: str | None,
                  schemas: dict[str, pyarrow.Schema]) -> list[tuple[str | None, bool]]:
    """Analyse each (document, version) and write what was read as the shard `stem` (its
    tables of `schemas`: shards.schemas); for each, why it could not be read (None when it
    was) and whether claims were read from it."""
    found = _worker_places(own_places)
    outcomes: list[tuple[str | None, bool]] = []
    read: list[tuple[int, dict[str, list[tuple]]]] = []  # (its outcome's index, its rows)
    for doc, version in docs:
        result = pipeline.analysed(doc, found)
        if isinstance(result, str):
            outcomes.append((result, False))
            continue
        try:
            read.append((len(outcomes), shards.rows(doc, version, *result)))
        except Exception as err:  # noqa: BLE001 - one bad document must not end the shard
            outcomes.append((_failed(err), False))
            continue
        outcomes.append((None, bool(result.claims)))
    try:
        built = shards.tables((rows for _, rows in read), schemas)
    except Exception:  # noqa: BLE001 - each again alone, so that only the bad one fails
        kept = []
        for index, rows in read:
            try:
                shards.tables([rows], schemas)
                kept.append(rows)
            except Exception as err:  # noqa: BLE001
                outcomes[index] = (_failed(err), False)
        built = shards.tables(kept, schemas)
    shards.write(built, Path(stem))
    return outcomes


def _failed(err: Exception) -> str:
    return f"could not be processed: {type(err).__name__}: {err}"


def _worker_places(own_places: str | None) -> Gazetteer:
    """This thread's gazetteer of `own_places` (opened again when the file was written again,
    by a later run)."""
    key = (own_places, os.stat(own_places).st_mtime_ns if own_places else None)
    if getattr(_worker, "places_key", None) != key:
        _worker.places = gazetteer.from_file(own_places)
        if own_places is None:  # the built-in gazetteer alone, which the fork server read (`warm`)
            _worker.places.memo.update(_warm_memo)
        _worker.places_key = key
    return _worker.places
