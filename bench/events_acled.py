"""Events on ACLED coder notes: corroborate beside a naive "N ... killed" regex, both scored by
../shared/tools/score_events.py on the same documents in the same run.

The development set is the global file; the Afghanistan and Asia-2015 files are TEST sets,
measured here and never tuned on.

usage: python bench/events_acled.py [--shared ../shared] [--limit N] [--dev-only]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEV = "acled_global_2020-04-27_2020-05-09.csv"
TEST = ("acled_afghanistan_2020-03-01_2020-03-21.csv", "acled_asia_2015.csv")
TARGETS = {"fatalities": 0.95, "fatalities>0": 0.85, "event_type": 0.85, "date": 0.95}
CLI = [sys.executable, "-m", "corroborate"]
NAIVE = re.compile(r"\b(\d[\d,]*)\s+(?:[\w-]+\s+){0,4}?(?:were\s+|was\s+)?(?:killed|dead|died|fatalit\w*)\b", re.I)


def naive_events(docs: Path, out: Path) -> None:
    """The baseline: every number followed within a few words by "killed" (or "fatalities"), summed."""
    with docs.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            doc = json.loads(line)
            total = sum(int(m.group(1).replace(",", "")) for m in NAIVE.finditer(doc["text"]))
            dst.write(json.dumps({"doc": doc["id"], "fatalities": total}) + "\n")


def score(shared: Path, csv: Path, events: Path) -> dict:
    result = subprocess.run([sys.executable, str(shared / "tools" / "score_events.py"), str(csv), str(events),
                             "--json"], capture_output=True, text=True, check=True)
    return {k: v["accuracy"] for k, v in json.loads(result.stdout).items()}


def measure(shared: Path, csv: Path, limit: int | None = None, work: Path | None = None) -> dict:
    """{"ours": figures, "naive": figures, "docs": n, "docs_per_s": ingest speed} for one ACLED file
    (its first `limit` rows with notes)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = work or Path(tmp)
        docs, db = work / "docs.jsonl", work / "events.duckdb"
        to_docs = [sys.executable, str(shared / "tools" / "acled_to_docs.py"), str(csv)]
        with docs.open("w", encoding="utf-8") as fh:
            subprocess.run(to_docs + (["--limit", str(limit)] if limit else []), stdout=fh, check=True)
        n = sum(1 for _ in docs.open(encoding="utf-8"))
        started = time.perf_counter()
        subprocess.run(CLI + ["ingest", str(docs), "--db", str(db)], capture_output=True, check=True)
        elapsed = time.perf_counter() - started
        ours, naive = work / "events.jsonl", work / "naive.jsonl"
        with ours.open("w", encoding="utf-8") as fh:
            subprocess.run(CLI + ["events", "--format", "jsonl", "--db", str(db)], stdout=fh, check=True)
        naive_events(docs, naive)
        if limit:  # score only the rows that were turned into documents
            ids = {json.loads(line)["id"] for line in docs.open(encoding="utf-8")}
            csv = _subset(csv, ids, work / "subset.csv")
        return {"ours": score(shared, csv, ours), "naive": score(shared, csv, naive), "docs": n,
                "docs_per_s": n / elapsed}


def _subset(csv_path: Path, ids: set[str], out: Path) -> Path:
    import csv

    with csv_path.open(encoding="utf-8", errors="replace", newline="") as src, \
            out.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, fieldnames=reader.fieldnames)
        writer.writeheader()
        for row in reader:
            if (row.get("event_id_cnty") or row.get("EVENT_ID_CNTY") or row.get("data_id") or "") in ids:
                writer.writerow(row)
    return out


def report(name: str, result: dict) -> None:
    print(f"\n{name}  ({result['docs']} documents, ingest {result['docs_per_s']:.0f} docs/s incl. start-up)")
    print(f"  {'figure':14} {'corroborate':>11} {'naive':>7} {'target':>7}")
    for key in TARGETS:
        ours, naive = result["ours"].get(key), result["naive"].get(key)
        print(f"  {key:14} {ours if ours is not None else '-':>11} {naive if naive is not None else '-':>7} "
              f"{TARGETS[key]:>7}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, help="only the first N rows of each file")
    ap.add_argument("--dev-only", action="store_true", help="skip the TEST sets")
    args = ap.parse_args()
    folder = args.shared / "data" / "acled_samples"
    if not folder.exists():
        print(f"skipped: {folder} is absent (the ACLED samples live in ../shared)", file=sys.stderr)
        return 0
    report(f"DEV  {DEV}", measure(args.shared, folder / DEV, args.limit))
    for name in () if args.dev_only else TEST:
        report(f"TEST {name} (measured only, never tuned on)", measure(args.shared, folder / name, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
