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


# Lower-cased text without capitals after its full stops, as some news collections store it:
# the splitter finds no sentence end, so the whole paragraph would be one "sentence".
LOWER_CASE_REPORT = (
    "flooding hits river towns  officials count the cost. heavy rain fell for a third day across the "
    "northern valleys on tuesday  and the main road to the coast was closed by mud. the regional "
    "council said schools would stay shut until the weekend. in the market town of brenmoor  the "
    "river burst its banks before dawn and water reached the first floor of many homes. rescue teams "
    "used boats to reach families stranded on rooftops  and volunteers handed out blankets and food. "
    "the council said at least 14 people were killed and 40 were injured when a bridge collapsed "
    "under a bus. a spokeswoman for the fire service said crews had worked through the night  and "
    "that more rain was forecast. farmers in the lower valley said they had lost most of their "
    "winter crops  and some feared they would not be able to plant again this year. the government "
    "promised emergency funds  but opposition members said the money would come too late for many."
)


def test_lower_case_text_is_cut_into_sentences_that_stay_verbatim():
    assert len(LOWER_CASE_REPORT) > 600
    sentences = split(LOWER_CASE_REPORT)
    assert len(sentences) >= 9
    for sentence in sentences:
        assert len(sentence.text) <= 600
        assert LOWER_CASE_REPORT[sentence.start:sentence.start + len(sentence.text)] == sentence.text
    assert sentences[1].text == ("heavy rain fell for a third day across the northern valleys on tuesday  and "
                                 "the main road to the coast was closed by mud.")


def test_a_claim_in_lower_case_text_carries_its_own_sentence():
    found = claims_of(LOWER_CASE_REPORT)
    assert [(c.outcome, c.low, c.qualifier) for c in found] == [("killed", 14, "at_least"), ("injured", 40, "at_least")]
    for claim in found:
        assert claim.evidence == ("the council said at least 14 people were killed and 40 were injured when a "
                                  "bridge collapsed under a bus.")
        assert LOWER_CASE_REPORT[claim.start:claim.end] == claim.evidence
        assert claim.source == "the council"


def test_text_without_any_sentence_end_is_cut_at_clauses_then_words():
    clause = "the villagers said the gunmen came at night and burned the granary while the guards slept "
    text = (clause * 12 + "and at least 9 people were killed").strip()
    text = text.replace(" and ", " and  ", 3)  # a double space, where punctuation was stripped
    pieces = split(text)
    assert len(pieces) > 1
    for piece in pieces:
        assert 0 < len(piece.text) <= 600
        assert text[piece.start:piece.start + len(piece.text)] == piece.text
    # the pieces follow one another and lose no word
    assert " ".join(p.text for p in pieces).split() == text.split()
    [claim] = claims_of(text)
    assert (claim.low, len(claim.evidence) <= 600) == (9, True)
    assert text[claim.start:claim.end] == claim.evidence
    # a run of letters with no space at all is still cut at the limit
    blob = "x" * 1500
    assert [len(p.text) for p in split(blob)] == [600, 600, 300]


def test_ordinary_sentences_are_left_as_the_splitter_gives_them():
    text = ("Dr. Lind arrived at 5 p.m. on Monday, and the clinic had treated 30 people by then. "
            "The ministry said 12 were killed.")
    assert [s.text for s in split(text)] == [
        "Dr. Lind arrived at 5 p.m. on Monday, and the clinic had treated 30 people by then.",
        "The ministry said 12 were killed."]
