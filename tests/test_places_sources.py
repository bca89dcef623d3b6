"""Where the source stands is not where people died (../shared/spec/claims.md, "Place and date"):
a place in the words of who says it ("reporters at al-Ahli hospital in Kalo said", "according to
officials in Kalo") yields to the place the sentence, its event or its headline names for the
deaths, and places a claim only when nothing else does: then as the city that holds the hospital
or office, not the hospital. Each row is a headline and a body written for these tests."""
from __future__ import annotations

import pytest

from corroborate.document import Text
from corroborate.extract import extract_claims
from corroborate.pipeline import analyse
from test_claims_place import document, place_of


# (headline, body, the claim's low figure, its place)
@pytest.mark.parametrize("title, body, low, place", [
    # the sentence names the deaths' place before the source's words, or after them
    (None, "An airstrike on a house in Dandali killed nine people, reporters at al-Ahli hospital in Kalo City "
     "said.", 9, "Dandali"),
    (None, "Twelve people were killed in Dandali, a doctor at Nasser Hospital in Kalo told the agency.", 12,
     "Dandali"),
    (None, "Twelve people were killed in Dandali, said a medic at the Red Star clinic in Kalo.", 12, "Dandali"),
    (None, "A doctor at Nasser Hospital in Kalo said twelve people were killed in Dandali.", 12, "Dandali"),
    # the event told just before names it
    (None, "An airstrike hit a house in Dandali on Tuesday. Nine people were killed, a doctor at al-Shifa "
     "hospital in Kalo said.", 9, "Dandali"),
    (None, "An airstrike hit a house in Dandali on Tuesday. Nine people were killed, according to officials in "
     "Kalo.", 9, "Dandali"),
    # the headline names it
    ("Airstrike kills nine in Dandali", "Nine people were killed, reporters at al-Ahli hospital in Kalo said.", 9,
     "Dandali"),
    # nothing else names a place: where the source stands, as its city
    (None, "Officials in Kalo said nine people were killed.", 9, "Kalo"),
    (None, "Twelve people were killed in an airstrike on Tuesday, according to medics at Nasser Hospital in "
     "Kalo.", 12, "Kalo"),
    # ... also over where the reporter filed from
    (None, "DANDALI (Reuters) - Five people were killed in the strike, according to officials in Kalo.", 5, "Kalo"),
    # what a speaker says is no speaker's words: its place is the deaths'
    (None, "In Kalo, rescuers said an airstrike on Dandali killed nine people.", 9, "Dandali"),
    # a place that speaks tells its own deaths, and police their jurisdiction's
    (None, "Gunmen attacked a bus near Dandali on Monday. The city of Kalo reported 12 deaths.", 12, "Kalo"),
    (None, "Gunmen attacked a bus near Dandali on Monday. Police in Kalo said 3 people were killed.", 3, "Kalo"),
])
def test_where_the_source_stands_yields_to_the_deaths_place(title, body, low, place):
    assert place_of(title, body, low) == place


def test_a_source_s_place_starts_no_other_event():
    # the source in Kalo is no new event: the next sentence's deaths are still Dandali's
    body = ("An airstrike hit a house in Dandali on Tuesday. Nine people were killed, a doctor at al-Shifa "
            "hospital in Kalo said. Two more people died of their wounds later.")
    found = [(c.low, c.place) for c in extract_claims(document(body, None), Text(body))]
    assert found == [(9, "Dandali"), (2, "Dandali")]


def test_an_event_is_placed_where_its_deaths_are_not_where_its_source_stands():
    body = "A doctor at Nasser Hospital in Kalo said twelve people were killed in Dandali on Tuesday."
    [event] = analyse(document(body, None)).events
    assert event.place == "Dandali"
