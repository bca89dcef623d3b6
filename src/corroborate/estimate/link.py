"""Linkage: the records of victim lists joined into persons (../shared/spec/estimate.md,
"Linkage"). Splink scores pairs with a Fellegi–Sunter model it trains without labels (EM);
names meet through the name keys places share (resolve.names); a pair is a link when its
match probability passes the threshold and it agrees on more than names. Persons are the
connected components of the links, as Splink clusters them (or, when no list holds anyone
twice, the best pairing of each two lists' records, in groups whose every two records may be
one person), made here from the stored pairs so that the estimate can be redone at any
threshold without linking again."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.document import Link, ListRecord
from corroborate.estimate.lists import days
from corroborate.fold import fold, in_arabic, sound
from corroborate.resolve.names import NameKey, name_key, split_full
from corroborate.rules import load

NAME_FIELDS = ("given", "father", "family")
# Vowels, and the letters Arabic script also writes as long vowels (و/ي: Wael and وائل, folded
# "uayl"), so that a name's consonants are the same in both scripts.
VOWELS = re.compile(r"[aeiouwy]")
LETTERS = re.compile(r"[^\W\d_]+")
COMPARED = NAME_FIELDS + ("date_of_death", "age", "sex", "place")
UNKNOWN_PLACE = "one place unknown"  # a level that neither agrees nor disagrees
SWAPPED = "given and family names swapped"


@cache
def settings() -> dict:
    return load(Path(__file__).with_name("link.toml"))


def uid(record: ListRecord) -> str:
    return f"{record.list}:{record.record_id}"


def _key(name: str | None, family: bool = False) -> tuple[str | None, str | None, str | None, bool | None, str | None]:
    """A name's folded key, its consonants as written (Arabic script writes no short vowels, so
    this is where it meets a Latin spelling), its skeleton, whether it is in Arabic script, and
    its letters as written (lower case), where a slip of the keyboard is still one letter: folding
    can make it two (Saeed / Sqeed fold to "sayd" / "skid")."""
    found: NameKey | None = name_key(name, family) if name else None
    if found is None or not name:
        return None, None, None, None, None
    return (found.folded, VOWELS.sub("", found.folded) or found.folded, found.skeleton, in_arabic(name),
            "".join(LETTERS.findall(name.lower())))


def prepare(record: ListRecord, places: dict[str, tuple]) -> dict:
    """The row Splink compares: name keys, the date, the age, and where the place resolved
    (its gazetteer id and governorate; its folded name when the gazetteer does not know it)."""
    given, father, family = record.given_name, record.father_name, record.family_name
    if record.full_name and not (given or family):
        given, father, family = split_full(record.full_name)
    row: dict = {"unique_id": uid(record), "list": record.list}
    for field, value in (("given", given), ("father", father), ("family", family)):
        (row[field], row[f"{field}_consonants"], row[f"{field}_skeleton"],
         row[f"{field}_arabic"], row[f"{field}_written"]) = _key(value, family=field == "family")
    _, row["year"], row["sex"] = strata(record, places)
    row["date_of_death"] = next(iter(days(record.date_of_death)), None)
    row["age"] = record.age
    place_id, admin1, _ = places.get(record.place_of_death or "", (None, None, None))
    # a place no gazetteer knows is compared by its consonants: Mouadamiyeh / Muadamiya
    row["place_id"] = place_id or _key(record.place_of_death)[2]
    row["admin1"] = admin1
    return row


def _names(field: str, alike: list[float]):
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    common: dict[str, Any] = {"tf_adjustment_column": field}  # a common name agreeing says less than a rare one
    swapped = settings()["blocking"]["swapped"]
    # EM, blocked on names, never sees a swapped pair (its given or family names differ): its m is set
    reversed_ = [cll.CustomLevel(_swap_sql(*swapped), label_for_charts=SWAPPED)
                 .configure(m_probability=settings()["names"]["swapped_m"], fix_m_probability=True)] \
        if field in swapped else []
    return cl.CustomComparison(
        output_column_name=field,
        comparison_levels=[
            cll.NullLevel(field), cll.ExactMatchLevel(field).configure(**common), *reversed_,
            # one written in Arabic script and one in Latin: their consonants are all that can agree
            cll.CustomLevel(f'"{field}_consonants_l" = "{field}_consonants_r" '
                            f'AND "{field}_arabic_l" <> "{field}_arabic_r"', label_for_charts="across scripts")
            .configure(**common),
            *[cll.JaroWinklerLevel(field, t).configure(**common) for t in alike],
            # one slip of the keyboard in a name long enough to survive it: Saeed / Sqeed, or in
            # Arabic script a letter that differs by its dots (محمد / مجمد) or is left out
            cll.CustomLevel(f'(damerau_levenshtein("{field}_l", "{field}_r") <= 1 '
                            f'OR damerau_levenshtein("{field}_written_l", "{field}_written_r") <= 1) '
                            f'AND length("{field}_l") >= 4', label_for_charts="one typo"),
            cll.CustomLevel(f'damerau_levenshtein("{field}_consonants_l", "{field}_consonants_r") <= 1 '
                            f'AND "{field}_arabic_l" <> "{field}_arabic_r" '
                            f'AND least(length("{field}_consonants_l"), length("{field}_consonants_r")) >= 3',
                            label_for_charts="one typo across scripts"),
            # a one-consonant skeleton (Ali, Leila: "l") says too little to count
            cll.CustomLevel(f'"{field}_skeleton_l" = "{field}_skeleton_r" AND length("{field}_skeleton_l") >= 2',
                            label_for_charts="skeleton"),
            cll.ElseLevel()])


def _model():
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    conf = settings()
    date_levels = [cll.AbsoluteDateDifferenceLevel("date_of_death", input_is_string=False, threshold=d, metric="day")
                   for d in conf["dates"]["days"]]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            *[_names(f, conf["names"]["alike"]) for f in NAME_FIELDS],
            cl.CustomComparison(output_column_name="date_of_death", comparison_levels=[
                cll.NullLevel("date_of_death"),
                # a day on which many died (a massacre) says less about who is who than a quiet one
                cll.ExactMatchLevel("date_of_death").configure(tf_adjustment_column="date_of_death"),
                *date_levels, cll.ElseLevel()]),
            cl.CustomComparison(output_column_name="age", comparison_levels=[
                cll.NullLevel("age"), cll.ExactMatchLevel("age"),
                *[cll.AbsoluteDifferenceLevel("age", y) for y in conf["ages"]["years"]], cll.ElseLevel()]),
            cl.ExactMatch("sex"),
            cl.CustomComparison(output_column_name="place", comparison_levels=[
                cll.NullLevel("place_id"), cll.ExactMatchLevel("place_id").configure(tf_adjustment_column="place_id"),
                cll.ExactMatchLevel("admin1").configure(tf_adjustment_column="admin1"),
                # a place the gazetteer does not know (a quarter, a spelling of its own) may lie in
                # the governorate the other names: not knowing is not disagreeing
                cll.CustomLevel('"admin1_l" IS NULL OR "admin1_r" IS NULL', label_for_charts=UNKNOWN_PLACE),
                cll.ElseLevel()]),
        ],
        blocking_rules_to_generate_predictions=[*[_blocking(rule) for rule in conf["blocking"]["rules"]], *_swapped()],
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=["list"],
    )


def _blocking(fields: list[str]) -> str:
    """Blocking on `fields`: equal, or within [blocking] near of each other (an age one list
    guessed, a date a day off), so that the pairs a list's error keeps apart are still scored."""
    near = settings()["blocking"]["near"]
    return " AND ".join(f'abs(l."{f}" - r."{f}") <= {near[f]}' if f in near else f'l."{f}" = r."{f}"'
                        for f in fields)


def _swap_sql(given: str, family: str) -> str:
    """Records whose given and family names are each other's (by consonants, so across spellings
    and scripts), or one record's given name is the other's family name and the first has no
    family name (the list wrote the family name in the given name's place). Not by skeleton: EM
    blocks on skeletons, and cannot learn a comparison that reads the column it blocks on."""
    a, b = f"{given}_consonants", f"{family}_consonants"
    return (f'("{a}_l" = "{b}_r" AND "{b}_l" = "{a}_r") OR ("{a}_l" = "{b}_r" AND "{b}_l" IS NULL) '
            f'OR ("{b}_l" = "{a}_r" AND "{b}_r" IS NULL)')


def _swapped() -> list[str]:
    """Blocking: pairs whose given and family names are each other's (by skeleton); pairs whose
    one given name is the other's family name, on the same day."""
    a, b = (f"{f}_skeleton" for f in settings()["blocking"]["swapped"])
    same_day = _blocking(["date_of_death"])
    return [f'l."{a}" = r."{b}" AND l."{b}" = r."{a}"', f'l."{a}" = r."{b}" AND {same_day}',
            f'l."{b}" = r."{a}" AND {same_day}']


def link(records: Iterable[ListRecord], places: dict[str, tuple],
         truth: dict[str, str] | None = None) -> tuple[list[Link], dict]:
    """Score the pairs of records that may be one person: the pairs worth keeping (match
    probability at least [links] keep_from; `persons` decides which are links), and the trained
    model (Splink's settings).
    `truth` (a benchmark's person of each record, by uid): m is counted from it instead of
    learned, which shows how far the comparisons themselves can go."""
    conf = settings()
    rows = [prepare(r, places) for r in records]
    if len(rows) < 2:
        return [], {}
    if truth is not None:
        rows = [{**row, "truth": truth[row["unique_id"]]} for row in rows]
    skipped: set[int] = set()
    while isinstance(linker := _trained(rows, skipped, truth is not None), int):
        skipped.add(linker)
    keep_from = conf["links"]["keep_from"]
    predictions = linker.inference.predict(threshold_match_probability=keep_from)
    model = linker.misc.save_model_to_json()
    labels = _level_labels(model)
    links = [_link(p, labels) for p in predictions.as_record_list()]
    return links + _unblocked(rows, links, model, labels), model


def _unblocked(rows: list[dict], links: list[Link], model: dict, labels: dict[str, dict[int, str]]) -> list[Link]:
    """The pairs no blocking rule made that may be one person: records of two lists that links
    join through a third (A–B and B–C, so A–C), scored by the same model. A person's records
    must each be alike (`persons`), and a pair no rule compared would keep them apart unseen."""
    from splink import DuckDBAPI, Linker

    keep_from = settings()["links"]["keep_from"]
    group: dict[str, str] = {}
    for members in _groups(_paired([k for k in links if is_link(k)], keep_from)):
        first = members[0].left
        group.update({u: first for k in members for u in (k.left, k.right)})
    if not group:
        return []
    scored = {(k.left, k.right) for k in links}
    settings_ = {**model, "blocking_rules_to_generate_predictions": [
        'l."group" = r."group" AND l."list" <> r."list"']}
    db = DuckDBAPI()
    linker = Linker(db.register([{**row, "group": group.get(row["unique_id"])} for row in rows]), settings_,
                    log_level=None)
    found = [_link(p, labels) for p in linker.inference.predict(threshold_match_probability=keep_from)
             .as_record_list()]
    return [k for k in found if (k.left, k.right) not in scored]


def _trained(rows: list[dict], skip: set[int], labelled: bool = False):
    """A linker trained on `rows` (the prior, u by random sampling, m by EM rounds but those in
    `skip`, or from the rows' "truth" when `labelled`), or the number of the EM round that
    failed. On few records a round can drive a level's m to exactly 0, which Splink refuses:
    that round is left out, from a new linker, since a failed round leaves the model half changed."""
    from splink import DuckDBAPI, Linker, block_on

    train = settings()["training"]
    db = DuckDBAPI()  # Splink's own in-memory database: the store's file is never its workspace
    linker = Linker(db.register(rows), _model(), log_level=None)  # its progress is not ours to print
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*fields) for fields in train["deterministic"]], recall=train["recall"])
    linker.training.estimate_u_using_random_sampling(max_pairs=train["u_pairs"], seed=train["seed"])
    if labelled:
        linker.training.estimate_m_from_label_column("truth")
        return linker
    for n, fields in enumerate(train["em_blocks"]):
        if n in skip:
            continue
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*fields))
        except ValueError:
            return n
    return linker


def _link(row: dict, labels: dict[str, dict[int, str]]) -> Link:
    agreement = {f: labels[f].get(row[f"gamma_{f}"], "else") for f in COMPARED}
    weights = {f: round(float(row.get(f"mw_{f}") or 0.0), 3) for f in COMPARED}
    left, right = sorted((row["unique_id_l"], row["unique_id_r"]))
    return Link(left, right, round(float(row["match_weight"]), 3), float(row["match_probability"]), agreement, weights)


def _level_labels(model: dict) -> dict[str, dict[int, str]]:
    """What each comparison level means, by its gamma value (Splink numbers them from the
    least alike, 0, up; -1 is a null)."""
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        name = comparison["output_column_name"]
        labels[name] = {}
        values = [lv for lv in levels if not lv.get("is_null_level")]
        for i, level in enumerate(values):
            labels[name][len(values) - 1 - i] = level.get("label_for_charts", "")
        labels[name][-1] = "null"
    return labels


def is_link(k: Link) -> bool:
    """Common names are not evidence on their own: two "Mohammed al-Ahmad"s are one person only
    when something else of theirs agrees too (and their given and father's names are alike)."""
    conf = settings()["links"]
    return any(_agree(k, f) for f in conf["besides_names"]) \
        and all(_agree(k, f) or k.agreement[f] == "null" for f in conf["alike_needed"])


def _agree(k: Link, field: str) -> bool:
    """Whether the two records agree on `field` at some level above "all other"."""
    level = k.agreement[field]
    return level not in ("null", UNKNOWN_PLACE) and not level.lower().startswith("all other")


def _consistent(k: Link) -> bool:
    """Whether two records may be of one person: a link, or a pair whose names are alike with
    nothing else to compare (the other fields missing, not different), which links through the
    person's other records may join."""
    conf = settings()["links"]
    return is_link(k) or (all(_agree(k, f) or k.agreement[f] == "null" for f in conf["alike_needed"])
                          and all(_agree(k, f) or k.agreement[f] in ("null", UNKNOWN_PLACE)
                                  for f in conf["besides_names"]))


def persons(uids: Iterable[str], links: Iterable[Link], threshold: float, one_per_list: bool = False) -> dict[str, str]:
    """Each record's person at `threshold`: the connected components of the links that pass it,
    each named after its first record, so that a person keeps its id while its records do.
    `one_per_list`: the lists hold no one twice, so a person takes at most one record of each
    list; between each two lists the links kept are those of the pairing with the greatest
    total weight (`_paired`), joined from the most probable down. And each pair of a person's
    records must be `_consistent` itself: A–B and B–C do not make A and C one person when A and
    C were scored apart, or never looked alike enough to be scored (a child and its father, each
    like a sibling)."""
    parent = {u: u for u in uids}
    members = {u: [u] for u in parent}
    links = list(links)
    passing = [k for k in links if k.match_probability >= threshold and k.left in parent and k.right in parent
               and is_link(k)]
    if one_per_list:
        passing = _paired(passing, threshold)
    consistent = {(k.left, k.right) for k in links if _consistent(k)}

    def joinable(a: str, b: str) -> bool:
        if {u.partition(":")[0] for u in members[a]} & {u.partition(":")[0] for u in members[b]}:
            return False
        return all((min(x, y), max(x, y)) in consistent for x in members[a] for y in members[b])

    for k in sorted(passing, key=lambda k: (-k.match_probability, k.left, k.right)):
        a, b = _root(parent, k.left), _root(parent, k.right)
        if a == b or (one_per_list and not joinable(a, b)):
            continue
        keep, absorbed = min(a, b), max(a, b)
        parent[absorbed] = keep
        members[keep] += members.pop(absorbed)
    return {u: _root(parent, u) for u in parent}


def _paired(links: list[Link], threshold: float) -> list[Link]:
    """With one record per list, each record of one list goes to at most one of another: the
    pairing whose links weigh most in all (their log-odds above the threshold's; the assignment
    problem), not each record to its likeliest match in turn, which can take a record its own
    match needed more. Solved over each connected group of candidates of each two lists."""
    from scipy.optimize import linear_sum_assignment

    floor = math.log2(threshold / (1 - threshold)) if threshold < 1 else 0.0
    by_lists: dict[tuple[str, str], list[Link]] = {}
    for k in links:
        lists = (k.left.partition(":")[0], k.right.partition(":")[0])
        if lists[0] != lists[1]:
            by_lists.setdefault(lists, []).append(k)
    kept = []
    for group in (g for between in by_lists.values() for g in _groups(between)):
        lefts, rights = sorted({k.left for k in group}), sorted({k.right for k in group})
        row, column = {u: i for i, u in enumerate(lefts)}, {u: j for j, u in enumerate(rights)}
        weights = np.zeros((len(lefts), len(rights)))
        at = {(k.left, k.right): k for k in group}
        for (left, right), k in at.items():
            # above nothing: a link at the threshold itself is still worth more than none
            weights[row[left], column[right]] = k.match_weight - floor + 1e-6
        for i, j in zip(*linear_sum_assignment(weights, maximize=True), strict=True):
            if (lefts[i], rights[j]) in at:
                kept.append(at[lefts[i], rights[j]])
    return kept


def _groups(links: list[Link]) -> list[list[Link]]:
    """The links in connected groups (records joined by candidate links)."""
    parent: dict[str, str] = {}
    for k in links:
        parent.setdefault(k.left, k.left)
        parent.setdefault(k.right, k.right)
        parent[_root(parent, k.left)] = _root(parent, k.right)
    groups: dict[str, list[Link]] = {}
    for k in links:
        groups.setdefault(_root(parent, k.left), []).append(k)
    return list(groups.values())


def _root(parent: dict[str, str], u: str) -> str:
    """The record that names `u`'s group in the union-find `parent` (halving the path to it)."""
    while parent[u] != u:
        parent[u] = parent[parent[u]]
        u = parent[u]
    return u


def places_of(records: Iterable[ListRecord], gazetteer, countries: dict[str, str | None]) -> dict[str, tuple]:
    """Where each place of death as written resolved: (gazetteer id, governorate key, governorate
    name), inside its list's country when the list has one. A place the gazetteer does not know
    is left out."""
    from corroborate.resolve.gazetteer import Gazetteer, builtin
    from corroborate.resolve.geocoder import Geocoder

    coders: dict[tuple[str | None, bool], Geocoder] = {}

    def resolve(name: str, country: str | None, builtin_only: bool = False):
        if (country, builtin_only) not in coders:
            searched = Gazetteer([builtin()]) if builtin_only else gazetteer
            coders[country, builtin_only] = Geocoder(searched, country=country, strict=country is not None)
        return coders[country, builtin_only].resolve(name).place

    found: dict[str, tuple] = {}
    for record in records:
        written = record.place_of_death
        if not written or written in found:
            continue
        country = countries.get(record.list)
        place = resolve(written, country)
        if place is not None and place.kind != "country":
            governorate = place.name if place.kind == "region" else place.admin1_name
            found[written] = (place.place_id, governorate, place.admin1, country)
    # One name for each governorate, the built-in gazetteer's: OCHA's "Rural Damascus" and GeoNames'
    # "Rif Dimashq Governorate" are one stratum, and one place to agree on.
    canonical: dict[tuple, str | None] = {}
    for _, name, _, country in found.values():
        if name and (name, country) not in canonical:
            region = resolve(name, country, builtin_only=True)
            canonical[name, country] = (region.name if region.kind == "region" else region.admin1_name) \
                if region is not None and region.kind != "country" else None
    result = {}
    for written, (place_id, name, code, country) in found.items():
        governorate = canonical.get((name, country)) or name
        result[written] = (place_id, _governorate_key(governorate, code), governorate)
    return result


def _governorate_key(name: str | None, code: str | None) -> str | None:
    """A governorate's key: its name's skeleton without the words that say what it is, so that
    "Aleppo Governorate" and "Aleppo" are one."""
    if not name:
        return code
    words = [w for w in name.split() if w.lower() not in settings()["places"]["generic"]]
    return sound(fold(" ".join(words) or name)) or code


def strata(record: ListRecord, places: dict[str, tuple]) -> tuple[str | None, int | None, str | None]:
    """A record's governorate, year and sex: what estimates are made by (`estimate --by`)."""
    governorate = places.get(record.place_of_death or "", (None, None, None))[2]
    first = next(iter(days(record.date_of_death)), None)
    return governorate, first.year if first else None, (record.sex or "").strip().upper()[:1] or None
