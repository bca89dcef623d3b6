"""Hostile text never crashes or stalls the cleaner or the extractor (property-based)."""
from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.clean import clean
from corroborate.document import Document
from corroborate.extract import extract_claims

WORDS = ["killed", "at", "least", "12", "1,300", "dozens", "of", "people", "were", "wounded", "and",
         "said", "SNHR", "the", "a", "no", "one", "hurt", "between", "to", "-", ",", ".", "Al-", "Qusour",
         "his", "parents", "brother", "٣٠", "&amp;", "&#8212;", "قتل", "今日", "\n", "March", "7", "on",
         "Friday", "allegedly", "could", "not", "verify", "video", "bodies", "(", ")", '"', "thousands"]

# Hypothesis's deadline bounds the time of each example: long inputs must stay linear.
ROBUST = settings(max_examples=60, deadline=timedelta(seconds=5),
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run(text: str, media_type: str = "text/plain"):
    doc = Document("h", text.encode("utf-8"), media_type, "hypothesis", {"published": "2025-03-14"})
    cleaned = clean(doc)
    claims = extract_claims(doc, cleaned)
    for claim in claims:
        assert claim.evidence in cleaned.text
        assert claim.low is None or claim.low >= 0
        assert claim.high is None or claim.low is None or claim.high >= claim.low
    return claims


@ROBUST
@given(st.lists(st.sampled_from(WORDS), max_size=3000).map(" ".join))
def test_word_soup_without_punctuation_or_with_too_much(text):
    run(text)
    run(text.upper())


@ROBUST
@given(st.text(max_size=4000))
def test_arbitrary_unicode(text):
    run(text)


@ROBUST
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=2000))
def test_tables_of_numbers(numbers):
    rows = "\n".join(" | ".join(str(n) for n in numbers[i:i + 8]) for i in range(0, len(numbers), 8))
    run("Casualty table: killed and wounded by district\n" + rows)


@ROBUST
@given(st.lists(st.sampled_from(WORDS), max_size=800).map(" ".join))
def test_html_with_entities_and_broken_markup(text):
    run(f"<html><body><article><p>{text}</p><p>{text[::-1]}</article><div", "text/html")


def test_one_very_long_sentence_is_handled():
    sentence = " ".join(["at least 12 people were killed and 30 wounded in the village"] * 2000)
    claims = run(sentence)
    assert claims  # still read, not dropped
