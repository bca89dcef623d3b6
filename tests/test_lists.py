"""Victim lists (../shared/spec/estimate.md): imported with their rows and hashes, linked into
persons by Splink, each person shown with why, and exported for scoring."""
import csv
import hashlib
from collections import defaultdict
from itertools import combinations

import pytest

from conftest import cli, jsonl, shared_path
from corroborate.estimate.lists import ListError
from victims import people, write_list


def test_a_list_is_stored_with_each_row_as_written_and_its_hash(tmp_path, fresh_store):
    path = tmp_path / "monitor.csv"
    path.write_text('id,name,died\nm1,"Muhammad Ahmad al-Hallak",2013-04-02\nm2,محمد خالد الزعبي,\n',
                    encoding="utf-8")
    stored, bad = fresh_store.import_list(path, "monitor", {"id": "record_id", "name": "full_name",
                                                            "died": "date_of_death"})
    assert stored == {"monitor": 2} and bad == []
    records = {r.record_id: r for r in _records(fresh_store)}
    assert records["m1"].original == 'm1,"Muhammad Ahmad al-Hallak",2013-04-02'
    assert records["m1"].sha256 == hashlib.sha256(records["m1"].original.encode()).hexdigest()
    assert records["m2"].full_name == "محمد خالد الزعبي"  # Arabic script kept as written
    assert records["m1"].date_of_death == "2013-04-02" and records["m2"].date_of_death is None
    assert [(row["name"], row["records"]) for row in fresh_store.lists()] == [("monitor", 2)]
    assert fresh_store.persons() == {} and fresh_store.linkage() is None  # nothing linked yet


def _records(store):
    from corroborate.store import lists

    with store.reading() as con:
        return lists.records(con)


def test_bad_rows_are_named_by_line_and_the_rest_go_in(tmp_path, db):
    path = tmp_path / "list.csv"
    path.write_text("record_id,given_name,family_name,age,date_of_death\n"
                    "1,Omar,Haddad,34,2012-05-01\n"
                    "2,,,40,2012-05-01\n"
                    "3,Samir,Shami,old,2012-05-01\n"
                    "4,Rami,Qassab,20,May 2012\n"
                    "1,Layla,Darwish,,\n"
                    "5,Nour,Khalil\n"
                    "6,Zainab,al-Masri,7,2012-06-02/2012-06-01\n"
                    "7,Hassan,al-Homsi,,2012-06-02/2012-06-09\n", encoding="utf-8")
    ran = cli("lists", "import", path, "--list", "hospital", "--db", db, check=False)
    assert ran.returncode == 1
    assert "hospital: 2 records" in ran.stdout
    for line, reason in [(3, "no name"), (4, "age 'old'"), (5, "'May 2012' is not YYYY-MM-DD"),
                         (6, "already in list"), (7, "different number of fields"), (8, "2012-06-02/2012-06-01")]:
        assert f"{path}:{line}: " in ran.stderr and reason in ran.stderr, (line, ran.stderr)


def test_a_list_without_a_name_column_is_refused_naming_the_file(tmp_path, db):
    path = tmp_path / "nameless.csv"
    path.write_text("record_id,age\n1,30\n", encoding="utf-8")
    ran = cli("lists", "import", path, "--list", "x", "--db", db, check=False)
    assert ran.returncode == 2 and str(path) in ran.stderr and "no name column" in ran.stderr
    ran = cli("lists", "import", path, "--list", "x", "--map", "age=nickname", "--db", db, check=False)
    assert ran.returncode == 2 and "--map 'age=nickname'" in ran.stderr
    with pytest.raises(ListError, match="give the list a name"):
        from corroborate.estimate.lists import read
        path.write_text("given_name\nOmar\n", encoding="utf-8")
        read(path, None, {})


def test_a_list_imported_again_replaces_itself_and_is_audited(tmp_path, fresh_store):
    path = tmp_path / "a.csv"
    path.write_text("given_name,family_name\nOmar,Haddad\nSamir,Shami\n", encoding="utf-8")
    fresh_store.import_list(path, "A")
    path.write_text("given_name,family_name\nOmar,Haddad\n", encoding="utf-8")
    fresh_store.import_list(path, "A")
    assert [(r["name"], r["records"]) for r in fresh_store.lists()] == [("A", 1)]
    entries = fresh_store.audit("list:A")
    assert [e["after"]["records"] for e in entries] == [2, 1]
    assert entries[1]["before"]["records"] == 2


@pytest.fixture(scope="module")
def three_lists(tmp_path_factory):
    """Three lists of 240 invented people, linked, in one store."""
    from corroborate import Store

    folder = tmp_path_factory.mktemp("lists")
    persons = people(240)
    truth = {}
    with Store(folder / "store.duckdb") as store:
        for style, (name, share) in enumerate([("A", 0.6), ("B", 0.5), ("C", 0.45)]):
            rows = write_list(folder / f"{name}.csv", persons, style, share, seed=style)
            truth.update({f"{name}:{r['record_id']}": r["truth"] for r in rows})
            assert store.import_list(folder / f"{name}.csv", name, country="SY")[1] == []
        summary = store.link()
    return folder / "store.duckdb", truth, summary


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    members = defaultdict(list)
    for record, group in groups.items():
        members[group].append(record)
    return {pair for records in members.values() for pair in combinations(sorted(records), 2)}


def test_linkage_finds_one_person_across_spellings_and_scripts(three_lists):
    db, truth, summary = three_lists
    persons = {r["list"] + ":" + r["record_id"]: r["person_id"]
               for r in jsonl(cli("export", "--what", "persons", "--format", "jsonl", "--db", db).stdout)}
    assert set(persons) == set(truth) and summary["records"] == len(truth)
    found, true = _pairs(persons), _pairs(truth)
    precision, recall = len(found & true) / len(found), len(found & true) / len(true)
    assert precision >= 0.95 and recall >= 0.85, (precision, recall)


def test_a_person_shows_its_records_and_why_they_were_joined(three_lists):
    db, truth, _ = three_lists
    rows = jsonl(cli("export", "--what", "persons", "--format", "jsonl", "--db", db).stdout)
    sizes = defaultdict(int)
    for r in rows:
        sizes[r["person_id"]] += 1
    person = max(sizes, key=lambda p: (sizes[p], p))
    shown = cli("person", person, "--db", db).stdout
    assert f"person {person}: {sizes[person]} records" in shown
    assert "match probability" in shown and "date_of_death" in shown
    import json
    found = json.loads(cli("person", person, "--format", "json", "--db", db).stdout)
    assert len(found["records"]) == sizes[person] and found["links"]
    assert all(set(k["agreement"]) == set(k["weights"]) for k in found["links"])


def test_namesakes_with_different_fathers_and_days_are_two_people(tmp_path, fresh_store):
    rows = [["record_id", "given_name", "father_name", "family_name", "date_of_death", "place_of_death"]]
    # enough people for the model to train on, two of them namesakes on both lists
    for i, p in enumerate(people(150, seed=3)):
        rows.append([f"r{i}", ["Omar", "Samir", "Rami", "Nour", "Layla"][i % 5], ["Ali", "Hasan", "Khaled"][i % 3],
                     ["Haddad", "Shami", "Qassab", "Darwish", "Khalil", "al-Masri"][i % 6], p["day"], "Homs"])
    rows += [["x1", "Muhammad", "Ahmad", "al-Ahmad", "2013-02-01", "Aleppo"],
             ["x2", "Muhammad", "Khaled", "al-Ahmad", "2014-09-17", "Daraa"]]
    for name, keep in (("A", rows), ("B", rows[:1] + [r for r in rows[1:] if not r[0].endswith("7")])):
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(keep)
        fresh_store.import_list(tmp_path / f"{name}.csv", name)
    fresh_store.link()
    persons = fresh_store.persons()
    assert persons["A:x1"] == persons["B:x1"] and persons["A:x2"] == persons["B:x2"]
    assert persons["A:x1"] != persons["A:x2"]


def test_two_records_no_rule_compared_are_scored_when_a_third_links_both(tmp_path, fresh_store):
    header = ["record_id", "given_name", "father_name", "family_name", "age", "date_of_death", "place_of_death"]
    rows = [[f"r{i}", ["Omar", "Samir", "Rami", "Nour", "Layla"][i % 5], ["Ali", "Hasan", "Khaled"][i % 3],
             ["Haddad", "Shami", "Qassab", "Darwish", "Khalil", "al-Masri"][i % 6], 20 + i % 40, p["day"], "Homs"]
            for i, p in enumerate(people(150, seed=3))]
    # one man on three lists: A's record shares the day with B's and the family and father's
    # names with C's, but B's and C's share nothing a blocking rule looks at
    shown = {"A": ["w", "Walid", "Khalil", "Shehadeh", 30, "2013-02-15", "Hama"],
             "B": ["w", "Walid", None, None, None, "2013-02-15", "Hama"],
             "C": ["w", "Walid", "Khalil", "Shehadeh", 30, None, None]}
    for name, own in shown.items():
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([header, *rows, own])
        fresh_store.import_list(tmp_path / f"{name}.csv", name)
    fresh_store.link(one_per_list=True)
    persons = fresh_store.persons()
    assert persons["A:w"] == persons["B:w"] == persons["C:w"]


def test_linking_with_no_lists_says_what_to_do(db):
    ran = cli("link", "--db", db, check=False)
    assert ran.returncode == 2 and "lists import" in ran.stderr
    ran = cli("export", "--what", "persons", "--format", "csv", "--db", db, check=False)
    assert ran.returncode == 2 and "no persons yet" in ran.stderr


def test_the_syrian_style_lists_link_as_the_benchmark_says(tmp_path):
    """The shared benchmark (true persons known): our linkage against the README's exact-name
    baseline (precision 0.40, recall 0.13). Figures: bench/linkage.py."""
    path = shared_path("data", "victim_lists", "syrian_style_3lists.csv")
    db = tmp_path / "store.duckdb"
    cli("lists", "import", path, "--country", "SY", "--db", db)
    cli("link", "--one-per-list", "--db", db)
    with path.open(encoding="utf-8") as f:
        truth = {f"{r['list']}:{r['record_id']}": r["true_person_id"] for r in csv.DictReader(f)}
    persons = {r["list"] + ":" + r["record_id"]: r["person_id"]
               for r in jsonl(cli("export", "--what", "persons", "--format", "jsonl", "--db", db).stdout)}
    found, true = _pairs(persons), _pairs(truth)
    precision, recall = len(found & true) / len(found), len(found & true) / len(true)
    assert precision >= 0.98 and recall >= 0.95, (precision, recall)  # bench/linkage.py: 0.982 / 0.955


def test_a_governorate_is_one_stratum_whichever_gazetteer_named_it(tmp_path):
    """OCHA calls it "Rural Damascus", GeoNames "Rif Dimashq Governorate": places of death in
    either are in one governorate, named once, so that strata and place agreement hold."""
    from corroborate import Store
    from corroborate.document import ListRecord
    from corroborate.estimate import link as linkage
    from corroborate.resolve.importers import read
    from test_ocha import OCHA_HEADER, RURAL, write_ocha

    village = ["C9101", "Kafr Zaytuna", "كفر زيتونة", "", 33.55, 36.45, *RURAL,
               "Rural Damascus", "ريف دمشق", "SY0300", "Rural Damascus", "مركز ريف دمشق", "SY030000",
               "community", "", "", "", ""]
    assert len(village) == len(OCHA_HEADER)
    ocha = write_ocha(tmp_path / "ocha.csv", [village])
    with Store(tmp_path / "store.duckdb") as store:
        store.import_places(ocha.name, str(ocha), read(ocha))
        records = [ListRecord("A", str(n), n + 2, "", "", given_name="Ali", place_of_death=place)
                   for n, place in enumerate(["Kafr Zaytuna", "Harasta", "Rif Dimashq"])]
        with store.gazetteer() as places:
            where = linkage.places_of(records, places, {"A": "SY"})
    assert where["Kafr Zaytuna"][0] == "ocha:C9101"
    assert {where[p][1:] for p in where} == {where["Harasta"][1:]} and len(where) == 3
    assert "Dimashq" in where["Kafr Zaytuna"][2]
