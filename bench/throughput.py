"""Whole-ingest throughput (archive → clean → claims and events → store) on the 1,135 real news
articles of the geoparsing corpora, beside a baseline that only archives them (read, hash, store
the bytes) in the same process. One process: the rate is per core.

usage: python bench/throughput.py [--shared ../shared] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corroborate import Store
from corroborate.archive import read_paths
from corroborate.pipeline import Summary
from corroborate.store import connect


def corpus_as_documents(source: Path, out: Path, limit: int | None) -> int:
    """The corpus file has no `id`; give each article one (corpus-doc_id)."""
    n = 0
    with source.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as sink:
        for line in fh:
            record = json.loads(line)
            sink.write(json.dumps({"id": f"{record['corpus']}-{record['doc_id']}", "text": record["text"],
                                   "title": record.get("title")}, ensure_ascii=False) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return n


def archive_only(db: Path, docs: Path) -> None:
    con = connect(db)
    con.execute("CREATE TABLE raw (doc_id TEXT, sha256 TEXT, content BLOB)")
    for doc in read_paths([docs]):
        con.begin()
        con.execute("INSERT INTO raw VALUES (?, ?, ?)", [doc.doc_id, doc.sha256, doc.content])
        con.commit()
    con.close()


def full_ingest(db: Path, docs: Path) -> Summary:
    with Store(db) as store:
        return store.ingest(docs)


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def corpus_options(description: str) -> argparse.ArgumentParser:
    """The options of the benches over the article corpus: where ../shared is, and how much of it."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, help="Only the first N articles of the corpus.")
    return ap


@contextmanager
def corpus_documents(args: argparse.Namespace) -> Iterator[tuple[Path, Path, int]]:
    """A scratch folder holding the corpus as documents (articles.jsonl, --limit of them):
    (folder, file, how many). When ../shared does not hold the corpus, says so on stderr and
    ends the bench with status 0: a machine without the data skips it."""
    source = args.shared / "data" / "geoparsing_corpora" / "all_corpora_flat.jsonl"
    if not source.exists():
        print(f"skipped: {source} is absent (the corpus lives in ../shared/data)", file=sys.stderr)
        raise SystemExit(0)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        docs = tmp / "articles.jsonl"
        yield tmp, docs, corpus_as_documents(source, docs, args.limit)


def main() -> int:
    args = corpus_options(__doc__.splitlines()[0]).parse_args()
    with corpus_documents(args) as (tmp, docs, n):
        _, base_seconds = timed(archive_only, tmp / "baseline.duckdb", docs)
        summary, seconds = timed(full_ingest, tmp / "full.duckdb", docs)
        with Store(tmp / "full.duckdb", read_only=True) as store:
            claims = len(store.claims())
        size = (tmp / "full.duckdb").stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n} ({summary}), claims stored: {claims}, store: {size / 1e6:.1f} MB")
    print(f"{'':34} {'corroborate':>12} {'archive only':>13}")
    print(f"{'seconds':34} {seconds:>12.2f} {base_seconds:>13.2f}")
    print(f"{'articles per second (one core)':34} {n / seconds:>12.1f} {n / base_seconds:>13.1f}")
    print(f"peak resident memory of this process: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
