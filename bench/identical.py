"""Whether a change of the core leaves what is read from the 1,135 articles (the corpus
bench/throughput.py reads) byte-identical: ingests them in one process and prints the SHA-256
of each table's sorted rows (store/digest.py: texts, search texts, claims, events, incidents,
their claims). `--write FILE` keeps the sorted rows (a JSON line each: [table, row]) to compare
a later run with; `--against FILE` compares with them and shows the first rows that differ.

usage: python bench/identical.py [--shared ../shared] [--limit N] [--write FILE | --against FILE]
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from corroborate import Store
from corroborate.store.digest import TABLES, digests
from throughput import corpus_documents, corpus_options


def stored(db: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The digests of store/digest.py, and every row they are taken over: (table, row as text),
    table by table, each table's rows sorted."""
    lines = []
    with Store(db, read_only=True) as store, store.reading() as con:
        for table in TABLES:
            rows = con.execute(f"SELECT CAST(t AS TEXT) AS row FROM {table} t ORDER BY row").fetchall()
            lines += [(table, row) for (row,) in rows]
        return digests(con), lines


def main() -> int:
    ap = corpus_options(__doc__.splitlines()[0])
    ap.add_argument("--write", type=Path, help="Keep the sorted rows in this file.")
    ap.add_argument("--against", type=Path, help="Compare with the sorted rows kept by --write.")
    args = ap.parse_args()
    with corpus_documents(args) as (tmp, docs, n):
        started = time.perf_counter()
        with Store(tmp / "store.duckdb") as store:
            summary = store.ingest(docs)
        seconds = time.perf_counter() - started
        found, lines = stored(tmp / "store.duckdb")
    print(f"articles: {n} ({summary}) in {seconds:.1f} s")
    for table, digest in found.items():
        print(f"  {table:16} {digest}")
    if args.write:
        args.write.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
        print(f"rows written to {args.write}")
    if args.against:
        with args.against.open(encoding="utf-8") as fh:
            kept = [tuple(json.loads(line)) for line in fh]
        if kept == lines:
            print(f"identical to {args.against}")
            return 0
        gone, new = sorted(set(kept) - set(lines)), sorted(set(lines) - set(kept))
        print(f"DIFFERENT from {args.against}: {len(gone)} rows gone, {len(new)} new")
        for mark, rows in (("-", gone), ("+", new)):
            for table, row in rows[:10]:
                print(f"{mark} {table} {row[:300]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
