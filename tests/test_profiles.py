"""Profiles are views on a claim's own low/high: ACLED's one conservative figure, IBC's min and
max, UCDP's low/best/high with the reason for best."""
from __future__ import annotations

import pytest

from conftest import cli, jsonl
from corroborate import profiles
from corroborate.document import Claim, Document
from corroborate.pipeline import analyse


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


def _acled_report(text: str, publishers: tuple[str, ...] = ("Daily Example",)) -> int:
    """ACLED's figure for a report of our own words, read as the pipeline reads it."""
    analysis = analyse(Document("r", text.encode(), "text/plain", "test", {"published": "2024-05-02"}))
    return profiles.acled_report(analysis.claims, analysis.events, analysis.text.text, list(publishers))


# One table per ACLED rule (profiles.toml names each rule's source): (report, publishers, figure).
AMBUSH = "On 1 May 2024, 4 soldiers were killed in an ambush in Dand district, Kandahar."
PARTY = [
    # a party's own count of its enemies' dead, with no other publisher (a relay is none): 0
    (AMBUSH, ("Voice of Jihad",), 0),
    (AMBUSH, ("Taliban Twitter", "Twitter"), 0),
    # ... another publisher corroborates it: the figure stands
    (AMBUSH, ("Voice of Jihad", "Pajhwok Afghan News"), 4),
    (AMBUSH, ("Daily Example",), 4),
]
SPLIT = [
    # one total told over several places or days: each event an even share, halves rounded up
    ("On 1 May 2024, airstrikes hit militant hideouts in Kunar and Nangarhar provinces, killing 14 militants.", 7),
    ("On 1 May 2024, army units shelled rebel positions on the Tarbat (Upper Region), Ghaili and Umm Sadr "
     "fronts, killing 20 rebels.", 7),
    ("On 1 May 2024, herders and farmers clashed near Kaloma on two consecutive days. 9 people were killed.", 5),
    # a place in its province is one place, not two
    ("On 1 May 2024, gunmen shot dead 4 men in Morelia, Michoacan.", 4),
]
UNKNOWN = [
    # deaths told without a number: 10 for a major event, 3 for another; "dozens" is 12
    ("On 1 May 2024, government troops clashed with rebels near Kaloma, killing an unknown number of fighters.", 10),
    ("On 1 May 2024, rebels attacked an army post near Kaloma. Several soldiers were killed in the attack.", 10),
    ("On 1 May 2024, unidentified gunmen killed an unspecified number of villagers in Kaloma.", 3),
    ("On 1 May 2024, militias clashed in Kaloma, leaving dozens dead and more injured.", 12),
    # wounded, not killed: no fatalities
    ("On 1 May 2024, an IED struck a bus near Kaloma, leaving an unknown number of people wounded.", 0),
]
ATTACKER = [
    # the attacker who died in his own attack is one of its fatalities ...
    ("On 1 May 2024, a suicide bomber killed 5 worshippers at a mosque in Kaloma.", 6),
    # ... but not twice when the dead counted are the attackers
    ("On 1 May 2024, police shot dead 2 suicide bombers at a checkpoint in Kaloma.", 2),
]


@pytest.mark.parametrize("text, publishers, figure", PARTY, ids=[f"{p}" for _, p, _ in PARTY])
def test_acled_codes_a_partys_uncorroborated_claim_as_0(text, publishers, figure):
    assert _acled_report(text, publishers) == figure


def test_acled_codes_a_claim_sourced_to_a_party_as_0():
    assert profiles.acled(Claim("d", "killed", 12, 12, "exact", "e", 0, 1, source="the Taliban")) == 0
    assert profiles.acled(Claim("d", "killed", 12, 12, "exact", "e", 0, 1, source="the Interior Ministry")) == 12


@pytest.mark.parametrize("text, figure", SPLIT, ids=[t[16:60] for t, _ in SPLIT])
def test_acled_shares_a_total_among_the_events_a_report_tells(text, figure):
    assert _acled_report(text) == figure


@pytest.mark.parametrize("text, figure", UNKNOWN, ids=[t[16:60] for t, _ in UNKNOWN])
def test_acled_codes_deaths_without_a_number_with_its_fixed_figure(text, figure):
    assert _acled_report(text) == figure


@pytest.mark.parametrize("text, figure", ATTACKER, ids=[t[16:60] for t, _ in ATTACKER])
def test_acled_counts_the_attacker_who_died(text, figure):
    assert _acled_report(text) == figure


def _incident(low, high, *claims) -> dict:
    return {"id": "i", "killed_low": low, "killed_high": high,
            "claims": [{"low": lo, "high": hi, "status": status, "role": role, "outcome": "killed",
                        "open_ended": hi is None}
                       for lo, hi, status, role in claims]}


@pytest.mark.parametrize("record, best", [
    # the most reliable total, not the highest figure: a verified count before a reported one
    (_incident(20, 35, (20, 20, "verified", "total"), (35, 35, "reported", "total")), 20),
    # of equally reliable totals, the fullest: a later report of a rising toll
    (_incident(12, 30, (12, 12, "reported", "total"), (30, 30, "reported", "total")), 30),
    # a floor or a vague word is never the best estimate; best stays within the range
    (_incident(15, 40, (15, 40, "reported", "total"), (60, 60, "reported", "floor")), 15),
    # an exact count before an open-ended one ("at least 15")
    (_incident(12, 15, (12, 12, "reported", "total"), (15, None, "reported", "total")), 12),
])
def test_ucdp_best_of_an_incident_is_its_most_reliable_total(record, best):
    low, found, high, why = profiles.ucdp_incident(record)
    assert (low, found, high) == (record["killed_low"], best, record["killed_high"]) and "reliable" in why
