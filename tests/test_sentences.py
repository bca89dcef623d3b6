"""Sentence splitting finds syntok's sentences without running syntok where its rules leave no
choice (extract/sentences.py): every line here, written for these tests with the cases syntok
weighs, must give exactly the spans syntok gives."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from syntok import segmenter

from corroborate.extract.sentences import _one_sentence, _pieces, _sentence_spans


def syntok_spans(line: str) -> list[tuple[int, int]]:
    return [(tokens[0].offset, tokens[-1].offset + len(tokens[-1].value))
            for paragraph in segmenter.analyze(line) for tokens in paragraph]


LINES = [
    "Two soldiers were killed on Monday. Police said the road was closed. Nobody else was hurt.",
    "Gen. Harlow said the camp was shelled. Mr. Dunne said no. Then it rained.",
    "The bridge at St. Marten fell in 1999. It was rebuilt in World War II. The new one held.",
    "Harry S. Truman spoke. He left. I. Then he came back. Ok. A town waited.",
    "The U.S. Army said 3.5 tonnes were found. The U.N. said no. 5 was the count.",
    "They met on Jan. 5. Later on Mar. 3 they met again. In 2014. Police came.",
    "The agency (Relief Aid. Inc) said two died. The rest fled. More came (late).",
    "The agency (Relief Aid said two died. The rest fled. More came) late. Then nothing.",
    "He said (as agreed) that the town fell. The army (ARM) left. A (b) c. De fell.",
    "Witnesses said ( the town ) burned. Others said [it] did not. Then {quiet}. End.",
    "The count rose )) again. It fell ( then. Rose. Again ) twice. Done.",
    "The count ( rose )) again. Police came ) late. Done.",  # "))" is one token, no bracket
    "The count (rose .) again. Police came) late. Done.",  # ".)" too
    '"We will not leave," he said. "Never." She agreed. The end."',
    "He asked why? Nobody knew! It was late... The rest slept. Really?! Yes.",
    'The chief said "we are leaving." The army stayed. "Why?" Nobody said. He shouted "Now!" All ran.',
    "They came from St.\u201d Then Mr.\u2019 The end. Was it II?\" Yes. Or I!\u201d No.",
    "Was it safe?' Yes. It was 2014.\" Police came. Really?) No.",
    'He said. "They came." Then. \u201cWho?\u201d he asked. \u2018Us.\u2019 \'Them.\' Gen. "No." End. "',
    'He said. "they came." Then. " Who? ( Us. ) Then. (Them.) End. "( No',
    "One fell; two ran. Three hid: four stayed. Five left.",
    "The camp \u3002 fell. Nobody knew\uff01 Then quiet. Done\u203c",
    "  Leading spaces here. Then a sentence.",
    "Trailing spaces here. Then a sentence.   ",
    "\u200bA zero width space. Then more.\u200b",
    "\tA tab first. Then more.",
    "lower case start. and lower case after. Then Upper.",
    "A word.Then no space. Two  spaces. Then one.",
    "The McCain. Then the Assad's. Then al-Assad. The end.",
    "No. Not at all. NO. Never. no. The end.",
    "He wrote the Vol. 3 of it. Then Fig. A showed it. Fine.",
    "The village of Tell Abyad was shelled.",
    "A headline without an end",
    "Ends with a quote.\u201d",
    "Ends with two stops.. Then more.",
    "It happened (see above). Then (again.) more. Done.",
    "Brackets \u3010odd\u3011 here. And \u2985more\u2986 there. Done.",
    "The town (pop. 5,000) lies north. It was hit. (The army denied it.) Nobody came.",
    "A line broken in mid-sentence\nwith its break. Then More.",
    "It was 2014. Police came. The count was 14. Jan Smith said so. On 4. May it rained.",
    "In the 1950s. Classes ended on the 20th. They left the non-criminals. Then COVID-19. The end.",
    "They can't. He won't! The 3.5. Then the U.S. Army came. So did Smith's. Al-Qaeda's? Yes.",
    "Rates rose 1,000. Then 2010-2011. The McDonald. Then iPhone. Then naïve. Él murió. Fin.",
    "A tab\tword. Then\u200bword. Then\u00a0spaced. The end.",
    "They met at 7 p.m. The rest left. At 8 p.m. Sunday Capt. Dunne came, and Capt. The end.",
    "Then o. Williams came. Then D. Williams came. Then p. Dunne came. Then e. Dunne. Then IV. Dunne. Then A. The.",
    "It rained. then it stopped! and then? nothing; Then Louisville, Ky., and Conn.: all wet.",
]


@pytest.mark.parametrize("line", LINES)
def test_the_sentences_are_syntoks(line):
    assert _sentence_spans(line) == syntok_spans(line)


def test_a_stop_after_a_word_before_a_capital_is_a_cut():
    line = 'Two soldiers were killed on Monday. Police said "it was closed." Was it? Nobody knew!\u201d Then.'
    assert [line[a:b] for a, b in _pieces(line)] == [
        "Two soldiers were killed on Monday.", ' Police said "it was closed."', " Was it?", " Nobody knew!\u201d",
        " Then."]


@pytest.mark.parametrize("line", [
    "Gen. Harlow came.",  # an abbreviation
    "World War II. The end.",  # a roman numeral
    "Harry S. Truman came.",  # a single letter
    "The agency (Relief Aid said two died. The rest fled) late.",  # inside brackets syntok may skip
    "The count was 14. Jan Smith said so.",  # a number before a month's abbreviation ("4. Jan")
    "He came from the U.S. Then more.",  # a stop inside the token ("U.S")
    "He said.\u201d then more.",  # lower case after it
    "He said.) Then more.",  # a bracket after it
])
def test_no_cut_where_syntok_weighs_more(line):
    assert _pieces(line) == [(0, len(line))]


@pytest.mark.parametrize("piece, one", [
    ("Police said the road was closed.", True),
    ('"We will not leave."', True),
    ("He said (later) no.", False),  # an opening bracket
    ("The U.S. said no.", True),  # a lower-case word after the stop
    ("The U.S. The end.", False),  # a word that starts sentences after it
    ("Capt. Steve Dunne and Sheila D. Williams came at 7 p.m. Sunday.", True),  # none starts sentences
    ("Then I. Williams came.", True),  # a single capital
    ("Then o. Williams came.", False),  # a single vowel
    ("It was 5. Williams came.", False),  # a number: syntok weighs what follows it
    ("One fell; two ran.", True),
    ("They came from Louisville, Ky., New Haven, Conn.: Sioux City.", True),
    ("One fell; Two ran.", False),
    (" Police came.", False),  # a space at its start
    ("Police came. ", False),  # a space at its end
])
def test_one_sentence(piece, one):
    assert _one_sentence(piece) is one


# Words and marks whose stops syntok weighs, joined at random: lines no list above foresaw.
WEIGHED = ["the", "The", "Police", "said", "came", "Williams", "Sunday", "It", "But", "However", "A", "a", "I", "II",
           "IV", "iv", "D", "p", "o", "O", "X", "s", "2014", "14", "4", "Jan", "May", "Mayor", "U.S", "p.m", "3.5",
           "1,000", "1950s", "20th", "non-criminals", "COVID-19", "can't", "Smith's", "Gen", "Mr", "Capt", "St", "No",
           "no", "(Reuters)", "(", ")", "[sic]", "[", "]", "{x}", "\"", "“", "”", "'", "’", "--", "-", "...",
           "said.Then", "gannett.com", "x.Y", "Él", "McCain", "iPhone", "al-Assad", "7:35", "$2.4", "١٢"]
MARKS = ["", "", "", "", "", "", "", "", "", ".", ".", "?", "!", ";", ",", ":", ".\"", ".”", ".)", ".'", ".,", ".:",
         "?,"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WEIGHED), st.sampled_from(MARKS), st.sampled_from([" ", " ", "  ", ""])),
                min_size=1, max_size=24))
def test_random_lines_are_split_as_syntok_splits_them(words):
    line = "".join(word + mark + space for word, mark, space in words)
    assert _sentence_spans(line) == syntok_spans(line)
