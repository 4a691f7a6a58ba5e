"""Match one parsed quote against one source: every verified placement, or the best failed one."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from briefing import codes
from briefing.verify.align import (
    MAX_BRACKET_WORDS,
    MAX_GAP_CHARS,
    Alignment,
    Step,
    align,
    slip_allowance,
    trim_ellipses,
)
from briefing.verify.budget import spend
from briefing.verify.edits import FORBIDDEN_COST, NEVER_ADDED, Edit, compare
from briefing.verify.lexicon import PREFIXES
from briefing.verify.locate import candidate_windows
from briefing.verify.tokens import BRACKET, ELLIPSIS, PUNCT, ParsedQuote, SourceText

LIKELY_SHARE = 0.5
HYPHENS = frozenset({"-", "\u2010", "\u2011"})  # a hyphen joins a word; an en or em dash separates
PLACEMENT_WORK = 4  # a placement tried costs about four alignment cells
MORE_PLACEMENTS = 8  # further alignments per window, looking for other places the quote verifies
# what may stand between a quote's edge and a negation it cuts off: spaces and quotation marks, and
# the brackets a source prints inside a word ("can[not]")
_EDGE = frozenset(" \t\n\"'[]")


@dataclass
class SourceMatch:
    verified: list[Alignment] = field(default_factory=list)
    best: Alignment | None = None  # cheapest alignment, verified or not

    @property
    def ok(self) -> bool:
        return bool(self.verified)


def is_verified(alignment: Alignment, quote: ParsedQuote) -> bool:
    return not alignment.forbidden and alignment.slips <= slip_allowance(quote.word_count)


def match_quote(quote: ParsedQuote, source: SourceText, likely_only: bool = False, edges: bool = True,
                verbatim: bool = True) -> SourceMatch:
    """``likely_only``: align only where most of the quote's words line up (for searching
    other sources, where a quote that is not there should cost next to nothing). ``edges=False``
    leaves out the rules at a quote's edges (a search for a phrase, not a quotation). The work
    is spent from the citation's budget (see ``budget``). ``verbatim=False`` skips the verbatim
    path, for a second look after it already failed."""
    fast = [a for a in _exact_placements(quote, source) if not edges or _judge_edges(a, quote, source)] \
        if verbatim else []
    if fast:
        fast.sort(key=_cleanest_first)
        return SourceMatch(fast, fast[0])
    result = SourceMatch()
    seen: set[tuple[int, int]] = set()
    inner_ellipsis = any(t.kind == ELLIPSIS for t in quote.tokens[slice(*trim_ellipses(quote.tokens))])
    for window in candidate_windows(quote, source, LIKELY_SHARE if likely_only else 0.0):
        todo = [window]
        budget = MORE_PLACEMENTS
        while todo:
            lo, hi = todo.pop()
            # a cell per quote token and source token; a bracket tries up to 8 words at each
            spend((hi - lo + 1) * (len(quote.tokens) + MAX_BRACKET_WORDS * quote.brackets))
            alignment = _align_once(quote, source, lo, hi)
            if inner_ellipsis and alignment.cost < FORBIDDEN_COST and _paragraphs_apart(alignment, source) > 1:
                # the parts of a quote with ellipses lie within two adjacent paragraphs: the best
                # placement here spreads wider, so look again in each pair of paragraphs
                todo += _paragraph_pairs(source, lo, hi)
                continue
            _enforce_slip_allowance(alignment, quote)
            verified = (not edges or _judge_edges(alignment, quote, source)) and is_verified(alignment, quote)
            if result.best is None or alignment.cost < result.best.cost:
                result.best = alignment
            span = alignment.source_range()
            if not (span and verified):
                continue
            if span not in seen:
                seen.add(span)
                result.verified.append(alignment)
            if budget > 0:  # the quote may stand again elsewhere in this window: report every location
                budget -= 2
                todo += [(a, b) for a, b in ((lo, span[0]), (span[1], hi)) if _could_hold(quote, source, a, b)]
    result.verified.sort(key=_cleanest_first)
    return result


def _align_once(quote: ParsedQuote, source: SourceText, lo: int, hi: int) -> Alignment:
    """``align``, made once per quote, source and window; each caller gets its own list of edits
    (judging the edges and the slips adds to it). The work is spent all the same, by the caller:
    the budget counts what the rules ask for, so a verdict never depends on what was remembered."""
    key = (source, lo, hi)
    made = quote.aligned.get(key)
    if made is None:
        made = quote.aligned[key] = align(quote, source, lo, hi)
    return Alignment(made.cost, made.steps, list(made.edits))


def _could_hold(quote: ParsedQuote, source: SourceText, lo: int, hi: int) -> bool:
    """A cheap necessary condition for tokens [lo, hi) to hold another placement: the quote's
    words, all but as many as its slips could change."""
    words = {t.key for t in quote.tokens if t.is_wordlike}
    if hi - lo < len(words) // 2:
        return False
    return len(words.intersection(source.keys[lo:hi])) >= len(words) - slip_allowance(quote.word_count)


def _paragraphs_apart(alignment: Alignment, source: SourceText) -> int:
    span = alignment.source_range()
    if span is None:
        return 0
    return source.paragraph_of(source.token(span[1] - 1).start) - source.paragraph_of(source.token(span[0]).start)


def verifies_verbatim(quote: ParsedQuote, source: SourceText) -> bool:
    """The fast path alone: whether the quote stands verbatim (after folding) where the rules allow."""
    return any(_judge_edges(a, quote, source) for a in _exact_placements(quote, source))


def _paragraph_pairs(source: SourceText, lo: int, hi: int) -> list[tuple[int, int]]:
    """Token window [lo, hi) cut into windows of two adjacent paragraphs each."""
    if hi <= lo:
        return []
    starts = source.starts
    first, last = source.paragraph_of(starts[lo]), source.paragraph_of(starts[hi - 1])
    if last - first <= 1:
        return [(lo, hi)]
    out = []
    for p in range(first, last):
        a = max(lo, bisect_left(starts, source.paragraph_range(p)[0]))
        b = min(hi, bisect_left(starts, source.paragraph_range(p + 1)[1]))
        if b > a:
            out.append((a, b))
    return out


def _judge_edges(alignment: Alignment, quote: ParsedQuote, source: SourceText) -> bool:
    """The rules at a quote's edges, which no alignment step sees: it must not begin right after,
    or end right before, a negation (nor begin right after a negating prefix's hyphen), and a final
    mark must not stand for the source's ``?`` or ``!``. Records what is wrong; True when nothing is."""
    span = alignment.source_range()
    if span is None:
        return True
    lo, hi = span
    problems = []
    # the last token before the quote (skipping the hyphen of a prefix it was cut from), and the
    # token where the negation word that ends there begins (non-refoulement ends at "refoulement")
    last, first_after = lo - 1, lo
    if last >= 1 and _joining_hyphen(source, last) and _adjacent(source, last, lo):
        last, first_after = last - 1, last  # "refoulement" cut from "non-refoulement", "fly zone" from "no-fly zone"
    word_start = last
    if last >= 2 and source.keys[last - 1] == "-" and source.text_between(last - 1, last) == "" \
            and source.text_between(last - 2, last - 1) == "":
        word_start = last - 2  # begins right after "non-refoulement": the compound is the negation
    if last >= 0 and _adjacent(source, last, first_after) and \
            (source.is_negation(last) or source.is_negation(word_start)):
        word = source.token(last).text
        problems.append(Edit(codes.NEGATION_CHANGED, False, "", word, f'the quote begins right after "{word}"'))
    after = hi
    while after < len(source.keys) and source.keys[after] == "[" and _adjacent(source, after - 1, after):
        after += 1  # "Residents can" cut from "can[not]"
    if after < len(source.keys) and source.is_negation(after) and _adjacent(source, hi - 1, after):
        word = source.token(after).text
        problems.append(Edit(codes.NEGATION_CHANGED, False, "", word, f'the quote ends right before "{word}"'))
    if source.keys[hi - 1] in PREFIXES and hi < len(source.keys) and _joining_hyphen(source, hi) \
            and source.is_negation(hi - 1):
        word = source.token(hi - 1).text
        problems.append(Edit(codes.NEGATION_CHANGED, False, word, "", f'the quote ends inside a word, after "{word}-"'))
    a, b = trim_ellipses(quote.tokens)
    final = quote.tokens[b - 1] if b > a else None
    if final is not None and final.kind == PUNCT and hi < len(source.keys) and source.keys[hi] in NEVER_ADDED \
            and not any(st.op == "match" and st.qi == b - 1 for st in alignment.steps):
        problems.append(Edit(codes.PUNCTUATION_CHANGED, False, final.text, source.keys[hi],
                             f'a final "{final.text}" stands for the source\'s "{source.keys[hi]}"'))
    alignment.edits.extend(problems)
    return not problems


def _joining_hyphen(source: SourceText, i: int) -> bool:
    """Token ``i`` is a hyphen (as printed, not a dash) joining the words on either side."""
    if source.keys[i] != "-" or i == 0 or i + 1 >= len(source.keys):
        return False
    printed = source.text[source.token(i).start:source.token(i).end]
    return printed in HYPHENS and source.text_between(i - 1, i) == "" and source.text_between(i, i + 1) == ""


def _adjacent(source: SourceText, i: int, j: int) -> bool:
    """Nothing but whitespace and quotation marks between tokens ``i`` and ``j``."""
    return all(c in _EDGE for c in source.text_between(i, j))


def _cleanest_first(alignment: Alignment) -> tuple[int, float, tuple[int, int] | None]:
    """An exact occurrence before one that needs a case change, then in source order."""
    return len(alignment.edits), alignment.cost, alignment.source_range()


def _enforce_slip_allowance(alignment: Alignment, quote: ParsedQuote) -> None:
    allowance = slip_allowance(quote.word_count)
    if alignment.slips > allowance:
        why = "none" if allowance == 0 else f"at most {allowance}"
        alignment.edits.append(Edit(codes.TOO_MANY_SLIPS, False, "", f"{alignment.slips} slips, {why} allowed"))


def _exact_placements(quote: ParsedQuote, source: SourceText) -> list[Alignment]:
    """The fast path: each part of the quote (the whole of it, or each stretch between ellipses)
    appears verbatim, after normalisation, in the source; and for ellipses, in order, with every
    omitted stretch short and free of negations, all within two adjacent paragraphs. No alignment
    is needed for such quotes."""
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
    found: dict[tuple[str, ...], list[int]] = {}  # where each distinct part's keys stand in the source
    for part in parts:
        keys = tuple(tokens[i].key for i in part)
        if keys not in found:
            found[keys] = source.find_sequence(list(keys))
    starts = [found[tuple(tokens[i].key for i in part)] for part in parts]
    placer = _Placer(quote, source, parts, starts, [i for i in range(lo, hi) if tokens[i].kind == ELLIPSIS])
    out = []
    for first in starts[0]:
        chain = placer.place(first)
        if chain is not None:
            out.append(Alignment(0.0, chain, [st.edit for st in chain if st.edit]))
    return out


class _Placer:
    """Places the parts of a quote, in order, at verbatim occurrences (depth-first, so a placement
    is found whenever one exists). Whether the parts from k on can be placed depends only on k,
    where part k - 1 ended and the first part's paragraph: a dead end is recorded once, which keeps
    a quote of many ellipses and common words from exploring every path."""

    def __init__(self, quote: ParsedQuote, source: SourceText, parts: list[list[int]], starts: list[list[int]],
                 ellipses: list[int]):
        self.quote, self.source, self.parts, self.starts = quote, source, parts, starts
        self.ellipses = ellipses
        self.last = parts[-1][-1]
        self.dead: set[tuple[int, int, int]] = set()
        self.judged: dict[tuple[int, int], list[Step] | None] = {}

    def place(self, first: int) -> list[Step] | None:
        steps = self._steps(0, first)
        if steps is None:
            return None
        paragraph = self.source.paragraph_of(self.source.token(first).start) if self.ellipses else 0
        rest = self._rest(1, steps[-1].s_hi, paragraph)
        return None if rest is None else steps + rest

    def _steps(self, k: int, start: int) -> list[Step] | None:
        """Part ``k`` matched at ``start``, if the judge allows every token (case, say)."""
        if (k, start) not in self.judged:
            quote, source = self.quote, self.source
            judged = [compare(quote.tokens[qi], source.token(start + n), qi in quote.free_case, qi == self.last)
                      for n, qi in enumerate(self.parts[k])]
            exact = [j for j in judged if j is not None and j[0] == 0]
            self.judged[(k, start)] = None if len(exact) < len(judged) else [
                Step("match", qi, start + n, start + n + 1, j[1])
                for n, (qi, j) in enumerate(zip(self.parts[k], exact, strict=True))
            ]
        return self.judged[(k, start)]

    def _rest(self, k: int, end: int, paragraph: int) -> list[Step] | None:
        if k == len(self.parts):
            return []
        state = (k, end, paragraph)
        if state in self.dead:
            return None
        source, options = self.source, self.starts[k]
        gap_from = source.token(end - 1).end
        for at in range(bisect_left(options, end), len(options)):
            spend(PLACEMENT_WORK)
            start = options[at]
            if source.token(start).start - gap_from > MAX_GAP_CHARS or \
                    source.paragraph_of(source.token(start).start) > paragraph + 1:
                break  # options are in source order: later ones are further away
            if source.has_negation(end, start):
                continue
            steps = self._steps(k, start)
            if steps is None:
                continue
            rest = self._rest(k + 1, steps[-1].s_hi, paragraph)
            if rest is not None:
                gap = Step("gap", self.ellipses[k - 1], end, start, Edit("ellipsis", True, "...", ""))
                return [gap, *steps, *rest]
        self.dead.add(state)
        return None
