"""Commands over documents and their claims: ingest, text, claims."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corroborate import pipeline
from corroborate.archive import ReadFailure, expand, load_meta
from corroborate.cli import DbOption, app, err, fail, open_store
from corroborate.profiles import PROFILES
from corroborate.publish.formats import FORMATS, write_claims
from corroborate.store import records


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="Files or directories (read recursively)."),
           meta: Optional[Path] = typer.Option(None, "--meta", help="JSONL of metadata by document id."),
           db: Optional[Path] = DbOption) -> None:
    """Archive reports (.txt .html .jsonl .warc .warc.gz, RSS/Atom) and extract their claims."""
    try:
        meta_by_id, meta_failures = load_meta(meta) if meta else ({}, [])
    except ValueError as problem:
        fail(str(problem))
    files = expand(paths, exclude=[meta] if meta else [])
    con = open_store(db)
    with _progress(len(files)) as (report, advance):
        for failure in meta_failures:
            report(failure)
        summary = pipeline.ingest(con, files, meta_by_id, on_failure=report, on_file=advance)
    con.close()
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
def text(doc_id: str = typer.Argument(..., help="Document id."), db: Optional[Path] = DbOption) -> None:
    """Print a document's cleaned article text."""
    con = open_store(db, read_only=True)
    cleaned = records.current_text(con, doc_id)
    if cleaned is None:
        fail(f"no document {doc_id!r} in {db or 'the store'}")
    sys.stdout.write(cleaned.text + "\n")


@app.command()
def claims(db: Optional[Path] = DbOption,
           doc: Optional[str] = typer.Option(None, "--doc", help="Only this document's claims."),
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
           profile: Optional[str] = typer.Option(None, "--profile", help="Add a recorder's figures: acled, ibc or ucdp.")) -> None:
    """Casualty claims, as ../spec/claims.md defines them."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if profile and profile not in PROFILES:
        fail(f"--profile must be one of {', '.join(PROFILES)}")
    con = open_store(db, read_only=True)
    if doc and records.document_meta(con, doc) is None:
        fail(f"no document {doc!r} in the store")
    write_claims(records.current_claims(con, doc), fmt, profile=profile)

