"""Claims on the seed articles: corroborate beside a naive "N ... killed" regex extractor.

usage: python bench/claims_seeds.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from pathlib import Path

from corroborate.archive import load_meta, read_paths
from corroborate.clean import clean
from corroborate.document import Document
from corroborate.extract import extract_claims

NAIVE = re.compile(r"(\d[\d,]*)\s+(?:\w+\s+){0,3}?(?:were\s+|was\s+)?(killed|dead|died|wounded|injured)", re.I)


def naive_claims(doc: Document) -> list[dict]:
    """The baseline: any number followed within three words by a harm word, on the raw text."""
    out = []
    for match in NAIVE.finditer(doc.content.decode("utf-8")):
        value = int(match.group(1).replace(",", ""))
        outcome = "killed" if match.group(2).lower() in ("killed", "dead", "died") else "injured"
        out.append({"doc": doc.doc_id, "outcome": outcome, "low": value, "high": value, "evidence": match.group(0)})
    return out


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_claims", shared / "tools" / "score_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = ap.parse_args()
    seeds = args.shared / "seeds"
    if not seeds.exists():
        print(f"skipped: {seeds} is absent (the seeds live in ../shared)", file=sys.stderr)
        return 0
    scorer = load_scorer(args.shared)
    gold = scorer.load(args.shared / "gold" / "seeds.claims.jsonl")
    meta, _ = load_meta(seeds / "meta.jsonl")
    docs = [d.with_meta(meta.get(d.doc_id, {})) for d in read_paths(sorted(seeds.glob("*.txt")))]

    started = time.perf_counter()
    ours = [c.to_exchange() for d in docs for c in extract_claims(d, clean(d))]
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    naive = [c for d in docs for c in naive_claims(d)]
    naive_seconds = time.perf_counter() - started

    print(f"{'seeds (13 gold claims)':28} {'corroborate':>12} {'naive regex':>12}")
    results = {"corroborate": scorer.score(gold, ours), "naive regex": scorer.score(gold, naive)}
    for label, key in (("precision", "precision"), ("recall", "recall"), ("F1", "f1")):
        print(f"{label:28} {results['corroborate'][key]:>12.3f} {results['naive regex'][key]:>12.3f}")
    for field in ("source", "status", "victim_type", "scope", "cause", "date", "place"):
        if field not in results["corroborate"]["fields"]:  # a gold file without the field: not scored
            print(f"{field + ' agreement':28} {'not scored':>12} {'not scored':>12}")
            continue
        ours_f = results["corroborate"]["fields"][field]
        naive_f = results["naive regex"]["fields"].get(field, 0.0)
        print(f"{field + ' agreement':28} {ours_f:>12.3f} {naive_f:>12.3f}")
    print(f"{'seconds':28} {ours_seconds:>12.3f} {naive_seconds:>12.3f}")
    for line in results["corroborate"]["missed"]:
        print("missed   ", line)
    for line in results["corroborate"]["spurious"]:
        print("spurious ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
