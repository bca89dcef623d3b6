"""What a document says holds a place it names ("X in the city of Y", "Dublin, Ohio"): the
first telling that fits, wherever the place is named first."""
import pytest

from corroborate.resolve import in_province, within

WITHIN = [
    ("Shelling hit Kafr Nabl in the town of Maarat overnight.", "Kafr Nabl", "Maarat"),
    # the first mention says nothing of what holds it: the second does
    ("Kafr Nabl was quiet. Later, Kafr Nabl in the city of Idlib came under fire.", "Kafr Nabl", "Idlib"),
    ("Al-Zahra neighbourhood of Homs was shelled.", "Al-Zahra", "Homs"),
    # a place written with signs a pattern would read as its own (a full stop, brackets)
    ("St. Mary (north) in the city of Dover flooded.", "St. Mary (north)", "Dover"),
    ("St. Maryx in the city of Dover flooded.", "St. Mary", None),
    ("Nothing holds Kafr Nabl here.", "Kafr Nabl", None),
    ("Kafr Nabl", "Kafr Nabl", None),
]


@pytest.mark.parametrize(("text", "place", "expected"), WITHIN)
def test_within(text, place, expected):
    assert within(text, place) == expected


PROVINCE = [
    ("A gunman opened fire in Dublin, Ohio, on Sunday.", "Dublin", "Ohio"),
    ("Charleston, W. Va. police said two died.", "Charleston", "W. Va."),
    ("Dublin was named first; then Dublin, Ohio was named.", "Dublin", "Ohio"),
    ("Dublin, and then nothing.", "Dublin", None),
]


@pytest.mark.parametrize(("text", "place", "expected"), PROVINCE)
def test_in_province(text, place, expected):
    assert in_province(text, place) == expected
