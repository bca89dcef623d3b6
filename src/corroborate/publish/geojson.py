"""GeoJSON (RFC 7946): one Feature per located record, longitude first, WGS 84, as QGIS reads it."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO


def feature(record: dict, latitude: float | None, longitude: float | None) -> dict | None:
    """None for a record without coordinates: a Point needs a position."""
    if latitude is None or longitude is None:
        return None
    # RFC 7946 §11.2: six decimals are about 10 cm, more is noise
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
            "properties": record}


def write(features: Iterable[dict | None], out: TextIO) -> tuple[int, int]:
    """The FeatureCollection, streamed; (written, left out for want of coordinates)."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for item in features:
        if item is None:
            skipped += 1
            continue
        out.write((",\n" if written else "") + json.dumps(item, ensure_ascii=False, default=str))
        written += 1
    out.write("\n]}\n")
    return written, skipped
