"""Generated reports for a large store (the explorer's page tests and bench/serve.py): attacks in
real places of the built-in gazetteer over thirteen years, told in sentences written for this
project and composed from fixed parts, so that ingest, extraction, geocoding and reconciling run
as they do on real reports. Deterministic: the same `reports()` every run, and `VERSION` (a hash
of this file) names a store built from them.

About one attack in four is told again by a second outlet (other words, a range, another
source), so that incidents carry more than one claim and grades differ, and one in twenty of
those gives a toll the army denies (contested). Now and then children die of hunger in a besieged
town (indirect deaths), and a month's toll over a country makes a total over many incidents."""
from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

from corroborate.document import Document

ATTACKS = 2300  # attacks told: more than 2,000 incidents after reconciling
FIRST_DAY, DAYS = date(2012, 1, 1), 13 * 365  # 2012 to the end of 2024
SEED = 14
ODD_ID = "gen 7?#%"  # a document id that only a URL-encoded link leads to
VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

# Real towns and cities by their country, as the reports name it: "the Syrian town of Palmyra".
PLACES = {
    "Syrian": ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Daraa", "Douma", "Manbij", "Palmyra"],
    "Iraqi": ["Mosul", "Fallujah", "Ramadi", "Kirkuk", "Tikrit", "Baqubah", "Samarra", "Karbala", "Tal Afar"],
    "Yemeni": ["Taiz", "Hodeidah", "Aden", "Marib", "Saada"],
    "Afghan": ["Kandahar", "Kunduz", "Jalalabad", "Ghazni", "Herat", "Lashkar Gah"],
    "Somali": ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne"],
    "Nigerian": ["Maiduguri", "Bama", "Damboa", "Gwoza", "Yola"],
    "Malian": ["Gao", "Timbuktu", "Mopti", "Kidal"],
    "Sudanese": ["El Fasher", "Nyala", "Kadugli"],
    "Ukrainian": ["Kharkiv", "Kherson", "Mariupol", "Avdiivka"],
    "Pakistani": ["Peshawar", "Quetta", "Bannu"],
}
COUNTRIES = {"Syrian": "Syria", "Iraqi": "Iraq", "Yemeni": "Yemen", "Afghan": "Afghanistan", "Somali": "Somalia",
             "Nigerian": "Nigeria", "Malian": "Mali", "Sudanese": "Sudan", "Ukrainian": "Ukraine",
             "Pakistani": "Pakistan"}
OUTLETS = ["Example Wire", "Example Daily", "The Example Gazette", "Sample Times", "The Invented Herald",
           "Placeholder News"]
SOURCES = ["the local health directorate", "a monitoring group", "the interior ministry", "police",
           "hospital officials", "the provincial governor", "a rescue service", "residents"]
VICTIMS = ["civilians", "people", "soldiers", "police officers", "fighters", "villagers", "children"]
TARGETS = ["market", "checkpoint", "school", "bus station", "mosque", "wedding party", "army post",
           "displacement camp", "bakery", "police station"]
WEAPONS = [("An airstrike", "an airstrike"), ("A car bomb", "a car bomb"), ("Shelling", "shelling"),
           ("A suicide bomber", "a suicide bomber"), ("A drone strike", "a drone strike"),
           ("Gunmen", "gunmen"), ("A roadside bomb", "a roadside bomb")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _first_report(r: random.Random, day: date, place: str, country: str, killed: int,
                  victims: str) -> tuple[str, str]:
    Weapon, weapon = r.choice(WEAPONS)
    target, source = r.choice(TARGETS), r.choice(SOURCES)
    town = f"the {country} {r.choice(['town', 'city'])} of {place}"
    when = f"on {day.day} {MONTHS[day.month - 1]}"
    title = r.choice([f"{Weapon} kills {killed} in {place}", f"{killed} dead after attack on {target} in {place}",
                      f"Attack on {target} in {place} leaves {killed} dead"])
    lead = r.choice([
        f"{Weapon} hit a {target} in {town} {when}, killing {killed} {victims} and wounding "
        f"{killed + r.randrange(0, 40)} others, {source} said.",
        f"At least {killed} {victims} were killed {when} when {weapon} struck a {target} in {town}, "
        f"according to {source}.",
        f"{source[0].upper() + source[1:]} said {killed} {victims} died {when} after {weapon} hit a {target} "
        f"in {town}."])
    more = r.choice(["Ambulances took the wounded to nearby hospitals.",
                     "No group said it had carried out the attack.",
                     "The area had been calm for several weeks before the attack.",
                     "Rescue teams searched the rubble through the night."])
    return title, f"{lead}\n{more}"


def _second_report(r: random.Random, day: date, place: str, country: str, killed: int,
                   disputed: bool) -> tuple[str, str]:
    high = killed + r.randrange(1, 6)
    title = f"Toll rises after attack in {place}"
    said = "said, a toll the army denied" if disputed else "told reporters"
    body = (f"Between {killed} and {high} people were killed on {WEEKDAYS[day.weekday()]} in the attack in "
            f"the {country} town of {place}, {r.choice(SOURCES)} {said}.\nFunerals were held for the victims.")
    return title, body


def _hunger(r: random.Random, day: date, place: str, country: str) -> tuple[str, str]:
    children = r.randrange(3, 30)
    title = f"Children die of hunger in besieged {place}"
    body = (f"Hunger killed {children} children on {day.day} {MONTHS[day.month - 1]} in the besieged {country} "
            f"town of {place}, doctors said.\nAid convoys had not reached the town for months.")
    return title, body


def _toll(r: random.Random, country: str) -> tuple[str, str]:
    total, country = r.randrange(150, 900), COUNTRIES[country]
    title = f"Monthly toll in {country}"
    body = (f"A monitoring group said {total} people were killed across {country} last month.\n"
            "The group said the true number was likely higher.")
    return title, body


def _document(doc_id: str, title: str, body: str, outlet: str, published: date) -> Document:
    return Document(doc_id, body.encode("utf-8"), "text/plain", f"generated:{doc_id}",
                    {"title": title, "outlet": outlet, "published": published.isoformat()})


def reports(attacks: int = ATTACKS) -> list[Document]:
    """The generated reports, in the order they are ingested."""
    r = random.Random(SEED)
    countries = list(PLACES)
    found: list[Document] = []
    for k in range(attacks):
        day = FIRST_DAY + timedelta(days=r.randrange(DAYS))
        country = countries[k % len(countries)]
        place = r.choice(PLACES[country])
        killed = r.choice([r.randrange(2, 15), r.randrange(2, 15), r.randrange(15, 60), r.randrange(60, 200)])
        outlet = r.choice(OUTLETS)
        # every twentieth attack is told again with a toll the army denies: the incident is contested
        disputed = k % 20 == 0
        title, body = _first_report(r, day, place, country, killed, r.choice(VICTIMS))
        published = day + timedelta(days=r.choice([0, 1, 1, 2]))
        found.append(_document(ODD_ID if k == 7 else f"gen-{k:05d}", title, body, outlet, published))
        if k % 4 == 0:
            title, body = _second_report(r, day, place, country, killed, disputed)
            other = r.choice([o for o in OUTLETS if o != outlet])
            found.append(_document(f"gen-{k:05d}-b", title, body, other, day + timedelta(days=1)))
        if k % 50 == 25:
            title, body = _hunger(r, day + timedelta(days=3), place, country)
            found.append(_document(f"hunger-{k:05d}", title, body, r.choice(OUTLETS), day + timedelta(days=4)))
        if k % 120 == 60:
            title, body = _toll(r, countries[k // 120 % len(countries)])
            found.append(_document(f"toll-{k:05d}", title, body, "The Invented Herald",
                                   date(day.year + day.month // 12, day.month % 12 + 1, 2)))
    return found
