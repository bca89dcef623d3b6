"""Numbers, injuries, single deaths and victims (spec/claims.md, "Numbers" and "Victims"), on
sentences written for these tests: each with the claims it must give, or none."""
from __future__ import annotations

import pytest

from test_extract import claims_of, figures  # a document of one outlet and day, as the extractor's tests read


# -- the new rows of the number table -------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("A few villagers were killed when the shell landed.", [("killed", 2, 9, "vague")]),
    ("A handful of soldiers were wounded at the checkpoint.", [("injured", 2, 9, "vague")]),
    ("A handful of guards died in the ambush.", [("killed", 2, 9, "vague")]),
    ("A couple of farmers were shot dead near the river.", [("killed", 2, 2, "exact")]),
    ("A pair of shepherds were killed by a landmine.", [("killed", 2, 2, "exact")]),
    ("Both drivers were killed instantly.", [("killed", 2, 2, "exact")]),
    ("Both the driver and his passenger were killed.", [("killed", 2, 2, "exact")]),
    ("Thirteen of the 42 patients died.", [("killed", 13, 13, "exact")]),
    ("7 of the 30 passengers were killed when the bus was ambushed.", [("killed", 7, 7, "exact")]),
    ("Gunmen killed four of the nine miners.", [("killed", 4, 4, "exact")]),
    # the whole is the claim when a harm word names it or follows it
    ("Five of the 20 people killed were children.", [("killed", 20, 20, "exact")]),
    ("Three of the 12 dead were women.", [("killed", 12, 12, "exact")]),
    ("Two of the 11 passengers who died were brothers.", [("killed", 11, 11, "exact")]),
    ("The death toll rose to 212 on Tuesday.", [("killed", 212, 212, "exact")]),
    ("The ministry raised the toll to 212.", [("killed", 212, 212, "exact")]),
    ("Officials put the toll at 212.", [("killed", 212, 212, "exact")]),
    ("The death toll has now risen to 88.", [("killed", 88, 88, "exact")]),
    ("The province recorded its first death on Monday.", [("killed", 1, 1, "exact")]),
    ("The first fatality of the clashes was reported in the north.", [("killed", 1, 1, "exact")]),
    # an ordinal counts one death only before a singular death noun
    ("Mourners marked his first death anniversary at the shrine.", []),
    ("The first deaths were reported in March.", []),
    ("A few days later, the market reopened.", []),
    ("Medics counted 27 dead civilians.", [("killed", 27, 27, "exact")]),
    ("Wardens found roughly 4,000 dead wild birds along the lake.", []),
    ("More than 150 dead mullet washed up on the beach.", []),
    ("The former mayor died at 79 in her home.", [("killed", 1, 1, "exact")]),
    ("Reports put the number of dead at ten, with 50 wounded.",
     [("killed", 10, 10, "exact"), ("injured", 50, 50, "exact")]),
    ("There were clashes on both sides of the border.", []),
])
def test_number_rows(sentence, expected):
    assert figures(sentence) == expected


# -- injuries: who later died, and care that is no injury ---------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("The gunman injured a neighbour, who later died.", [("killed", 1, 1, "exact")]),
    ("The blast wounded a guard, who later succumbed to his injuries.", [("killed", 1, 1, "exact")]),
    ("Two traders were wounded; one later succumbed.", [("injured", 2, 2, "exact"), ("killed", 1, 1, "exact")]),
    ("Six others were hurt and four subsequently died.", [("injured", 6, 6, "exact"), ("killed", 4, 4, "exact")]),
    ("The blast wounded two guards, who were later discharged.", [("injured", 2, 2, "exact")]),
    ("Six people were hospitalised with gunshot wounds.", [("injured", 6, 6, "exact")]),
    ("Two workers were hospitalized with severe burns after the explosion.", [("injured", 2, 2, "exact")]),
    ("Two guards were hospitalised in critical but stable condition with shrapnel wounds.",
     [("injured", 2, 2, "exact")]),
    ("Nine protesters were treated for minor injuries at the scene.", [("injured", 9, 9, "exact")]),
    ("Three people were hospitalised after eating at the stall.", []),
    ("Forty pupils fell ill after the school lunch.", []),
    ("Twelve firefighters were treated for smoke inhalation.", []),
    ("Dozens were sickened by the contaminated water.", []),
    ("Eight tourists were hospitalized with flu-like symptoms.", []),
])
def test_injuries(sentence, expected):
    assert figures(sentence) == expected


# -- rates and hypotheticals are not claims -------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "About 5,700 people die of lung disease every day.",
    "Malaria kills 400,000 children a year.",
    "Each year, more than 1 million people die on the roads.",
    "Roughly 30 miners are killed per month in the illegal pits.",
    "The virus could kill up to 50,000 people.",
    "An outbreak could result in the deaths of up to 80,000 people in the region.",
    "Surgeons said 30 soldiers would almost certainly have died without the field hospital.",
    "The new strain has the potential of resulting in tens of millions of deaths.",
    "Officials fear the toll could rise to 300.",
    "It is a treatment she will need until she dies.",
])
def test_rates_and_hypotheticals_are_no_claims(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    # "a day" after a preposition or before "after" is no rate; a modal after the claim is no hypothetical
    ("The militia killed 100 people in a day.", [("killed", 100, 100, "exact")]),
    ("Gunmen killed 12 people a day after the election.", [("killed", 12, 12, "exact")]),
    ("At least 20 people, who could not flee, were killed in the fire.", [("killed", 20, None, "at_least")]),
    ("The blast killed 20 people, and the toll may rise.", [("killed", 20, 20, "exact")]),
    ("A year ago, 30 people were killed in the same market.", [("killed", 30, 30, "exact")]),
])
def test_near_rates_and_modals_that_are_claims(sentence, expected):
    assert figures(sentence) == expected


# -- one person, named or described -----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Kemi Adeyemo, 2, was pronounced dead at the hospital.", [("killed", 1, "Kemi Adeyemo", "civilian")]),
    ("Officials said Omar Haddad died in hospital on Friday.", [("killed", 1, "Omar Haddad", "unknown")]),
    ("Police said Omar Haddad died in Kabul.", [("killed", 1, "Omar Haddad", "unknown")]),
    ("Abu Salim al-Tikriti was killed in a raid.", [("killed", 1, "Abu Salim al-Tikriti", "unknown")]),
    ("Paul Mensah, a 34-year-old teacher, was shot dead outside his home.", [("killed", 1, "teacher", "civilian")]),
    ("A six-year-old girl cycling along Mill Road was hit by a truck and killed.", [("killed", 1, "girl", "civilian")]),
    ("Twelve people fleeing the fighting were killed by a shell.", [("killed", 12, "people", "unknown")]),
    ("The suspect fired at officers. Moments later he was killed.", [("killed", 1, None, "unknown")]),
    ("Grace Oduya was wounded when the gunmen opened fire.", [("injured", 1, "Grace Oduya", "unknown")]),
    ("Lutz, who had carried no passengers, died in the collision.", [("killed", 1, "Lutz", "unknown")]),
    # not a person's death: places, things, the present tense, a near miss, an active verb
    ("Tests showed birds in Italy and Germany had died of the virus.", []),
    ("Democracy died in darkness, the editorial said.", []),
    ("She was almost killed in the blast.", []),
    ("He was not injured.", []),
    ("Samuel Brandt killed his neighbour's dog.", []),
    ("Storm Damage Closes Roads Across Region As Thousands Lose Power", []),
])
def test_single_deaths(text, expected):
    assert [(c.outcome, c.low, c.victims, c.victim_type) for c in claims_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the same person once per document: by name, or by the pronoun after anyone was counted
    ("Kemi Adeyemo, 2, was pronounced dead on Sunday. Police said Adeyemo died of a gunshot wound.", 1),
    ("A two-year-old girl was shot dead on Sunday. Kemi Adeyemo, 2, was pronounced dead at the hospital.", 1),
    ("Three people were killed in the attack. Later, he was killed by police.", 1),
    # different names are different people
    ("Paul Mensah, 34, was shot dead. Ruth Boateng, 28, was also killed.", 2),
    ("The suspect was armed. Before he was killed, he fired at officers.", 1),
])
def test_once_per_person_per_document(text, expected):
    assert len([c for c in claims_of(text) if c.outcome == "killed"]) == expected


# -- victims ----------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("The fiercest fighting in years left six dead.", (6, None, "unknown")),
    ("A car bomb killed 13 soldiers and wounded 56 more.", (56, None, "unknown")),
    ("The storm claimed 31 lives.", (31, None, "unknown")),
    ("Twelve people were killed in the market.", (12, "people", "unknown")),
    ("Gunmen killed 27 villagers near the well.", (27, "villagers", "civilian")),
    ("Five worshippers died when the roof collapsed.", (5, "worshippers", "civilian")),
    ("Two journalists were killed in the strike.", (2, "journalists", "civilian")),
    ("Three aid workers were shot dead.", (3, "aid workers", "civilian")),
    ("Eight shoppers were wounded in the blast.", (8, "shoppers", "civilian")),
    ("Four patients died in the shelling.", (4, "patients", "civilian")),
    ("Nine protesters were killed by police.", (9, "protesters", "civilian")),
    ("The bodies of 10 people in civilian clothing were found.", (10, "people", "civilian")),
    ("Eleven police officers were killed in the ambush.", (11, "police officers", "security_forces")),
    ("Six gendarmes died in the attack.", (6, "gendarmes", "security_forces")),
    ("Troops killed 14 militants.", (14, "militants", "combatant")),
    ("The attacker was killed by police.", (1, "attacker", "combatant")),
    ("A major drug dealer was wounded in the raid.", (1, "major drug dealer", "unknown")),
    ("At least 70 people were killed, including 53 gendarmes.", (70, "people", "mixed")),
    ("The clashes left 20 dead on both sides.", (20, None, "mixed")),
    ("Shelling killed 30 soldiers, including three civilians working at the base.", (30, "soldiers", "mixed")),
    ("Twelve people were killed, including five children.", (12, "people", "civilian")),
    ("Police found 16 bodies in the ravine.", (16, "bodies", "unknown")),
])
def test_victims(sentence, expected):
    found = [(c.low, c.victims, c.victim_type) for c in claims_of(sentence)]
    assert expected in found, found


@pytest.mark.parametrize("sentence", [
    "Rights groups called the journalist's death a shocking blow to the press.",
    "Police called the killing a tragedy.",
    "The discovery may help develop a cure preventing future deaths.",
])
def test_what_is_not_a_group_of_people_counts_nobody(sentence):
    assert figures(sentence) == []
