"""estimate: victim lists read (`lists`) and linked into persons (`link`), then multiple systems
estimation (`mse`): how many died that no list recorded, from how the lists overlap.

The estimators load statsmodels and scipy, which take seconds to import: they are imported
when first asked for, so that reading or linking lists (and every other command) does not wait
for them."""
from __future__ import annotations

from importlib import import_module

__all__ = ["Estimate", "Overlap", "OverlapError", "Refusal", "estimate", "estimate_strata", "from_memberships",
           "read_csv", "settings"]
_WHERE = {"Overlap": "patterns", "OverlapError": "patterns", "from_memberships": "patterns", "read_csv": "patterns"}


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module(f"corroborate.estimate.{_WHERE.get(name, 'mse')}"), name)
    raise AttributeError(f"module 'corroborate.estimate' has no attribute {name!r}")
