"""Commands over documents and their claims: ingest, text, claims."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corroborate import pipeline
from corroborate.archive import expand, load_meta
from corroborate.cli import DbOption, app, err, fail, open_store
from corroborate.publish.formats import FORMATS, write_claims
from corroborate.store import records


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="Files or directories (read recursively)."),
           meta: Optional[Path] = typer.Option(None, "--meta", help="JSONL of metadata by document id."),
           db: Optional[Path] = DbOption) -> None:
    """Archive reports (.txt .html .jsonl .warc .warc.gz, RSS/Atom) and extract their claims."""
    meta_by_id, meta_failures = load_meta(meta) if meta else ({}, [])
    for failure in meta_failures:
        err.print(f"[yellow]warning:[/yellow] {failure}", highlight=False)
    missing = [p for p in paths if not p.exists()]
    files = expand([p for p in paths if p.exists()], exclude=[meta] if meta else [])
    con = open_store(db)
    show = err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))

        def report(failure):
            progress.console.print(f"[red]failed:[/red] {failure}", highlight=False, soft_wrap=True) if show \
                else print(f"failed: {failure}", file=sys.stderr)

        summary = pipeline.ingest(con, files, meta_by_id, on_failure=report,
                                  on_file=lambda path: progress.advance(task))
    for path in missing:
        summary.failed += 1
        print(f"failed: {path}: no such file or directory", file=sys.stderr)
    con.close()
    print(str(summary), file=sys.stderr)
    raise typer.Exit(1 if summary.failed else 0)


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
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv.")) -> None:
    """Casualty claims, as ../spec/claims.md defines them."""
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    con = open_store(db, read_only=True)
    if doc and records.document_meta(con, doc) is None:
        fail(f"no document {doc!r} in the store")
    write_claims(records.current_claims(con, doc), fmt)

