"""All sources of a briefing: tokenised on demand, with a word index for corpus-wide search.

A quote missing from its cited source is looked for everywhere else. Aligning it
against every source would cost O(corpus) per quote, so an inverted index (word ->
the sources that contain it, as compact arrays) is built once per run, the first
time it is needed, and each quote's rarest words pick the few sources worth aligning.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import defaultdict

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
                for word in set(_WORD.findall(self._texts[sid].casefold())):
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
            if sid != exclude:
                out.append(sid)
            if len(out) >= limit:
                break
        return out
