"""resolve: claims' places and dates made exact — a gazetteer lookup with a precision code."""
from __future__ import annotations

import re
from collections import Counter

from corroborate.document import Claim, Text
from corroborate.resolve.geocoder import Geocoder, Resolution, settings
from corroborate.resolve.gazetteer import Gazetteer


def country_focus(geocoder: Geocoder, places: list[str]) -> str | None:
    """The country most of a document's places are in, when they are read without a focus."""
    return leader(Counter(r.place.country for r in (geocoder.resolve(p) for p in set(places)) if r.place))


def leader(counts: Counter):
    """The most common value, unless another is as common."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def within(text: str, place: str) -> str | None:
    """What the document says contains `place`: "Al-Qusour in the city of Baniyas" → "Baniyas"."""
    for pattern in settings().within:
        found = re.search(pattern.replace("{place}", re.escape(place)), text)
        if found:
            return found.group("within")
    return None


def locate(claims: list[Claim], text: Text, gazetteer: Gazetteer) -> None:
    """Fill in each claim's coordinates, place id and precision codes, in place."""
    places = sorted({c.place for c in claims if c.place})
    focus = country_focus(Geocoder(gazetteer), places)
    geocoder = Geocoder(gazetteer, country=focus)
    resolved: dict[str, Resolution] = {}
    for place in places:
        found = geocoder.resolve(place)
        container = within(text.text, place) if "," not in place else None
        if container:
            inside = geocoder.resolve(f"{place}, {container}")
            found = inside if inside.place else found
        resolved[place] = found
    for claim in claims:
        found = resolved.get(claim.place) if claim.place else None
        if found and found.place:
            claim.latitude, claim.longitude = found.place.latitude, found.place.longitude
            claim.place_id, claim.precision = found.place.place_id, found.precision

