"""The headers on every answer, whatever route gave it: a browser runs, frames and sniffs
nothing but the app's own files. Plain ASGI, so that streamed answers pass through as they are."""
from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The pages load only what the app serves: its static files, the front-end libraries under
# /vendor and the API. The one exception is the map's optional online tile layer (off by
# default), whose images come from OpenStreetMap.
PAGES_CSP = ("default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; style-src 'self'; "
             "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# FastAPI's interactive API pages (/docs, /redoc) are an inline script over Swagger UI or
# ReDoc from the jsDelivr CDN; they are allowed what they need and nothing else.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
            "https://cdn.redoc.ly; worker-src blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
ALWAYS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"].startswith(DOCS_PATHS) else PAGES_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_headers(message.get("headers", []), policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_headers(headers, policy: str) -> list[tuple[bytes, bytes]]:
    """The answer's headers and ours; one the route set itself (the archived original's
    `sandbox` policy) is kept as the route set it."""
    headers = list(headers)
    present = {name.lower() for name, _ in headers}
    wanted = {"content-security-policy": policy, **ALWAYS}
    return headers + [(name.encode(), value.encode()) for name, value in wanted.items() if name.encode() not in present]
