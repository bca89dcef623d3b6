"""Which place a claim carries when its document names several (../shared/spec/claims.md, "Place and
date"): where someone lives, works or comes from is not where people died; a bare town or street
takes the container the document gives it; the event a document tells is followed through
sentences of any cause; a death of another year or told only as a time is another event; a
title-case headline's words are no places unless the body writes them. Each row is a headline
and a body written for these tests, and the place the claim must give."""
from __future__ import annotations

import pytest

from corroborate.document import Document, Text
from corroborate.extract import extract_claims


def document(body: str, title: str | None) -> Document:
    meta = {"outlet": "Example Wire", **({"title": title} if title else {})}
    return Document("t", body.encode("utf-8"), "text/plain", "test", meta)


def places(title: str | None, body: str, low: int) -> list[str | None]:
    return [c.place for c in extract_claims(document(body, title), Text(body)) if c.low == low]


# (headline, body, the claim's low figure, its place)
@pytest.mark.parametrize("title, body, low, place", [
    # where someone comes from, or whom an official serves, is not where people died
    (None, "Three soldiers and a nurse visiting from Norway were killed in Sunday's attacks.", 3, None),
    ("Gunmen kill 3 in Kalo", "Three soldiers and a nurse visiting from Norway were killed.", 3, "Kalo"),
    (None, "He stayed with the deputy governor from the Kalo region when the heater killed 2 people.", 2, None),
    # ... but a victim "from" a place most likely died there
    (None, "A woman from West Kalo died of the virus in October.", 1, "West Kalo"),
    # where someone worked, earlier in the clause, is not where people died
    (None, "Ivo, who worked at the laboratories in Fort Kalo for 18 years, was about to be charged over the "
     "attacks, which killed five people and infected 17 others.", 5, None),
    # a sect's, a family's home or a company's name before its noun is no place
    (None, "Four agents died during a raid on the Branch Kalo cult in Dandali, Texas.", 4, "Dandali, Texas"),
    ("Kalo murder haunts family", "Cards arrived every year at the Mauro home. Even now Kalo detectives have no "
     "suspect. Ivo Flores was killed in 1994 in the Acme parking lot.", 1, "Kalo"),
])
def test_where_someone_is_or_what_someone_owns_is_no_place(title, body, low, place):
    assert places(title, body, low) == [place]


@pytest.mark.parametrize("title, body, low, place", [
    # a town the lead names bare takes the container a later sentence gives it
    (None, "A man who stabbed a neighbour to death in Edgeton was found guilty.\n"
     "Ivo Hart, 34, stabbed Tom Reed at a house in Edgeton, south of Kalo, in 2014.", 1, "Edgeton, south of Kalo"),
    # a street takes the town of the police that handle it, in its sentence or the document
    ("1 dead in motorcycle crash", "A wreck on Elm Avenue killed a rider on Sunday, the Millbrook Police "
     "Department reported.", 1, "Elm Avenue, Millbrook"),
    (None, "The blaze at the Sunny Vale Apartments spread fast. Fire crews worked for hours, said Millbrook Fire "
     "Marshal Ann Lee. Officials knew of no injuries among residents.", 0, "Sunny Vale Apartments, Millbrook"),
    # a town is placed by its name: no police's town is added to it
    (None, "Officers of the Kalo police said 3 people were killed in Dandali.", 3, "Dandali"),
    # with no place of its own, the place of the force that found them
    (None, "The pair were found on Friday by New Kalo authorities after one deputy was shot and wounded at the "
     "scene.", 1, "New Kalo"),
    # one comma is a place and its container, not a list: the deaths are one event's
    (None, "Four agents died during a raid in Dandali, Texas.", 4, "Dandali, Texas"),
])
def test_a_bare_town_or_street_takes_its_container(title, body, low, place):
    assert places(title, body, low) == [place]


@pytest.mark.parametrize("title, body, low, place", [
    # a sentence that tells an accident or an outbreak gives the event the next claims belong to
    ("Collision injures woman", "A four-car crash in the Kalo Valley on Monday left a woman in critical "
     "condition. None of the others involved in the collision were injured.", 0, "Kalo Valley"),
    (None, "Carbon monoxide poisoning is common in Kalo; 45 deaths by carbon monoxide poisoning were reported "
     "by the agency.", 45, "Kalo"),
    # a totals' lead place is the first its first sentences give
    (None, "Health officials have found the source of a mystery illness. The outbreak was centred in Kalo. "
     "There have been no deaths from the disorder.", 0, "Kalo"),
    # a people's disaster names its country; a people's air strike does not
    (None, "Nearly 300 people are dead in a northern Peruvian cholera outbreak.", 300, "Peru"),
    (None, "An Israeli air strike killed 5 people.", 5, None),
])
def test_the_event_told_gives_its_place(title, body, low, place):
    assert places(title, body, low) == [place]


@pytest.mark.parametrize("title, body, low, place", [
    # a death dated to another year is another event: it takes the story's place, not the last event's
    ("June Hale", "June Hale, 91, died Thursday, March 5, 2009, at Oak Haven Nursing Home in Kalo. She was the "
     "wife of the late Ralph Hale, who died May 5, 1986.", 1, None),
    ("Wiring imperils troops in Kalo", "Engineers inspected a base in Dandali in 2007. Sgt Ivo Hart died in "
     "January 2008 while showering.", 1, "Kalo"),
    # a year that starts a period ("since the invasion in 2003") dates no death
    ("Wiring imperils troops in Kalo", "Engineers inspected bases in Kalo in 2007. Sgt Ivo Hart died in January "
     "2008, one of three soldiers killed since the invasion of Kalo in 2003.", 1, "Kalo"),
    # a death told only as the time of something else is no event told
    (None, "KALO — Two members were hurt in a crash in Dandali on Monday. Goodwin founded the group in "
     "2004 after his father died of emphysema.", 1, "Kalo"),
    (None, "A photo shows him near the Kalo Bridge days before his death. Ivo Hart was killed in the parking lot "
     "of his office.", 1, None),
])
def test_another_time_is_another_event(title, body, low, place):
    assert places(title, body, low) == [place]


@pytest.mark.parametrize("text, place", [
    # a title-case headline capitalises every word: "Kalotian Battle" is no place; the lead's is
    ("At Least 17 Slain in Kalotian Battle.\nDANDALI -- Three days of intense fighting in a wooded area of Kalo ended "
     "on Saturday. Officials said 14 insurgents were killed.", "Kalo"),
    # a name the body writes is the headline's place
    ("At Least 17 Slain in Kalo Forest.\nDANDALI -- Three days of intense fighting in Kalo Forest ended on Saturday.",
     "Kalo Forest"),
])
def test_a_title_case_headline_names_only_what_the_body_writes(text, place):
    found = [c for c in extract_claims(document(text, text.split("\n")[0]), Text(text)) if c.low == 17]
    assert [c.place for c in found][:1] == [place]
