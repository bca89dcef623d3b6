"""`ingest --server URL`: documents posted to a running `corroborate serve`, which writes
them, one at a time, with their audit entries, while it holds the store file."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path

from corroborate.archive import FIELDS, Fields, ReadFailure, read_file
from corroborate.document import Document
from corroborate.pipeline import Summary

TRIES = 5  # a busy server answers 503 with Retry-After; after this many, the document is reported


class Unreachable(RuntimeError):
    """No server answers at the URL (or it refuses the token): the batch cannot go on."""


class Remote:
    def __init__(self, url: str, token: str):
        self.url, self.token = url.rstrip("/"), token

    def ingest(self, files: Iterable[Path], meta: dict[str, dict] | None = None,
               on_failure: Callable[[ReadFailure], None] = lambda f: None,
               on_file: Callable[[Path], None] = lambda path: None, fields: Fields = FIELDS) -> Summary:
        summary, meta = Summary(), meta or {}

        def fail(failure: ReadFailure) -> None:
            summary.failures.append(failure)
            on_failure(failure)

        for path in files:
            for item in read_file(Path(path), fields):
                if isinstance(item, ReadFailure):
                    fail(item)
                    continue
                doc = item.with_meta(meta.get(item.doc_id, {}))
                outcome = self._post(doc)
                if outcome in ("ingested", "updated", "unchanged"):
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
                else:
                    fail(ReadFailure(doc.origin, outcome))
            on_file(Path(path))
        return summary

    def close(self) -> None:
        """Nothing to release: each document is its own request."""

    def _post(self, doc: Document) -> str:
        """The server's outcome for `doc`, or why it was not stored."""
        if doc.kind not in ("text/plain", "text/html"):
            return f"{doc.kind} cannot be posted: ingest it with the store file"
        try:
            content = doc.content.decode("utf-8")
        except UnicodeDecodeError:
            # the server archives UTF-8: re-encoding would change the bytes the hash vouches for
            return "not UTF-8: posting would change its bytes; ingest it with the store file"
        body = {"doc_id": doc.doc_id, "content": content, "media_type": doc.kind, "origin": doc.origin,
                "meta": {k: v if isinstance(v, list) else str(v) for k, v in doc.meta.items()}}
        request = urllib.request.Request(f"{self.url}/api/documents", json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": f"Bearer {self.token}"})
        for _ in range(TRIES):
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    return json.load(response)["outcome"]
            except urllib.error.HTTPError as answer:
                detail = _detail(answer)
                if answer.code in (401, 403):
                    raise Unreachable(f"{self.url}: {detail}") from None
                if answer.code != 503:
                    return f"refused by the server ({answer.code}): {detail}"
                time.sleep(float(answer.headers.get("Retry-After") or 1))
            except urllib.error.URLError as problem:
                raise Unreachable(f"{self.url}: no server answers ({problem.reason})") from None
        return f"the server stayed busy after {TRIES} tries"


def _detail(answer: urllib.error.HTTPError) -> str:
    try:
        return str(json.load(answer).get("detail"))
    except (ValueError, AttributeError):
        return answer.reason
