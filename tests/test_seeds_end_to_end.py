"""The two seed articles, ingested with their metadata, scored against the hand-made gold."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import cli, jsonl, shared_path


def _scorer():
    spec = importlib.util.spec_from_file_location("score_claims", shared_path("tools", "score_claims.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    seeds = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    cli("ingest", seeds, "--meta", seeds / "meta.jsonl", "--db", db)
    return db


def test_seed_claims_score_against_gold(seeded):
    gold_path = shared_path("gold", "seeds.claims.jsonl")
    scorer = _scorer()
    predicted = jsonl(cli("claims", "--format", "jsonl", "--db", seeded).stdout)
    result = scorer.score(scorer.load(gold_path), predicted)
    assert result["f1"] >= 0.9, result
    assert result["fields"]["source"] >= 0.85, result
    assert result["fields"]["status"] >= 0.85, result


def test_no_claim_from_the_unrelated_tail(seeded):
    predicted = jsonl(cli("claims", "--format", "jsonl", "--db", seeded).stdout)
    assert predicted, "the seeds carry claims"
    for claim in predicted:
        assert "sued" not in claim["evidence"]
        assert claim["low"] != 1300 or claim["doc"] != "000_d96c350095487b08"


def test_article_ends_where_the_gold_says(seeded):
    content = json.loads(shared_path("gold", "seeds.content.json").read_text(encoding="utf-8"))
    for doc_id, bounds in content.items():
        text = cli("text", doc_id, "--db", seeded).stdout.strip()
        assert text.startswith(bounds["main_starts_with"]), doc_id
        assert text.endswith(bounds["main_ends_with"]), (doc_id, text[-200:])
        for chrome in bounds["not_main"]:
            assert chrome not in text, (doc_id, chrome)


def test_every_claim_quotes_its_document(seeded):
    """Evidence must be a verbatim sentence of the archived original."""
    seeds = shared_path("seeds")
    for claim in jsonl(cli("claims", "--format", "jsonl", "--db", seeded).stdout):
        original = (seeds / f"{claim['doc']}.txt").read_text(encoding="utf-8")
        assert claim["evidence"] in original
