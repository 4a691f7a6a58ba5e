"""Match one parsed quote against one source: every verified placement, or the best failed one."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.verify.align import MAX_GAP_CHARS, Alignment, Step, align, slip_allowance, trim_ellipses
from briefing.verify.edits import Edit, compare
from briefing.verify.locate import candidate_windows
from briefing.verify.lexicon import is_negation
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
    """The fast path: each part of the quote (the whole of it, or each stretch between ellipses)
    appears verbatim, after normalisation, in the source; and for ellipses, in order, with every
    omitted stretch short and free of negations. No alignment is needed for such quotes."""
    tokens = quote.tokens
    if not tokens or any(t.kind == BRACKET for t in tokens):
        return []
    lo, hi = trim_ellipses(tokens)
    parts: list[list[int]] = [[]]  # quote token indices of each part
    for i in range(lo, hi):
        if tokens[i].kind == ELLIPSIS:
            parts.append([])
        else:
            parts[-1].append(i)
    if any(not part for part in parts):
        return []
    last = parts[-1][-1]
    found = [_verbatim(quote, source, part, last) for part in parts]
    out = []
    dead: set[tuple[int, int]] = set()  # (parts placed, end position) known not to lead to a placement
    for first in found[0]:
        chain = _chain(source, [first], found[1:], [i for i in range(lo, hi) if tokens[i].kind == ELLIPSIS], dead)
        if chain is not None:
            out.append(Alignment(0.0, chain, [st.edit for st in chain if st.edit]))
    return out


def _verbatim(quote: ParsedQuote, source: SourceText, part: list[int], last: int) -> list[list[Step]]:
    """Every place where the quote tokens ``part`` stand in the source, as match steps."""
    keys = [quote.tokens[i].key for i in part]
    out = []
    for start in source.find_sequence(keys):
        # keys agree; the aligner's own judge decides whether case differences are allowed
        judged = [compare(quote.tokens[qi], source.token(start + k), qi in quote.free_case, qi == last)
                  for k, qi in enumerate(part)]
        if all(j is not None and j[0] == 0 for j in judged):
            out.append([Step("match", qi, start + k, start + k + 1, j[1]) for k, (qi, j) in enumerate(zip(part, judged))])
    return out


def _chain(source: SourceText, chosen: list[list[Step]], rest: list[list[list[Step]]],
           ellipses: list[int], dead: set[tuple[int, int]]) -> list[Step] | None:
    """Place the remaining parts in order after the chosen ones, each gap within the rules
    (depth-first, so a placement is found whenever one exists). Whether the rest can be placed
    depends only on how many parts are placed and where the last ends: a dead end is recorded
    once, which keeps a quote of many ellipses and common words from exploring every path."""
    if not rest:
        return [st for part in chosen for st in part]
    end = chosen[-1][-1].s_hi
    if (len(chosen), end) in dead:
        return None
    for option in rest[0]:
        start = option[0].s_lo
        if start < end:
            continue
        gap_chars = source.token(start).start - source.token(end - 1).end
        if gap_chars > MAX_GAP_CHARS:
            break  # options are in source order: later ones are further away
        if any(is_negation(k) for k in source.keys[end:start]):
            continue
        gap = Step("gap", ellipses[len(chosen) - 1], end, start, Edit("ellipsis", True, "...", ""))
        found = _chain(source, chosen + [[gap] + option], rest[1:], ellipses, dead)
        if found is not None:
            return found
    dead.add((len(chosen), end))
    return None
