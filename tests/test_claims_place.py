"""Where a claim's deaths happened when its own sentence does not say (../shared/spec/claims.md,
"Place and date", step 2): the headline's or dateline's place, the earlier sentence's about the
same attack, never a different attack's, and never a word that names no place. Each row is a
headline and a body written for these tests, and the place the claim must give."""
from __future__ import annotations

import pytest

from corroborate.document import Document, Text
from corroborate.extract import extract_claims
from corroborate.pipeline import analyse


def document(body: str, title: str | None) -> Document:
    meta = {"outlet": "Example Wire", "published": "2024-06-14", **({"title": title} if title else {})}
    return Document("t", body.encode("utf-8"), "text/plain", "test", meta)


def place_of(title: str | None, body: str, low: int) -> str | None:
    found = [c for c in extract_claims(document(body, title), Text(body)) if c.low == low]
    assert len(found) == 1, [(c.low, c.evidence) for c in extract_claims(document(body, title), Text(body))]
    return found[0].place


# (headline, body, the claim's low figure, its place)
@pytest.mark.parametrize("title, body, low, place", [
    # the headline's place, after a preposition
    ("Market bombing leaves dozens dead in Kirkuk", "Police said 14 people were killed and 30 wounded.", 14,
     "Kirkuk"),
    # the name a headline opens with, when the text names it as a place
    ("Dandali mourns its dead", "Gunmen killed 6 farmers on Sunday. Relatives gathered in Dandali to bury them.",
     6, "Dandali"),
    # ... and not when the text never does: a headline's first word is capitalised whatever it is
    ("Gunmen kill six", "Gunmen killed 6 farmers on Sunday, relatives said.", 6, None),
    # a headline without a place leaves the dateline's, with the state it writes
    ("Gunman's wife worked at the home", "CARTHAGE, N.C. (AP) - A gunman killed 8 people at a nursing home, "
     "police said.", 8, "Carthage, N.C."),
    ("Four dead in shooting", "HAMILTON — Four people were shot dead in a house on Saturday.", 4, "Hamilton"),
    # with no headline, the lead's place: a total there takes it too (the resolver keeps a country)
    (None, "Officials in Mexico urged people to stay home.\nOn Monday, officials said 100 deaths were likely "
     "linked to the outbreak.", 100, "Mexico"),
    # the lead's place over where the reporter filed from
    ("Battle ends", "MAKHACHKALA -- Fighting in a wooded area of Dagestan ended Saturday with 5 officers dead.", 5,
     "Dagestan"),
    # the headline wins over where the reporter filed from
    ("Shelling kills 5 in Kribi", "YAOUNDE (Reuters) - Shelling killed 5 people on Monday, officials said.", 5,
     "Kribi"),
    # the sentence's own place wins over the headline's
    ("Market bombing leaves dozens dead in Kirkuk", "Elsewhere, 3 soldiers were killed in Tikrit.", 3, "Tikrit"),
    # the earlier sentence about the same attack, even in the heart of a named region
    (None, "Somewhere in the heart of the so-called Lone Mountains, gunmen ambushed a convoy. "
     "Allegedly, 16 people were killed.", 16, "Lone Mountains"),
    # the attack is told by a verb of storming: its place is the event's
    (None, "Militants descended on a string of villages around the city of Kalo. Medics said 12 people died.",
     12, "Kalo"),
    # not across a change of event: a separate attack with no place of its own has none
    ("Market bombing leaves dozens dead in Kirkuk", "Police said 14 people were killed. In a separate attack, "
     "2 policemen were killed.", 2, None),
    # nor from the town of an attack into a total, unless the total points back at it
    ("Gunmen kill five", "Gunmen killed 5 villagers on Sunday. Later they attacked Dandali, killing 2 guards. "
     "The conflict has killed 900 people so far.", 900, None),
    (None, "Militants descended on villages around Kalo. Reporters saw 40 bodies lying in those villages.", 40,
     "Kalo"),
    # nor into a total told over the whole world
    ("Bird flu found in a swan in Fife", "The virus has killed 109 people worldwide since 2003.", 109, None),
    # a word that names no place is none, so the event's place stands: an organisation, a people,
    # a nationality, a disease, "At Least" in a headline in capitals
    ("Bus attack near Kribi", "Two drivers were killed at the Transport Workers Union, officials said.", 2,
     "Kribi"),
    (None, "Nine people have died from Ebola in the Republic of Congo this month.", 9, "Republic of Congo"),
    ("At Least 17 Slain", "Officials said 17 people were slain.", 17, None),
    (None, "Rebels shelled the town of Kalo on Monday. Three soldiers died in Georgian hands.", 3, "Kalo"),
])
def test_place_a_claim_takes(title, body, low, place):
    assert place_of(title, body, low) == place


@pytest.mark.parametrize("title, body, place", [
    # a total keeps the country its headline names ...
    ("Fighting rages in Syria", "The war has killed more than 300,000 people since 2011, monitors said.", "Syria"),
    # ... but not the town a headline or lead names: a running toll is no town's
    ("Car bomb hits market in Aleppo", "The war has killed more than 300,000 people since 2011, monitors said.",
     None),
    (None, "A car bomb hit a market in Aleppo on Sunday.\nThe war has killed more than 300,000 people since 2011.",
     None),
])
def test_a_total_takes_a_country_or_region_from_its_headline_never_a_town(builtin, title, body, place):
    claims = analyse(document(body, title), builtin).claims
    [claim] = [c for c in claims if c.low == 300000]
    assert claim.scope == "aggregate"
    assert claim.place == place


def test_place_words_are_data_that_users_extend(tmp_path, monkeypatch):
    """CORROBORATE_RULES adds words to rules/places.toml without a code change: a preposition
    that introduces a place."""
    from corroborate import rules
    from corroborate.extract import context

    body = "Gunmen killed 4 farmers beyond Kalo on Sunday."
    (tmp_path / "places.toml").write_text('[read]\nprepositions = ["beyond"]\n', encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_RULES", str(tmp_path))
    rules.load.cache_clear()
    context.place_words.cache_clear()
    try:
        assert place_of(None, body, 4) == "Kalo"
    finally:
        monkeypatch.delenv("CORROBORATE_RULES")
        rules.load.cache_clear()
        context.place_words.cache_clear()
    assert place_of(None, body, 4) is None


# (headline, body, the claim's low figure, its place): a company's, sect's or event's name before
# the building or gathering it holds is no place; a people's adjective before "island of" is
# none either, the name after "of" is; where a person works is not where people died
@pytest.mark.parametrize("title, body, low, place", [
    ("Guard shot at plant in Fremont", "A guard was shot dead in the Acme Steel parking lot on Monday.", 1,
     "Fremont"),
    (None, "Four agents died at the Branch Davidian compound near Waco.", 4, "Waco"),
    (None, "Two fans were crushed to death at the Summer Sounds concert in Leeds.", 2, "Leeds"),
    (None, "Twenty children died after eating tainted cassava on the central Philippine island of Bohol.", 20,
     "Bohol"),
    (None, "Five people were killed in the Baghdad market.", 5, "Baghdad"),
    (None, "A professor at the University of Kalo said 12 people died.", 12, None),
    ("Guard killed in Kribi", "The guard, who worked at the Pentagon Mall, was shot dead on Monday.", 1, "Kribi"),
])
def test_owners_peoples_and_workplaces_are_no_places(title, body, low, place):
    assert place_of(title, body, low) == place


def test_a_death_told_again_gives_its_first_telling_the_place_it_lacked():
    title = "1 dead, 1 hurt in motorcycle crash"
    body = "A man was killed and a woman hurt when their motorcycle hit a truck on Rivers Avenue in Kalo on Friday."
    found = [(c.outcome, c.low, c.place) for c in extract_claims(document(body, title), Text(f"{title}\n{body}"))]
    assert found == [("killed", 1, "Rivers Avenue, Kalo"), ("injured", 1, "Rivers Avenue, Kalo")]


# a place past an attribution set off by commas is another clause's; a death dated to another
# year than the event's is not the event, and takes none of its place
@pytest.mark.parametrize("title, body, low, place", [
    (None, "A car bomb exploded near a market in Kalo on Thursday, killing 20 people, officials said, "
     "in the fifth attack in Iraq this month.", 20, "Kalo"),
    (None, "Gunmen killed 5 people in Kalo, police said.", 5, "Kalo"),
    (None, "Gunmen attacked a bus near Kalo on Monday. A guard was killed in 1994 in a parking lot.", 1, None),
    (None, "Gunmen attacked a bus near Kalo on Monday. A guard was killed in 2024 near the depot.", 1, "Kalo"),
])
def test_a_clause_or_a_year_apart_is_another_place(title, body, low, place):
    assert place_of(title, body, low) == place


# a list of places, one with its article, is the claim's place, and its deaths are a total
@pytest.mark.parametrize("body, low, place, scope", [
    ("More than 300 were killed in Malaysia, Myanmar, the Maldives, Somalia and Kenya.", 300,
     "Malaysia, Myanmar, the Maldives, Somalia and Kenya", "aggregate"),
    ("The bodies of 120 men were found in Latakia and Tartous provinces.", 120, "Latakia and Tartous provinces",
     "aggregate"),
    ("Ten people were killed in Kalo, the Kalo Times reported.", 10, "Kalo", "incident"),
    ("Six people were killed in Al-Qusour in the city of Baniyas.", 6, "Al-Qusour, Baniyas", "incident"),
])
def test_a_list_of_places(body, low, place, scope):
    found = [(c.place, c.scope) for c in extract_claims(document(body, None), Text(body)) if c.low == low]
    assert found == [(place, scope)]


def test_the_headline_takes_the_place_and_date_its_lead_tells():
    text = ("1 dead, 1 hurt in motorcycle crash\nA motorcycle wreck killed a rider on Rivers Avenue in Kalo on Sunday, "
            "police said.")
    found = {(c.outcome, c.low, c.place, c.date) for c in extract_claims(document(text, None), Text(text))}
    # the headline's death is the lead's rider: one claim; its hurt is the headline's alone
    assert found == {("killed", 1, "Rivers Avenue, Kalo", "2024-06-09"),
                     ("injured", 1, "Rivers Avenue, Kalo", "2024-06-09")}


def test_the_headline_takes_nothing_from_a_lead_about_another_event():
    text = "2 dead in shooting\nIn a separate attack, gunmen killed 3 guards in Kalo on Sunday."
    found = [c.place for c in extract_claims(document(text, None), Text(text)) if c.low == 2]
    assert found == [None]
