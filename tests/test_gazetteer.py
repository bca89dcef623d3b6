"""Importing gazetteers into the store: Who's On First CSV and GeoNames dumps, plain or zipped."""
import re
import zipfile

import duckdb
import pytest

from conftest import cli, jsonl
from corroborate.store.gazetteer import Place, build

WOF_HEADER = ("wof_id,name,placetype,is_current,geonameid,gn_name,gn_asciiname,gn_feature_code,gn_admin1_code,"
              "population,latitude,longitude,region,county,names_eng,names_ara,names_variant,names_all,n_name_langs")
# An invented country, so the built-in gazetteer has nothing to say about it.
WOF_ROWS = [
    "1,Zedland,country,1,,,,,,1000,10.0,20.0,,,ZZ|Zedland,,,ZZ|Zedland,1",
    "2,North Vale,region,1,,,,,,500,11.0,20.0,North Vale,,North Vale|North Vale Governorate,,,North Vale,1",
    "3,South Vale,region,1,,,,,,500,9.0,20.0,South Vale,,South Vale,,,South Vale,1",
    "4,Kafr Zubayr,locality,1,901,Kafr Zubayr,Kafr Zubayr,PPL,01,2000,11.1,20.1,North Vale,,,كفر زبير,"
    "Kafr Zoubeir|Kfar Zbeir,Kafr Zubayr|Kafr Zoubeir,2",
    "5,Kafr Zubayr,locality,1,902,Kafr Zubayr,Kafr Zubayr,PPL,02,300,9.1,20.1,South Vale,,,,,Kafr Zubayr,1",
    "6,Tall Hamidiyah,locality,0,903,Tall Hamidiyah,Tall Hamidiyah,PPLQ,01,0,11.3,20.3,North Vale,,,,"
    "Tell Hamidiyeh,Tall Hamidiyah,1",
    "7,Bad Row,locality,1,,,,,,,not-a-number,20.0,,,,,,,0",
    "8,Wadi Qamar,county,1,,,,,,,11.5,20.5,North Vale,Wadi Qamar,,,,Wadi Qamar,1",
    "9,Ghariyah al Gharbiyah,locality,1,904,Ghariyah al Gharbiyah,Ghariyah al Gharbiyah,PPL,01,0,11.6,20.6,"
    "North Vale,,,,,Ghariyah al Gharbiyah,1",
    "10,North Vale,locality,1,905,North Vale,North Vale,PPLA,01,9000,11.05,20.05,North Vale,,,,,North Vale,1",
    "11,Bir Sabi,locality,1,906,Bir Sabi,Bir Sabi,PPL,02,0,9.4,20.4,,,,,,Bir Sabi,1",
]


def write_wof(tmp_path):
    path = tmp_path / "wof_zedland.csv"
    path.write_text("\n".join([WOF_HEADER, *WOF_ROWS]) + "\n", encoding="utf-8")
    return path


def geonames_line(gid, name, alternates, lat, lon, fclass, fcode, admin1, population=0):
    return "\t".join([str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "ZZ", "", admin1,
                      "", "", "", str(population), "", "0", "Asia/Zed", "2024-01-01"])


GEONAMES_ROWS = [
    geonames_line(801, "East Vale", "East Vale Province", 12.0, 22.0, "A", "ADM1", "03"),
    geonames_line(802, "Mazraat Nur", "Mazra`at an Nur,Mazraat en Nour", 12.1, 22.1, "P", "PPL", "03", 800),
    geonames_line(803, "Jabal Zed", "Jebel Zed", 12.2, 22.2, "T", "MT", "03"),
]


def test_wof_csv_import_reports_a_bad_row_by_line_and_keeps_the_rest(tmp_path, db):
    result = cli("gazetteer", "import", write_wof(tmp_path), "--db", db)
    assert "10 places" in result.stderr
    assert "wof_zedland.csv:8" in result.stderr and "skipped" in result.stderr
    listed = cli("gazetteer", "list", "--db", db)
    assert "wof_zedland.csv" in listed.stdout and "built-in" in listed.stdout


def test_importing_again_replaces_rather_than_duplicates(tmp_path, db):
    path = write_wof(tmp_path)
    cli("gazetteer", "import", path, "--db", db)
    cli("gazetteer", "import", path, "--db", db)
    out = cli("geocode", "--country", "ZZ", "--db", db, input="Kafr Zubayr\n").stdout
    assert len(jsonl(out)[0]["candidates"]) == 2  # the two Kafr Zubayrs, once each


@pytest.mark.parametrize("zipped", [False, True])
def test_geonames_dump_plain_or_zipped(tmp_path, db, zipped):
    text = "\n".join([*GEONAMES_ROWS, "802\ttoo few columns"]) + "\n"
    path = tmp_path / "ZZ.txt"
    path.write_text(text, encoding="utf-8")
    if zipped:
        path = tmp_path / "ZZ.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("ZZ.txt", text)
            archive.writestr("readme.txt", "not data")
    result = cli("gazetteer", "import", path, "--db", db)
    assert "3 places" in result.stderr and "expected 19 tab-separated columns" in result.stderr
    out = jsonl(cli("geocode", "--country", "ZZ", "--db", db,
                        input="Mazraat an-Nour village, East Vale Province\nEast Vale\n").stdout)
    assert out[0]["id"] == "gn:802" and out[0]["admin1"] == "East Vale" and out[0]["precision"] == 1
    assert out[1]["id"] == "gn:801" and out[1]["precision"] == 4


def test_unknown_format_and_missing_file_are_clear_errors(tmp_path, db):
    odd = tmp_path / "places.xlsx"
    odd.write_bytes(b"PK")
    assert "unknown gazetteer format" in cli("gazetteer", "import", odd, "--db", db, check=False).stderr
    missing = cli("gazetteer", "import", tmp_path / "nope.csv", "--db", db, check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    not_wof = tmp_path / "other.csv"
    not_wof.write_text("a,b\n1,2\n", encoding="utf-8")
    refused = cli("gazetteer", "import", not_wof, "--db", db, check=False)
    assert refused.returncode != 0 and str(not_wof) in refused.stderr and "wof_id" in refused.stderr


def test_a_place_the_hierarchy_leaves_without_a_governorate_gets_one_from_its_geonames_code(tmp_path, db):
    # Bir Sabi has no region in the table, but GeoNames code 02, which South Vale's places carry.
    cli("gazetteer", "import", write_wof(tmp_path), "--db", db)
    south, north = jsonl(cli("geocode", "--country", "ZZ", "--db", db,
                                 input="Bir Sabi, South Vale\nBir Sabi, North Vale\n").stdout)
    assert south["id"] == "wof:11" and south["admin1"] == "South Vale"
    assert (north["kind"], north["admin1"], north["found"]) == ("region", "North Vale", False)


def test_the_built_in_gazetteer_is_built_once_into_the_cache(tmp_path):
    env = {"CORROBORATE_CACHE": str(tmp_path / "cache")}
    store = tmp_path / "empty.duckdb"
    assert "not built yet" in cli("gazetteer", "list", "--db", store, env=env).stdout
    built = cli("gazetteer", "build", env=env)
    places = int(re.search(r"([\d,]+) places", built.stderr).group(1).replace(",", ""))
    assert places > 200_000  # GeoNames towns of 500 people or more, provinces, countries
    assert len(list((tmp_path / "cache" / "corroborate").glob("*.duckdb"))) == 1
    assert f"{places:,}" in cli("gazetteer", "list", "--db", store, env=env).stdout


def test_names_folded_under_older_rules_are_folded_again_before_a_lookup(tmp_path, db):
    cli("gazetteer", "import", write_wof(tmp_path), "--db", db)
    with duckdb.connect(str(db)) as con:  # as a store imported under an earlier release's folding
        con.execute("UPDATE gazetteer_sources SET fold_version = 'old'")
        con.execute("UPDATE gazetteer_names SET key = 'stale ' || key")
    out = jsonl(cli("geocode", "--country", "ZZ", "--db", db, input="Kafr Zoubeir\n").stdout)
    assert out[0]["name"] == "Kafr Zubayr"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM gazetteer_names WHERE key LIKE 'stale %'").fetchone()[0] == 0
        assert {v for (v,) in con.execute("SELECT DISTINCT fold_version FROM gazetteer_sources").fetchall()} != {"old"}


def test_a_gazetteer_read_in_a_long_stream_keeps_only_its_latest_answers_and_answers_the_same(monkeypatch):
    """In a stream new names never stop coming: the answers kept are bounded, the least
    recently asked let go, and a name asked again after it was let go is read again, alike;
    reading names ahead, in one query, answers as asking one by one does."""
    from corroborate.fold import fold
    from corroborate.resolve.gazetteer import builtin
    from corroborate.store import gazetteer as places

    names = [fold(name) for name in ("Aleppo", "Homs", "Idlib", "Raqqa", "Daraa", "No Such Place Anywhere")]
    fresh = {key: places.Gazetteer([builtin()]).by_key([key]) for key in names}
    assert fresh[fold("Aleppo")] and not fresh[fold("No Such Place Anywhere")]
    monkeypatch.setattr(places, "ROWS_KEPT", 3)
    kept = places.Gazetteer([builtin()])
    for key in names + names[::-1]:
        assert kept.by_key([key]) == fresh[key]
        assert len(kept._rows) <= 3
    ahead = places.Gazetteer([builtin()])
    ahead.read_ahead(names)
    assert [ahead.by_key([key]) for key in names] == [fresh[key] for key in names]


def test_the_built_in_gazetteer_kept_beside_its_file_answers_as_its_queries_would(tmp_path):
    """The built-in gazetteer's rows are kept beside it and asked instead of it: by key, by
    sound key, one name or many at once, names it holds and names it does not, each answer the
    same rows in the same order as the query, whether the files were just made or read back;
    so are the names of a loose sound key, more than DuckDB reads through its index."""
    from corroborate.fold import fold, sound
    from corroborate.resolve.gazetteer import builtin
    from corroborate.store import gazetteer as places

    con = builtin()
    keys = [fold(name) for name in ("Aleppo", "Homs", "Ma'arrat al-Nu'man", "Zxqvw Nowhere", "Qqq", "Dayr Hafir")]
    keys += [key for (key,) in con.execute("SELECT key FROM gazetteer_names USING SAMPLE 150 ROWS").fetchall()]
    sounds = [sound(key) for key in keys[:30]] + ["zzzzzz", "q", "snk"]
    batches = [keys[i:i + size] for size in (1, 3, 40) for i in range(0, len(keys), size)]
    expected = ([places.Gazetteer([builtin()]).by_key(batch) for batch in batches],
                [places.Gazetteer([builtin()]).by_sound([s]) for s in sounds])
    assert all(expected[0][:3]) and not expected[0][3] and len(expected[1][-1]) > 2048  # all kinds are asked
    kept_at = tmp_path / "gazetteer.duckdb"  # stands for the built-in's file: the rows go beside it
    for _ in ("made", "read back"):
        held = places.Gazetteer([builtin()], kept_at=kept_at)
        assert ([held.by_key(batch) for batch in batches], [held.by_sound([s]) for s in sounds]) == expected
        assert held._held is not None and {p.name for p in tmp_path.iterdir()} == {
            f"gazetteer-held-{places.HELD_FORMAT}-{lookup}.arrow" for lookup in places.LOOKUPS}


def test_a_town_takes_the_name_of_its_province_not_of_a_district_that_shares_its_key(tmp_path):
    """Districts and boroughs keyed by their neighbours' towns share their province's admin1 key:
    the towns of the key are named after the first-level division (ADM1), never a borough; a key
    only boroughs share names none; a key one region holds is that region's."""
    places = [Place("r:1", "Ealing", "region", 51.5, -0.3, "GB", admin1="GB.ENG"),
              Place("r:2", "England", "region", 52.0, -1.0, "GB", admin1="GB.ENG", feature_code="ADM1"),
              Place("r:3", "Vale", "region", 51.4, -3.4, "GB", admin1="GB.WLS"),
              Place("r:4", "Conwy", "region", 53.1, -3.8, "GB", admin1="GB.WLS"),
              Place("r:5", "Homs Governorate", "region", 34.7, 37.0, "SY", admin1="SY.11"),
              Place("t:1", "Birmingham", "locality", 52.5, -1.9, "GB", admin1="GB.ENG"),
              Place("t:2", "Cardiff", "locality", 51.5, -3.2, "GB", admin1="GB.WLS"),
              Place("t:3", "Palmyra", "locality", 34.6, 38.3, "SY", admin1="SY.11")]
    build(tmp_path / "g.duckdb", "mine", "test", places)
    con = duckdb.connect(str(tmp_path / "g.duckdb"), read_only=True)
    named = dict(con.execute("SELECT name, admin1_name FROM gazetteer_places WHERE kind = 'locality'").fetchall())
    assert named == {"Birmingham": "England", "Cardiff": None, "Palmyra": "Homs Governorate"}


def test_the_kept_rows_are_made_while_a_result_of_the_gazetteer_is_still_read(tmp_path):
    """The first lookup of a fresh machine makes the kept files while the focus cues are still
    reading the gazetteer: making them must not need its connection free (it did: every
    document of the first ingest failed with DuckDB's "unfinished result")."""
    from corroborate.fold import fold
    from corroborate.resolve.gazetteer import builtin
    from corroborate.store import gazetteer as places

    con = builtin().cursor()
    reading = con.execute("SELECT key FROM gazetteer_names")
    assert reading.fetchone()  # and the rest not yet
    held = places.Gazetteer([con], kept_at=tmp_path / "gazetteer.duckdb")
    assert any(p.name == "Aleppo" for p in held.by_key([fold("Aleppo")]))
    con.close()
