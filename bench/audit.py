"""Self-audit on real news nobody labelled: saved human judgments of random claims and of random
harm sentences from the 1,135-article geoparsing corpus, read against what the extractor gives now,
each figure beside a naive "N ... killed" regex baseline run in the same process.

The sample: random seed 2026.
- claims: every claim the pipeline extracts from the corpus (`pipeline.analyse` with the
  built-in gazetteer), sorted by (doc, start, low, high, outcome), then
  `random.Random(2026).sample(claims, 100)`.
- harm sentences: every sentence of the cleaned text (syntok, line by line; not the extractor's
  own splitter, so that the sample does not move when the extractor changes) holding one of
  HARM below, sorted by (doc, start), then `random.Random(2026).sample(sentences, 50)`.
Each article is a document with id `corpus-doc_id` (doc_id alone repeats across the four
corpora), its text and its title, and no publication date or outlet.

The judgments (bench/audit/claims.jsonl, bench/audit/sentences.jsonl) were made by reading each
evidence sentence and its article against ../shared/spec/claims.md. They hold no article text
(the corpus may not be redistributed): a claim is keyed by (doc, outcome, low, high, sha1 of its
evidence), a sentence by (doc, start, end, sha1 of its text). A saved judgment whose key no longer
matches a current claim is reported: the extractor changed and it needs judging again
(`--draft DIR` writes the current sample, with its text, outside the repository for that).

Measures:
- precision: judged claims that are real casualty claims per the spec / judged claims;
- scope, cause: the value the judge says is right (`scope_expected`, `cause_expected`) against the
  current value, among real claims;
- place: judged right or wrong (`place_ok`), with the right place when the text gives it
  (`place_expected`, "?" when it is clear the place is wrong but not what it should be); a claim
  whose place has changed to something neither judged nor expected is left out and reported;
- recall: harm sentences holding a claim not told before in the document (`repeat`: a single
  death told again) in which the extractor finds a claim / those sentences;
- the baseline on the same 50 sentences: a sentence counts as found when the regex matches in it,
  and its sentence-level precision is judged sentences with a claim / sentences it matches in
  (corroborate's sentence-level precision is printed beside it).

usage: python bench/audit.py [--shared ../shared] [--draft DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

from syntok import segmenter

from corroborate import pipeline
from corroborate.document import Document
from corroborate.resolve import gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims_seeds import NAIVE  # noqa: E402 - the baseline is the one the seeds bench uses

SEED = 2026
N_CLAIMS = 100
N_SENTENCES = 50
# The sampling frame of the harm sentences: fixed here, not read from the extractor's lexicon, so
# that the frame (and the saved judgments) stay put when the lexicon grows.
HARM = re.compile(r"\b(?:killed|killing|kills|dead|died|dies|deaths?|death toll|injured|injuries|wounded|"
                  r"slain|murdered|perished|fatalities|executed|massacred)\b", re.I)
HERE = Path(__file__).resolve().parent / "audit"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def corpus_documents(source: Path) -> list[Document]:
    docs = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            doc_id = f"{record['corpus']}-{record['doc_id']}"
            meta = {"title": record["title"]} if record.get("title") else {}
            docs.append(Document(doc_id, record["text"].encode("utf-8"), "text/plain", str(source), meta))
    return docs


def claim_key(doc: str, outcome: str, low, high, evidence_sha1: str) -> tuple:
    return (doc, outcome, low, high, evidence_sha1)


def harm_sentences(doc_id: str, text: str) -> list[dict]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            for paragraph in segmenter.analyze(line):
                for tokens in paragraph:
                    start, end = tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)
                    if HARM.search(line[start:end]):
                        out.append({"doc": doc_id, "start": pos + start, "end": pos + end,
                                    "text": line[start:end]})
        pos += len(line) + 1
    return out


def run(docs: list[Document]):
    """Every claim and every harm sentence of the corpus, as the extractor gives them now."""
    places = gazetteer.for_store(None)
    claims, sentences, texts = [], [], {}
    for doc in docs:
        text, found, *_ = pipeline.analyse(doc, places)
        texts[doc.doc_id] = text.text
        claims += found
        sentences += harm_sentences(doc.doc_id, text.text)
    claims.sort(key=lambda c: (c.doc, c.start, c.low if c.low is not None else -1,
                               c.high if c.high is not None else -1, c.outcome))
    return claims, sentences, texts


def samples(claims, sentences):
    return random.Random(SEED).sample(claims, N_CLAIMS), random.Random(SEED).sample(sentences, N_SENTENCES)


def claim_record(claim) -> dict:
    return {"doc": claim.doc, "outcome": claim.outcome, "low": claim.low, "high": claim.high,
            "qualifier": claim.qualifier, "evidence_sha1": sha1(claim.evidence), "start": claim.start,
            "end": claim.end, "scope": claim.scope, "place": claim.place, "cause": claim.cause,
            "source": claim.source}


def draft(out: Path, claims_sample, sentences_sample, texts, claims) -> None:
    """The current sample with its text, for a person to judge (outside the repository)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "claims.jsonl").open("w", encoding="utf-8") as fh:
        for claim in claims_sample:
            text = texts[claim.doc]
            fh.write(json.dumps({**claim_record(claim), "evidence": claim.evidence, "date": claim.date,
                                 "victims": claim.victims, "before": text[max(0, claim.start - 700):claim.start],
                                 "title": text[:200]}, ensure_ascii=False) + "\n")
    with (out / "sentences.jsonl").open("w", encoding="utf-8") as fh:
        for sentence in sentences_sample:
            found = [claim_record(c) for c in claims if c.doc == sentence["doc"]
                     and c.start < sentence["end"] and sentence["start"] < c.end]
            fh.write(json.dumps({**sentence, "sha1": sha1(sentence["text"]), "found": found,
                                 "naive": bool(NAIVE.search(sentence["text"])),
                                 "before": texts[sentence["doc"]][max(0, sentence["start"] - 400):sentence["start"]]},
                                ensure_ascii=False) + "\n")


def score_claims(judged: list[dict], claims) -> dict:
    """The saved claim judgments read against the current claims, by key."""
    current = {claim_key(c.doc, c.outcome, c.low, c.high, sha1(c.evidence)): c for c in claims}
    keys = [claim_key(j["doc"], j["outcome"], j["low"], j["high"], j["evidence_sha1"]) for j in judged]
    matched = [(j, current[key]) for j, key in zip(judged, keys, strict=True) if key in current]
    true_claims = [(j, c) for j, c in matched if j["is_claim"]]
    # scope and cause are judged as the value they should have, so a change is scored as it
    # stands; a place is judged right or wrong, so a place changed to another needs judging again
    place_same = [(j, c) for j, c in true_claims if c.place in (j["place"], j["place_expected"])]
    return {
        "judged": judged, "matched": matched, "keys": set(keys),
        "unmatched": [j for j, key in zip(judged, keys, strict=True) if key not in current],
        "true": true_claims, "place_same": place_same,
        "is_claim": sum(j["is_claim"] for j, _ in matched),
        "scope": sum(c.scope == j["scope_expected"] for j, c in true_claims),
        "cause": sum(c.cause == j["cause_expected"] for j, c in true_claims),
        "place": sum(c.place == j["place_expected"] or (c.place == j["place"] and j["place_ok"])
                     for j, c in place_same),
    }


def score_sentences(judged: list[dict], claims, texts: dict[str, str]) -> dict:
    """The saved sentence judgments: found when a current claim's evidence overlaps the sentence;
    the baseline finds one when its regex matches in it."""
    live = [s for s in judged if sha1(texts.get(s["doc"], "")[s["start"]:s["end"]]) == s["sha1"]]
    by_doc: dict[str, list] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)
    finders = {
        "corroborate": lambda s: any(c.start < s["end"] and s["start"] < c.end for c in by_doc.get(s["doc"], [])),
        "naive": lambda s: bool(NAIVE.search(texts[s["doc"]][s["start"]:s["end"]])),
    }
    # a single death told again ("his death was announced") is counted once per document, so
    # recall reads only the sentences that hold a claim not told before
    holding = [s for s in live if s["holds_claim"] and not s["repeat"]]
    scores = {"judged": judged, "live": live, "holding": len(holding)}
    for name, finds in finders.items():
        hits = [s for s in live if finds(s)]
        scores[name] = {"recall": sum(finds(s) for s in holding), "hits": len(hits),
                        "right_hits": sum(s["holds_claim"] for s in hits)}
    return scores


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--draft", type=Path, help="write the current sample, with its text, to this folder")
    args = ap.parse_args()
    source = args.shared / "data" / "geoparsing_corpora" / "all_corpora_flat.jsonl"
    if not source.exists():
        print(f"skipped: {source} is absent (the corpus lives in ../shared/data)", file=sys.stderr)
        return 0
    claims, sentences, texts = run(corpus_documents(source))
    claims_sample, sentences_sample = samples(claims, sentences)
    if args.draft:
        draft(args.draft, claims_sample, sentences_sample, texts, claims)
        print(f"sample written to {args.draft}")

    claim_scores = score_claims(load(HERE / "claims.jsonl"), claims)
    sentence_scores = score_sentences(load(HERE / "sentences.jsonl"), claims, texts)
    cs, ss = claim_scores, sentence_scores
    n_true = len(cs["true"])
    print(f"corpus: {len(texts)} articles, {len(claims)} claims, {len(sentences)} harm sentences; seed {SEED}")
    print(f"{'self-audit':44} {'corroborate':>16} {'naive regex':>16}")
    print(f"{'precision of is-a-claim (judged claims)':44} {ratio(cs['is_claim'], len(cs['matched'])):>16} "
          f"{'see below':>16}")
    print(f"{'scope right, among true claims':44} {ratio(cs['scope'], n_true):>16} {'n/a (no field)':>16}")
    place_ratio = ratio(cs['place'], len(cs['place_same']))
    print(f"{'place right, among true claims':44} {place_ratio:>16} {'n/a (no field)':>16}")
    print(f"{'cause right, among true claims':44} {ratio(cs['cause'], n_true):>16} {'n/a (no field)':>16}")
    print(f"{'recall on harm sentences holding a claim':44} "
          f"{ratio(ss['corroborate']['recall'], ss['holding']):>16} {ratio(ss['naive']['recall'], ss['holding']):>16}")
    print(f"{'sentence precision on the harm sentences':44} "
          f"{ratio(ss['corroborate']['right_hits'], ss['corroborate']['hits']):>16} "
          f"{ratio(ss['naive']['right_hits'], ss['naive']['hits']):>16}")
    print(f"saved claim judgments: {len(cs['judged'])}, matching a current claim: {len(cs['matched'])}, "
          f"no longer matching (re-judge): {len(cs['unmatched'])}; true claims whose place changed since "
          f"judged (re-judge): {n_true - len(cs['place_same'])}")
    print(f"saved sentence judgments: {len(ss['judged'])}, still in the text: {len(ss['live'])}")
    sample_keys = {claim_key(c.doc, c.outcome, c.low, c.high, sha1(c.evidence)) for c in claims_sample}
    if sample_keys != cs["keys"]:
        print(f"the seed's sample today differs from the judged one by {len(sample_keys - cs['keys'])} claims "
              f"(run with --draft DIR to see them)")
    for j in cs["unmatched"]:
        print(f"  unmatched: {j['doc']} {j['outcome']} {j['low']}-{j['high']} at {j['start']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
