"""Profiles are views on a claim's own low/high: ACLED's one conservative figure, IBC's min and
max, UCDP's low/best/high with the reason for best."""
from __future__ import annotations

import pytest

from conftest import cli, jsonl
from corroborate import profiles
from corroborate.document import Claim


def claim(low, high, qualifier, outcome="killed") -> Claim:
    return Claim("d", outcome, low, high, qualifier, "evidence", 0, 8)


@pytest.mark.parametrize("low, high, qualifier, figure", [
    (27, 27, "exact", 27),
    (12, None, "at_least", 12),
    (10, 15, "range", 10),  # the lowest credible figure
    (None, 40, "up_to", 40),
    (24, 99, "vague", 12),  # "dozens"
    (200, 999, "vague", 100),  # "hundreds"
    (3, 9, "vague", 3),  # "several"
    (0, 0, "exact", 0),
])
def test_acled_figure(low, high, qualifier, figure):
    assert profiles.acled(claim(low, high, qualifier)) == figure


def test_acled_does_not_count_the_injured():
    assert profiles.acled(claim(30, 30, "exact", outcome="injured")) is None


@pytest.mark.parametrize("low, high, qualifier, expected", [
    (27, 27, "exact", (27, 27)),
    (12, None, "at_least", (12, 12)),
    (10, 15, "range", (10, 15)),
    (None, 40, "up_to", (40, 40)),
    (3, 9, "vague", (3, 9)),
])
def test_ibc_min_and_max(low, high, qualifier, expected):
    assert profiles.ibc(claim(low, high, qualifier)) == expected


def test_ucdp_best_is_justified():
    low, best, high, why = profiles.ucdp(claim(10, 15, "range"))
    assert (low, best, high) == (10, 10, 15) and "range" in why
    low, best, high, why = profiles.ucdp(claim(12, None, "at_least"))
    assert (low, best, high) == (12, 12, None) and "floor" in why


def test_a_profile_leaves_the_claim_as_it_is():
    c = claim(24, 99, "vague")
    profiles.figures("acled", c)
    assert (c.low, c.high, c.qualifier) == (24, 99, "vague")


def test_claims_command_shows_the_profile_beside_the_claim(tmp_path, db):
    doc = tmp_path / "report.txt"
    doc.write_text("Dozens of people were killed in the shelling of Kalo. Between 10 and 15 people were wounded.\n",
                   encoding="utf-8")
    cli("ingest", doc, "--db", db)
    rows = {c["outcome"]: c
            for c in jsonl(cli("claims", "--format", "jsonl", "--profile", "ucdp", "--db", db).stdout)}
    assert (rows["killed"]["low"], rows["killed"]["high"]) == (24, 99)  # the claim's own figures stay
    assert rows["injured"]["ucdp_best"] == 10 and rows["injured"]["ucdp_high"] == 15
    acled = {c["outcome"]: c
             for c in jsonl(cli("claims", "--format", "jsonl", "--profile", "acled", "--db", db).stdout)}
    assert acled["killed"]["acled_fatalities"] == 12 and acled["injured"]["acled_fatalities"] is None
    table = cli("claims", "--profile", "ibc", "--db", db).stdout
    assert "ibc_min" in table and "ibc_max" in table
    csv = cli("claims", "--format", "csv", "--profile", "ibc", "--db", db).stdout
    assert csv.splitlines()[0].endswith("ibc_min,ibc_max")
    bad = cli("claims", "--profile", "nyt", "--db", db, check=False)
    assert bad.returncode == 2 and "--profile" in bad.stderr
