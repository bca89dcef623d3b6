"""The linkage model's rules (estimate/link.py, link.toml), one by one: which level of agreement a
pair of invented records reaches on a field, as the model's own SQL says in DuckDB; what counts as
evidence besides names; and how persons are made from links when no list holds anyone twice."""
import math

import duckdb
import pytest

from corroborate.document import Link, ListRecord
from corroborate.estimate import link


def record(given, family=None, father=None, place=None, where=None):
    """A record as the model compares it (`where`: how its place resolved)."""
    found = ListRecord("L", given, 1, "", "", given_name=given, family_name=family, father_name=father,
                       place_of_death=place)
    return link.prepare(found, {place: where} if place and where else {})


def level(field, left, right):
    """The label of the first level of `field`'s comparison the two records reach."""
    comparison = next(c.get_comparison("duckdb") for c in link._model().comparisons
                      if c.create_output_column_name() == field)
    values = {f"{k}_l": v for k, v in left.items()} | {f"{k}_r": v for k, v in right.items()}
    columns = ", ".join(f'${i + 1} AS "{name}"' for i, name in enumerate(values))
    with duckdb.connect() as con:
        for lv in comparison.comparison_levels:
            if lv.sql_condition.strip().upper() == "ELSE":
                return "else"
            if con.execute(f"SELECT {lv.sql_condition} FROM (SELECT {columns})", list(values.values())).fetchone()[0]:
                return "null" if lv.is_null_level else lv.label_for_charts
    return "else"


@pytest.mark.parametrize("left, right, expected", [
    # a slip of the keyboard that folding makes two letters apart ("sayd" / "skid")
    (("Saeed", "Hallak"), ("Sqeed", "Hallak"), "one typo"),
    # Arabic letters that differ only by their dots (ج for ح)
    (("Muhammad",), ("مجمد",), "one typo across scripts"),
    # w and y are consonants in Latin and long vowels in Arabic script: Wael meets وائل
    (("Wael",), ("وائل",), "across scripts"),
    # given and family names swapped, both ways or into an empty family name, across spellings
    (("Hallak", "Omar"), ("Omar", "Hallak"), link.SWAPPED),
    (("Raid",), ("Hamad", "Raed"), link.SWAPPED),
    (("Samir", "Haddad"), ("Haddad", "Samir"), link.SWAPPED),
    # different people stay apart
    (("Saeed", "Hallak"), ("Samir", "Hallak"), "else"),
    (("Ahmad",), ("أسامة",), "else"),
])
def test_a_given_name_agrees_at_its_level(left, right, expected):
    assert level("given", record(*left), record(*right)) == expected


def test_a_place_the_gazetteer_does_not_know_is_neither_agreement_nor_disagreement():
    known = ("gn:1", "halab", "Aleppo")
    quarter = record("Omar", place="Bustan al-Qasr")  # not in the gazetteer
    town = record("Omar", place="Aleppo", where=known)
    elsewhere = record("Omar", place="Homs", where=("gn:2", "hms", "Homs"))
    assert level("place", quarter, town) == link.UNKNOWN_PLACE
    assert level("place", town, elsewhere) == "else"
    names_only = Link("A:1", "B:1", 5.0, 0.9, {
        "given": "Exact match on given", "father": "null", "family": "Exact match on family",
        "date_of_death": "null", "age": "null", "sex": "Exact match on sex", "place": link.UNKNOWN_PLACE}, {})
    assert not link.is_link(names_only)  # an unknown place is not evidence besides the names
    assert link.is_link(Link(**{**names_only.__dict__, "agreement": {
        **names_only.agreement, "place": "Exact match on admin1"}}))


AGREE = {"given": "Exact match on given", "father": "null", "family": "Exact match on family",
         "date_of_death": "Exact match on date_of_death", "age": "null", "sex": "null", "place": "null"}
NAMES_ONLY = {**AGREE, "date_of_death": "null"}


def _link(left, right, probability, agreement=AGREE):
    """A scored pair: by default a link on names and the day (its weight is its log-odds)."""
    return Link(left, right, math.log2(probability / (1 - probability)), probability, agreement, {})


def test_with_one_record_per_list_a_chain_of_links_does_not_make_one_person():
    # a father (A:1) and his son (C:1), each very like the son's brother (B:1), never scored alike
    links = [_link("A:1", "B:1", 0.9), _link("B:1", "C:1", 0.8)]
    uids = ["A:1", "B:1", "C:1"]
    persons = link.persons(uids, links, 0.5, one_per_list=True)
    assert persons["A:1"] == persons["B:1"] != persons["C:1"]
    # connected components, when lists may hold someone twice, still join all three
    assert len(set(link.persons(uids, links, 0.5).values())) == 1
    # a link between the two ends, however weak, is enough for the stronger ones to join them
    persons = link.persons(uids, [*links, _link("A:1", "C:1", 0.01)], 0.5, one_per_list=True)
    assert len(set(persons.values())) == 1


def test_with_one_record_per_list_a_record_goes_to_its_best_match():
    links = [_link("A:1", "B:1", 0.6), _link("A:2", "B:1", 0.95), _link("A:1", "A:2", 0.7)]
    persons = link.persons(["A:1", "A:2", "B:1"], links, 0.5, one_per_list=True)
    assert persons["A:2"] == persons["B:1"] != persons["A:1"]


def test_with_one_record_per_list_the_pairing_weighs_most_in_all():
    # A:1 is a little likelier B:1 than A:2 is, but A:2 has no one else: greedily A:1 would take
    # B:1 and leave A:2 alone and B:2 alone; the best pairing links both
    links = [_link("A:1", "B:1", 0.95), _link("A:2", "B:1", 0.9), _link("A:1", "B:2", 0.8)]
    persons = link.persons(["A:1", "A:2", "B:1", "B:2"], links, 0.5, one_per_list=True)
    assert persons["A:1"] == persons["B:2"] != persons["A:2"] == persons["B:1"]


def test_names_alone_do_not_link_but_do_not_keep_a_person_apart():
    uids = ["A:1", "B:1", "C:1"]
    # A:1 and B:1 share a name and nothing else is known: not a link
    names_only = [_link("A:1", "B:1", 0.9, NAMES_ONLY)]
    assert len(set(link.persons(uids, names_only, 0.5, one_per_list=True).values())) == 3
    # C:1 links to each on names and the day; the names-only pair between them (their other
    # fields missing, not different) does not keep the three apart
    links = [*names_only, _link("A:1", "C:1", 0.9), _link("B:1", "C:1", 0.8)]
    assert len(set(link.persons(uids, links, 0.5, one_per_list=True).values())) == 1
    # names alike but a different day, or the same day and different given names (a father and
    # his son): two people, whatever links the others
    differ = "All other comparisons"
    for apart in ({**NAMES_ONLY, "date_of_death": differ}, {**AGREE, "given": differ}):
        links = [_link("A:1", "B:1", 0.9, apart), _link("A:1", "C:1", 0.9), _link("B:1", "C:1", 0.8)]
        persons = link.persons(uids, links, 0.5, one_per_list=True)
        assert persons["A:1"] == persons["C:1"] != persons["B:1"]


@pytest.mark.parametrize("rule, left, right, scored", [
    # an age one list guessed a year or two off, a date a day off: still scored
    (["given_skeleton", "age"], ("Munir", 22, None), ("منير", 23, None), True),
    (["given_skeleton", "date_of_death"], ("Yussef", None, "2013-10-16"), ("Yusuf", None, "2013-10-15"),
     True),
    # further apart: not by this rule
    (["given_skeleton", "age"], ("Munir", 22, None), ("Munir", 30, None), False),
    (["given_skeleton", "date_of_death"], ("Yussef", None, "2013-10-16"), ("Yusuf", None, "2013-10-20"),
     False),
    (["given_skeleton", "age"], ("Munir", 22, None), ("Samir", 22, None), False),
])
def test_a_blocking_rule_takes_ages_and_dates_as_near(rule, left, right, scored):
    def row(given, age, date):
        found = ListRecord("L", given, 1, "", "", given_name=given, age=age, date_of_death=date)
        return link.prepare(found, {})
    columns = sorted(set(link.settings()["blocking"]["near"]) | set(rule))
    with duckdb.connect() as con:
        for name, values in (("l", row(*left)), ("r", row(*right))):
            selected = ", ".join(f'${i + 1} AS "{c}"' for i, c in enumerate(columns))
            con.execute(f"CREATE TABLE {name} AS SELECT {selected}", [values[c] for c in columns])
        assert con.execute(f"SELECT count(*) FROM l, r WHERE {link._blocking(rule)}").fetchone()[0] == int(scored)
