"""The web app: pages, the API under /api, our own static files, and the front-end libraries
served from web/node_modules (installed by `make`), never from a CDN."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp

from corroborate.api import Store, StoreBusy
from corroborate.web import api, editing, pages, points
from corroborate.web.answers import Answers
from corroborate.web.headers import SecurityHeaders

ASSETS_ENV = "CORROBORATE_WEB_ASSETS"
LINGER = 1.0  # seconds the server keeps the store file after a request, before others may take it
WAIT = 5.0  # seconds a request waits for the file while another process (an ingest) holds it
RETRY_AFTER = "2"
MAX_BODY = 10 * 1024 * 1024  # bytes in a request: a report is kilobytes; `serve --max-body` sets another limit
# What the map needs from npm, by the URL it is served under.
VENDOR = {"leaflet": "leaflet/dist", "leaflet.markercluster": "leaflet.markercluster/dist", "uplot": "uplot/dist",
          "topojson-client": "topojson-client/dist", "world-atlas": "world-atlas"}
# What the API's interactive page needs from npm; without it /docs says how to get it.
DOCS_VENDOR = {"swagger-ui": "swagger-ui-dist"}
STATIC = Path(__file__).with_name("static")
# Our files and the libraries change only with a release: a day in a browser's cache, then
# asked again (with their ETag, answered 304 when unchanged).
CACHE = "public, max-age=86400"
COMPRESS_FROM = 1000  # bytes: smaller answers are sent as they are
COMPRESS_LEVEL = 6  # zlib's default: level 9 (Starlette's) takes twice as long for a few per cent


class CachedFiles(StaticFiles):
    def file_response(self, *args, **kwargs) -> Response:
        found = super().file_response(*args, **kwargs)
        found.headers.setdefault("Cache-Control", CACHE)
        return found


class _App(FastAPI):
    """Our headers go on every answer, a 500 or a 413 included: outside Starlette's own
    outermost layer (the one that turns an exception into a 500), not inside it."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


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
    app = _App(title="corroborate", summary="Casualty claims, events and incidents, each traced to an archived "
                  "sentence.", version="0.1.0", max_body_size=max_body, docs_url=None, redoc_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=COMPRESS_FROM, compresslevel=COMPRESS_LEVEL)
    app.add_middleware(Answers)  # outside the compression: an answer kept is kept compressed
    app.state.store = store or Store(db, wait=WAIT, linger=LINGER)
    with app.state.store.reading():
        pass  # the file is taken now: a missing, locked or broken file is told at start
    app.state.private = private
    app.state.csrf_key = secrets.token_bytes(32)  # signs the forms' CSRF tokens; new at each start
    app.state.assets = assets if assets is not None else find_assets()
    app.add_exception_handler(StarletteHTTPException, _error)
    app.add_exception_handler(StoreBusy, _busy)
    app.add_exception_handler(duckdb.TransactionException, _conflict)
    app.include_router(api.router)
    app.include_router(points.router)
    app.include_router(pages.router)
    app.include_router(editing.router)
    app.add_api_route("/favicon.ico", _favicon, include_in_schema=False)
    app.add_api_route("/docs", _docs, include_in_schema=False)
    app.mount("/static", CachedFiles(directory=STATIC), name="static")
    root = app.state.assets
    for name, path in {**(VENDOR if root else {}), **DOCS_VENDOR}.items():
        if root and (root / path).is_dir():
            app.mount(f"/vendor/{name}", CachedFiles(directory=root / path), name=name)
    return app


def _favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": CACHE})


def _docs(request: Request) -> HTMLResponse:
    """The API's interactive page, Swagger UI from npm served here (no CDN, no inline script)."""
    here = request.app.state.assets is not None and (request.app.state.assets / DOCS_VENDOR["swagger-ui"]).is_dir()
    return pages.templates.TemplateResponse(request, "docs.html", {"swagger": here, "assets": False})


async def _error(request: Request, problem: Exception) -> Response:
    """A person who followed a link gets a page that says what went wrong; a program (the
    API, or anything not asking for HTML) gets JSON, as before."""
    assert isinstance(problem, StarletteHTTPException)
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return await http_exception_handler(request, problem)
    return pages.templates.TemplateResponse(request, "error.html", {"status": problem.status_code,
                                                                    "detail": problem.detail, "assets": False},
                                            status_code=problem.status_code, headers=problem.headers)


def _busy(request: Request, problem: Exception) -> JSONResponse:
    """Another process holds the store file: nothing was written; ask again shortly."""
    return JSONResponse({"detail": f"the store is busy: {problem}"}, 503, headers={"Retry-After": RETRY_AFTER})


def _conflict(request: Request, problem: Exception) -> JSONResponse:
    """A write that met another: rolled back whole, so it can be sent again as it was."""
    return JSONResponse({"detail": f"conflicting write, nothing was changed: {problem}"}, 409,
                        headers={"Retry-After": RETRY_AFTER})
