"""Single deaths, plain tolls and the scope of one death or an epidemic's toll (spec/claims.md,
"Numbers", "Scope", "Victims"), on sentences written for these tests."""
from __future__ import annotations

import pytest

from test_extract import claims_of  # a document of one outlet and day, as the extractor's tests read


def told(text: str) -> list[tuple]:
    return [(c.outcome, c.low, c.high, c.victims) for c in claims_of(text)]


# -- a named person who is the object of a harm verb or noun ---------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Prosecutors say the brothers killed Jenkins to silence her.", [("killed", 1, 1, "Jenkins")]),
    ("Tate is charged with killing Mary Ellison, whose car was found by the river.",
     [("killed", 1, 1, "Mary Ellison")]),
    ("Police found the body of Ruth Amankwah on Tuesday.", [("killed", 1, 1, "Ruth Amankwah")]),
    ("Investigators reopened the killing of Samuel Otieno last year.", [("killed", 1, 1, "Samuel Otieno")]),
    ("The raiders wounded Corporal Dan Ito before fleeing.", [("injured", 1, 1, "Corporal Dan Ito")]),
    # not one named person: a people, a group that goes on, a possessor, an intention
    ("Gunmen killed Syrians at the checkpoint.", []),
    ("The attack killed Afghan and American soldiers.", []),
    ("The blast killed Kabul's deputy mayor.", []),
    ("The gang threatened to kill Jenkins if he spoke.", []),
])
def test_a_named_object_of_killing_is_one_death(text, expected):
    assert told(text) == expected


# -- a name with where the person is from, or an age, before the verb ---------------------------
@pytest.mark.parametrize("text, expected", [
    ("Troopers say 19-year-old Cody Pratt of Dayton, Ohio, was killed when his truck left the road.",
     [("killed", 1, 1, "Cody Pratt")]),
    ("Ann Lee of Leeds died in the fire.", [("killed", 1, 1, "Ann Lee")]),
    ("Mr. Osei, 34, of Kribi, was shot dead on Tuesday.", [("killed", 1, 1, "Osei")]),
])
def test_where_a_named_person_is_from_stands_between_name_and_verb(text, expected):
    assert told(text) == expected


# -- a surname alone, once the document has given the full name ---------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The club was founded by Dr. Ruth Kamau in 1970. Kamau died in 2003, and her son ran it.",
     [("killed", 1, 1, "Kamau")]),
    ("Police named the man as Omar Haddad. Haddad was shot dead outside his shop.",
     [("killed", 1, 1, "Haddad")]),
    # a capitalised word the document never gave as a surname is not a name
    ("Democracy died in darkness, the editorial said.", []),
    ("Troops entered the city. In Baghdad, markets stayed shut. Baghdad died a little that day.", []),
])
def test_a_surname_given_before_names_a_person_alone(text, expected):
    assert told(text) == expected


# -- a headline's bare person noun --------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Teen shot dead outside a bar in Leeds", [("killed", 1, 1, "Teen")]),
    ("Soldier killed in roadside bombing", [("killed", 1, 1, "Soldier")]),
    ("Man suffers leg injuries in motorcycle crash", [("injured", 1, 1, "Man")]),
    ("Woman, 34, dies after being hit by a bus", [("killed", 1, 1, "Woman")]),
    ("Man arrested over the theft of a van", []),
    ("Police killed in the ambush were buried on Sunday", []),  # a collective noun is not one person
])
def test_a_headline_bare_person_noun_is_one(text, expected):
    assert told(text) == expected


def test_the_person_told_in_the_headline_is_not_counted_again_in_the_body():
    text = "Woman found dead in house fire\n\nA woman was found dead by firefighters on Saturday."
    assert [(c.outcome, c.low) for c in claims_of(text)] == [("killed", 1)]


# -- injuries suffered ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The driver suffered serious injuries.", [("injured", 1, 1, "driver")]),
    ("Three people sustained gunshot wounds in the attack.", [("injured", 3, 3, "people")]),
    ("A few firefighters sustained minor injuries, the chief said.", [("injured", 2, 9, "firefighters")]),
    ("Grace Oduya received multiple stab wounds and was taken to hospital.",
     [("injured", 1, 1, "Grace Oduya")]),
])
def test_suffered_injuries(text, expected):
    assert told(text) == expected


# -- plain tolls --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("A week after the quake, the official death count is over 9,000.", [("killed", 9000, None, None)]),
    ("The final body count was 41.", [("killed", 41, 41, None)]),
    ("Officials said the death count had reached 17.", [("killed", 17, 17, None)]),
    ("The confirmed death toll is now 300.", [("killed", 300, 300, None)]),
    ("More than 200 have died since the siege began.", [("killed", 200, None, None)]),
    ("The flood has claimed 45 lives.", [("killed", 45, 45, None)]),
    ("Nearly 40 bodies were found in the ravine.", [("killed", 40, 40, "bodies")]),
])
def test_plain_tolls(text, expected):
    assert told(text) == expected


# -- victims: the harm verb of another subject is not the group's ------------------------------
@pytest.mark.parametrize("text, expected", [
    ("He had a sister with whom he lived until he died.", [("killed", 1, 1, None)]),
    ("Her brother, who she said was unarmed, was shot dead.", [("killed", 1, 1, "Her brother")]),
])
def test_a_pronoun_subject_takes_its_own_verb(text, expected):
    assert told(text) == expected


# -- scope: one death is one event; an epidemic's toll is a total ------------------------------
@pytest.mark.parametrize("text, scope", [
    ("Cholera broke out in the town in May. Officials said 91 people have died in Beitbridge.", "aggregate"),
    ("The earthquake struck at dawn. At least 40 people died in Lalitpur.", "aggregate"),
    ("The epidemic has killed 61 people since January.", "aggregate"),
    ("Fifty people have died of cholera this year.", "aggregate"),
    ("Officials said the death count had reached 17.", "aggregate"),
    ("His father died of emphysema in 1990, years after the war.", "incident"),
    ("The flu season has been severe. One man died in the ward on Monday.", "incident"),
    ("Clashes since the vote have left one protester dead.", "incident"),
    ("The toll from Sunday's bombing rose to 30.", "incident"),
    # "two days after" tells when, not a span
    ("The bombing came two days after gunmen killed six police officers in Kalo.", "incident"),
    ("Weeks after a man killed 10 people in Kalo, another gunman struck.", "incident"),
    ("Gunmen have killed 60 people over the past two weeks.", "aggregate"),
    ("Fighting over three days killed 14 insurgents.", "aggregate"),
])
def test_scope(text, scope):
    assert [c.scope for c in claims_of(text)] == [scope]


def test_a_chronic_illness_is_a_natural_cause():
    assert [c.cause for c in claims_of("His father died of emphysema in 1990.")] == ["other"]


# -- care with wounds, and a line broken in mid-sentence ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Two guards were receiving treatment for gunshot wounds.", [("injured", 2, 2, "guards")]),
    ("Ten people were receiving treatment for smoke inhalation.", []),
    ("The sheriff said Ms Lane was receiving medical attention for non-life threatening\n"
     "injuries at a nearby hospital.", [("injured", 1, 1, "Ms Lane")]),
])
def test_care_for_wounds_is_an_injury_even_across_a_broken_line(text, expected):
    assert told(text) == expected


def test_a_line_broken_in_mid_sentence_is_one_verbatim_sentence():
    from corroborate.extract.sentences import split
    text = ("Storm hits coast\nThe mayor said two fishermen were hurt when the\nwave struck. Nobody else was hurt."
            "\nNew line.")
    sentences = split(text)
    assert [s.text for s in sentences] == [
        "Storm hits coast", "The mayor said two fishermen were hurt when the\nwave struck.", "Nobody else was hurt.",
        "New line."]
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in sentences)
    assert len({s.paragraph for s in sentences[1:3]}) == 1


def test_a_broken_line_reads_as_a_space_and_the_evidence_keeps_it():
    text = "A car bomb killed 13 soldiers and wounded 56 more, officials\nsay."
    found = claims_of(text)
    assert [(c.low, c.source) for c in found] == [(13, "officials"), (56, "officials")]
    assert all(c.evidence == text for c in found)


# -- victims: a phrase headed by a person noun, ending with the name it holds; its type -------
@pytest.mark.parametrize("text, expected", [
    ("Four students of the KIT Kalo swept away by the flood were found dead.",
     [(4, "students of the KIT Kalo", "civilian")]),
    ("Four federal agents died in the raid.", [(4, "federal agents", "security_forces")]),
    ("Two black sharecroppers were shot to death.", [(2, "black sharecroppers", "civilian")]),
    ("Thirteen members of the government-led security forces were killed.",
     [(13, "members of the government-led security forces", "security_forces")]),
    ("Four members of the Kalo security forces were killed.",
     [(4, "members of the Kalo security forces", "security_forces")]),
    ("A wild Mute Swan found dead in Fife had the virus.", []),  # an animal is no victim
    ("A Goose Creek man was hit by a car and killed.", [(1, "Goose Creek man", "civilian")]),
])
def test_victims_and_their_type(text, expected):
    assert [(c.low, c.victims, c.victim_type) for c in claims_of(text)] == expected
