"""Victim lists for the tests, made here: invented people on three lists that spell names their
own way (Latin or Arabic script), miss fields and slip a day, with the truth kept aside."""
from __future__ import annotations

import csv
import random
from pathlib import Path

# Spellings of one name: the first is list A's habit, the second B's, the last the Arabic script.
GIVEN = [("Muhammad", "Mouhammad", "محمد"), ("Ahmad", "Ahmed", "أحمد"), ("Khaled", "Khalid", "خالد"),
         ("Hussein", "Houssein", "حسين"), ("Omar", "Oumar", "عمر"), ("Yusuf", "Youssef", "يوسف"),
         ("Abd al-Rahman", "Abdel Rahman", "عبد الرحمن"), ("Mahmoud", "Mahmud", "محمود"),
         ("Hassan", "Hasan", "حسن"), ("Ibrahim", "Ebrahim", "إبراهيم"), ("Samir", "Sameer", "سمير"),
         ("Rami", "Ramy", "رامي"), ("Fatima", "Fatma", "فاطمة"), ("Layla", "Leila", "ليلى"),
         ("Nour", "Nur", "نور"), ("Zainab", "Zeinab", "زينب")]
FAMILY = [("al-Hallak", "ALHALLAK", "الحلاق"), ("al-Zoubi", "el-Zoubi", "الزعبي"), ("Haddad", "HADDAD", "حداد"),
          ("al-Masri", "el-Masri", "المصري"), ("Darwish", "Darwiche", "درويش"), ("al-Ahmad", "el-Ahmed", "الأحمد"),
          ("Khalil", "Khalile", "خليل"), ("al-Homsi", "el-Homsi", "الحمصي"), ("Qassab", "Kassab", "قصاب"),
          ("Shami", "Chami", "شامي")]
PLACES = [("Aleppo", "Alep", "حلب"), ("Homs", "Homs", "حمص"), ("Daraa", "Deraa", "درعا"),
          ("Idlib", "Idleb", "إدلب"), ("Hama", "Hamah", "حماة")]
HEADER = ["record_id", "given_name", "father_name", "family_name", "sex", "age", "date_of_death",
          "place_of_death", "truth"]


def people(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    found = []
    for i in range(n):
        given = rng.randrange(len(GIVEN))
        found.append({"id": f"P{i:04d}", "given": given, "father": rng.randrange(12),
                      "family": rng.randrange(len(FAMILY)), "sex": "F" if given >= 12 else "M",
                      "age": rng.randint(1, 80), "day": f"2013-{rng.randint(1, 12):02d}-{rng.randint(1, 27):02d}",
                      "place": rng.randrange(len(PLACES))})
    return found


def spelled(names, index: int, style: int, rng: random.Random) -> str:
    return names[index][style if rng.random() < 0.8 else rng.randrange(3)]


def write_list(path: Path, persons: list[dict], style: int, share: float, seed: int) -> list[dict]:
    """A list of the `persons` it recorded (about `share` of them), in its own `style` (0, 1 or
    2 for Arabic script): the rows written, truth included."""
    rng = random.Random(seed)
    rows = []
    for p in persons:
        if rng.random() > share:
            continue
        shift = rng.random() < 0.05
        day = p["day"][:-2] + f"{int(p['day'][-2:]) + 1:02d}" if shift else p["day"]
        rows.append({"record_id": f"{'ABC'[style]}{len(rows) + 1:04d}",
                     "given_name": spelled(GIVEN, p["given"], style, rng),
                     "father_name": spelled(GIVEN, p["father"], style, rng) if rng.random() < 0.6 else "",
                     "family_name": spelled(FAMILY, p["family"], style, rng) if rng.random() < 0.9 else "",
                     "sex": p["sex"], "age": str(p["age"]) if rng.random() < 0.6 else "",
                     "date_of_death": day if rng.random() < 0.9 else "",
                     "place_of_death": spelled(PLACES, p["place"], style, rng), "truth": p["id"]})
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return rows


def linked_store(folder: Path, persons: list[dict], shares: list[float], seed: int, country: str | None = None,
                 *link_flags: str) -> Path:
    """A store in `folder` holding one list for each share (A, B, C…), imported and linked with
    `--one-per-list` (and `link_flags`)."""
    from conftest import cli

    db = folder / "store.duckdb"
    for style, share in enumerate(shares):
        name = "ABC"[style]
        write_list(folder / f"{name}.csv", persons, style, share, seed=seed + style)
        cli("lists", "import", folder / f"{name}.csv", "--list", name, *(("--country", country) if country else ()),
            "--db", db)
    cli("link", "--one-per-list", *link_flags, "--db", db)
    return db
