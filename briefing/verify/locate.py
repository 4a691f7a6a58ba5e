"""Where in a source a quote might be: candidate token windows for the aligner.

Each fragment of the quote (the text between ellipses) votes for source positions
through its words; positions that several words agree on become windows, widened
by what the other fragments and their gaps may need. When no word matches at all
(every word slipped, say), rapidfuzz finds the closest stretch of characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from rapidfuzz import fuzz

from briefing.verify.align import MAX_GAP_CHARS, trim_ellipses
from briefing.verify.tokens import ELLIPSIS, ParsedQuote, SourceText, Token

MAX_WINDOWS = 8
COMMON = 300  # a word seen more often than this in one source says little about where a quote is
DIAGONAL_SLACK = 3


def candidate_windows(quote: ParsedQuote, source: SourceText, min_share: float = 0.0) -> list[tuple[int, int]]:
    """Token windows worth aligning, best first. With ``min_share``, only windows where at least
    that share of a fragment's telling words line up (used when a failure would be cheap to miss
    and costly to look for: searching other sources); and no fuzzy fallback."""
    tokens = quote.tokens
    if not source.keys or not tokens:
        return []
    starts = source.starts
    # char lengths of the quote before/after each token, and ellipses before/after
    total_chars = tokens[-1].end - tokens[0].start
    first, last = trim_ellipses(tokens)  # an ellipsis at either end omits nothing inside the span
    ell_before, count = [], 0
    for i, t in enumerate(tokens):
        ell_before.append(count)
        count += t.kind == ELLIPSIS and first <= i < last
    n_ell = count

    windows: list[tuple[int, int]] = []
    for anchor_q, anchor_s, _score in _anchors(tokens, source, min_share):
        q_tok, s_start = tokens[anchor_q], starts[anchor_s]
        before = (q_tok.start - tokens[0].start) * 1.5 + MAX_GAP_CHARS * ell_before[anchor_q] + 40
        after = (tokens[-1].end - q_tok.start) * 1.5 + MAX_GAP_CHARS * (n_ell - ell_before[anchor_q]) + 40
        low, high = s_start - before, s_start + after
        if n_ell:  # the parts around ellipses lie within two adjacent paragraphs: the anchor's, and one beside it
            paragraph = source.paragraph_of(s_start)
            low = max(low, source.paragraph_range(paragraph - 1)[0] if paragraph else 0)
            high = min(high, source.paragraph_range(paragraph + 1)[1])
        lo = bisect_left(starts, low)
        hi = bisect_right(starts, high)
        windows.append((max(0, lo - 2), min(len(starts), hi + 2)))
    if not windows and not min_share:
        windows = _fuzzy_window(quote, source, starts, total_chars)
    return _merge(windows)[:MAX_WINDOWS]


def _anchors(tokens: list[Token], source: SourceText,  # noqa: PLR0912 - vote, smooth, choose: one pass each
             min_share: float) -> list[tuple[int, int, int]]:
    """(quote token index, source token index, votes) for the best-supported placements."""
    words = [(i, t) for i, t in enumerate(tokens) if t.is_wordlike]
    if not words:
        return []
    postings = [(i, source.positions(t.key)) for i, t in words]
    informative = [(i, p) for i, p in postings if 0 < len(p) <= COMMON]
    if not informative:  # only common words: the rarest two vote (all of them would cost O(quote x source))
        informative = sorted(((i, p) for i, p in postings if p), key=lambda ip: len(ip[1]))[:2]
    # diagonals: source index minus quote index, counted per ellipsis-free fragment
    frag_of = []
    frag = 0
    for t in tokens:
        frag += t.kind == ELLIPSIS
        frag_of.append(frag)
    telling = Counter(frag_of[i] for i, p in postings if len(p) <= COMMON)  # words that can vote
    votes: Counter = Counter()
    example: dict[tuple[int, int], tuple[int, int]] = {}
    for qi, positions in informative:
        for p in positions:
            key = (frag_of[qi], p - qi)
            votes[key] += 1
            example.setdefault(key, (qi, p))
    if not votes:
        return []
    # smooth: punctuation differences shift a diagonal by a token or two
    smoothed: Counter = Counter()
    for (f, d), v in votes.items():
        for k in range(-DIAGONAL_SLACK, DIAGONAL_SLACK + 1):
            if (f, d + k) in votes:
                smoothed[(f, d)] += votes[(f, d + k)] if k else v
    best = max(smoothed.values())
    chosen: list[tuple[int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for key, v in smoothed.most_common():
        if v < max(1, best * 0.5) or len(chosen) >= MAX_WINDOWS * 2:
            break
        f, d = key
        if v < min_share * telling[f]:
            continue
        if any(f == g and abs(d - e) <= DIAGONAL_SLACK for g, e in seen):
            continue
        seen.add(key)
        qi, p = example[key]
        chosen.append((qi, p, v))
    return chosen


def _fuzzy_window(quote: ParsedQuote, source: SourceText, starts: list[int],
                  total_chars: int) -> list[tuple[int, int]]:
    text = " ".join(t.text for t in quote.tokens if t.kind != ELLIPSIS)
    found = fuzz.partial_ratio_alignment(text, source.norm.text, processor=str.casefold)
    if found is None or found.score < 50:
        return []
    a = source.norm.offsets.to_original(found.dest_start)
    b = source.norm.offsets.to_original(max(found.dest_start, found.dest_end - 1)) + 1
    pad = total_chars // 2 + 40
    lo = bisect_left(starts, a - pad)
    hi = bisect_right(starts, b + pad)
    return [(max(0, lo), min(len(starts), hi))]


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping windows, keeping the order in which they were found (best first)."""
    merged: list[list[int]] = []
    for lo, hi in windows:
        for w in merged:
            if lo <= w[1] and hi >= w[0]:
                w[0], w[1] = min(w[0], lo), max(w[1], hi)
                break
        else:
            merged.append([lo, hi])
    return [(a, b) for a, b in merged]
