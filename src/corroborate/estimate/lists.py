"""Reading a victim list: a CSV whose columns are mapped onto the fields of
../shared/spec/estimate.md ("Lists"), each record kept with its row as written and the row's
hash. A bad row is named by its line and the rest are read."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from corroborate.document import ListRecord

FIELDS = ListRecord.FIELDS
NAMES = ("given_name", "family_name", "full_name")
SPAN = re.compile(r"^\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?$")


class ListError(ValueError):
    """A list that cannot be read at all (its header, its mapping): nothing of it is stored."""


@dataclass(frozen=True)
class BadRow:
    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def mapping(pairs: list[str]) -> dict[str, str]:
    """`--map column=field` options as {column: field}."""
    found = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column or field not in FIELDS:
            raise ListError(f"--map {pair!r}: expected COLUMN=FIELD, FIELD one of {', '.join(FIELDS)}")
        found[column] = field
    return found


def _rows(data: str) -> Iterator[tuple[int, str, list[str]]]:
    """Each CSV row with the line it starts on and its text as written (quoted fields may span
    lines)."""
    lines = io.StringIO(data, newline="")
    taken: list[str] = []
    number = 1

    def feed() -> Iterator[str]:
        for raw in lines:
            taken.append(raw)
            yield raw

    reader = csv.reader(feed())
    for row in reader:
        text = "".join(taken)
        yield number, text.rstrip("\r\n"), row
        number += len(taken)
        taken.clear()


class ListFile(NamedTuple):
    records: list[ListRecord]
    bad: list[BadRow]
    sha256: str  # of the file's bytes


def read(path: Path, name: str | None, columns: dict[str, str]) -> ListFile:
    """The records of the list file at `path`: all under `name`, or under each row's `list`
    field when no name is given (one file holding several lists)."""
    try:
        content = path.read_bytes()
        data = content.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ListError(f"{path}: cannot be read as UTF-8 text ({error})") from error
    rows = _rows(data)
    header = next(rows, None)
    if header is None:
        raise ListError(f"{path}: empty file")
    fields = [columns.get(c.strip(), c.strip()) for c in header[2]]
    if not any(f in fields for f in NAMES):
        raise ListError(f"{path}: no name column (given_name, family_name or full_name; map one with "
                        f"--map COLUMN=given_name); its columns are {', '.join(header[2])}")
    if name is None and "list" not in fields:
        raise ListError(f"{path}: give the list a name (--list NAME), or map a column to `list`")
    records: list[ListRecord] = []
    bad: list[BadRow] = []
    seen: set[tuple[str, str]] = set()
    for line, text, values in rows:
        if not any(v.strip() for v in values):
            continue
        try:
            if len(values) != len(fields):
                raise ValueError("the row has a different number of fields from the header")
            record = _record(dict(zip(fields, values, strict=True)), name, line, text, len(records))
        except ValueError as error:
            bad.append(BadRow(path, line, str(error)))
            continue
        if (record.list, record.record_id) in seen:
            bad.append(BadRow(path, line, f"record id {record.record_id!r} is already in list {record.list!r}"))
            continue
        seen.add((record.list, record.record_id))
        records.append(record)
    return ListFile(records, bad, hashlib.sha256(content).hexdigest())


def _record(row: dict[str, str], name: str | None, line: int, text: str, n: int) -> ListRecord:
    value = {f: (row.get(f) or "").strip() or None for f in FIELDS}
    if not any(value[f] for f in NAMES):
        raise ValueError("no name (given_name, family_name or full_name is empty)")
    if not (name or value["list"]):
        raise ValueError("no list named (its `list` field is empty)")
    age = value["age"]
    if age is not None and not (age.isdigit() and int(age) < 130):
        raise ValueError(f"age {age!r} is not a number of years")
    when = value["date_of_death"]
    if when is not None and not (SPAN.match(when) and days(when)):
        raise ValueError(f"date_of_death {when!r} is not YYYY-MM-DD or a span YYYY-MM-DD/YYYY-MM-DD")
    return ListRecord(
        list=name or value["list"] or "", record_id=value["record_id"] or f"row{n + 1}", line=line, original=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), given_name=value["given_name"],
        father_name=value["father_name"], family_name=value["family_name"], full_name=value["full_name"],
        sex=value["sex"], age=int(age) if age is not None else None, date_of_death=when,
        place_of_death=value["place_of_death"])


def days(span: str | None) -> list[date]:
    """The day, or the first and last days, of a date of death; none when it is not one."""
    try:
        found = [date.fromisoformat(d.strip()) for d in span.split("/")] if span else []
    except ValueError:
        return []
    return found if found == sorted(found) else []
