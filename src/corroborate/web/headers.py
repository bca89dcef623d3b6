"""The headers on every answer, whatever route gave it: a browser runs, frames and sniffs
nothing but the app's own files. Plain ASGI, so that streamed answers pass through as they are."""
from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The pages load only what the app serves: its static files, the front-end libraries
# under /vendor (Swagger UI for /docs among them) and the API. The one exception is the
# map's optional online tile layer (off by default), whose images come from OpenStreetMap.
PAGES_CSP = ("default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; style-src 'self'; "
             "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
ALWAYS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_headers(message.get("headers", []), PAGES_CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_headers(headers, policy: str) -> list[tuple[bytes, bytes]]:
    """The answer's headers and ours; one the route set itself (the archived original's
    `sandbox` policy) is kept as the route set it."""
    headers = list(headers)
    present = {name.lower() for name, _ in headers}
    wanted = {"content-security-policy": policy, **ALWAYS}
    return headers + [(name.encode(), value.encode()) for name, value in wanted.items() if name.encode() not in present]
