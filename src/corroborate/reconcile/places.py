"""Where an incident is, as people read it: the place's usual name, how precisely it is
placed (a word, from rules.toml [precision]) and its country. A place no gazetteer knows is
shown as written, unresolved; a district's or a governorate's point is a centroid, told as
"somewhere in" it and never as a site."""
from __future__ import annotations

from corroborate.fold import fold
from corroborate.reconcile.members import Member
from corroborate.reconcile.rules import rules


def where(anchor: Member) -> dict:
    """The incident's place, place_id, coordinates and precision (a word), from the claim
    placed most precisely. A place the gazetteer does not know keeps its name as written,
    with what contains it or lies beside it when the gazetteer knows that, but never its id:
    the incident is not at that place."""
    words = rules().precision
    if anchor.located:
        place, place_id = anchor.place_name or anchor.place, anchor.place_id
    elif anchor.place:
        around = anchor.place_name if anchor.place_id else None
        named = around and f" {fold(around)} " in f" {fold(anchor.place)} "
        place, place_id = f"{anchor.place}, {around}" if around and not named else anchor.place, None
    else:
        place = place_id = None
    if place and anchor.latitude is None and not anchor.located:
        precision = words["unresolved"]
    elif place:
        kind = words["kinds"].get(anchor.place_kind or "") if anchor.precision == 1 else None
        precision = kind or words["words"].get(str(anchor.precision), words["unresolved"])
    else:
        precision = None
    return {"place": place, "place_id": place_id, "latitude": anchor.latitude, "longitude": anchor.longitude,
            "precision": precision}


def area(precision: str | None) -> bool:
    """Whether a place of this precision is an area, whose point is only its centroid."""
    return precision in rules().precision["areas"]


def told(place: str | None, precision: str | None) -> str | None:
    """The place with its precision, as a sentence says it: "somewhere in Latakia Governorate",
    "near Baniyas", "Al-Shilfatiya (unresolved)"."""
    if not place:
        return None
    said = rules().precision["told"]
    return said.get("area" if area(precision) else precision or "", "{place}").format(place=place)
