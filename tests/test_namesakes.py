"""Namesakes and spellings across two gazetteers imported side by side (a Who's On First table
and an OCHA P-coded one, as for Syria): which of a governorate's namesakes a report means, twin
villages, tribal 'Albu' names, and natural regions no gazetteer of towns holds. An invented
country with invented places at rounded points, so the built-in gazetteer has nothing to say."""
import pytest

from conftest import cli, jsonl
from corroborate.fold import fold
from corroborate.resolve.geocoder import Geocoder
from test_gazetteer import WOF_HEADER
from test_ocha import write_ocha

WOF_ROWS = [
    "30,Qafland,country,1,,,,,,1000,20.0,30.0,,,QQ|Qafland,,,QQ|Qafland,1",
    "31,Marj,region,1,,,,,,500,20.0,30.0,Marj,,Marj,,,Marj,1",
    # Two namesakes: one the gazetteer also names in Arabic, one known only by old romanisations.
    "32,Al Kashishah,locality,1,,,,,,0,20.1,30.1,Marj,,,الكشيشة,,Al Kashishah|الكشيشة,2",
    "33,Kashishah,locality,1,,,,,,0,20.5,30.5,Marj,,,,Cachiche|Kachicha,Kashishah|Cachiche|Kachicha,1",
    # A name this gazetteer gives two villages far apart, and OCHA (below) one.
    "34,Bab Sahil,locality,1,,,,,,0,20.2,30.2,Marj,,,باب الساحل,,Bab Sahil|باب الساحل,2",
    "35,Bab Sahil,locality,1,,,,,,0,20.6,30.6,Marj,,,باب الساحل,,Bab Sahil|باب الساحل,2",
]
MARJ = ["Marj", "مرج", "QQ01", "Marj", "مركز مرج", "QQ0100", "Marj", "مركز مرج", "QQ010000"]
OCHA_ROWS = [
    ["C8001", "Bab Elsahil", "باب الساحل", "", 20.9, 30.9, *MARJ, "community", "", "", "", ""],
    # Twin villages, and no village of their shared name alone.
    ["C8002", "Upper Tarbush", "طربوش فوقاني", "", 20.3, 30.3, *MARJ, "community", "", "", "", ""],
    ["C8003", "Lower Tarbush", "طربوش تحتاني", "", 20.32, 30.33, *MARJ, "community", "", "", "", ""],
    # A tribe's village, written joined ("Albu" is "Al Bu", the family of).
    ["C8004", "Bukhalil", "البوخليل", "", 20.4, 30.4, *MARJ, "community", "", "", "", ""],
]


@pytest.fixture(scope="module")
def qaf_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qaf")
    db = tmp / "store.duckdb"
    wof = tmp / "wof_qaf.csv"
    wof.write_text("\n".join([WOF_HEADER, *WOF_ROWS]) + "\n", encoding="utf-8")
    cli("gazetteer", "import", wof, "--db", db)
    cli("gazetteer", "import", write_ocha(tmp / "ocha_qaf.csv", OCHA_ROWS), "--db", db)
    return db


def geocode(db, line):
    return jsonl(cli("geocode", "--country", "QQ", "--db", db, input=line + "\n").stdout)[0]


def test_of_namesakes_the_one_named_in_arabic_script_too_is_meant(qaf_db):
    assert geocode(qaf_db, "Kashishah, Marj")["id"] == "wof:32"


def test_a_name_one_gazetteer_gives_two_villages_says_less_than_one_it_gives_one(qaf_db):
    # OCHA writes the article joined ("Elsahil"): spaced otherwise, it is the village's own name
    assert geocode(qaf_db, "Bab Sahil, Marj")["id"] == "ocha:C8001"


@pytest.mark.parametrize("query", ["Tarboush, Marj", "Tarbush village, Marj"])
def test_a_name_twin_villages_share_is_beside_the_pair(qaf_db, query):
    out = geocode(qaf_db, query)
    assert out["id"] in ("ocha:C8002", "ocha:C8003")
    assert (out["precision"], out["found"]) == (2, False), "the place itself is not known: beside, not at"


def test_twins_are_looked_for_only_inside_a_named_context(qaf_db):
    assert geocode(qaf_db, "Tarboush")["latitude"] is None


def test_albu_is_the_article_and_bu_run_together(qaf_db):
    assert fold("Albu Kamal") == fold("Al Bu Kamal") == fold("Al-Bu Kamal")
    out = geocode(qaf_db, "Albu Khalil, Marj")
    assert out["id"] == "ocha:C8004" and out["precision"] == 1


@pytest.mark.parametrize("query", ["Jabal al-Zawiya, Idlib", "Jebel Zawiya", "Jabal Akrad, Latakia"])
def test_a_natural_region_is_a_feature_of_the_builtin_gazetteer(builtin, query):
    found = Geocoder(builtin, country="SY").resolve(query)
    assert (found.place.kind, found.place.country, found.precision) == ("feature", "SY", 2)
