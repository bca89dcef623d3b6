"""OCHA P-coded tables of populated places: imported through the real command, searched with the
other gazetteers, and told from Who's On First tables and GeoNames dumps by their columns."""
import csv

import duckdb
import pytest

from conftest import cli, jsonl, shared_path
from test_gazetteer import WOF_HEADER, WOF_ROWS, geonames_line

OCHA_HEADER = ["id", "name", "name_ar", "alt_names", "lat", "lon", "admin1", "admin1_ar", "admin1_pcode", "admin2",
               "admin2_ar", "admin2_pcode", "admin3", "admin3_ar", "admin3_pcode", "feature_type", "capital_level",
               "population", "source", "notes"]
IDLEB = ["Idleb", "إدلب", "SY07"]
ALEPPO = ["Aleppo", "حلب", "SY02"]
DEIR = ["Deir-ez-Zor", "دير الزور", "SY09"]
RURAL = ["Rural Damascus", "ريف دمشق", "SY03"]
ARIHA = ["Ariha", "أريحا", "SY0705", "Ariha", "مركز أريحا", "SY070500"]
SAMAN = ["Jebel Saman", "جبل سمعان", "SY0200", "Jebel Saman", "جبل سمعان", "SY020000"]
# Invented villages (and two real towns) at rounded points of our own.
OCHA_ROWS = [
    ["C9001", "Kafr Zanbaqa", "كفر زنبقة", "", 35.80, 36.60, *IDLEB, *ARIHA, "community", "", "", "", ""],
    ["C9002", "Ariha", "أريحا", "", 35.81, 36.61, *IDLEB, *ARIHA, "community", "2", "", "", ""],
    ["C9003", "Mazraat Burjuq", "مزرعة برجق", "", 35.70, 36.70, *IDLEB, *ARIHA, "community", "", "", "", ""],
    ["C9004", "Mazraat Burjuq", "مزرعة برجق", "", 36.30, 37.00, *ALEPPO, *SAMAN, "community", "", "", "", ""],
    ["C9005", "Aleppo", "حلب", "", 36.20, 37.15, *ALEPPO, *SAMAN, "community", "1", "", "", ""],
    ["C9006", "Tal Ghurab Ariha", "تل غراب أريحا", "", 35.85, 36.55, *IDLEB, *ARIHA, "community", "", "", "", ""],
    ["C9007", "Tal Ghurab Jebel Saman", "تل غراب جبل سمعان", "", 36.35, 37.05, *ALEPPO, *SAMAN,
     "community", "", "", "", ""],
    ["C9008", "Bab Elsunbur", "باب الصنبور", "", 36.25, 37.20, *ALEPPO, *SAMAN, "community", "", "", "", ""],
    ["C9009", "Khirbet Nawras - Ain Qatrun", "خربة نورس_عين قطرون", "Khirbet Nawras|Ain Qatrun", 36.10, 37.30,
     *ALEPPO, *SAMAN, "community", "", "", "", ""],
    ["C9010", "Hawijet Sabkha", "حويجة سبخة", "", 35.30, 40.10, *DEIR,
     "Deir-ez-Zor", "دير الزور", "SY0900", "Deir-ez-Zor", "مركز دير الزور", "SY090000", "community", "", "", "", ""],
    ["C9011", "Mazraat Burjuq", "مزرعة برجق", "", 33.60, 36.40, *RURAL,
     "Rural Damascus", "ريف دمشق", "SY0300", "Rural Damascus", "مركز ريف دمشق", "SY030000",
     "community", "", "", "", ""],
    ["C9012", "Dardur - Ariha", "دردور - أريحا", "Dardur|Ariha", 35.78, 36.58, *IDLEB, *ARIHA,
     "community", "", "", "", ""],
]


def write_ocha(path, rows=OCHA_ROWS):
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(OCHA_HEADER)
        out.writerows(rows)
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ocha")
    db = tmp / "store.duckdb"
    imported = cli("gazetteer", "import", write_ocha(tmp / "ocha_communities.csv"), "--db", db)
    # 12 communities, 4 governorates, 4 districts, 4 subdistricts
    assert "24 places" in imported.stderr and "0 rows skipped" in imported.stderr
    return db


def geocode(db, *queries: str) -> list[dict]:
    return jsonl(cli("geocode", "--country", "SY", "--db", db, input="".join(q + "\n" for q in queries)).stdout)


# (query, the place meant, precision): OCHA's spellings, its Arabic, and the spellings folding meets.
TABLE = [
    ("Kafr Zanbaqa", "ocha:C9001", 1),
    ("كفر زنبقة", "ocha:C9001", 1),                       # Arabic script, folded like Latin
    ("Kfar Zanbaqeh", "ocha:C9001", 1),                   # a Levantine spelling of the same name
    ("Mazraat Burjuq, Idleb", "ocha:C9003", 1),           # homonyms told apart by their governorate
    ("Mazraat Burjuq, Aleppo", "ocha:C9004", 1),
    ("Mazraat Burjuq, إدلب", "ocha:C9003", 1),            # the governorate in Arabic
    ("Mazraat Burjuq, Idlib Governorate", "ocha:C9003", 1),   # GeoNames' spelling of OCHA's Idleb
    ("Mazraat Burjuq, Rif Dimashq", "ocha:C9011", 1),     # OCHA's "Rural Damascus" by its other name
    ("Hawijet Sabkha, Dayr az Zawr", "ocha:C9010", 1),    # and "Deir-ez-Zor" as GeoNames spells it
    ("Ariha district", "ocha:SY0705", 3),                 # a district, at its seat
    ("Idleb Governorate", "ocha:SY07", 4),
    ("Tal Ghurab, Idleb", "ocha:C9006", 1),               # OCHA names homonyms with their district
    ("Tal Ghurab, Aleppo", "ocha:C9007", 1),
    ("Bab al-Sunbur", "ocha:C9008", 1),                   # OCHA joins the article: "Elsunbur"
    ("Ain Qatrun", "ocha:C9009", 1),                      # one part of a combined community
    ("عين قطرون", "ocha:C9009", 1),
    ("Dardur", "ocha:C9012", 1),
]


def test_ocha_places_resolve_by_their_names_and_governorates(store):
    answers = geocode(store, *(query for query, _, _ in TABLE))
    assert [(a["query"], a["id"], a["precision"]) for a in answers] == TABLE


def test_ocha_places_carry_their_p_codes_and_governorate(store):
    ariha, district = geocode(store, "Ariha", "Ariha district")
    assert ariha["id"] == "ocha:C9002" and ariha["admin1"] == "Idleb" and ariha["country"] == "SY"
    assert (district["latitude"], district["longitude"]) == (35.81, 36.61)  # a district lies at its seat
    con = duckdb.connect(str(store), read_only=True)
    places = {row[0]: row[1:] for row in con.execute(
        "SELECT place_id, kind, feature_code, admin1, admin2, latitude, longitude FROM gazetteer_places").fetchall()}
    con.close()
    assert places["ocha:C9005"][:4] == ("locality", "PPLA", "SY02", "SY0200")  # a governorate's capital
    assert places["ocha:C9002"][1] == "PPLA2" and places["ocha:C9001"][1] == "PPL"
    assert places["ocha:SY02"] == ("region", None, "SY02", None, 36.20, 37.15)  # at its capital
    assert places["ocha:SY070500"][:4] == ("county", None, "SY07", "SY0705")  # a subdistrict, in its district
    # a governorate whose capital the table lacks lies amid its communities
    assert places["ocha:SY07"][4:] == pytest.approx((35.788, 36.608))
    # "Dardur - Ariha" is the Dardur of Ariha district, not a village also called Ariha
    con = duckdb.connect(str(store), read_only=True)
    keys = {k for (k,) in con.execute("SELECT key FROM gazetteer_names WHERE place_id = 'ocha:C9012'").fetchall()}
    con.close()
    assert "dardur" in keys and "ariha" not in keys


def test_a_subdistrict_without_a_seat_lies_amid_its_communities(tmp_path, db):
    rows = [["C1", "Qarya Ula", "", "", 35.0, 40.0, *DEIR, "Deir-ez-Zor", "", "SY0900", "Sabkha Wusta", "", "SY090001",
             "community", "", "", "", ""],
            ["C2", "Qarya Thaniya", "", "", 35.2, 40.4, *DEIR, "Deir-ez-Zor", "", "SY0900", "Sabkha Wusta", "",
             "SY090001", "community", "", "", "", ""]]
    cli("gazetteer", "import", write_ocha(tmp_path / "ocha.csv", rows), "--db", db)
    [sub] = geocode(db, "Sabkha Wusta subdistrict")
    assert sub["id"] == "ocha:SY090001" and sub["precision"] == 3
    assert (round(sub["latitude"], 3), round(sub["longitude"], 3)) == (35.1, 40.2)


# --- telling formats apart by their columns ------------------------------------------------------

def test_an_ocha_table_is_recognised_by_its_columns_whatever_its_name(tmp_path, db):
    imported = cli("gazetteer", "import", write_ocha(tmp_path / "communities.dat"), "--db", db)
    assert "24 places" in imported.stderr
    assert geocode(db, "Kafr Zanbaqa")[0]["id"] == "ocha:C9001"


def test_a_who_s_on_first_table_is_recognised_by_its_columns(tmp_path, db):
    path = tmp_path / "zedland.txt"  # a .txt name would have been read as a GeoNames dump
    path.write_text("\n".join([WOF_HEADER, *WOF_ROWS]) + "\n", encoding="utf-8")
    imported = cli("gazetteer", "import", path, "--db", db)
    assert "10 places" in imported.stderr
    answer = jsonl(cli("geocode", "--country", "ZZ", "--db", db, input="Kafr Zubayr, South Vale\n").stdout)[0]
    assert answer["id"] == "wof:5"


def test_a_geonames_dump_is_recognised_by_its_nineteen_columns(tmp_path, db):
    path = tmp_path / "ZZ.csv"  # a .csv name would have been read as a Who's On First table
    path.write_text(geonames_line(802, "Mazraat Nur", "Mazraat en Nour", 12.1, 22.1, "P", "PPL", "03") + "\n",
                    encoding="utf-8")
    assert "1 places" in cli("gazetteer", "import", path, "--db", db).stderr
    answer = jsonl(cli("geocode", "--country", "ZZ", "--db", db, input="Mazraat en Nour\n").stdout)[0]
    assert answer["id"] == "gn:802"


def test_a_table_of_no_known_format_is_refused_naming_the_file_and_the_columns_expected(tmp_path, db):
    path = tmp_path / "casualties.csv"
    path.write_text("name,age,village\nA,30,Kafr Zanbaqa\n", encoding="utf-8")
    refused = cli("gazetteer", "import", path, "--db", db, check=False)
    assert refused.returncode == 2  # a usage error, as for a missing file
    message = " ".join(refused.stderr.split())
    assert str(path) in message and "admin1_pcode" in message and "wof_id" in message and "19 tab-separated" in message


# --- the real table -----------------------------------------------------------------------------

def test_the_ocha_syria_communities_table(tmp_path, db):
    path = shared_path("data", "syria_gazetteer", "ocha_syria_communities.csv")
    imported = cli("gazetteer", "import", path, "--db", db)
    assert "0 rows skipped" in imported.stderr
    con = duckdb.connect(str(db), read_only=True)
    kinds = dict(con.execute("SELECT kind, count(*) FROM gazetteer_places GROUP BY kind").fetchall())
    assert kinds["locality"] == 5251 and kinds["region"] == 14
    con.close()
    saraqib, tadmor, barabsho, shir = geocode(db, "Saraqeb, Idleb", "تدمر", "Barabsho, Latakia", "Al-Shir, Lattakia")
    assert (saraqib["name"], saraqib["admin1"]) == ("Saraqab", "Idleb")
    assert tadmor["name"] == "Tadmor" and tadmor["id"].startswith("ocha:C")
    assert barabsho["id"] == "ocha:C3492" and barabsho["precision"] == 1  # a village GeoNames lacks
    assert shir["id"] == "ocha:C3563"
