"""Pages and API answers kept while the store is unchanged. Reading an incident page takes a
dozen queries; asked again with nothing written since, it is the same page, so it is sent as
it was, compressed as it was. The key is the request (host, path, query, what it accepts and
whether gzip, the day: a citation says when it was read) and the store's state
(`Store.state`), which any write changes, here or by another process. Only public reads are
kept: a request with a token or a cookie, and an answer that is not a 200 or sets a cookie,
pass through untouched."""
from __future__ import annotations

from collections import OrderedDict
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ENTRIES = 512  # answers kept, the least recently used dropped first
LARGEST = 2 * 1024 * 1024  # bytes: a larger answer (an export) is made each time
# Files are served from disk as they are; the API's description and its page change only with the code.
PASS = ("/static/", "/vendor/", "/docs", "/openapi.json", "/favicon.ico")
PRIVATE = (b"authorization", b"cookie")


class Answers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.kept: OrderedDict[tuple, tuple[list[Message], tuple[int, int]]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", ())) if scope["type"] == "http" else {}
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(PASS) \
                or any(name in headers for name in PRIVATE):
            await self.app(scope, receive, send)
            return
        try:  # read before the answer is made, so never newer than it; in a thread: the file may be busy
            state = await run_in_threadpool(scope["app"].state.store.state)
        except Exception:  # noqa: BLE001 (the store busy or broken: the app answers that itself)
            await self.app(scope, receive, send)
            return
        key = (scope["scheme"], headers.get(b"host"), scope["path"], scope["query_string"], headers.get(b"accept"),
               b"gzip" in headers.get(b"accept-encoding", b""), date.today())
        found = self.kept.get(key)
        if found is not None and found[1] == state:
            self.kept.move_to_end(key)
            for message in found[0]:
                await send(_copy(message))
            return
        messages: list[Message] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal size
            messages.append(_copy(message))  # the middlewares outside change what they are sent
            size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        start = messages[0] if messages else {}
        if start.get("status") == 200 and size <= LARGEST \
                and not any(name.lower() == b"set-cookie" for name, _ in start.get("headers", ())):
            self.kept[key] = (messages, state)
            self.kept.move_to_end(key)
            while len(self.kept) > ENTRIES:
                self.kept.popitem(last=False)


def _copy(message: Message) -> Message:
    return {**message, "headers": list(message["headers"])} if "headers" in message else dict(message)
