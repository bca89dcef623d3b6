"""Who is the original source of a claim. An outlet repeating SNHR's figure is SNHR; an
outlet's own reporting is the outlet; two outlets carrying one wire story (the same
sentence, word for word) are one source."""
from __future__ import annotations

from corroborate.reconcile.members import Member
from corroborate.reconcile.rules import rules, words


def _name(text: str | None) -> str:
    folded = " ".join(w for w in words(text) if w != "the")
    return rules().aliases.get(folded, folded)


def original(m: Member) -> str:
    source, outlet = _name(m.source), _name(m.outlet)
    if not source or (outlet and (source == outlet or source.startswith(outlet + " "))):
        return outlet or f"doc:{m.doc}"
    return source


def keys(members: list[Member]) -> dict[str, str]:
    """Each member's original source. A sentence carried word for word by several documents
    is one story: its claims take the source of the first document that carries it."""
    first_carrier: dict[str, Member] = {}
    for m in sorted(members, key=lambda m: (m.published or "", m.doc, m.n)):
        first_carrier.setdefault(" ".join(words(m.evidence)), m)
    return {m.key: original(first_carrier[" ".join(words(m.evidence))]) for m in members}


def independent(members: list[Member]) -> int:
    return len(set(keys(members).values()))
