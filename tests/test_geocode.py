"""Geocoding place phrases: context, kind, precision, no wrong guesses; and claims in the pipeline."""
import pytest

from conftest import cli, jsonl, shared_path
from corroborate.resolve.dates import date_precision
from test_gazetteer import WOF_HEADER, write_wof


@pytest.fixture
def zed_db(tmp_path, db):
    cli("gazetteer", "import", write_wof(tmp_path), "--db", db)
    return db


def geocode(db, *lines, country="ZZ"):
    queries = "".join(line + "\n" for line in lines)
    return jsonl(cli("geocode", "--country", country, "--db", db, input=queries).stdout)


def test_one_answer_per_line_in_order_with_nulls_for_unknown_places(zed_db):
    out = geocode(zed_db, "Kafr Zoubeir village, North Vale Governorate", "Nowhere At All village", "",
                  "كفر زبير")
    assert [a["query"] for a in out] == ["Kafr Zoubeir village, North Vale Governorate", "Nowhere At All village",
                                         "", "كفر زبير"]
    assert out[0]["id"] == "wof:4" and (out[0]["latitude"], out[0]["longitude"]) == (11.1, 20.1)
    assert out[1]["latitude"] is None and out[1]["name"] is None and out[2]["latitude"] is None
    assert out[3]["id"] == "wof:4"


def test_the_governorate_named_picks_between_homonyms(zed_db):
    north, south = geocode(zed_db, "Kafr Zubayr, North Vale", "Kafr Zubayr, South Vale")
    assert north["id"] == "wof:4" and south["id"] == "wof:5"
    assert {c["id"] for c in north["candidates"]} >= {"wof:4"}


def test_a_place_the_context_contradicts_is_not_chosen(zed_db):
    # The only Tall Hamidiyah is in North Vale; "South Vale" rules it out: somewhere in South
    # Vale, at the governorate's precision, and the place itself is not found.
    out = geocode(zed_db, "Tell Hamidiyeh, South Vale Governorate")[0]
    assert (out["kind"], out["admin1"], out["precision"], out["found"]) == ("region", "South Vale", 4, False)


def test_precision_codes_follow_the_kind_of_place(zed_db):
    village, region, country, near, inside = geocode(
        zed_db, "Kafr Zubayr village, North Vale", "North Vale Governorate", "Zedland", "near Kafr Zubayr, North Vale",
        "Harat al-Jadida neighbourhood, Kafr Zubayr, North Vale")
    assert (village["precision"], region["precision"], country["precision"]) == (1, 4, 6)
    assert region["id"] == "wof:2"
    assert near["precision"] == 2 and near["id"] == "wof:4"
    # An unknown neighbourhood of a known town: the town, within about 25 km.
    assert inside["id"] == "wof:4" and inside["precision"] == 2


def test_strict_country_keeps_other_countries_out(zed_db):
    assert geocode(zed_db, "Kafr Zubayr", country="SY")[0]["latitude"] is None


@pytest.mark.parametrize("value, code", [("2025-03-07", 1), ("2025-03-06/2025-03-08", 2),
                                         ("2025-03-03/2025-03-09", 3), ("2025-02-01/2025-02-28", 4),
                                         ("2025-01-01/2025-03-31", 5), (None, None), ("soon", None)])
def test_date_precision_is_coded_like_ucdp(value, code):
    assert date_precision(value) == code


def test_the_seed_places_resolve_on_the_syrian_coast(db):
    wof = shared_path("data", "syria_gazetteer", "wof_syria_places.csv")
    cli("gazetteer", "import", wof, "--db", db)
    wanted = {  # name: (latitude, longitude) within 10 km
        "Baniyas": (35.15, 35.95), "Al-Qusour, Baniyas": (35.15, 35.95), "Latakia": (35.53, 35.79),
        "Tartous": (34.89, 35.89), "Jableh": (35.36, 35.93), "Al-Mukhtariya": (35.58, 35.94),
        "Al-Shilfatiyeh": (35.54, 35.90), "Al-Shilfatiya": (35.54, 35.90), "Safita": (34.82, 36.12)}
    out = geocode(db, *wanted, country="SY")
    from corroborate.resolve.geocoder import km
    for answer, (lat, lon) in zip(out, wanted.values(), strict=True):
        assert answer["latitude"] is not None, answer["query"]
        assert km(lat, lon, answer["latitude"], answer["longitude"]) < 10, answer
    assert out[1]["precision"] == 2 and out[0]["precision"] == 1


def test_claims_carry_coordinates_and_precision(tmp_path, zed_db):
    doc = tmp_path / "report.txt"
    doc.write_text("Gunmen killed 12 civilians in Kafr Zubayr on March 7, 2025, residents said.\n", encoding="utf-8")
    cli("ingest", doc, "--db", zed_db)
    claims = jsonl(cli("claims", "--db", zed_db, "--format", "jsonl").stdout)
    assert claims and claims[0]["place"] == "Kafr Zubayr"
    assert claims[0]["place_id"] in ("wof:4", "wof:5") and claims[0]["precision"] == 1
    assert claims[0]["date_precision"] == 1
    assert list(claims[0])[:15] == ["doc", "outcome", "low", "high", "qualifier", "victims", "victim_type",
                                    "perpetrator", "place", "date", "source", "status", "scope", "cause", "evidence"]


def test_english_qualifier_finds_the_arabic_name_it_translates(zed_db):
    western, plain = geocode(zed_db, "Western Ghariyeh, North Vale", "Ghariyeh al-Gharbiyeh village")
    assert western["id"] == plain["id"] == "wof:9"


def test_an_unknown_village_in_a_named_district_is_the_district_at_precision_3(zed_db):
    district, governorate = geocode(zed_db, "Nowhere Farm, Wadi Qamar district, North Vale",
                                    "Nowhere Farm, North Vale Governorate")
    assert district["id"] == "wof:8" and district["precision"] == 3
    # somewhere in the governorate, and no more: the village itself is not found
    assert (governorate["kind"], governorate["precision"], governorate["found"]) == ("region", 4, False)


def test_a_bare_name_a_governorate_shares_with_its_capital_is_the_capital(zed_db):
    capital, region = geocode(zed_db, "North Vale", "North Vale Governorate")
    assert capital["id"] == "wof:10" and capital["precision"] == 1
    assert region["id"] == "wof:2" and region["precision"] == 4


def test_a_dash_names_the_town_first_then_the_quarter_in_it(zed_db):
    out = geocode(zed_db, "Kafr Zubayr - Harat al-Jadida, North Vale")[0]
    assert out["id"] == "wof:4" and out["precision"] == 2


def test_a_site_named_after_a_village_is_placed_beside_it(zed_db):
    out = geocode(zed_db, "Kafr Zubayr Camp, North Vale")[0]
    assert out["id"] == "wof:4" and out["precision"] == 2


def test_governorate_aliases_and_country_abbreviations(tmp_path, db):
    from corroborate.resolve import gazetteer as gz
    from corroborate.resolve.geocoder import Geocoder

    geocoder = Geocoder(gz.for_store(None))
    assert geocoder.resolve("U.S.").place.country == "US"
    assert geocoder.resolve("UK").place.country == "GB"
    assert geocoder.resolve("Africa").place.kind == "continent"


@pytest.mark.parametrize("written, kind, governorate", [
    # an alias is a name as a whole: its "countryside" is not "near Damascus"
    ("Damascus Countryside", "region", "Rif Dimashq"),
    ("Damas Campagne", "region", "Rif Dimashq"),  # French, as victim lists write it
    ("Alep ville", "locality", "Aleppo"),  # French and Arabic words for a city
    ("مدينة حلب", "locality", "Aleppo"),
])
def test_governorates_and_cities_as_victim_lists_write_them(written, kind, governorate):
    from corroborate.resolve import gazetteer as gz
    from corroborate.resolve.geocoder import Geocoder

    place = Geocoder(gz.for_store(None), country="SY", strict=True).resolve(written).place
    assert place.kind == kind and governorate in (place.name if kind == "region" else place.admin1_name)


def test_a_qualified_village_the_gazetteer_lacks_is_beside_its_namesake(zed_db):
    eastern, sounding = geocode(zed_db, "Kafr Zubayr al-Sharqiyah, North Vale", "Kafr Zubar Sharqi, North Vale")
    assert eastern["id"] == "wof:4" and eastern["precision"] == 2
    # only the namesake as spelled stands in: no guesses, only the governorate named
    assert (sounding["kind"], sounding["precision"], sounding["found"]) == ("region", 4, False)


def test_an_unknown_quarter_of_a_governorate_capital_is_beside_the_capital(zed_db):
    quarter, village = geocode(zed_db, "Harat Nowhere neighbourhood, North Vale", "Nowhere village, North Vale")
    assert quarter["id"] == "wof:10" and quarter["precision"] == 2
    # a village may be anywhere in the governorate: the governorate, and no more
    assert (village["precision"], village["found"]) == (4, False)


# Another invented country, for the rules that tell homonyms and near-spellings apart.
YON_ROWS = [
    "20,Yonder,country,1,,,,,,1000,30.0,40.0,,,YY|Yonder,,,YY|Yonder,1",
    "21,West Yon,region,1,,,,,,500,30.0,40.0,West Yon,,West Yon,,,West Yon,1",
    # Its own name, and a variant spelling of it that its bigger neighbour's row also carries.
    "22,Dumayr,locality,1,,,,,,0,30.1,40.1,West Yon,,,,Dumeir,Dumayr,1",
    "23,Tall Dahab,locality,1,,,,,,100,30.6,40.6,West Yon,,,,Dumeir,Tall Dahab,1",
    # Known only with the first word reports leave out.
    "24,Tall Qubbah al Kabir,locality,1,,,,,,0,30.2,40.2,West Yon,,,,,Tall Qubbah al Kabir,1",
    # A Latin name unlike the one reports use, and the Arabic one, which writes no short vowels.
    "25,Jurn Aswad,locality,1,,,,,,0,30.3,40.3,West Yon,,,دربل,,Jurn Aswad,1",
]


@pytest.fixture
def yon_db(tmp_path, db):
    path = tmp_path / "wof_yon.csv"
    path.write_text("\n".join([WOF_HEADER, *YON_ROWS]) + "\n", encoding="utf-8")
    cli("gazetteer", "import", path, "--db", db)
    return db


def test_among_homonyms_the_place_that_goes_by_the_name_wins(yon_db):
    assert geocode(yon_db, "Dumeir, West Yon", country="YY")[0]["id"] == "wof:22"


def test_a_name_without_its_generic_first_word_is_found_in_the_context_named(yon_db):
    named, bare = geocode(yon_db, "Qubbah al-Kabir, West Yon", "Qubbah al-Kabir", country="YY")
    assert named["id"] == "wof:24" and named["precision"] == 1
    assert bare["latitude"] is None  # with no context to confine it, "Tall X" for "X" is a guess


def test_an_arabic_name_lacking_short_vowels_meets_the_vocalised_spelling(yon_db):
    assert geocode(yon_db, "Darbil village, West Yon", country="YY")[0]["id"] == "wof:25"


def test_words_after_the_site_word_describe_the_site(zed_db):
    out = geocode(zed_db, "Kafr Zubayr Camp and Depots, North Vale")[0]
    assert out["id"] == "wof:4" and out["precision"] == 2


def test_the_built_in_gazetteer_knows_provinces_and_country_centres():
    from corroborate.resolve import gazetteer as gz
    from corroborate.resolve.geocoder import Geocoder, km

    geocoder = Geocoder(gz.for_store(None))
    queensland = geocoder.resolve("Queensland").place
    assert (queensland.kind, queensland.country) == ("region", "AU") and queensland.latitude < -10
    latakia = geocoder.resolve("Latakia Governorate").place
    assert (latakia.kind, latakia.country, latakia.admin1) == ("region", "SY", geocoder.resolve("Latakia").place.admin1)
    assert geocoder.resolve("Latakia").place.kind == "locality", "the bare name is still the city"
    kenya = geocoder.resolve("Kenya").place
    # the middle of the country, not where its towns crowd in the south-west
    assert kenya.kind == "country" and km(kenya.latitude, kenya.longitude, 1.0, 38.0) < 100


def test_whole_names_with_a_kind_word_state_names_and_province_codes():
    from corroborate.resolve import gazetteer as gz
    from corroborate.resolve.geocoder import Geocoder

    geocoder = Geocoder(gz.for_store(None))
    assert geocoder.resolve("Mexico City").place.country == "MX", "not a town called Mexico"
    assert geocoder.resolve("Aleppo city").place.name == "Aleppo"
    # a small town that has the state's name only as a variant spelling is not its capital
    assert geocoder.resolve("Minnesota").place.kind == "region"
    assert (geocoder.resolve("NSW").place.country, geocoder.resolve("NSW").place.kind) == ("AU", "region")
    # countries as reports write them, whatever the gazetteer's own spelling
    for name, iso in (("Netherlands", "NL"), ("Cote d'Ivoire", "CI"), ("Democratic Republic of Congo", "CD")):
        assert geocoder.resolve(name).place.country == iso, name
