"""Person names as keys (resolve.names): spellings of one name meet, across romanisations and
Arabic script; different names stay apart."""
import pytest

from corroborate.resolve.names import name_key, split_full

ONE_NAME = [
    ["Muhammad", "Mohammed", "Mouhammad", "Mhd", "M.", "محمد"],
    ["Abd al-Rahman", "Abdul Rahman", "Abdel Rahman", "Abdulrahman", "عبد الرحمن", "عبدالرحمن"],
    ["Abdullah", "Abdallah", "عبد الله", "عبدالله"],
    ["Nur al-Din", "Nureddin", "Nour Eddine", "نور الدين"],
    ["Hussein", "Husayn", "Houssein", "حسين"],
    ["Khaled", "Khalid", "خالد"],
    ["Youssef", "Yusuf", "يوسف"],
    # a final ta marbuta, written ة or ه, or -ah / -eh, or left out
    ["Hiba", "Hibah", "هبة", "هبه"],
    ["Fatima", "Fatmeh", "فاطمة", "فاطمه"],
]


@pytest.mark.parametrize("spellings", ONE_NAME, ids=lambda s: s[0])
def test_spellings_of_one_name_share_a_skeleton(spellings):
    assert len({name_key(s).skeleton for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [("Muhammad", "Mohammed"), ("Abdul Rahman", "Abd al-Rahman"),
                                  ("Mhd", "Mouhammad"), ("Abdallah", "Abdullah")])
def test_latin_spellings_of_one_name_fold_to_one_key(a, b):
    assert name_key(a).folded == name_key(b).folded


@pytest.mark.parametrize("spellings", [
    # the article before a name that begins with 'ayn, which Arabic script folds away
    ["Abdul Aziz", "Abdel Aziz", "Abd al-Aziz", "Abdulaziz", "عبدالعزيز", "عبد العزيز"],
    # and before a name that begins with h
    ["Abdul Hamid", "Abdelhamid", "Abd al-Hamid"],
    # and before Latif, whose own l runs into the article's (اللطيف)
    ["Abdul Lateef", "Abdellatif", "Abd al-Latif", "Abdullatif", "عبد اللطيف", "عبداللطيف"],
], ids=lambda s: s[0])
def test_a_compounds_article_goes_before_any_name(spellings):
    assert len({name_key(s).folded for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [("Ahmad", "Muhammad"), ("Hamid", "Muhammad"), ("Ali", "Alawi"),
                                  ("Abdul Aziz", "Abdul Hamid"), ("Abdul Azim", "Abdul Aziz"),
                                  ("Abdul Lateef", "Abdul Fattah"),
                                  ("Hassan", "Hussein"), ("Abd al-Rahman", "Abd al-Karim"), ("Omar", "Amer")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a).folded != name_key(b).folded


@pytest.mark.parametrize("a, b", [("Ahmad", "Muhammad"), ("Abd al-Rahman", "Abdullah"), ("Samir", "Sami")])
def test_different_names_keep_different_skeletons(a, b):
    assert name_key(a).skeleton != name_key(b).skeleton


@pytest.mark.parametrize("written", ["al-Hallak", "Alhallak", "AL-HALLAK", "el-Hallak", "Al Hallak"])
def test_a_family_names_article_goes_however_it_is_joined(written):
    assert name_key(written, family=True).folded == name_key("Hallak", family=True).folded


@pytest.mark.parametrize("a, b", [("Masalmeh", "المسالمة"), ("Masalmeh", "مسالمه"), ("Saleh", "صالح")])
def test_a_final_h_goes_alike_on_both_sides(a, b):
    assert name_key(a, family=True).skeleton == name_key(b, family=True).skeleton


def test_a_short_family_name_keeps_its_first_letters():
    # "Alloush" is not al- + "ush": too little would be left
    assert name_key("Alloush", family=True).folded.startswith("al")


def test_nothing_of_a_name_is_no_key():
    assert name_key("") is None and name_key(" - ") is None


@pytest.mark.parametrize("full, parts", [
    ("Muhammad Ahmad al-Hallak", ("Muhammad", "Ahmad", "al-Hallak")),
    ("Abd al-Rahman Khaled al Zoubi", ("Abd al-Rahman", "Khaled", "al Zoubi")),
    ("Ali Hassan", ("Ali", None, "Hassan")),
    ("محمد أحمد الحلاق", ("محمد", "أحمد", "الحلاق")),
    ("Nada", ("Nada", None, None)),
])
def test_a_full_name_splits_into_given_fathers_and_family(full, parts):
    assert split_full(full) == parts
