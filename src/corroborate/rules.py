"""Rules files: every heuristic table is TOML shipped with its package, and a folder named by
CORROBORATE_RULES may hold a file of the same name whose tables extend it (lists are added
to, values replaced)."""
from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

EXTRA_RULES_ENV = "CORROBORATE_RULES"


def merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + [v for v in value if v not in base[key]]
        else:
            base[key] = value
    return base


@cache  # callers only read the rules
def load(path: Path) -> dict:
    """The rules file at `path`, extended by the user's file of the same name."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    extra_dir = os.environ.get(EXTRA_RULES_ENV)
    if extra_dir and (Path(extra_dir) / path.name).exists():
        data = merge(data, tomllib.loads((Path(extra_dir) / path.name).read_text(encoding="utf-8")))
    return data
