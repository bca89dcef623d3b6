"""Claims that carry their event (../shared/spec/claims.md, "Place and date", "Scope",
"Cause"): each table row is a short document written for these tests and the claim it
must give."""
from __future__ import annotations

import duckdb
import pytest

from conftest import cli, jsonl
from corroborate.document import Document, Text
from corroborate.extract import extract_claims
from corroborate.resolve.dates import PUBLISHED
from corroborate.store.schema import MIGRATIONS
from live_server import app_client

PUBLISHED_ON = "2024-06-14"  # a Friday: "on Wednesday" is 2024-06-12


def claims_of(text: str, published: str | None = PUBLISHED_ON) -> list:
    meta = {"outlet": "Example Wire", **({"published": published} if published else {})}
    return extract_claims(Document("t", text.encode("utf-8"), "text/plain", "test", meta), Text(text))


def claim_of(text: str, low: int, published: str | None = PUBLISHED_ON):
    found = [c for c in claims_of(text, published) if c.low == low]
    assert len(found) == 1, [(c.low, c.evidence) for c in claims_of(text, published)]
    return found[0]


# (document, the claim's low figure, its place, its date)
@pytest.mark.parametrize("text, low, place, day", [
    # the sentence's own place and date
    ("Gunmen killed 14 villagers near Dandali on Sunday, the governor said.", 14, "Dandali", "2024-06-09"),
    # the container the text gives
    ("Soldiers killed 7 people in Khuafo, Chin State, on Monday.", 7, "Khuafo, Chin State", "2024-06-10"),
    ("Fighters killed 12 people in Al-Qusour in the city of Baniyas on Tuesday.", 12, "Al-Qusour, Baniyas",
     "2024-06-11"),
    # a place's possessive holds the place it names, its owner the container
    ("An air strike in Syria's Idlib province killed 12 people on Sunday.", 12, "Idlib province, Syria",
     "2024-06-09"),
    ("Gunmen killed 9 villagers in a village in Nigeria's Zamfara state.", 9, "Zamfara state, Nigeria", None),
    ("Gunmen killed 9 villagers in Nigeria's central Plateau state.", 9, "Plateau state, Nigeria", None),
    ("Shelling killed 4 people in Syria's civil war.", 4, "Syria", None),
    ("Shells killed 5 people in Gaza's Jabalia refugee camp.", 5, "Jabalia, Gaza", None),
    # the same weekday as the publication's is that day; "last" Friday is the week before
    ("Gunmen killed 6 people in Dandali on Friday.", 6, "Dandali", PUBLISHED_ON),
    ("Gunmen killed 6 people in Dandali early Friday.", 6, "Dandali", PUBLISHED_ON),
    ("Gunmen killed 6 people in Dandali last Friday.", 6, "Dandali", "2024-06-07"),
    ("Gunmen killed 6 people in Dandali late Thursday.", 6, "Dandali", "2024-06-13"),
    ("Wednesday's attack on a mosque in Dandali killed 12 worshippers.", 12, "Dandali", "2024-06-12"),
    # a part of the dead told before is of its event
    ("At least 40 people were killed on Tuesday when militias shelled a camp near Kalo, a committee said. "
     "The committee said the dead included 11 children.", 11, "Kalo", "2024-06-11"),
    # only places: never a person by a title, nor a nationality
    ("Three guards were killed in the attack on Ambassador Andrei Karlov.", 3, None, None),
    ("Shelling from Georgian positions killed 2 soldiers.", 2, None, None),
    # inherited from the earlier sentence that tells the same attack, across sentences and paragraphs
    ("At least 16 civilians were killed in an air strike near Raqqa on Wednesday, activists said. "
     "The strike hit a crowded market.\n\nA local official said 20 people had died.", 20, "Raqqa", "2024-06-12"),
    ("Mortar fire hit a wedding party in Tell Safra on Tuesday.\n\nThe health ministry said 9 guests were killed.",
     9, "Tell Safra", "2024-06-11"),
    # from the headline
    ("Car bomb kills 9 in Kirkuk on Thursday\n\nPolice said 4 of the dead were children.", 4, "Kirkuk",
     "2024-06-13"),
    # the headline's town, dated by the lead and narrowed by it
    ("Strike on Kalo school kills 22\n\nAn air strike hit a school in Kalo's Daraj quarter on Tuesday, killing 22 "
     "people.", 22, "Daraj, Kalo", "2024-06-11"),
    ("Dozens dead after strike on Kalo school\n\nMore than 30 people were killed on Tuesday when a strike hit a "
     "school in the Daraj area of Kalo.", 24, "Kalo", "2024-06-11"),
    # a statement that names no attack does not move the event ("in Geneva")
    ("Gunmen stormed a mosque in Kalo on Monday. An envoy spoke to reporters in Geneva. "
     "Residents said 11 worshippers died.", 11, "Kalo", "2024-06-10"),
    # not across a different attack: "in a separate attack" keeps nothing of the first
    ("Gunmen killed 5 villagers in Dandali on Sunday. In a separate attack, 3 soldiers were killed.", 3, None, None),
    # a new place starts a new event: the first one's date does not follow it there
    ("Gunmen killed 5 villagers in Dandali on Sunday. Militants later attacked a checkpoint in Kribi, "
     "killing 4 policemen.", 4, "Kribi", None),
    ("A car bomb killed 20 people in Baghdad, the deadliest attack since the war began in March 2003.", 20,
     "Baghdad", None),
    # words of violent times that name no act tell no attack: the place of a witness is not the event's
    ("A friend in the city of Safita says militants have brought terror to the coast. "
     "Allegedly, 16 people were killed on Monday.", 16, None, "2024-06-10"),
    # a total told in between is not the event the next claim belongs to
    ("An air strike killed 6 people in Idlib on Monday. The war has killed 300,000 people in Syria since 2011. "
     "Medics said 2 children were wounded.", 2, "Idlib", "2024-06-10"),
])
def test_place_and_date_of_the_event(text, low, place, day):
    claim = claim_of(text, low)
    assert (claim.place, claim.date) == (place, day)


# News of the day takes the publication date, with a precision that says where it came from.
@pytest.mark.parametrize("text, published, day, precision", [
    ("Three protesters have been killed in Dandali, medics said.", PUBLISHED_ON, PUBLISHED_ON, PUBLISHED),
    ("Two policemen were killed today in Kribi.", PUBLISHED_ON, PUBLISHED_ON, 1),  # "today" is a date told
    ("Three protesters were killed in Dandali on Saturday.", PUBLISHED_ON, "2024-06-08", 1),
    # "were killed" alone is not told as news of the day: no date rather than a guessed one
    ("Three protesters were killed in Dandali.", PUBLISHED_ON, None, None),
    # no publication date: nothing to fall back on
    ("Three protesters have been killed in Dandali, medics said.", None, None, None),
])
def test_news_of_the_day_takes_the_publication_date(text, published, day, precision):
    claim = claim_of(text, 3 if "Three" in text else 2, published)
    assert (claim.date, claim.date_precision) == (day, precision)


def test_publication_date_code_is_distinct_from_the_ucdp_codes():
    assert PUBLISHED not in (1, 2, 3, 4, 5)


# An aggregate's date is its period when the text gives one, else null.
@pytest.mark.parametrize("text, low, published, period", [
    ("On 6 March 2025 fighters attacked a convoy near Kalo. Within about six days, hundreds of civilians "
     "lay dead.", 200, "2025-03-20", "2025-03-06/2025-03-12"),
    ("In March 2025, 140 people were killed across the province.", 140, "2025-04-20", "2025-03-01/2025-03-31"),
    ("More than 500 people have been killed since the war began in 2011.", 500, PUBLISHED_ON,
     f"2011-01-01/{PUBLISHED_ON}"),
    ("More than 500 people have been killed since the war began in March 2011.", 500, PUBLISHED_ON,
     f"2011-03-01/{PUBLISHED_ON}"),
    ("Security forces have killed 45 protesters since January, rights groups said.", 45, PUBLISHED_ON,
     f"2024-01-01/{PUBLISHED_ON}"),
    ("At least 80 civilians have been killed this year, the UN said.", 80, PUBLISHED_ON, f"2024-01-01/{PUBLISHED_ON}"),
    ("Over the past week, 40 people were killed in clashes.", 40, PUBLISHED_ON, f"2024-06-07/{PUBLISHED_ON}"),
    # a running toll "as of" a day says when it was counted, not what period it covers
    ("The militia has killed 61 people as of February 15, monitors said.", 61, PUBLISHED_ON, None),
    # no period given: null, never the date of an incident told before
    ("Gunmen killed 5 villagers in Dandali on Sunday. The conflict has killed 900 people so far.", 900,
     PUBLISHED_ON, None),
])
def test_aggregate_period(text, low, published, period):
    claim = claim_of(text, low, published)
    assert (claim.scope, claim.date) == ("aggregate", period)


# Running totals are aggregates; the updated toll of one event, or a part of it, is not.
@pytest.mark.parametrize("text, low, scope", [
    ("The death toll has risen to 152 people, the ministry said.", 152, "aggregate"),
    ("The death toll from Sunday's bombing rose to 30 dead.", 30, "incident"),
    ("The militia has killed 61 people as of February 15, monitors said.", 61, "aggregate"),
    ("The conflict has killed 61 people so far.", 61, "aggregate"),
    ("Clashes have killed 75 people to date.", 75, "aggregate"),
    ("At least 80 civilians have been killed this year, the UN said.", 80, "aggregate"),
    ("Over the past week, 40 people were killed in clashes.", 40, "aggregate"),
    ("A series of bombings killed 33 people across the north.", 33, "aggregate"),
    ("At least 1,300 civilians have been killed.", 1300, "aggregate"),
    ("At least 20 people were killed in the strike on Dandali, including a family of six.", 20, "incident"),
    ("A local official put the death toll at 20 after the market attack.", 20, "incident"),
    ("Gunmen killed 14 villagers near Dandali on Sunday, the governor said.", 14, "incident"),
    # a part of the dead has the scope of the whole told before it
    ("Gunmen killed 40 people in Kalo on Sunday. The dead included 11 children.", 11, "incident"),
    ("The war has killed 5,000 people since 2023. The dead included 900 children.", 900, "aggregate"),
    ("Over 1,000 people died in the violence. Monitors said the dead included 595 civilians.", 595, "aggregate"),
    ("The dead included 7 children, medics said after the raid on Kalo.", 7, "incident"),
    # a comparison counts nothing: the bombing is one event, and 2003 is not its date
    ("A car bomb killed 20 people in Baghdad, the deadliest attack since the war began in March 2003.", 20,
     "incident"),
    # an epidemic's or a disaster's toll is a total by nature; a crash is one event
    ("The cholera outbreak has killed 40 people in Kalo district.", 40, "aggregate"),
    ("Floods killed 12 people in the south of the country.", 12, "aggregate"),
    ("Five people died when their bus crashed near Kribi on Monday.", 5, "incident"),
    # a word of disease in a sentence of violence does not make it an epidemic's toll
    ("Soldiers opened fire on a crowd protesting the cholera outbreak, killing 3 people.", 3, "incident"),
])
def test_scope(text, low, scope):
    assert claim_of(text, low).scope == scope


@pytest.mark.parametrize("text, low, cause", [
    ("Gunmen killed 14 villagers near Dandali on Sunday, the governor said.", 14, "violence"),
    ("Two children were killed when a landmine exploded near their school.", 2, "violence"),
    ("Police fired on the crowd and 4 demonstrators died.", 4, "violence"),
    # violence decides even beside a word of disease
    ("Soldiers opened fire on a crowd protesting the cholera outbreak, killing 3 people.", 3, "violence"),
    # the text ties the deaths to the conflict, not to a violent act
    ("At least 40 people have died of starvation in the besieged town of Madaya.", 40, "indirect"),
    ("Cholera has killed 30 people in displacement camps around Kalo.", 30, "indirect"),
    ("The town has been under siege since May. Doctors said 12 children died of malnutrition.", 12, "indirect"),
    # no conflict named: other
    ("The cholera outbreak has killed 40 people in Kalo district.", 40, "other"),
    ("Five people died when their bus crashed near Kribi on Monday.", 5, "other"),
    ("Floods killed 12 people in the south of the country.", 12, "other"),
    ("Two men died of a drug overdose in Dandali on Friday.", 2, "other"),
    ("Three people died of heart attacks during the heatwave.", 3, "other"),
    ("Famine killed 60 people in the drought-hit north.", 60, "other"),
    # a sentence that names no cause takes the cause its document gave before it
    ("Swine flu spreads in Mexico\n\nHealth officials said 20 people had died in the capital.", 20, "other"),
    ("Gunmen attacked a bus near Kalo on Monday. Officials said 6 passengers died.", 6, "violence"),
])
def test_cause(text, low, cause):
    assert claim_of(text, low).cause == cause


def test_cause_cues_are_data_that_users_extend(tmp_path, monkeypatch):
    """CORROBORATE_RULES adds cue words to rules/cause.toml without a code change."""
    from corroborate import rules
    from corroborate.extract import cause

    (tmp_path / "cause.toml").write_text("[other]\ndisease = ['\\bmpox\\b']\n", encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_RULES", str(tmp_path))
    rules.load.cache_clear()
    cause.cues.cache_clear()
    try:
        assert claim_of("Mpox has killed 9 people in Kalo.", 9).cause == "other"
    finally:
        monkeypatch.delenv("CORROBORATE_RULES")
        rules.load.cache_clear()
        cause.cues.cache_clear()
    assert claim_of("Mpox has killed 9 people in Kalo.", 9).cause == "violence"


REPORTS = {
    "raid.txt": "Gunmen killed 14 villagers near Dandali on Sunday, the governor said.\n",
    "flood.txt": "Floods killed 12 people in Dandali on Sunday, officials said.\n",
    "crash.txt": "Five people died when their bus crashed near Dandali on Sunday.\n",
    "siege.txt": "At least 40 people died of starvation in the besieged town of Madaya on Sunday, doctors said.\n",
}


@pytest.mark.slow
def test_other_never_reaches_an_event_or_incident_and_indirect_is_flagged(tmp_path):
    """Through the real command line: every claim is written with its cause, but events,
    incidents and the ACLED export hold no `other` claim, and indirect deaths say so."""
    folder, db = tmp_path / "reports", tmp_path / "store.duckdb"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    cli("ingest", folder, "--db", db)

    claims = {c["doc"]: c for c in jsonl(cli("claims", "--format", "jsonl", "--db", db).stdout)}
    assert {doc: c["cause"] for doc, c in claims.items()} == {
        "raid": "violence", "flood": "other", "crash": "other", "siege": "indirect"}
    assert "cause" in cli("claims", "--format", "csv", "--db", db).stdout.splitlines()[0].split(",")
    assert "other" in cli("claims", "--db", db).stdout  # the table too

    events = jsonl(cli("events", "--format", "jsonl", "--db", db).stdout)
    assert {e["doc"] for e in events} <= {"raid", "siege"} and "raid" in {e["doc"] for e in events}

    incidents = jsonl(cli("incidents", "--format", "jsonl", "--db", db).stdout)
    held = {c["doc"]: i for i in incidents for c in i["claims"]}
    assert set(held) == {"raid", "siege"}
    assert held["siege"]["indirect"] is True and held["raid"]["indirect"] is False
    assert held["siege"]["id"] != held["raid"]["id"]

    acled = cli("export", "--what", "claims", "--format", "acled-csv", "--db", db).stdout
    assert "Floods" not in acled and "crashed" not in acled and "Gunmen" in acled
    assert "Indirect deaths" in acled

    with app_client(db) as web:  # the incident's page and the map's list say so too
        assert 'id="indirect"' in web.get(f"/incidents/{held['siege']['id']}").text
        assert 'id="indirect"' not in web.get(f"/incidents/{held['raid']['id']}").text
        assert "(indirect deaths)" in web.get("/").text


def test_a_store_from_before_causes_reads_its_claims_as_violence(tmp_path):
    """The migration gives claims stored before causes existed the cause they were taken for."""
    db = tmp_path / "store.duckdb"
    before = [m for m in MIGRATIONS if m[0] != "claims-cause"]
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ)")
        for name, steps in before:
            for statement in steps:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        con.execute("INSERT INTO documents (doc_id, version, sha256, content, media_type, origin, captured_at) "
                    "VALUES ('old', 1, 'x', 'Two men were killed.', 'text/plain', 'test', now())")
        con.execute("INSERT INTO claims (doc_id, version, n, sha256, outcome, low, high, qualifier, victim_type, "
                    "status, scope, evidence, sent_start, sent_end) VALUES ('old', 1, 0, 'x', 'killed', 2, 2, "
                    "'exact', 'civilian', 'reported', 'incident', 'Two men were killed.', 0, 20)")
    [claim] = jsonl(cli("claims", "--format", "jsonl", "--db", db).stdout)
    assert claim["cause"] == "violence"
