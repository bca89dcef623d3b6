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
                                       help="Reads need a token too (any role); writes always do.")) -> None:
    """Serve the map, timeline, incident and document pages, and the API under /api."""
    import uvicorn  # imported here: the other commands need not pay for it

    from corroborate.web.app import create_app

    try:
        web = create_app(db, private=private)
    except Exception as problem:  # duckdb: locked by another process, corrupt file
        fail(f"{db or 'store'}: cannot open: {problem}")
    uvicorn.run(web, host=host, port=port, log_level="warning")
