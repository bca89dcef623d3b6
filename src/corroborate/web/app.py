"""The web app: pages, the API under /api, our own static files, and the front-end libraries
served from web/node_modules (installed by `make`), never from a CDN."""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from corroborate.store import connect
from corroborate.web import api, pages

ASSETS_ENV = "CORROBORATE_WEB_ASSETS"
# What the map needs from npm, by the URL it is served under.
VENDOR = {"leaflet": "leaflet/dist", "topojson-client": "topojson-client/dist", "world-atlas": "world-atlas"}


def find_assets() -> Path | None:
    """web/node_modules of the checkout (or $CORROBORATE_WEB_ASSETS); None when npm never ran:
    the pages then show their lists without the map."""
    root = Path(os.environ.get(ASSETS_ENV) or Path(__file__).resolve().parents[3] / "web" / "node_modules")
    return root if all((root / path).is_dir() for path in VENDOR.values()) else None


def create_app(db: str | os.PathLike | None = None, private: bool = False, assets: Path | None = None) -> FastAPI:
    app = FastAPI(title="corroborate", summary="Casualty claims, events and incidents, each traced to an archived "
                  "sentence.", version="0.1.0")
    app.state.con = connect(db)
    app.state.private = private
    app.state.assets = assets if assets is not None else find_assets()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")
    if app.state.assets:
        for name, path in VENDOR.items():
            app.mount(f"/vendor/{name}", StaticFiles(directory=app.state.assets / path), name=name)
    return app
