"""The extractor's two core components on their own: the quantity grammar (extract/quantity.py)
and the linking of a figure to its harm and victims (extract/casualty.py), sentence by sentence."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corroborate.extract.casualty import find_casualties
from corroborate.extract.lexicon import lexicon
from corroborate.extract.quantity import find_quantities
from corroborate.extract.tokens import Sentence

QUANTITIES = [
    # (sentence, [(words of the quantity, low, high, qualifier)])
    ("At least 27 people were killed.", [("at least 27", 27, None, "at_least")]),
    ("More than 1,300 people were killed.", [("more than 1,300", 1300, None, "more_than")]),
    ("Twenty-seven soldiers were wounded.", [("twenty - seven", 27, 27, "exact")]),
    ("Between 10 and 15 were killed.", [("between 10 and 15", 10, 15, "range")]),
    ("Some 10-15 people were killed.", [("some 10 - 15", 10, 15, "range")]),  # the range, not "about 10" and 15
    ("A dozen fighters were killed.", [("a dozen", 12, 12, "exact")]),
    ("Dozens of civilians died.", [("dozens", 24, 99, "vague")]),
    ("قتل ٣٠ شخصا", [("30", 30, 30, "exact")]),  # Arabic-Indic digits
    ("Clashes in the north killed at least", []),  # a qualifier with no number after it, at the very end
    # dates, years, percentages and clock times are not counts of people
    ("The attack on 12 March killed 4.", [("4", 4, 4, "exact")]),
    ("Prices rose 5 percent in 2024.", []),
    ("The convoy left at 6 p.m. on Monday.", []),
]


@pytest.mark.parametrize("text, expected", QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_quantities(text, expected):
    sent = Sentence(text, 0, 0)
    found = [(" ".join(sent.low[q.start:q.end]), q.low, q.high, q.qualifier) for q in find_quantities(lexicon(), sent)]
    assert found == expected


CASUALTIES = [
    # (sentence, [(outcome, low, high, victims as written or None, victim_type, how it was linked)])
    ("At least 27 people were killed.", [("killed", 27, None, "people", "unknown", "after")]),
    ("Twenty-seven soldiers were wounded.", [("injured", 27, 27, "soldiers", "security_forces", "after")]),
    ("Between 10 and 15 were killed.", [("killed", 10, 15, None, "unknown", "after")]),
    ("The attack on 12 March killed 4.", [("killed", 4, 4, None, "unknown", "before")]),
    ("A dozen fighters were killed.", [("killed", 12, 12, "fighters", "combatant", "after")]),
    # groups named together are each a claim; the wounded are not the killed
    ("Two children and three women were killed, and 12 others were wounded.",
     [("killed", 2, 2, "children", "civilian", "coordinated"), ("killed", 3, 3, "women", "civilian", "after"),
      ("injured", 12, 12, "others", "unknown", "after")]),
    # a part of a figure told before it is linked as its subtotal
    ("The strike killed 9 people, including 4 children.",
     [("killed", 9, 9, "people", "civilian", "before"), ("killed", 4, 4, "children", "civilian", "subtotal")]),
    # "none of" the figure were harmed: a claim of zero, never of the figure
    ("None of the 40 passengers was hurt when the bus overturned.",
     [("injured", 0, 0, "passengers", "civilian", "zero")]),
    ("No one among the 12 guards was injured.", [("injured", 0, 0, "guards", "security_forces", "zero")]),
    ("None of the 40 passengers had papers.", []),
    # a clause's opening whole is no claim, unless it is itself of the dead
    ("Of the 40 passengers, 3 were hurt.", [("injured", 3, 3, None, "unknown", "after")]),
    ("Among the 12 dead, 5 were children.", [("killed", 12, 12, None, "unknown", "head")]),
    # a hypothetical is no casualty, nor is a number with no harm
    ("Three people would have died without the shelter.", []),
    ("The 40 passengers reached the border on Sunday.", []),
]


@pytest.mark.parametrize("text, expected", CASUALTIES, ids=[c[0] for c in CASUALTIES])
def test_casualties(text, expected):
    sent = Sentence(text, 0, 0)
    found = [(c.outcome, c.low, c.high, " ".join(sent.low[c.victims[0]:c.victims[1]]) if c.victims else None,
              c.victim_type, c.via) for c in find_casualties(lexicon(), sent)]
    assert found == expected


@pytest.mark.parametrize("text, inside, places", [
    ("two men were shot dead in the market on friday.", False, []),
    ("In the market two men were shot.", False, []),  # only the first word is capitalised
    ("the café near the square was shelled.", False, []),  # no capital, not all ASCII
    ("two men were shot dead in Kalo on friday.", True, ["Kalo"]),
    ("a shell fell near the ℂ depot.", True, ["ℂ"]),  # upper case with no lower case form
    ("fighters in Ǆurđevac fled.", True, ["Ǆurđevac"]),  # a title-case letter
])
def test_places_need_a_capital_inside(text, inside, places):
    from corroborate.extract import context

    sent = Sentence(text, 0, 0)
    assert sent.capitalised_inside is inside
    assert [p for _, p in context.places_in(sent)] == places
    assert ("doc" in sent.__dict__) is inside  # a sentence with no capital inside is not tokenized


DATE_PARTS = ["on", "last", "this", "in", "mid-", "early", "the", "that", "same", "day", "days", "Tuesday", "SUNDAY",
              "Jan.", "janUary", "Sept", "sep", "June", "Jul", "May", "mayor", "12", "3rd", "of", "2014", "night",
              "tonight", "morning", "week", "weeks", "month", "today", "Yesterday", "Mondays", "killed", "police", "é"]


@settings(max_examples=400)
@given(st.lists(st.tuples(st.sampled_from(DATE_PARTS),
                          st.sampled_from([" ", " ", " ", "  ", ", ", ". ", "-", "", "\n"])), max_size=8))
@example([("that", " "), ("day", "")])
@example([("the", " "), ("same", " "), ("day", ".")])
@example([("last", " "), ("night", "")])
@example([("this", " "), ("morning", "")])
def test_a_sentence_skipped_for_dates_names_none(parts):
    from corroborate.extract import context

    text = "".join(word + sep for word, sep in parts)
    if context.DATE_SPANS.search(text):
        assert context._may_name_a_date(Sentence(text, 0, 0))


@pytest.mark.parametrize("text, scanned", [
    ("Two soldiers died on Tuesday.", True),
    ("Two soldiers died in mid-March.", True),
    ("They died the same day.", True),
    ("Two soldiers died of their wounds.", False),
    ("Two soldiers died at the café.", True),  # not all ASCII: scanned whatever it holds
])
def test_dates_are_scanned_where_a_date_word_is(text, scanned):
    from corroborate.extract import context

    assert context._may_name_a_date(Sentence(text, 0, 0)) is scanned
