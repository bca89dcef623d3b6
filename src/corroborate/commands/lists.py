"""`corroborate lists [import]`, `link` and `person`: victim lists, linked into persons
(../shared/spec/estimate.md, "Lists" and "Linkage")."""
from __future__ import annotations

import json
import warnings
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from corroborate.cli import DbOption, WaitOption, app, err, fail, open_store
from corroborate.estimate.link import is_link, settings
from corroborate.publish.formats import write_rows

lists_app = typer.Typer(help="Victim lists: import them, and see what is stored.", invoke_without_command=True)
app.add_typer(lists_app, name="lists")
_LINKS = settings()["links"]  # the defaults the help names are the rules file's


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
                                                help=f"Match probability a link needs (default {_LINKS['threshold']}; "
                                                f"{_LINKS['threshold_one_per_list']} with --one-per-list)."),
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
        # a pair alike only in names is shown, but it is not a link by itself
        why = Table(title=f"{k.left} ~ {k.right}: match probability {k.match_probability:.3f}, "
                          f"weight {k.match_weight:+.2f}{'' if is_link(k) else ' (names only: not a link)'}")
        why.add_column("field")
        why.add_column("agreement")
        why.add_column("weight", justify="right")
        for field, level in k.agreement.items():
            why.add_row(field, level, f"{k.weights.get(field, 0.0):+.2f}")
        console.print(why)


@app.command()
def estimate(lists: str | None = typer.Option(None, "--lists", help="The lists to estimate from, comma-separated "
                                              "(default: all)."),
             method: str = typer.Option("loglinear", "--method", help="loglinear or lcmcr."),
             select: str | None = typer.Option(None, "--select", help="Log-linear model choice: bic (default), aic "
                                               "or stepwise."),
             by: str | None = typer.Option(None, "--by", help="One estimate per governorate, year or sex."),
             model: str | None = typer.Option(None, "--model", help="Fix the log-linear model instead of choosing "
                                              "it: its interactions, e.g. 'A*B,B*C' (main effects always)."),
             bootstrap: int | None = typer.Option(None, "--bootstrap", min=0, help="Resamples for a bootstrap "
                                                  "interval that repeats the model choice (log-linear)."),
             patterns: Path | None = typer.Option(None, "--patterns", help="An overlap table given directly: "
                                                  "a CSV of 0/1 list columns and `count`. No store is read."),
             seed: int = typer.Option(0, "--seed", help="Random seed (bootstrap, LCMCR)."),
             fmt: str = typer.Option("table", "--format", help="table or json."),
             db: Path | None = DbOption, wait: float = WaitOption) -> None:
    """How many died, recorded or not, from how the lists overlap (multiple systems estimation):
    the estimate with its interval, the models that fit nearly as well, and the estimate at other
    match thresholds; or a refusal with its reasons (exit 1) when the data cannot give one."""
    from corroborate.api import estimate_patterns
    from corroborate.estimate.patterns import OverlapError

    if method not in ("loglinear", "lcmcr"):
        fail("--method must be loglinear or lcmcr")
    if select not in (None, "bic", "aic", "stepwise"):
        fail("--select must be bic, aic or stepwise")
    if fmt not in ("table", "json"):
        fail("--format must be table or json")
    options = {"method": method, "select": select, "bootstrap": bootstrap, "seed": seed,
               "model": [tuple(t.strip() for t in term.split("*")) for term in model.split(",") if term.strip()]
               if model is not None else None}
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            if patterns is not None:
                if not patterns.is_file():
                    fail(f"{patterns}: no such file")
                found = estimate_patterns(patterns, **options)
            else:
                chosen = [n.strip() for n in lists.split(",") if n.strip()] if lists else None
                found = open_store(db, read_only=True, wait=wait).estimate(chosen, by, **options)
    except (OverlapError, ValueError) as problem:
        fail(str(problem))
    for warning in dict.fromkeys(str(w.message) for w in said):  # the sampler's, said once each
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)
    if fmt == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        _show(found)
    if "refused" in found:
        raise typer.Exit(1)


def _show(found: dict) -> None:
    console = Console()
    console.print(_result_table("estimate", found))
    if found.get("alternatives"):
        columns = [c for c in ("model", "estimate", "delta", "p_value") if any(c in r for r in found["alternatives"])]
        near = Table(title="models that fit nearly as well" if "delta" in columns else "the stepwise path")
        for column in columns:
            near.add_column({"delta": "Δ criterion", "p_value": "p of the term added"}.get(column, column))
        for row in found["alternatives"]:
            near.add_row(*(_figure(row.get(c)) for c in columns))
        console.print(near)
    if found.get("refused_models"):
        refused = Table(title="models that could not estimate")
        refused.add_column("model")
        refused.add_column("why")
        for row in found["refused_models"]:
            refused.add_row(row["model"], "; ".join(row["reasons"]))
        console.print(refused)
    sweep = (found.get("linkage") or {}).get("across_thresholds")
    if sweep:
        at = Table(title="linkage: the estimate at other match thresholds")
        for column in ("threshold", "persons", "observed", "estimate", "low", "high"):
            at.add_column(column, justify="right")
        for row in sweep:
            at.add_row(*(_figure(row.get(c)) if "refused" not in row or c in ("threshold", "persons")
                         else "refused" for c in ("threshold", "persons", "observed", "estimate", "low", "high")))
        console.print(at)
    for name, stratum in (found.get("strata") or {}).items():
        console.print(_result_table(f"{found['by']}: {name}", stratum))


def _result_table(title: str, found: dict) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column("")
    table.add_column("")
    if "refused" in found:
        table.add_row("observed", _figure(found.get("observed")))
        for reason in found["refused"]:
            table.add_row("refused", reason)
        return table
    for key in ("observed", "estimate", "low", "high", "method", "model", "criterion", "interval", "rhat"):
        if key in found:
            table.add_row(key, "no upper end" if key == "high" and found[key] is None else _figure(found[key]))
    return table


def _figure(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)
