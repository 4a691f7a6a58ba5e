"""Claim-evidence consistency: every figure stated in a claim must be backed by one of its quotes."""

from __future__ import annotations

from briefing.verify.lexicon import NUMBER_VALUES, has_digit, number_value
from briefing.verify.normalize import normalize
from briefing.verify.tokens import NUM, tokenize


def figures(text: str) -> dict[str, str]:
    """Canonical value -> the figure as written, for digits and number words of two or more."""
    out: dict[str, str] = {}
    for t in tokenize(normalize(text, join_breaks=False)):
        if t.kind != NUM:
            continue
        if has_digit(t.key) or NUMBER_VALUES.get(t.key, 0) >= 2:
            out.setdefault(number_value(t.key), t.text)
    return out


def unsupported_figures(claim_text: str, quotes: list[str]) -> list[str]:
    """Figures in ``claim_text`` that none of ``quotes`` contains, as written in the claim."""
    backed: set[str] = set()
    for q in quotes:
        backed.update(figures(q))
    return [written for value, written in figures(claim_text).items() if value not in backed]
