"""`corroborate lists [import]`, `link` and `person`: victim lists, linked into persons
(../shared/spec/estimate.md, "Lists" and "Linkage")."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from corroborate.cli import DbOption, WaitOption, app, err, fail, open_store
from corroborate.publish.formats import write_rows

lists_app = typer.Typer(help="Victim lists: import them, and see what is stored.", invoke_without_command=True)
app.add_typer(lists_app, name="lists")


@lists_app.callback()
def show(ctx: typer.Context, db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """The stored lists and their sizes (with no command)."""
    if ctx.invoked_subcommand is not None:
        return
    rows = open_store(db, read_only=True, wait=wait).lists()
    if not rows:
        err.print("no victim lists yet: `corroborate lists import FILE.csv --list NAME`")
        return
    write_rows(rows, "table", (), ("name", "records", "country", "source", "sha256", "imported_at"))


@lists_app.command("import")
def import_(path: Path = typer.Argument(..., help="A CSV of victim records, with a header."),
            name: str | None = typer.Option(None, "--list", help="The list's name; without it, each row's "
                                            "`list` column names its list."),
            maps: list[str] = typer.Option([], "--map", help="COLUMN=FIELD: read the CSV's COLUMN as FIELD "
                                           "(record_id, given_name, father_name, family_name, full_name, sex, "
                                           "age, date_of_death, place_of_death, list). Repeatable."),
            country: str | None = typer.Option(None, "--country", help="ISO code of the country its places "
                                               "are in (SY): places of death resolve inside it."),
            db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Store a victim list, keeping each original row and its hash; importing it again replaces it
    (and the persons linked from it: run `corroborate link` again)."""
    from corroborate.estimate.lists import ListError, mapping

    if not path.is_file():
        fail(f"{path}: no such file")
    try:
        columns = mapping(maps)
        stored, bad = open_store(db, wait=wait, writes=True).import_list(path, name, columns, country)
    except ListError as problem:
        fail(str(problem))
    for row in bad:
        err.print(f"[yellow]skipped[/yellow] {row}", highlight=False, soft_wrap=True)
    for list_name, count in stored.items():
        print(f"{list_name}: {count} records")
    if bad:
        raise typer.Exit(1)


@app.command()
def link(threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0,
                                                help="Match probability a link needs (default 0.5)."),
         one_per_list: bool = typer.Option(False, "--one-per-list", help="The lists are deduplicated: no "
                                           "person holds two records of one list (the likelier link wins)."),
         db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """Link the records of every list into persons: Splink's Fellegi–Sunter model, trained
    without labels, over names folded across spellings and scripts, dates, ages and places."""
    store = open_store(db, wait=wait, writes=True)
    try:
        summary = store.link(threshold, one_per_list)
    except ValueError as problem:
        fail(str(problem))
    print(f"{summary['records']} records, {summary['persons']} persons, {summary['links']} scored links "
          f"kept; persons at match probability ≥ {summary['threshold']}")


@app.command()
def person(person_id: str = typer.Argument(..., help="A person's id (as `export --what persons` gives it)."),
           fmt: str = typer.Option("table", "--format", help="table or json."),
           db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """A linked person's records side by side, and the links that joined them: how each field
    agreed and the match weight it added."""
    found = open_store(db, read_only=True, wait=wait).person(person_id)
    if found is None:
        fail(f"no person {person_id!r} (run `corroborate link`; ids are in `export --what persons`)")
    if fmt == "json":
        print(json.dumps({**found, "records": [asdict(r) for r in found["records"]],
                          "links": [asdict(k) for k in found["links"]]}, ensure_ascii=False, indent=2))
        return
    console = Console()
    records = Table(title=f"person {person_id}: {len(found['records'])} records")
    fields = ("list", "record_id", "given_name", "father_name", "family_name", "full_name", "sex", "age",
              "date_of_death", "place_of_death")
    for field in fields:
        records.add_column(field)
    for r in found["records"]:
        records.add_row(*("" if getattr(r, f) is None else str(getattr(r, f)) for f in fields))
    console.print(records)
    for k in found["links"]:
        why = Table(title=f"{k.left} ~ {k.right}: match probability {k.match_probability:.3f}, "
                          f"weight {k.match_weight:+.2f}")
        why.add_column("field")
        why.add_column("agreement")
        why.add_column("weight", justify="right")
        for field, level in k.agreement.items():
            why.add_row(field, level, f"{k.weights.get(field, 0.0):+.2f}")
        console.print(why)
