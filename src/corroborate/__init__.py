"""corroborate: casualty claims from open sources, each traced to an archived sentence."""

__version__ = "0.1.0"
