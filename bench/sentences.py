"""Whether extract/sentences.py finds syntok's sentences on every paragraph of the 1,135 articles
(the corpus bench/throughput.py reads) while running syntok only where its rules leave a
choice, and the CPU seconds of each: run it after upgrading syntok or changing the cuts.

usage: python bench/sentences.py [--shared ../shared] [--limit N]
"""
from __future__ import annotations

import time

from syntok import segmenter

from corroborate.archive import read_file
from corroborate.clean import clean
from corroborate.extract.sentences import _lines, _sentence_spans
from throughput import corpus_documents, corpus_options


def syntok_spans(line: str) -> list[tuple[int, int]]:
    return [(tokens[0].offset, tokens[-1].offset + len(tokens[-1].value))
            for paragraph in segmenter.analyze(line) for tokens in paragraph]


def main() -> int:
    args = corpus_options(__doc__.splitlines()[0]).parse_args()
    with corpus_documents(args) as (_, docs, n):
        lines = [line for doc in read_file(docs) for _, line in _lines(clean(doc).text) if line.strip()]
    timed = {}
    for name, spans in (("syntok alone", syntok_spans), ("sentences.py", _sentence_spans)):
        started = time.process_time()
        timed[name] = [spans(line) for line in lines]
        print(f"{name:13} {time.process_time() - started:.2f} CPU s")
    differ = [line for line, a, b in zip(lines, *timed.values(), strict=True) if a != b]
    print(f"{n} articles, {len(lines)} paragraphs: {len(differ)} split otherwise than syntok splits them")
    for line in differ[:5]:
        print("  ", line[:200])
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
