"""Imported by the fork server of `ingest --workers`' own cluster (the last of scale.FORKED),
and by nothing else: importing it warms the server before it forks a worker (scale.warm)."""
from corroborate import scale

scale.warm()
