"""Match one parsed quote against one source: every verified placement, or the best failed one."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.verify.align import Alignment, Step, align, slip_allowance
from briefing.verify.edits import Edit, compare
from briefing.verify.locate import candidate_windows
from briefing.verify.tokens import BRACKET, ELLIPSIS, ParsedQuote, SourceText


LIKELY_SHARE = 0.5


@dataclass
class SourceMatch:
    verified: list[Alignment] = field(default_factory=list)
    best: Alignment | None = None  # cheapest alignment, verified or not

    @property
    def ok(self) -> bool:
        return bool(self.verified)


def is_verified(alignment: Alignment, quote: ParsedQuote) -> bool:
    return not alignment.forbidden and alignment.slips <= slip_allowance(quote.word_count)


def match_quote(quote: ParsedQuote, source: SourceText, likely_only: bool = False) -> SourceMatch:
    """``likely_only``: align only where most of the quote's words line up (for searching
    other sources, where a quote that is not there should cost next to nothing)."""
    fast = _exact_placements(quote, source)
    if fast:
        fast.sort(key=_cleanest_first)
        return SourceMatch(fast, fast[0])
    result = SourceMatch()
    seen: set[tuple[int, int]] = set()
    for lo, hi in candidate_windows(quote, source, LIKELY_SHARE if likely_only else 0.0):
        alignment = align(quote, source, lo, hi)
        _enforce_slip_allowance(alignment, quote)
        if result.best is None or alignment.cost < result.best.cost:
            result.best = alignment
        span = alignment.source_range()
        if span and span not in seen and is_verified(alignment, quote):
            seen.add(span)
            result.verified.append(alignment)
    result.verified.sort(key=_cleanest_first)
    return result


def _cleanest_first(alignment: Alignment):
    """An exact occurrence before one that needs a case change, then in source order."""
    return len(alignment.edits), alignment.cost, alignment.source_range()


def _enforce_slip_allowance(alignment: Alignment, quote: ParsedQuote) -> None:
    allowance = slip_allowance(quote.word_count)
    if alignment.slips > allowance:
        why = "none" if allowance == 0 else f"at most {allowance}"
        alignment.edits.append(Edit("too-many-slips", False, "", f"{alignment.slips} slips, {why} allowed"))


def _exact_placements(quote: ParsedQuote, source: SourceText) -> list[Alignment]:
    """The fast path: the quote's tokens appear verbatim (after normalisation) in the source."""
    tokens = quote.tokens
    if not tokens or any(t.kind in (ELLIPSIS, BRACKET) for t in tokens):
        return []
    out = []
    last = len(tokens) - 1
    for start in source.find_sequence([t.key for t in tokens]):
        # keys agree; the aligner's own judge decides whether case differences are allowed
        judged = [compare(t, source.token(start + i), i in quote.free_case, i == last)
                  for i, t in enumerate(tokens)]
        if all(j is not None and j[0] == 0 for j in judged):
            steps = [Step("match", i, start + i, start + i + 1, edit) for i, (_, edit) in enumerate(judged)]
            out.append(Alignment(0.0, steps, [edit for _, edit in judged if edit]))
    return out
