"""corroborate: casualty claims from open sources, each traced to an archived sentence."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `from corroborate import Store` without importing the whole pipeline for every submodule
    if name in ("Store", "StoreBusy", "Refused", "Holder"):
        from corroborate import api
        return getattr(api, name)
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")
