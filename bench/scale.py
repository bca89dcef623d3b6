"""Scale (issue 16): each figure beside its baseline, measured in the same run, on the 1,135
real news articles of the geoparsing corpora (loaded as bench/throughput.py loads them).

- one process, articles/s ÷ spaCy's blank tokenizer articles/s (merely splitting the words);
- `--workers 2` (a LocalCluster started for the run, as the command starts it) ÷ one process,
  with the load average beside it (the machine may be shared: ratios are then noisy);
- CPU seconds of the workers (and of workers and writer) ÷ CPU seconds of one process;
- peak resident memory of `corroborate ingest` (one process) over --docs documents: the
  corpus repeated under new ids.

usage: python bench/scale.py [--shared ../shared] [--limit N] [--docs N] [--workers N]
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corroborate import Store
from corroborate.store.digest import digests
from throughput import corpus_as_documents, corpus_options, corpus_source


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


def on_workers(db: Path, docs: Path, workers: int) -> tuple[float, float, float, dict[str, str]]:
    """(seconds, CPU seconds of the workers, of this process, digests) of ingesting on a
    LocalCluster started for the run, its start counted, as `ingest --workers` starts it."""
    from distributed import Client, LocalCluster

    started, cpu = time.perf_counter(), cpu_seconds()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, Store(db) as store:
        store.ingest(docs, scheduler=cluster.scheduler_address)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        worker_cpu = sum(client.run(cpu_seconds).values())
        with store.reading() as con:
            return seconds, worker_cpu, cpu, digests(con)


def repeated(docs: Path, out: Path, n: int) -> None:
    """`n` documents: the corpus over and over, each time under new ids."""
    articles = [json.loads(line) for line in docs.open(encoding="utf-8")]
    with out.open("w", encoding="utf-8") as sink:
        for i in range(n):
            article = dict(articles[i % len(articles)], id=f"{articles[i % len(articles)]['id']}-r{i // len(articles)}")
            sink.write(json.dumps(article, ensure_ascii=False) + "\n")


def peak_rss(db: Path, docs: Path) -> tuple[float, float]:
    """(peak resident MB, seconds) of `corroborate ingest` in a process of its own."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "corroborate", "ingest", str(docs), "--db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: some documents failed, reported
        raise SystemExit(f"corroborate ingest exited {process.returncode}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> int:
    ap = corpus_options(__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000, help="Documents for the peak memory (the issue asks 100,000).")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    source = corpus_source(args.shared)
    if source is None:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = tmp / "articles.jsonl"
        n = corpus_as_documents(source, docs, args.limit)
        print(f"articles: {n}")

        print(load())
        t_seconds, t_cpu = tokenizer(docs)
        seconds, cpu, one = one_process(tmp / "one.duckdb", docs)
        rate = n / seconds
        print(f"one process: {rate:.1f} articles/s; spaCy blank tokenizer alone: {n / t_seconds:.1f} articles/s; "
              f"ratio {t_seconds / seconds:.3f} (target ≥ 0.25)")
        print(f"  the same by CPU seconds (less bent by a shared machine): {n / cpu:.1f} against "
              f"{n / t_cpu:.1f} articles per CPU second; ratio {t_cpu / cpu:.3f}")

        print(load())
        w_seconds, w_cpu, writer_cpu, spread = on_workers(tmp / "workers.duckdb", docs, args.workers)
        print(f"--workers {args.workers}: {n / w_seconds:.1f} articles/s ({w_seconds:.1f} s, the cluster's start "
              f"counted); one process: {rate:.1f} articles/s ({seconds:.1f} s); ratio {seconds / w_seconds:.2f} "
              f"(target ≥ 1.7 on an idle machine)")
        print(f"CPU seconds: workers {w_cpu:.1f} (+ writer {writer_cpu:.1f}); one process {cpu:.1f}; "
              f"ratio {w_cpu / cpu:.2f} workers only, {(w_cpu + writer_cpu) / cpu:.2f} with the writer "
              "(target ≤ 1.2)")
        print(f"same claims, events and incidents as one process: {spread == one}")
        print(load())

        many = tmp / "many.jsonl"
        repeated(docs, many, args.docs)
        rss, rss_seconds = peak_rss(tmp / "many.duckdb", many)
        print(f"peak resident memory ingesting {args.docs} documents in one process: {rss:.0f} MB "
              f"({rss_seconds:.0f} s; target < 1024 MB at 100,000)")
        print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
