"""Counts that tell no event: rates ("5,700 people die every day") and possibilities ("could
kill up to 50,000", "would almost certainly have died"). Both are read in the clause around a
figure (token span start..end) and the harm word (token harm) that counts it."""
from __future__ import annotations

from corroborate.extract.lexicon import Lexicon
from corroborate.extract.tokens import CLAUSE_END, Sentence


def is_rate(lex: Lexicon, low: list[str], start: int, end: int, harm: int) -> bool:
    """'5,700 people die every day', 'each year, 1 million die', 'deaths per year'."""
    first, last = min(start, harm), max(end, harm + 1)
    lo, hi = first, last
    while lo > 0 and first - lo < lex.rate_reach[0] and low[lo - 1] not in CLAUSE_END:
        lo -= 1
    while hi < len(low) and hi - last < lex.rate_reach[1] and low[hi] not in CLAUSE_END:
        hi += 1
    for t in range(lo, hi):
        n = lex.rates.match(low, t)
        if not n or t + n > hi:
            continue
        if low[t] in ("a", "an") and ((t > 0 and low[t - 1] in lex.rate_not_after)
                                      or (t + n < len(low) and low[t + n] in lex.rate_not_before)):
            continue  # "in a day", "a day after the attack"
        return True
    return False


def is_possibility(lex: Lexicon, sent: Sentence, start: int, harm: int) -> bool:
    """'could result in the deaths of up to 50,000', '30 patients would almost certainly have
    died': a modal between the figure and its harm word, or shortly before both, in one clause.
    "may" is a modal only in lower case ("May" is the month)."""
    low = sent.low
    first, last = min(start, harm), max(start, harm)
    for t in range(last - 1, max(-1, first - lex.far_hypothetical_reach - 1), -1):
        if low[t] in CLAUSE_END or low[t] == ",":
            return False
        if lex.far_hypothetical.match(low, t) and (low[t] != "may" or sent.doc[t].text == "may"):
            return True
    return False
