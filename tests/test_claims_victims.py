"""Who the dead were when the claim's own words do not say (../shared/spec/claims.md, "Victims"),
and claims of parts of deaths told without a figure and of a person told by pronoun ("Numbers"),
on sentences written for these tests."""
from __future__ import annotations

import pytest

from test_extract import claims_of  # a document of one outlet and day, as the extractor's tests read


# (text, [(low, victim_type)] of its claims)
@pytest.mark.parametrize("text, expected", [
    # the dead of an attack on a group take that group's kind ...
    ("Gunmen ambushed a column of trucks whose occupants were loyal to the government. Allegedly, 16 people "
     "were killed.", [(16, "security_forces")]),
    ("Militants attacked a police checkpoint near Kalo on Monday. Four people died.", [(4, "security_forces")]),
    ("Gunmen opened fire on worshippers at a mosque in Kalo. Officials said 20 people were killed.",
     [(20, "civilian")]),
    ("The army shelled rebel positions outside Kalo on Sunday, killing 9 people.", [(9, "combatant")]),
    # ... unless the claim says who they were
    ("Militants attacked a police checkpoint near Kalo on Monday, killing 3 civilians.", [(3, "civilian")]),
    # who was hit by whom is the attacker, not the attacked
    ("A bus was hit by soldiers' fire near Kalo. Two people died.", [(2, "unknown")]),
    # an attack in another event gives nothing
    ("Gunmen ambushed an army convoy near Kalo. In a separate incident, 5 people were killed in Dandali.",
     [(5, "unknown")]),
    # dead of no kind, split between two killers, are of both sides
    ("Monitors said over 1,000 people died in the violence, more than half killed by government forces and "
     "others by loyalists.", [(1000, "mixed")]),
    ("Monitors said 40 people were killed by government forces.", [(40, "unknown")]),
])
def test_victim_type_from_the_attack_or_the_killers(text, expected):
    assert [(c.low, c.victim_type) for c in claims_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a part of deaths told without a figure is a claim of its own
    ("The doctor spoke of more cancer deaths near the plant, including 12 mothers who lived in one block.",
     [("killed", 12, "mothers")]),
    ("The flood caused many injuries, among them 7 pupils.", [("injured", 7, "pupils")]),
    ("There were more deaths in the camp, including 12 children.", [("killed", 12, "children")]),
    # a count told before the part stays the whole it is part of
    ("Several people died, including 4 children.", [("killed", 3, "people"), ("killed", 4, "children")]),
    # kin in the plural are people
    ("Gunmen killed 3 fathers and 2 sons in the village.", [("killed", 3, "fathers"), ("killed", 2, "sons")]),
])
def test_parts_of_deaths_and_kin(text, expected):
    assert [(c.outcome, c.low, c.victims) for c in claims_of(text)] == expected


FILLER = " ".join(f"The show ran for {n} more weeks." for n in range(2, 30))


@pytest.mark.parametrize("text, count", [
    # a pronoun close to a counted person is that person: one claim
    ("A man was shot in Kalo on Monday. He died in hospital.", 1),
    # far from it, the pronoun is someone else, named since: a claim of its own
    (f"Tonight's show is a rerun.\nA man dies, and goes to heaven. {FILLER} Ivo Hart was raised by an aunt with "
     "whom he lived until he died.", 2),
])
def test_a_pronoun_is_the_person_counted_last_only_nearby(text, count):
    assert len([c for c in claims_of(text) if (c.outcome, c.low) == ("killed", 1)]) == count


@pytest.mark.parametrize("text, expected", [
    # a figure after "age" or "aged" is how old the person was, not a count
    ("Jane Roe, age 91, died Thursday at her home.", [("killed", 1, "Jane Roe")]),
    ("Jane Roe, aged 91, died Thursday.", [("killed", 1, "Jane Roe")]),
    ("The blast killed 12 people aged between 4 and 60.", [("killed", 12, "people")]),
])
def test_an_age_is_no_count(text, expected):
    assert [(c.outcome, c.low, c.victims) for c in claims_of(text)] == expected
