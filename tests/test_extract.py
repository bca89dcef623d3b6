"""The claim extractor on sentences written for these tests, one behaviour each."""
from __future__ import annotations

import pytest

from corroborate.document import Document, Text
from corroborate.extract import extract_claims


def claims_of(text: str, outlet: str | None = "Example Wire", published: str | None = "2024-06-10") -> list:
    meta = {k: v for k, v in (("outlet", outlet), ("published", published)) if v}
    doc = Document("t", text.encode("utf-8"), "text/plain", "test", meta)
    return extract_claims(doc, Text(text))


def figures(text: str) -> list[tuple]:
    return [(c.outcome, c.low, c.high, c.qualifier) for c in claims_of(text)]


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen killed 27 villagers near the well.", ("killed", 27, 27, "exact")),
    ("Twenty-seven villagers were killed.", ("killed", 27, 27, "exact")),
    ("A dozen farmers were shot dead.", ("killed", 12, 12, "exact")),
    ("A man was shot dead at the checkpoint.", ("killed", 1, 1, "exact")),
    ("The raid killed at least 27 people.", ("killed", 27, None, "at_least")),
    ("No fewer than 40 people died in the fire.", ("killed", 40, None, "at_least")),
    ("More than 120 civilians were killed.", ("killed", 120, None, "more_than")),
    ("Over 1,000 people died in the violence.", ("killed", 1000, None, "more_than")),
    ("About 50 people were killed.", ("killed", 50, 50, "approx")),
    ("An estimated 300 people died.", ("killed", 300, 300, "approx")),
    ("Up to 40 civilians may have been wounded, officials said.", None),
    ("As many as 40 civilians were wounded.", ("injured", None, 40, "up_to")),
    ("Between 10 and 15 soldiers were killed.", ("killed", 10, 15, "range")),
    ("10-15 soldiers were killed.", ("killed", 10, 15, "range")),
    ("Several civilians were killed.", ("killed", 3, 9, "vague")),
    ("Dozens of people were wounded.", ("injured", 24, 99, "vague")),
    ("Scores of worshippers were killed.", ("killed", 40, 99, "vague")),
    ("Hundreds of civilians lay dead in the streets.", ("killed", 200, 999, "vague")),
    ("Thousands of people have died since the siege began.", ("killed", 2000, 9999, "vague")),
    ("Tens of thousands of people have been killed in the war.", ("killed", 20000, 99999, "vague")),
    ("Several hundred villagers were killed.", ("killed", 300, 999, "vague")),
    ("The famine killed tens of millions of people.", ("killed", 20000000, 99999999, "vague")),
    ("٣٠ civilians were killed.", ("killed", 30, 30, "exact")),
])
def test_number_table(sentence, expected):
    found = figures(sentence)
    if expected is None:
        assert found == []  # a possibility, not a report
    else:
        assert expected in found, found


def test_a_year_is_no_count():
    assert figures("In 2017 alone, 37 residents died in the camps, the ministry said.") == [("killed", 37, 37, "exact")]


def test_zero_claims():
    assert ("injured", 0, 0, "exact") in figures("No one was hurt in the blast.")
    assert figures("A neighbour alerted the police, and no-one was injured.") == [("injured", 0, 0, "exact")]
    assert ("killed", 0, 0, "exact") in figures("The shelling caused no casualties, the army said.")
    assert figures("No one has claimed responsibility for the killings.") == []


def test_numbered_groups_are_separate_claims():
    found = figures("Two men and three women were killed in the raid.")
    assert ("killed", 2, 2, "exact") in found and ("killed", 3, 3, "exact") in found


def test_victim_groups_after_the_verb_each_count():
    found = figures("The blast killed 2 soldiers and 3 civilians.")
    assert ("killed", 2, 2, "exact") in found and ("killed", 3, 3, "exact") in found


def test_relatives_listed_without_counts_are_summed():
    found = figures("Her husband, son, daughter and their two cousins were shot dead.")
    assert found == [("killed", 5, 5, "exact")]


def test_a_bound_distributes_over_the_coordination():
    found = figures("At least 12 people were killed and 30 wounded.")
    assert ("killed", 12, None, "at_least") in found and ("injured", 30, None, "at_least") in found


def test_a_subtotal_is_a_claim_of_its_own():
    found = figures("The attack left 1,000 dead, including 745 civilians.")
    assert ("killed", 1000, 1000, "exact") in found and ("killed", 745, 745, "exact") in found


@pytest.mark.parametrize("decoy", [
    "Hundreds of pickup trucks full of fighters poured down the highway.",
    "The page has more than 400,000 followers.",
    "Reuters interviewed more than 25 survivors and relatives of victims.",
    "The resident said about 15 militants stormed his home.",
    "There were 18 prisoners in the cell, and 29 other inmates.",
    "Most of the country's 3 million Alawites live on the coast.",
    "His 28-year-old nephew was among those taken away.",
    "The war lasted almost 14 years and cost $38 million a day.",
    "Sunnis make up more than 70% of the population.",
    "The group threatened to kill 20 hostages.",
    "In 2012, the town had 5,000 residents.",
    "More than 1,300 people have sued the state since 2020.",
    "The disease killed several hundred ducks near the lake.",
    "At least 50 pigs died on the farm since December.",
    "Seven million animals were slaughtered.",
    "The student lives a mile or more from the school.",
    "Rescuers were overwhelmed and a comprehensive casualty toll was impossible.",
    "The officer and his dog were not injured in the incident.",
    "Cutting the drink-drive limit would save 65 lives a year.",
    "Thousands of public bodies are ill-prepared for the new law.",
    "He withdrew from the squad because of a series of injuries.",
    "Agents executed a search warrant at a house in the valley.",
])
def test_decoys_are_not_claims(decoy):
    assert figures(decoy) == []


@pytest.mark.parametrize("sentence", [
    "Mr. Osei, 34, of Kribi, died on Tuesday.",  # the age counts nobody; the man is one death
    "A Kalo policeman fatally shot Ambassador Diallo on Monday.",  # the shooter is no victim
])
def test_an_age_or_a_shooter_is_no_count_but_the_one_who_died_is(sentence):
    assert figures(sentence) == [("killed", 1, 1, "exact")]


@pytest.mark.parametrize("sentence, source", [
    ("At least 10 people were killed in the market, police said.", "police"),
    ("According to the Valley Monitor, 14 civilians were killed.", "the Valley Monitor"),
    ("The Example Network for Human Rights (ENHR) said 595 civilians were killed.", "ENHR"),
    ("Seven civilians were killed on Sunday.", "Example Wire"),  # the outlet itself
    ("No injuries were reported.", "Example Wire"),  # what was reported does not report
    ("The flood claimed the lives of 40 people in the delta.", "Example Wire"),  # a harm, not a claim
    ("Eleven cases have been confirmed, resulting in five deaths, the ministry reported.", "the ministry"),
    ("Deputy Minister Amadou Ahmed stated that 29 people were wounded.", "Deputy Minister Amadou Ahmed"),
    ("According to the pro-government Valley Monitor, 75 civilians were killed.", "the pro-government Valley Monitor"),
    ("Gunmen killed 12 people - the army said - near the river.", "the army"),
    ("The Valley Monitor (TVM) - an independent UK-based group - said 30 people died.", "TVM"),
    ("Three soldiers were wounded, confirmed Interior Ministry spokesman Amadou Sow Diallo.",
     "Interior Ministry spokesman Amadou Sow Diallo"),
    ("Investigators are looking into whether a gunman accused of killing eight people acted alone.", "Example Wire"),
    ("An estimated 1,400 people have been killed across the region.", "Example Wire"),  # nobody estimates
    ("The Britain-based Valley Observatory says 24 civilians were killed.", "The Britain-based Valley Observatory"),
    ("A camp official who asked not to be named said that at least four people have died.", "A camp official"),
    ("The Valley Health Organization (WHO) has confirmed 63 deaths since 2005.", "WHO"),
    ("The road toll sits at 19, with a further three deaths recorded in the north.", "Example Wire"),
])
def test_source_is_the_attributed_speaker(sentence, source):
    [claim] = claims_of(sentence)
    assert claim.source == source


def test_claimed_lives_and_no_injuries_are_not_hedged_claims():
    [claim] = claims_of("The flood claimed the lives of 40 people in the delta.")
    assert claim.status == "reported"
    [claim] = claims_of("No injuries were reported.")
    assert (claim.outcome, claim.low, claim.high) == ("injured", 0, 0)


def test_status():
    [claim] = claims_of("Allegedly, 16 soldiers were killed.")
    assert claim.status == "alleged"
    [claim] = claims_of("A video verified by Example Wire showed 9 bodies.")
    assert claim.status == "verified" and claim.source == "Example Wire"
    found = claims_of("A resident said 40 people were killed.\nThe agency was unable to confirm these accounts.")
    assert [c.status for c in found] == ["unverified"]


def test_footage_verified_in_one_paragraph_governs_the_next_video():
    text = ("The agency was able to verify footage of dozens of bodies in the villages.\n"
            "One video posted on Friday showed the bodies of at least 8 men by a road.")
    found = claims_of(text)
    assert [c.status for c in found] == ["verified", "verified"]


def test_editors_note_makes_video_claims_unverified():
    text = ("The man in this video says 900 people were killed.\n"
            "Editor's note: the outlet did not independently verify the videos linked in this article.")
    [claim] = claims_of(text)
    assert claim.status == "unverified"


def test_dates_resolve_against_publication():
    [claim] = claims_of("Five civilians were killed on Friday, the monitor said.", published="2024-06-10")
    assert claim.date == "2024-06-07"
    [claim] = claims_of("On March 7, gunmen killed 12 villagers.", published="2025-03-14")
    assert claim.date == "2025-03-07"


def test_scope_and_place():
    [claim] = claims_of("Over 1,000 people died in the violence across the coastal provinces.")
    assert claim.scope == "aggregate"
    [claim] = claims_of("Gunmen killed 4 farmers in Tell Safra on Monday.")
    assert claim.scope == "incident" and claim.place == "Tell Safra"


def test_same_figure_twice_is_one_claim_but_a_new_qualifier_is_another():
    text = "Blast kills 64 in market\nAt least 64 people were killed in the market blast, police said."
    found = figures(text)
    assert found.count(("killed", 64, 64, "exact")) == 1 and ("killed", 64, None, "at_least") in found
    assert figures("Blast kills 64\n64 people were killed, police said.") == [("killed", 64, 64, "exact")]


def test_evidence_is_the_sentence_verbatim():
    text = "The town was quiet. Gunmen killed 3 shepherds near the ridge on Tuesday. Nobody knows why."
    [claim] = claims_of(text)
    assert claim.evidence == "Gunmen killed 3 shepherds near the ridge on Tuesday."
    assert text[claim.start:claim.end] == claim.evidence


@pytest.mark.parametrize("sentence", [
    "Gunmen killed a civilian near the well.",
    "One soldier died in the attack.",
    "The driver was shot dead at the checkpoint.",
    "Unknown attackers killed the village chief.",
    "Gunmen stabbed a shopkeeper to death.",
    "A 17-year-old boy was killed by a stray bullet.",
    "An alleged smuggler was shot dead near the border.",
    "The clashes resulted in 1 death.",
])
def test_one_person_told_without_a_number(sentence):
    assert figures(sentence) == [("killed", 1, 1, "exact")]


@pytest.mark.parametrize("sentence", [
    "Residents said the driver had fled.",  # a definite noun with no harm word
    "The attack on the police station killed nobody.",  # "the police" are many
    "Fighters killed the family's goats.",  # the family owns what was killed
    "A mob attacked him over a land dispute.",  # "over a" is no figure
])
def test_a_definite_noun_phrase_is_not_always_a_death(sentence):
    assert ("killed", 1, 1, "exact") not in figures(sentence)


def test_a_definite_noun_that_refers_back_is_not_counted_again():
    assert figures("A teacher was shot dead on Monday. The teacher died on the way to hospital.") == \
        [("killed", 1, 1, "exact")]
    assert figures("Gunmen killed 4 farmers in the fields. The victim's brother escaped.") == [
        ("killed", 4, 4, "exact")]


def test_a_person_and_a_relative_are_two():
    assert figures("A farmer and his brother were killed in the raid.") == [("killed", 1, 1, "exact")] * 2
    assert figures("Attackers killed a woman and her son.") == [("killed", 1, 1, "exact")] * 2


def test_two_deaths_of_different_victims_in_one_note_both_count():
    found = claims_of("A trader was shot dead in the market. A herder was killed near the river the same day.")
    assert [(c.low, c.victims) for c in found] == [(1, "trader"), (1, "herder")]


def test_a_figure_repeated_for_the_same_victims_is_one_claim():
    assert figures("A man was stabbed to death in the market. 1 killed.") == [("killed", 1, 1, "exact")]


def test_an_acronym_is_a_name_not_a_verb():
    found = claims_of("Troops killed 5 IS militants and 2 US contractors were wounded.")
    assert [(c.outcome, c.low, c.victims) for c in found] == [("killed", 5, "IS militants"),
                                                              ("injured", 2, "US contractors")]


def test_misspelled_harm_words_in_notes():
    assert figures("Militiamen kiled 8 residents.") == [("killed", 8, 8, "exact")]
    assert figures("Five militants were killled.") == [("killed", 5, 5, "exact")]


def test_figures_in_brackets_and_after_including_are_parts_of_the_group():
    found = claims_of("5 civilians (2 men and 3 women) were killed in the blast.")
    assert [(c.low, c.subtotal) for c in found] == [(5, False), (2, True), (3, True)]
    found = claims_of("15 militants including a commander were killed.")
    assert [(c.low, c.subtotal) for c in found] == [(15, False), (1, True)]
    found = claims_of("The bomb left 3 guards (including an officer) dead.")
    assert [(c.low, c.subtotal) for c in found] == [(3, False), (1, True)]


def test_a_range_written_between_and_to():
    assert figures("The raid killed between 2 to 4 rebels.") == [("killed", 2, 4, "range")]


def test_a_noun_of_death_after_several_groups():
    assert figures("The clash resulted in 2 rebel and 1 military fatality.") == \
        [("killed", 2, 2, "exact"), ("killed", 1, 1, "exact")]


def test_the_body_of_a_person_found():
    assert figures("The body of an unidentified man was found in a field.") == [("killed", 1, 1, "exact")]


def test_dates_from_the_text():
    [claim] = claims_of("Troops clashed with rebels overnight and in the early hours of June 7, killing 4 fighters.")
    assert claim.date == "2024-06-07"
    [claim] = claims_of("Shelling killed 6 people last week.")
    assert claim.date == "2024-06-03/2024-06-09"


def test_partitives_count_people_not_groups_of_groups():
    assert figures("Gunmen stopped the bus, killing 2 of them.") == [("killed", 2, 2, "exact")]
    assert figures("The blast killed one of the passengers.") == [("killed", 1, 1, "exact")]
    assert figures("The shelling killed one of the valley's oldest traditions.") == []


def test_dreams_and_calls_are_not_events():
    assert figures("The faction dreams of killing one of the town's families.") == []
    assert figures("A preacher called for killing 20 soldiers.") == []
