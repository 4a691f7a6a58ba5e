"""All sources of a briefing: tokenised on demand, with a word index for corpus-wide search.

A quote missing from its cited source is looked for everywhere else. Aligning it
against every source would cost O(corpus) per quote, so an inverted index (word ->
the sources that contain it, as sorted compact arrays) is built once per run, the
first time it is needed. Each quote's rarest words rank the sources, and a source is
aligned only if it has every word the quote needs verbatim (numbers, names, negations,
short words) and lacks no more words than the quote's slip allowance could excuse.
"""

from __future__ import annotations

import math
from bisect import bisect_left
import re
from array import array
from collections import defaultdict

from briefing.verify.align import slip_allowance
from briefing.verify.edits import could_be_slip
from briefing.verify.normalize import normalize
from briefing.verify.tokens import ParsedQuote, SourceText

_WORD = re.compile(r"[^\W_]+")
CANDIDATES = 5
QUERY_WORDS = 12
MIN_SHARE = 0.6  # of the rare words' weight a candidate source must contain


class Corpus:
    def __init__(self, texts: dict[str, str], paths: dict[str, str] | None = None):
        self.ids = list(texts)
        self._texts = texts
        self.paths = paths or {sid: sid for sid in texts}
        self._tokenized: dict[str, SourceText] = {}
        self._postings: dict[str, array] | None = None

    def text(self, source_id: str) -> SourceText:
        if source_id not in self._tokenized:
            self._tokenized[source_id] = SourceText(self._texts[source_id])
        return self._tokenized[source_id]

    # -- corpus-wide search ----------------------------------------------------
    def _index(self) -> dict[str, array]:
        if self._postings is None:
            postings: dict[str, array] = defaultdict(lambda: array("I"))
            for number, sid in enumerate(self.ids):
                # folded as quotes are, so "Salmon" finds "Salmón"
                for word in set(_WORD.findall(normalize(self._texts[sid]).text.casefold())):
                    postings[word].append(number)
            self._postings = dict(postings)
        return self._postings

    def candidates(self, quote: ParsedQuote, exclude: str | None = None, limit: int = CANDIDATES) -> list[str]:
        """Source ids most likely to hold the quote, best first (``exclude`` left out)."""
        if len(self.ids) <= limit + 1:
            return [sid for sid in self.ids if sid != exclude]
        index = self._index()
        words = {w for t in quote.tokens if t.is_wordlike for w in _WORD.findall(t.key)}
        scored = sorted((len(index[w]), w) for w in words if w in index)[:QUERY_WORDS]
        n = len(self.ids)
        score: dict[int, float] = defaultdict(float)
        total = 0.0
        for df, word in scored:
            idf = math.log(1 + n / df)
            total += idf
            for number in index[word]:
                score[number] += idf
        # a source lacking most of the quote's rare words cannot hold the quote: do not align it
        ranked = sorted(((sid, v) for sid, v in score.items() if v >= MIN_SHARE * total),
                        key=lambda kv: (-kv[1], kv[0]))
        out = []
        for number, _ in ranked:
            sid = self.ids[number]
            if sid != exclude and self._could_hold(quote, number):
                out.append(sid)
            if len(out) >= limit:
                break
        return out

    def _could_hold(self, quote: ParsedQuote, number: int) -> bool:
        """Whether source ``number`` has the words the quote needs (a cheap necessary condition)."""
        index = self._index()
        excusable = slip_allowance(quote.word_count)
        for i, t in enumerate(quote.tokens):
            if not t.is_wordlike:
                continue
            for word in _WORD.findall(t.key):
                postings = index.get(word)
                if postings is not None and _has(postings, number):
                    continue
                if not could_be_slip(t, i in quote.free_case):
                    return False
                excusable -= 1
                if excusable < 0:
                    return False
        return True


def _has(postings: array, number: int) -> bool:
    k = bisect_left(postings, number)
    return k < len(postings) and postings[k] == number

