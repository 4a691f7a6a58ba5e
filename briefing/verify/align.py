"""Word-by-word alignment of a quote with a window of its source.

A semi-global dynamic programme: the quote must be consumed whole, the source window
may be entered and left anywhere. Every step is an edit judged by ``edits``; the
cheapest alignment is the best reading of the quote, and it is verified when it uses
no forbidden edit and no more slips than the quote is allowed.

Ellipsis rows use a sliding-window minimum so an omitted stretch of up to 1,000
characters costs O(1) per cell, not O(gap).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from briefing import codes
from briefing.verify.edits import (
    BRACKET_COST,
    FORBIDDEN_COST,
    GAP_COST,
    Edit,
    EditKind,
    bracket_violation,
    compare,
    same_but_at,
    skip_cost,
)
from briefing.verify.lexicon import NUMBER_WORDS, is_word
from briefing.verify.tokens import BRACKET, ELLIPSIS, NUM, PUNCT, SYM, WORD, ParsedQuote, SourceText, Token

MAX_GAP_CHARS = 1000
MAX_BRACKET_WORDS = 8
INF = math.inf

# match: a quote token against a source token; quote / source: a token only one side has;
# join: quote "a - b" for a source word closed up (or broken across a line); split: a quote word
# for the source's hyphenated "a-b"; gap: an ellipsis; bracket: an editorial insertion;
# literal: the source's own "..." or "[...]" quoted as text.
StepOp = Literal["match", "quote", "source", "join", "split", "gap", "bracket", "literal"]
QUOTED_OPS = frozenset({"match", "join", "split", "literal"})  # steps that quote source tokens
# How the programme reached a cell: the step, its quote index (-1: the current row's), the source
# index it came from, and the edit it takes.
Pointer = tuple[StepOp, int, int, Edit | None]


@dataclass
class Step:
    op: StepOp
    qi: int  # quote token index (for "source": the quote position it precedes)
    s_lo: int  # source token range [s_lo, s_hi), absolute indices
    s_hi: int
    edit: Edit | None = None


@dataclass
class Alignment:
    cost: float
    steps: list[Step]
    edits: list[Edit] = field(default_factory=list)

    @property
    def forbidden(self) -> list[Edit]:
        return [e for e in self.edits if not e.allowed]

    @property
    def slips(self) -> int:
        return sum(1 for e in self.edits if e.code == "slip")

    def source_range(self) -> tuple[int, int] | None:
        """First and last+1 source token consumed by the quote (gaps excluded at the edges)."""
        used = [(s.s_lo, s.s_hi) for s in self.steps
                if s.op in QUOTED_OPS or (s.op == "bracket" and s.s_hi > s.s_lo)]
        if not used:
            return None
        return min(a for a, _ in used), max(b for _, b in used)

    def fragments(self) -> list[tuple[int, int]]:
        """Source token ranges quoted contiguously, split at ellipsis gaps."""
        out: list[list[int]] = []
        current: list[int] | None = None
        for s in self.steps:
            if s.op == "gap":
                current = None
                continue
            if (s.op in QUOTED_OPS or s.op == "bracket") and s.s_hi > s.s_lo:
                if current is None:
                    current = [s.s_lo, s.s_hi]
                    out.append(current)
                current[1] = s.s_hi
        return [(a, b) for a, b in out]


def slip_allowance(word_count: int) -> int:
    return 0 if word_count < 3 else math.ceil(word_count / 10)


def align(quote: ParsedQuote, source: SourceText,  # noqa: PLR0912, PLR0915 - the programme's rows in one place
          lo: int, hi: int) -> Alignment:
    """Best alignment of ``quote`` (leading/trailing ellipses already implied) with tokens [lo, hi)."""
    a, b = trim_ellipses(quote.tokens)
    q = quote.tokens[a:b]
    S = source.window(lo, hi)
    n, W = len(q), len(S)
    last_q = max((i for i, t in enumerate(q) if t.kind != PUNCT), default=n - 1)
    source_skips = [skip_cost(s, True, from_quote=False) for s in S]  # the same for every row
    skip_costs = [cost for cost, _ in source_skips]
    # each source token's word, by number: its text, kind, case freedom and final mark decide how a quote token
    # judges it, and words repeat, so each row judges each distinct word once (at its first token)
    distinct: dict[tuple[str, str, bool, bool], Token] = {}
    number: dict[tuple[str, str, bool, bool], int] = {}
    word_of = []
    for s in S:
        word = (s.text, s.kind, s.anycase, s.mark)
        if word not in number:
            number[word], distinct[word] = len(number), s
        word_of.append(number[word])
    # where the source has "a-b" (most windows have no hyphen at all: asked first, at C speed)
    compounds = [j for j in range(3, W + 1) if S[j - 2].key == "-"] if "-" in source.keys[lo:hi] else []
    breaks = [j for j in range(1, W + 1) if S[j - 1].join > 0]  # words rejoined across a line-end hyphen
    D = [[INF] * (W + 1) for _ in range(n + 1)]
    B: list[list[Pointer | None]] = [[None] * (W + 1) for _ in range(n + 1)]
    D[0] = [0.0] * (W + 1)
    for i in range(1, n + 1):
        t = q[i - 1]
        first = (i - 1 + a) in quote.free_case
        inside = i - 1 < last_q
        row, prev, back = D[i], D[i - 1], B[i]
        if t.kind == ELLIPSIS:
            _ellipsis_row(row, prev, back, S, i)
            continue
        if t.annotation:  # [sic]: stands for no words, anywhere
            for j in range(W + 1):
                row[j], back[j] = prev[j], ("bracket", i - 1, j, Edit("annotation", True, f"[{t.text}]", ""))
        elif t.kind == BRACKET:
            # at either edge of the quote a bracket must stand for a source word, or it could
            # add anything ("are [binding]" for "are not binding") with the edge left free
            _bracket_row(row, prev, back, S, t, at_edge=i in (1, n))
        else:
            qcost, qedit = skip_cost(t, inside, first, from_quote=True)
            joinable = i >= 3 and q[i - 2].key == "-"  # the quote's "a-b" may be a source word closed up
            if prev[0] + qcost < row[0]:
                row[0], back[0] = prev[0] + qcost, ("quote", i - 1, 0, qedit)
            # the judgement depends only on the source token's text, kind and case freedom, and source
            # words repeat a lot: judge each distinct one once per quote token
            judged_of = [compare(t, s, first, not inside, explain=False) for s in distinct.values()]
            for j in range(1, W + 1):
                # a substitution explains a difference better than an insertion: try it first
                best = row[j]
                judged = judged_of[word_of[j - 1]]
                if judged is not None:
                    c = prev[j - 1] + judged[0]
                    if c < best:
                        best, back[j] = c, ("match", i - 1, j - 1, judged[1])
                if joinable and _joins(q[i - 3], q[i - 2], t, S[j - 1]):
                    cost, edit = _closed_up(q[i - 3], t, S[j - 1], (i - 3 + a) in quote.free_case, quoted=True)
                    c = D[i - 3][j - 1] + cost
                    if c < best:
                        best, back[j] = c, ("join", i - 3, j - 1, edit)
                c = prev[j] + qcost
                if c < best:
                    best, back[j] = c, ("quote", i - 1, j, qedit)
                row[j] = best
            for j in compounds:  # the source's "a-b" quoted closed up
                if _joins(S[j - 3], S[j - 2], S[j - 1], t):
                    cost, edit = _closed_up(S[j - 3], S[j - 1], t, first, quoted=False)
                    if prev[j - 3] + cost < row[j]:
                        row[j], back[j] = prev[j - 3] + cost, ("split", i - 1, j - 3, edit)
            for j in breaks:  # "four-\ntime" quoted "four time": the hyphen as a space
                if i >= 2 and _splits_at_break(q[i - 2], t, S[j - 1]):
                    cost, edit = _closed_up(q[i - 2], t, S[j - 1], (i - 2 + a) in quote.free_case, quoted=True)
                    if D[i - 2][j - 1] + cost < row[j]:
                        row[j], back[j] = D[i - 2][j - 1] + cost, ("join", i - 2, j - 1, edit)
        # source tokens the quote skips between two of its own tokens
        if i < n:
            for j in range(1, W + 1):
                c = row[j - 1] + skip_costs[j - 1]
                if c < row[j]:
                    row[j], back[j] = c, ("source", i, j - 1, source_skips[j - 1][1])
    end = min(range(W + 1), key=lambda j: (D[n][j], j))
    if D[n][end] == INF:  # no reading at all (an edge bracket with no word to stand for): no placement
        return Alignment(INF, [])
    alignment = _backtrace(D, B, n, end, lo, a)
    _explain_matches(alignment, quote, source, last_q + a)
    return alignment


def _explain_matches(alignment: Alignment, quote: ParsedQuote, source: SourceText, last_q: int) -> None:
    """The inner loop priced word substitutions without saying what they were; say it now."""
    for step in alignment.steps:
        if step.op == "match" and step.edit is None:
            t, s = quote.tokens[step.qi], source.token(step.s_lo)
            if t.key != s.key and t.is_wordlike:
                judged = compare(t, s, step.qi in quote.free_case, step.qi >= last_q)
                assert judged is not None, "a match step pairs tokens that can pair"
                step.edit = judged[1]
    alignment.edits = _merge_splices(alignment.steps, [st.edit for st in alignment.steps if st.edit is not None])


def trim_ellipses(tokens: list[Token]) -> tuple[int, int]:
    """The range of ``tokens`` without leading and trailing ellipses: those omit nothing inside the span."""
    a, b = 0, len(tokens)
    while a < b and tokens[a].kind == ELLIPSIS:
        a += 1
    while b > a and tokens[b - 1].kind == ELLIPSIS:
        b -= 1
    return a, b


def _joins(a: Token, dash: Token, b: Token, s: Token) -> bool:
    """``a-b`` on one side is ``s`` on the other: a word broken across a line, or a hyphenated
    compound closed up (``non-refoulement`` = ``nonrefoulement``, ``four-time`` = ``fourtime``;
    never ``can not`` = ``cannot``)."""
    if not (_lettered(a) and dash.key == "-" and _lettered(b) and a.key + b.key == s.key):
        return False
    return len(a.key) == s.join or (a.end == dash.start and dash.end == b.start)


def _lettered(t: Token) -> bool:
    """A word, or a number in words (``four``): the halves a hyphen may join. Never digits."""
    return t.kind == WORD or (t.kind == NUM and t.key.isalpha())


def _splits_at_break(a: Token, b: Token, s: Token) -> bool:
    """Quote words ``a b`` for the source's ``a-`` at a line's end and ``b`` on the next. The hyphen
    may be a compound's (``four-time``), which a space may replace, or a word's broken in two
    (``cham-pion``), which may not: so both halves must be words of the language."""
    return (_lettered(a) and _lettered(b) and a.key + b.key == s.key and len(a.key) == s.join
            and _a_word(a.key) and _a_word(b.key))


def _a_word(key: str) -> bool:
    return key in NUMBER_WORDS or is_word(key)


def _closed_up(a: Token, b: Token, whole: Token, first: bool, quoted: bool) -> tuple[float, Edit]:
    """The edit for halves ``a`` and ``b`` on one side standing for ``whole`` on the other (``quoted``:
    the halves are the quote's). Closing up may lower the second half's capital (``Sixday`` for
    ``Six-Day``); any other change of case is a name's."""
    joined, at = a.text + b.text, len(a.text)
    code: EditKind = "line-break-hyphen" if whole.join > 0 else "hyphen"
    if whole.join > 0:  # the source has both halves as printed ("Six-" "Day"): their case is kept
        same = (first and joined[1:] == whole.text[1:]) or joined == whole.text
    else:
        same = same_but_at(joined, whole.text, at, first)
    if a.anycase or b.anycase or whole.anycase or same:
        return 0.0, Edit(code, True, "", "")
    halves = f"{a.text}-{b.text}"
    return FORBIDDEN_COST, Edit(codes.NAME_CHANGED, False, *((halves, whole.text) if quoted else (whole.text, halves)))



def _ellipsis_row(row: list[float], prev: list[float], back: list[Pointer | None], S: list[Token], i: int) -> None:
    """row[j] = min over j' <= j of prev[j'] + gap cost, for gaps S[j':j] that the rules allow.

    Also records the cheapest forbidden gap (one hiding a negation) at FORBIDDEN_COST cost,
    so a failure can say why."""
    W = len(S)
    valid: deque[int] = deque()
    anyq: deque[int] = deque()
    lo_dist = 0
    last_neg = -1  # index of the last negation token before j
    for j in range(W + 1):
        # candidates j' = j enter both windows
        for dq in (valid, anyq):
            while dq and prev[dq[-1]] - dq[-1] * GAP_COST >= prev[j] - j * GAP_COST:
                dq.pop()
            dq.append(j)
        if j > 0 and S[j - 1].negation:
            last_neg = j - 1
        next_start = S[j].start if j < W else (S[-1].end if S else 0)
        while lo_dist < j and next_start - (S[lo_dist - 1].end if lo_dist else S[0].start) > MAX_GAP_CHARS:
            lo_dist += 1
        lo_valid = max(lo_dist, last_neg + 1)
        while valid and valid[0] < lo_valid:
            valid.popleft()
        while anyq and anyq[0] < lo_dist:
            anyq.popleft()
        best = INF
        if valid:
            jp = valid[0]
            best = prev[jp] + (j - jp) * GAP_COST
            back[j] = ("gap", i - 1, jp, Edit("ellipsis", True, "...", ""))
        if anyq:
            jp = anyq[0]
            # just under FORBIDDEN_COST: "the ellipsis hides it" explains a lost negation better than "dropped"
            c = prev[jp] + (j - jp) * GAP_COST + FORBIDDEN_COST * 0.999
            if c < best:
                hidden = next((t.text for t in S[jp:j] if t.negation), "not")
                best = c
                back[j] = ("gap", i - 1, jp, Edit(codes.ELLIPSIS_HIDES_NEGATION, False, "...", hidden))
        if j and S[j - 1].kind == PUNCT and S[j - 1].key == "..." and prev[j - 1] < best:
            best = prev[j - 1]
            back[j] = ("literal", i - 1, j - 1, None)
        row[j] = best


def _bracket_row(row: list[float], prev: list[float], back: list[Pointer | None],  # noqa: PLR0912 - both readings
                 S: list[Token], t: Token, at_edge: bool) -> None:
    """A bracket stands for 0-8 source words, or matches a bracket printed in the source."""
    W = len(S)
    width = len(t.inner) + 2
    for j in range(W + 1):
        # literal: the source itself has "[ ... ]" with the same content (a slip allowed)
        if j >= width and S[j - width].key == "[" and S[j - 1].key == "]":
            pairs = [compare(x, y, False, False) for x, y in zip(t.inner, S[j - width + 1:j - 1], strict=True)]
            judged = [p for p in pairs if p is not None]
            edits = [e for _, e in judged if e is not None] if len(judged) == len(pairs) else None
            if edits is not None and sum(cost for cost, _ in judged) < FORBIDDEN_COST and len(edits) <= 1:
                c = prev[j - width] + sum(cost for cost, _ in judged)
                if c < row[j]:
                    row[j], back[j] = c, ("literal", -1, j - width, edits[0] if edits else None)
        words = 0
        jp = j
        while jp >= 0:
            replaced = S[jp:j]
            if at_edge and not any(x.is_wordlike for x in replaced):
                if jp == 0:
                    break
                jp -= 1
                if _source_bracket(S[jp]):
                    break
                words += S[jp].is_wordlike
                continue
            violation = bracket_violation(t.inner, replaced)
            cost = BRACKET_COST + 0.01 * words + (FORBIDDEN_COST if violation else 0.0)
            c = prev[jp] + cost
            if c < row[j]:
                row[j], back[j] = c, ("bracket", -1, jp, violation or Edit("bracket", True, f"[{t.text}]",
                                                                         " ".join(x.text for x in replaced)))
            if jp == 0:
                break
            jp -= 1
            if _source_bracket(S[jp]):
                break  # brackets printed in the source are its text: an editor's bracket cannot swallow them
            if S[jp].is_wordlike:
                words += 1
                if words > MAX_BRACKET_WORDS:
                    break


def _source_bracket(t: Token) -> bool:
    return t.kind == SYM and t.key in ("[", "]")


def _backtrace(D: list[list[float]], B: list[list[Pointer | None]], n: int, end: int, lo: int,
               offset: int) -> Alignment:
    """Walk back from (n, end); quote indices are shifted by ``offset`` to index the whole quote."""
    steps: list[Step] = []
    i, j = n, end
    while i > 0:
        pointer = B[i][j]
        assert pointer is not None, "every cell on the best path was reached by a step"
        op, qi, jp, edit = pointer
        qi = (i - 1 if qi < 0 else qi) + offset
        if op == "source":
            steps.append(Step(op, qi, lo + jp, lo + jp + 1, edit))
            j = jp
            continue
        if op == "quote":
            steps.append(Step(op, qi, lo + j, lo + j, edit))
            i -= 1
            continue
        if op == "join":  # "a-b" (three quote tokens) or "a b" (two) for one source word
            steps.append(Step(op, qi, lo + jp, lo + jp + 1, edit))
            i, j = qi - offset, jp
            continue
        steps.append(Step(op, qi, lo + jp, lo + j, edit))
        i, j = i - 1, jp
    steps.reverse()
    return Alignment(D[n][end], steps)


def _merge_splices(steps: list[Step], edits: list[Edit]) -> list[Edit]:
    """Three or more source words left out together, without an ellipsis, form a splice."""
    runs: list[list[Edit]] = [[]]
    for s in steps:
        if s.op != "source":
            runs.append([])
        elif s.edit and s.edit.code in (codes.WORD_CHANGED, codes.NAME_CHANGED):
            runs[-1].append(s.edit)
    runs = [r for r in runs if len(r) >= 3]
    if not runs:
        return edits
    dropped = {id(e) for r in runs for e in r}
    out = [e for e in edits if id(e) not in dropped]
    out.extend(Edit(codes.SPLICE, False, "", " ".join(e.source for e in r)) for r in runs)
    return out
