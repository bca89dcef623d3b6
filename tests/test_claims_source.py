"""Who a claim's number comes from (the spec's "Source"), and sentences cut from text that has
no sentence punctuation. Every sentence here is written for these tests."""
from __future__ import annotations

import pytest

from corroborate.document import Document, Text
from corroborate.extract import attribution, extract_claims
from corroborate.extract.lexicon import lexicon
from corroborate.extract.sentences import split

OUTLET = "Example Wire"


def claims_of(text: str, outlet: str | None = OUTLET) -> list:
    meta = {"published": "2024-06-10", **({"outlet": outlet} if outlet else {})}
    doc = Document("t", text.encode("utf-8"), "text/plain", "test", meta)
    return extract_claims(doc, Text(text))


def sources(text: str, outlet: str | None = OUTLET) -> list[tuple[int | None, str | None]]:
    return [(c.low, c.source) for c in claims_of(text, outlet)]


@pytest.mark.parametrize("sentence, source", [
    # setting a toll states it
    ("The Regional Health Authority puts the current death toll at 1,240.", "The Regional Health Authority"),
    ("The ministry put the toll at 20 after the floods receded.", "The ministry"),
    ("On Tuesday the ministry raised the toll to 35.", "the ministry"),
    ("Provincial officials raised the death toll to 48 on Friday.", "Provincial officials"),
    ("The coroner's office revised the number of dead to 17.", "The coroner's office"),
    ("The army put the number of soldiers killed at about 30.", "The army"),
    # nobody sets the toll: the outlet speaks
    ("The death toll rose to 52 on Monday.", OUTLET),
    ("The storm put 40 people in hospital and killed 3.", OUTLET),
])
def test_setting_a_toll_is_an_attribution(sentence, source):
    [claim] = claims_of(sentence)
    assert claim.source == source


@pytest.mark.parametrize("sentence, source", [
    ("Local reports claimed that 40 fighters were killed.", "Local reports"),
    ("Hospital records show 23 patients died of their wounds.", "Hospital records"),
    ("The Northern Committee of the Blue Crescent said 12 people were killed.",
     "The Northern Committee of the Blue Crescent"),
    ("In a statement the Ministry of Defence said 9 soldiers were wounded.", "the Ministry of Defence"),
    ("Ambulance workers in the capital said 15 people were injured.", "Ambulance workers in the capital"),
    # a capitalised "States" is part of a name, not a verb that attributes
    ("A fever that has killed 12 patients may have come from the United States.", OUTLET),
])
def test_the_whole_name_is_kept(sentence, source):
    [claim] = claims_of(sentence)
    assert claim.source == source


@pytest.mark.parametrize("text, source", [
    # "he", "she": the person named before
    ("Police chief Daniel Mensah visited the scene on Monday. He said 14 people were killed.",
     "Police chief Daniel Mensah"),
    ("Governor Ruth Adeyemi spoke to reporters in the capital.\nGunmen killed 30 villagers, she said.",
     "Governor Ruth Adeyemi"),
    ("Tomas Varga arrived at the camp in May. He told the agency that 8 families had lost a child each, "
     "and that 11 people were dead.", "Tomas Varga"),
    # the speaker quoted before, two sentences back
    ("\"We found them by the road,\" said district officer Lena Okoro. The villagers had fled. "
     "She said at least 6 bodies were recovered.", "district officer Lena Okoro"),
    # someone described, with a relative clause, then "he"
    ("Markov, who runs the only clinic in the valley and lost his brother in the fighting, says the "
     "clinic treated 60 patients. He says 9 patients died.", "Markov"),
    # "it": an organisation, not the person named after it
    ("The Interior Ministry issued a statement late on Sunday. It added that 9 police officers were wounded.",
     "The Interior Ministry"),
    ("The Valley Relief Network (VRN) published its weekly report. It said 27 civilians were killed.", "VRN"),
    ("The report by the aid group was released on Monday. It states that 300 people died of hunger.",
     "The report"),
    # "they": a group, or an organisation
    ("Local residents fled the town after the raid. They said 7 people were shot dead.", "Local residents"),
    ("Rescue workers searched the rubble all night.\nThey told reporters that 19 bodies had been found.",
     "Rescue workers"),
])
def test_a_pronoun_is_the_speaker_named_before(text, source):
    [claim] = claims_of(text)
    assert claim.source == source


@pytest.mark.parametrize("text", [
    # nobody a pronoun can stand for: the outlet speaks
    "He said 14 people were killed.",
    # a place after a preposition is nobody ("in Kano State"), and "it" is no person
    "The convoy was attacked in Lower Ridge State. He said 14 people were killed.",
    "Tomas Varga left the town on Monday. It said 14 people were killed.",
])
def test_a_pronoun_without_a_fitting_speaker_leaves_the_outlet(text):
    [claim] = claims_of(text)
    assert claim.source == OUTLET


def test_antecedent_reads_back_through_the_earlier_sentences():
    text = ("Spokesman Amir Haddad met the families. The road was closed. The rain kept falling. "
            "He said 5 people drowned.")
    sentences = split(text)
    assert attribution.antecedent(lexicon(), sentences, len(sentences) - 1, "he") == "Spokesman Amir Haddad"
    assert attribution.antecedent(lexicon(), sentences, len(sentences) - 1, "it") is None
    assert attribution.antecedent(lexicon(), sentences, 0, "he") is None  # nothing before the first


def test_the_nearest_fitting_speaker_wins():
    text = ("Dr Sara Lind said the hospital was full. Major Ivo Petrov said the road was cut. "
            "He said 12 soldiers were killed.")
    assert sources(text) == [(12, "Major Ivo Petrov")]


@pytest.mark.parametrize("text, outlet, source", [
    ("Seven civilians were killed on Sunday.", OUTLET, OUTLET),
    ("Seven civilians were killed on Sunday.", None, None),
    ("He said 14 people were killed.", None, None),
    ("The ministry put the toll at 20.", None, "The ministry"),
])
def test_outlet_without_speaker_and_null_without_outlet(text, outlet, source):
    [claim] = claims_of(text, outlet)
    assert claim.source == source
