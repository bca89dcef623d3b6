"""JSON answers written as they are: FastAPI's encoder visits every value of a returned dict
in Python (a page of 100 incidents with their claims took longer to encode than to read), and
the records hold only JSON's types and dates, which are written as FastAPI writes them (ISO 8601)."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi.responses import JSONResponse


def _iso(value: Any) -> str:
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


class JSONAnswer(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=_iso).encode("utf-8")
