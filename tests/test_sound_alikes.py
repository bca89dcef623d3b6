"""Names that only sound like a place's: taken where names reach English through romanisations
that vary (Arabic, Cyrillic, the Indic scripts…), refused where a place goes by its own name as
it writes it (Latin script), and refused where they sound like several places far apart.
Sentences written for these tests; the built-in gazetteer only."""
import pytest

from corroborate.document import Text
from corroborate.resolve import Places
from corroborate.resolve.geocoder import Geocoder, romanised


def toponym(text: str, name: str, gazetteer):
    return Places(Text(text), gazetteer).toponym(name, 0, len(text))


@pytest.mark.parametrize("country, varies", [("SY", True), ("RU", True), ("IN", True), ("AF", True),
                                             ("US", False), ("FR", False), ("PH", False), ("CN", False)])
def test_whose_names_reach_english_through_romanisations_that_vary(country, varies):
    assert romanised(country) is varies


@pytest.mark.parametrize("text, name", [
    # a Syrian region the built-in gazetteer lacks, in a report about the United States too: not
    # the town in Mississippi whose Russian name ("Got'e") folds alike
    ("U.S. and Russian officials traded blame after the Syrian army shelled Ghouta.", "Ghouta"),
    # in the focus, but a Texan's own name is written as it is: Alkorne is not Elkhorn
    ("Officials in Texas said the Alkorne site was closed.", "Alkorne"),
])
def test_a_sound_alike_in_a_country_written_in_latin_script_is_refused(builtin, text, name):
    found = toponym(text, name, builtin).place
    assert found is None or found.country == "SY", found


def test_a_name_that_sounds_like_several_places_far_apart_names_none_of_them(builtin):
    # a river: in India, the name sounds alike towns a thousand kilometres apart
    assert toponym("Farmers in India rallied over the Cauvery waters.", "Cauvery", builtin).place is None


@pytest.mark.parametrize("text, name, place, country", [
    # romanised from Arabic script: a spelling no gazetteer lists, inside the focus
    ("Clashes were reported in Kafranbool, Syria, on Sunday.", "Kafranbool", "Kafranbel", "SY"),
    # a town's own name misspelt is still its own name
    ("Police in Texas searched Amarrilo overnight.", "Amarrilo", "Amarillo", "US"),
])
def test_a_sound_alike_inside_the_focus_is_kept_where_names_are_romanised(builtin, text, name, place, country):
    found = toponym(text, name, builtin).place
    assert (found.name, found.country) == (place, country)


@pytest.mark.parametrize("text, name, place", [
    # not the neighbourhood of Baltimore of that name
    ("Oil prices rose as fighting spread across the Middle East.", "Middle East", "Middle East"),
    ("Tension rose on the Korean Peninsula after the launch.", "Korean Peninsula", "Korean Peninsula"),
    # a body that is a union of countries, read as a toponym: its countries as a whole
    ("EU ministers met on Monday to agree on the sanctions.", "EU", "European Union"),
])
def test_a_part_of_the_world_of_several_countries_is_that_region_at_country_precision(builtin, text, name, place):
    found = toponym(text, name, builtin)
    assert (found.place.name, found.place.kind, found.precision) == (place, "macroregion", 6)


def test_a_union_of_countries_is_never_a_claim_s_place(builtin):
    text = "EU ministers met on Monday to agree on the sanctions."
    assert Places(Text(text), builtin).resolve("EU", 0, len(text)).place is None


def test_in_a_country_written_in_latin_script_a_name_folded_alike_is_another_place(builtin):
    """Folding meets transliterations ("Idleb", "Idlib"); in Latin script "Perris" is another
    town than "Paris", however alike they fold, and the smaller Paris of the focus is meant."""
    found = Geocoder(builtin, focus=("US",)).resolve("Paris").place
    assert found is not None and (found.name, found.country) == ("Paris", "US")
