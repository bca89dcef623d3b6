"""Who published or originated a claim's figure (spec/incidents.md, Grades). A person an
outlet quotes (a resident, a witness, an official) is the outlet's own reporting; a monitor,
a government or an agency is itself the source, wherever it is carried (an outlet repeating
SNHR's figure is SNHR); two outlets carrying one wire story (the same sentence, word for
word) are one source."""
from __future__ import annotations

from corroborate.reconcile.members import Member
from corroborate.reconcile.rules import rules, words


def _name(text: str | None) -> str:
    folded = " ".join(w for w in words(text) if w != "the")
    return rules().aliases.get(folded, folded)


def originates(source: str) -> bool:
    """Whether a (folded) source names a body that issues figures of its own, rather than
    someone its outlet quotes."""
    r = rules()
    return source in r.aliases.values() or bool(set(source.split()) & r.originators)


def original(m: Member) -> str:
    source, outlet = _name(m.source), _name(m.outlet)
    own = outlet and (source == outlet or source.startswith(outlet + " "))
    if not source or own or (not originates(source) and outlet):
        return outlet or f"doc:{m.doc}"
    return source


def _carriers(members: list[Member]) -> dict[str, Member]:
    """Each member's first carrier: a sentence carried word for word by several documents
    is one story, whose claims take the source of the first document that carries it."""
    first: dict[str, Member] = {}
    for m in sorted(members, key=lambda m: (m.published or "", m.doc, m.n)):
        first.setdefault(" ".join(words(m.evidence)), m)
    return {m.key: first[" ".join(words(m.evidence))] for m in members}


def keys(members: list[Member]) -> dict[str, str]:
    """Each member's original source."""
    return {key: original(carrier) for key, carrier in _carriers(members).items()}


def publishers(members: list[Member]) -> list[str]:
    """The independent sources, as their claims name them (the outlet for its own reporting)."""
    named: dict[str, str] = {}
    for carrier in sorted(_carriers(members).values(), key=lambda m: (m.published or "", m.doc, m.n)):
        key = original(carrier)
        own = key in (_name(carrier.outlet), f"doc:{carrier.doc}")
        named.setdefault(key, (carrier.outlet or key) if own else (carrier.source or key))
    return sorted(named.values(), key=str.lower)


def independent(members: list[Member]) -> int:
    return len(set(keys(members).values()))
