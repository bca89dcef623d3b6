"""Commands over documents and their claims: ingest, text, claims."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corroborate.archive import Fields, ReadFailure, expand, load_meta
from corroborate.cli import DbOption, WaitOption, app, err, fail, open_store
from corroborate.commands import remote
from corroborate.profiles import PROFILES
from corroborate.publish.formats import FORMATS, write_claims
from corroborate.scale import PARTITIONS


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or directories (read recursively)."),
           meta: Path | None = typer.Option(None, "--meta", help="JSONL of metadata by document id."),
           db: Path | None = DbOption, wait: float = WaitOption,
           server: str | None = typer.Option(None, "--server", help="Write through a running `corroborate serve` "
                                                "at this URL instead of opening the store file."),
           token: str | None = typer.Option(None, "--token", envvar="CORROBORATE_TOKEN",
                                               help="An editor's token, with --server."),
           id_field: str = typer.Option("id", "--id-field", help="JSON field or CSV column of the id (a CSV "
                                        "without one: the file's name and the row's number)."),
           text_field: str = typer.Option("text", "--text-field", help="JSON field or CSV column of the text."),
           html_field: str = typer.Option("html", "--html-field", help="JSON field or CSV column of the HTML."),
           title_field: str = typer.Option("title", "--title-field", help="JSON field or CSV column of the title."),
           published_field: str = typer.Option("published", "--published-field",
                                               help="JSON field or CSV column of the date published."),
           workers: int = typer.Option(0, "--workers", min=0, help="Analyse on a Dask cluster of this many "
                                       "processes, started for this run (same result as one process)."),
           scheduler: str | None = typer.Option(None, "--scheduler", help="Analyse on the Dask cluster at this "
                                                "address (tcp://HOST:PORT); see the README."),
           partitions: int = typer.Option(PARTITIONS, "--partitions", min=1, help="With --workers or --scheduler: "
                                          "partitions of the documents, by a hash of their id.")) -> None:
    """Archive reports (.txt .html .jsonl .json .csv .tsv .warc .warc.gz, RSS/Atom) and extract their claims."""
    try:
        meta_by_id, meta_failures = load_meta(meta) if meta else ({}, [])
    except ValueError as problem:
        fail(str(problem))
    files = expand(paths, exclude=[meta] if meta else [])
    if server and (workers or scheduler):
        fail("--server writes through a running server: --workers and --scheduler are for a store file")
    if server:
        if not token:
            fail("--server needs an editor's token: --token TOKEN (or $CORROBORATE_TOKEN)")
        print(f"writing through the server at {server}", file=sys.stderr)
        store = remote.Remote(server, token)
    else:
        store = open_store(db, wait=wait, writes=True, through_server=True)
    with _progress(len(files)) as (report, advance):
        for failure in meta_failures:
            report(failure)
        try:
            summary = store.ingest(files, meta_by_id, on_failure=report, on_file=advance,
                                   fields=Fields(id_field, text_field, html_field, title_field, published_field),
                                   **({"workers": workers, "scheduler": scheduler, "partitions": partitions}
                                      if workers or scheduler else {}))
        except remote.Unreachable as problem:
            fail(str(problem))
    store.close()
    summary.failures[:0] = meta_failures
    print(str(summary), file=sys.stderr)
    raise typer.Exit(1 if summary.failed else 0)


@contextmanager
def _progress(total: int):
    """A bar on a terminal. Piped, stderr gets only one line per failure, as it happens,
    so that a log can be read and grepped."""
    shown = err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, disable=not shown, transient=True) as progress:
        task = progress.add_task("ingesting", total=total)

        def report(failure: ReadFailure) -> None:
            if shown:
                progress.console.print(f"[red]failed:[/red] {escape(str(failure))}", highlight=False, soft_wrap=True)
            else:
                print(f"failed: {failure}", file=sys.stderr)

        yield report, lambda path: progress.advance(task)


@app.command()
def text(doc_id: str = typer.Argument(..., help="Document id."), db: Path | None = DbOption,
         wait: float = WaitOption) -> None:
    """Print a document's cleaned article text."""
    cleaned = open_store(db, read_only=True, wait=wait).text(doc_id)
    if cleaned is None:
        fail(f"no document {doc_id!r} in {db or 'the store'}")
    sys.stdout.write(cleaned + "\n")


@app.command()
def claims(db: Path | None = DbOption,
           doc: str | None = typer.Option(None, "--doc", help="Only this document's claims."),
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
           profile: str | None = typer.Option(None, "--profile", help="Add a recorder's figures: acled, ibc or ucdp."),
           wait: float = WaitOption) -> None:
    """Casualty claims, as ../spec/claims.md defines them."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if profile and profile not in PROFILES:
        fail(f"--profile must be one of {', '.join(PROFILES)}")
    store = open_store(db, read_only=True, wait=wait)
    if doc and store.document(doc) is None:
        fail(f"no document {doc!r} in the store")
    write_claims(store.claims(doc), fmt, profile=profile)
