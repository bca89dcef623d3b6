"""archive: turn files on disk into Documents, and say clearly why a file was refused."""
from corroborate.archive.readers import ReadFailure, expand, load_meta, read_file, read_paths

__all__ = ["ReadFailure", "expand", "load_meta", "read_file", "read_paths"]
