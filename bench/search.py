"""Search (issue 14, item 3) at the size of the explorer's real store: the 1,135 articles of the
geoparsing corpora, stored `--copies` times over (6 copies: 6,810 documents, about the 6,207 of
the real store) without extraction, then (1) the folding of every text into its search keys,
as an older store catches up at its first search (and as ingest does, a text at a time), and
(2) the time of a search over places, incidents and documents, first page of each, for a few
queries: a rare name, a phrase, stop words that are everywhere, a common name.

usage: python bench/search.py [--shared ../shared] [--copies 6] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from corroborate import Store
from corroborate.store import search
from corroborate.store.db import insert

QUERIES = ["Baniyas", "car bomb", "killed in the city", "London"]
LIMITS = {"places": (10, 0), "incidents": (10, 0), "documents": (20, 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = args.shared / "data" / "geoparsing_corpora" / "all_corpora_flat.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        with store.writing() as con:
            for copy in range(args.copies):
                ids = [f"{copy}-{k}" for k in range(len(texts))]
                insert(con, "documents", [(i, 1, "0" * 64, b"", "text/plain", "bench", "2025-01-01", None, None,
                                           None, None, None) for i in ids],
                       ("doc_id", "version", "sha256", "content", "media_type", "origin", "captured_at", "title",
                        "outlet", "published", "url", "authors"))
                insert(con, "texts", [(i, 1, t, "[]", "plain") for i, t in zip(ids, texts, strict=True)])
        words = args.copies * sum(len(t.split()) for t in texts)
        started = time.perf_counter()
        with store.writing() as con:
            folded = search.catch_up(con)
        took = time.perf_counter() - started
        print(f"folded {folded:,} documents ({words:,} words) into search keys in {took:.1f} s: "
              f"{words / took:,.0f} words/s")
        for q in QUERIES:
            started = time.perf_counter()
            for _ in range(args.repeat):
                found = store.search(q, LIMITS)
            took = (time.perf_counter() - started) / args.repeat
            print(f"{q!r}: {found['documents']['total']:,} of {folded:,} documents, {took * 1000:,.0f} ms a search")


if __name__ == "__main__":
    main()
