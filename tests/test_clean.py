"""Cleaning keeps the article and drops the page around it; offsets lead back to the original."""
from __future__ import annotations

from corroborate.clean import clean
from corroborate.clean.plain import clean_plain
from corroborate.document import Document

ARTICLE = ("Floods cut the valley road\n"
           "Heavy rain washed away the only bridge into the valley on Sunday, leaving three villages "
           "without supplies, the district office said.\n"
           "Engineers expect to open a temporary crossing within a week, weather permitting, and "
           "relief lorries are waiting at the river.\n"
           "Editor's note: this story was updated with the district office's figures.\n")


def test_plain_text_loses_its_trailing_chrome():
    raw = ARTICLE + "Share this article\nRelated Articles\n3 hours ago\nMarkets rally as 2,000 investors gather\n"
    text = clean_plain(raw)
    assert text.text.endswith("this story was updated with the district office's figures.")
    assert "Related Articles" not in text.text and "investors" not in text.text


def test_follow_and_subscribe_footers_and_comments_go():
    raw = ARTICLE + ("Follow The Example on X and LinkedIn to keep up with our latest articles.\n"
                     "To get pieces like this in your inbox, subscribe below:\n"
                     "Great piece, thank you.\n")
    text = clean_plain(raw)
    assert text.text.rstrip().endswith("district office's figures.")
    assert "Great piece" not in text.text


def test_a_marker_word_early_in_a_story_does_not_cut_it():
    raw = "Comments\n" + ARTICLE
    assert "Engineers expect" in clean_plain(raw).text


def test_inline_chrome_lines_are_dropped_alone():
    raw = ARTICLE.replace("Engineers", "Advertisement\nEngineers")
    text = clean_plain(raw)
    assert "Advertisement" not in text.text and "Engineers expect" in text.text


def test_offsets_map_back_into_the_original():
    raw = "  " + ARTICLE + "Related Articles\nSomething else entirely happened today somewhere.\n"
    text = clean_plain(raw)
    for needle in ("Heavy rain", "Engineers", "Editor's note"):
        at = text.text.index(needle)
        original = text.to_original(at)
        assert raw[original:original + len(needle)] == needle


def test_html_goes_through_trafilatura_without_comments():
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[1:])
    page = (f"<html><head><title>Floods cut the valley road</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Floods cut the valley road</h1>{paragraphs}</article>"
            f"<div class='comments'><p>Reader comment: 500 people must have died!</p></div>"
            f"<footer>Copyright 2024 Example</footer></body></html>")
    doc = Document("floods", page.encode("utf-8"), "text/html", "test")
    text = clean(doc)
    assert "Heavy rain washed away the only bridge" in text.text
    assert "Reader comment" not in text.text and "Copyright" not in text.text
    at = text.text.index("Heavy rain")
    assert page[text.to_original(at):].startswith("Heavy rain")
