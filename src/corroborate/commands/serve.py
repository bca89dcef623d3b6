"""`corroborate serve`: the web map, pages and HTTP API over a store."""
from __future__ import annotations

from pathlib import Path

import typer

from corroborate.cli import DbOption, app, fail


@app.command()
def serve(db: Path | None = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          private: bool = typer.Option(False, "--private/--public",
                                       help="Reads need a token too (any role); writes always do."),
          max_body: str = typer.Option("10MB", "--max-body", help="The largest request body taken, as 10MB, 512KB "
                                       "or bytes; a larger one is answered 413 unread.")) -> None:
    """Serve the map, timeline, incident and document pages, and the API under /api."""
    import uvicorn  # imported here: the other commands need not pay for it

    from corroborate.web.app import create_app

    limit = _size(max_body)
    if limit is None:
        fail(f"--max-body {max_body!r}: give a size such as 10MB, 512KB or 1048576 (bytes)")
    try:
        web = create_app(db, private=private, max_body=limit)
    except Exception as problem:  # duckdb: locked by another process, corrupt file
        fail(f"{db or 'store'}: cannot open: {problem}")
    uvicorn.run(web, host=host, port=port, log_level="warning")


UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def _size(said: str) -> int | None:
    """Bytes in a size as people write it ("10MB", "512 KB", "1048576"), or None."""
    text = said.strip().lower()
    number = text.rstrip("kmgb ")
    unit = text[len(number):].strip()
    try:
        value = float(number)
    except ValueError:
        return None
    return int(value * UNITS[unit]) if unit in UNITS and value >= 0 else None
