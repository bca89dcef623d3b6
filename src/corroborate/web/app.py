"""The web app: pages, the API under /api, our own static files, and the front-end libraries
served from web/node_modules (installed by `make`), never from a CDN."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from corroborate.api import Store, StoreBusy
from corroborate.web import api, pages
from corroborate.web.headers import SecurityHeaders

ASSETS_ENV = "CORROBORATE_WEB_ASSETS"
LINGER = 1.0  # seconds the server keeps the store file after a request, before others may take it
WAIT = 5.0  # seconds a request waits for the file while another process (an ingest) holds it
RETRY_AFTER = "2"
MAX_BODY = 10 * 1024 * 1024  # bytes in a request: a report is kilobytes; `serve --max-body` sets another limit
# What the map needs from npm, by the URL it is served under.
VENDOR = {"leaflet": "leaflet/dist", "topojson-client": "topojson-client/dist", "world-atlas": "world-atlas"}


def find_assets() -> Path | None:
    """web/node_modules of the checkout (or $CORROBORATE_WEB_ASSETS); None when npm never ran:
    the pages then show their lists without the map."""
    root = Path(os.environ.get(ASSETS_ENV) or Path(__file__).resolve().parents[3] / "web" / "node_modules")
    return root if all((root / path).is_dir() for path in VENDOR.values()) else None


def create_app(db: str | os.PathLike | None = None, private: bool = False, assets: Path | None = None,
               store: Store | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at `db` (or over `store`, held open by the caller). A request
    body over `max_body` bytes is answered 413 unread (its Content-Length), or as soon as it
    grows past the limit (a body sent in chunks)."""
    app = FastAPI(title="corroborate", summary="Casualty claims, events and incidents, each traced to an archived "
                  "sentence.", version="0.1.0", max_body_size=max_body)
    app.add_middleware(SecurityHeaders)
    app.state.store = store or Store(db, wait=WAIT, linger=LINGER)
    with app.state.store.reading():
        pass  # the file is taken now: a missing, locked or broken file is told at start
    app.state.private = private
    app.state.assets = assets if assets is not None else find_assets()
    app.add_exception_handler(StoreBusy, _busy)
    app.add_exception_handler(duckdb.TransactionException, _conflict)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")
    if app.state.assets:
        for name, path in VENDOR.items():
            app.mount(f"/vendor/{name}", StaticFiles(directory=app.state.assets / path), name=name)
    return app


def _busy(request: Request, problem: Exception) -> JSONResponse:
    """Another process holds the store file: nothing was written; ask again shortly."""
    return JSONResponse({"detail": f"the store is busy: {problem}"}, 503, headers={"Retry-After": RETRY_AFTER})


def _conflict(request: Request, problem: Exception) -> JSONResponse:
    """A write that met another: rolled back whole, so it can be sent again as it was."""
    return JSONResponse({"detail": f"conflicting write, nothing was changed: {problem}"}, 409,
                        headers={"Retry-After": RETRY_AFTER})
