"""Scale (issue 16): each figure beside its baseline, measured in the same run, on the 1,135
real news articles of the geoparsing corpora (loaded as bench/throughput.py loads them).

- one process, articles/s ÷ spaCy's blank tokenizer articles/s (merely splitting the words);
- `--workers 2` (a LocalCluster started for the run, as the command starts it) ÷ one process,
  with the load average beside it (the machine may be shared: ratios are then noisy);
- CPU seconds of the workers and the fork server they were forked from (and with the writer)
  ÷ CPU seconds of one process;
- peak resident memory of `corroborate ingest` (one process) over --docs documents: the
  corpus repeated under new ids; on Linux also the memory every --every documents, to show
  whether it stays flat.

`--times K` measures the first two on the corpus repeated K times under new ids: each worker
process pays its own start (imports, rules, the tokenizer, caches of names it has not yet
seen) and Dask's, which 1,135 articles amortise poorly; the size is printed beside them.

usage: python bench/scale.py [--shared ../shared] [--limit N] [--times K] [--docs N] [--every N] [--workers N]
                            [--only one|workers|memory ...]
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from corroborate import Store, scale
from corroborate.store.digest import digests
from throughput import corpus_documents, corpus_options

MEASURES = ["one", "workers", "memory"]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def tokenizer(docs: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of spaCy's blank English tokenizer alone over the articles."""
    import spacy

    nlp = spacy.blank("en")
    texts = [json.loads(line)["text"] for line in docs.open(encoding="utf-8")]
    started, cpu = time.perf_counter(), cpu_seconds()
    for text in texts:
        nlp.make_doc(text)
    return time.perf_counter() - started, cpu_seconds() - cpu


def one_process(db: Path, docs: Path) -> tuple[float, float, dict[str, str]]:
    """(seconds, CPU seconds, digests) of ingesting in this process."""
    started, cpu = time.perf_counter(), cpu_seconds()
    with Store(db) as store:
        store.ingest(docs)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        with store.reading() as con:
            return seconds, cpu, digests(con)


def descendants_cpu_seconds() -> float:
    """CPU seconds of this process's live descendants: a LocalCluster's workers, the fork
    server they were forked from (scale.FORKED: it imported their modules), and
    multiprocessing's resource tracker."""
    import psutil  # a dependency of Dask's

    total = 0.0
    for process in psutil.Process().children(recursive=True):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def on_workers(db: Path, docs: Path, workers: int) -> tuple[float, float, float, float, dict[str, str]]:
    """(seconds, CPU seconds of the workers, of all the cluster's processes, of this process,
    digests) of ingesting on a LocalCluster started for the run, its start counted, as
    `ingest --workers` starts it."""
    started, cpu = time.perf_counter(), cpu_seconds()
    with scale.cluster(workers) as client, Store(db) as store:
        store.ingest(docs, scheduler=client.scheduler.address)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        worker_cpu = sum(client.run(cpu_seconds).values())
        cluster_cpu = descendants_cpu_seconds()
        with store.reading() as con:
            return seconds, worker_cpu, cluster_cpu, cpu, digests(con)


def repeated(docs: Path, out: Path, n: int, every: int) -> list[Path]:
    """`n` documents: the corpus over and over, each time under new ids, in files of `every`
    documents (out-0.jsonl, out-1.jsonl, …), so that how far an ingest has read can be seen."""
    articles = [json.loads(line) for line in docs.open(encoding="utf-8")]
    files = [out.with_name(f"{out.stem}-{k}.jsonl") for k in range((n + every - 1) // every)]
    for k, path in enumerate(files):
        with path.open("w", encoding="utf-8") as sink:
            for i in range(k * every, min(n, (k + 1) * every)):
                article = articles[i % len(articles)]
                sink.write(json.dumps(dict(article, id=f"{article['id']}-r{i // len(articles)}"), ensure_ascii=False)
                           + "\n")
    return files


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in kB."""
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found


def _reading(pid: int, files: list[Path]) -> int | None:
    """Which of `files` the process has open (its index), if any."""
    wanted = {str(path): k for k, path in enumerate(files)}
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            k = wanted.get(os.readlink(f"/proc/{pid}/fd/{fd}"))
            if k is not None:
                return k
    except OSError:  # the process ended, or a descriptor closed while read
        pass
    return None


def peak_rss(db: Path, files: list[Path], every: int) -> tuple[float, float, str]:
    """(peak resident MB, seconds, what it said last: "N ingested, … M failed") of `corroborate
    ingest` of `files` in a process of its own, so that a memory bought with failed documents
    shows; on Linux, printed as it goes: the peak and current resident memory each time it
    begins the next file (every `every` documents)."""
    started = time.perf_counter()
    said = db.with_name(db.name + ".stderr")
    with said.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "corroborate", "ingest", *map(str, files), "--db", str(db)],
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    watch, seen = Path(f"/proc/{process.pid}/status").exists(), 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if watch else 0)
        if pid:
            break
        k = _reading(process.pid, files)
        if k is not None and k > seen:
            try:
                memory = _status(process.pid)
            except OSError:  # it ended just now
                continue
            print(f"  after {k * every:>7} documents: resident {memory['VmRSS'] / 1024:6.0f} MB, peak so far "
                  f"{memory['VmHWM'] / 1024:6.0f} MB ({time.perf_counter() - started:.0f} s)", flush=True)
            seen = k
        time.sleep(0.5)
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = said.read_text(encoding="utf-8").splitlines()
    if process.returncode not in (0, 1):  # 1: some documents failed, reported
        raise SystemExit(f"corroborate ingest exited {process.returncode}: {lines[-5:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started, lines[-1] if lines else ""


def main() -> int:
    ap = corpus_options(__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000, help="Documents for the peak memory (the issue asks 100,000).")
    ap.add_argument("--every", type=int, default=10_000, help="Documents between two readings of the memory.")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--times", type=int, default=1,
                    help="Measure one process and --workers on the corpus repeated this often under new ids.")
    ap.add_argument("--only", choices=MEASURES, action="append",
                    help="Only this measure (may be given again); all of them by default.")
    args = ap.parse_args()
    only = args.only or MEASURES
    with corpus_documents(args) as (tmp, docs, n):
        print(f"articles: {n}")

        if "one" in only or "workers" in only:
            sample, size = docs, n
            if args.times > 1:
                size = n * args.times
                [sample] = repeated(docs, tmp / "times.jsonl", size, size)
                print(f"one process and --workers on {size} documents: the articles {args.times} times under new ids")
            print(load())
            t_seconds, t_cpu = tokenizer(sample)
            seconds, cpu, one = one_process(tmp / "one.duckdb", sample)
            rate = size / seconds
            print(f"one process: {rate:.1f} articles/s; spaCy blank tokenizer alone: {size / t_seconds:.1f} "
                  "articles/s; "
                  f"ratio {t_seconds / seconds:.3f} (target ≥ 0.25)")
            print(f"  the same by CPU seconds (less bent by a shared machine): {size / cpu:.1f} against "
                  f"{size / t_cpu:.1f} articles per CPU second; ratio {t_cpu / cpu:.3f}")

        if "workers" in only:
            print(load())
            w_seconds, w_cpu, cluster_cpu, writer_cpu, spread = on_workers(tmp / "workers.duckdb", sample,
                                                                           args.workers)
            print(f"--workers {args.workers}: {size / w_seconds:.1f} articles/s ({w_seconds:.1f} s, the cluster's "
                  f"start counted); one process: {rate:.1f} articles/s ({seconds:.1f} s); "
                  f"ratio {seconds / w_seconds:.2f} "
                  f"(target ≥ 1.7 on an idle machine)")
            print(f"CPU seconds: workers {w_cpu:.1f}, with the fork server they were forked from {cluster_cpu:.1f} "
                  f"(+ writer {writer_cpu:.1f}); one process {cpu:.1f}; ratio {cluster_cpu / cpu:.2f} workers and "
                  f"fork server, {(cluster_cpu + writer_cpu) / cpu:.2f} with the writer (target ≤ 1.2)")
            print(f"same claims, events and incidents as one process: {spread == one}")
            print(load())

        if "memory" in only:
            files = repeated(docs, tmp / "many.jsonl", args.docs, args.every)
            rss, rss_seconds, summary = peak_rss(tmp / "many.duckdb", files, args.every)
            print(f"peak resident memory ingesting {args.docs} documents in one process: {rss:.0f} MB "
                  f"({rss_seconds:.0f} s; target < 1024 MB at 100,000); {summary}")
            print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
