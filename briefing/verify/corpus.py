"""All sources of a briefing: tokenised on demand, with a word index for corpus-wide search.

A quote missing from its cited source is looked for everywhere else. Aligning it
against every source would cost O(corpus) per quote, so an inverted index (word ->
the sources that contain it, as sorted compact arrays) is built once per run, the
first time it is needed. A quote's rarest words name the few sources that could hold
it; a source is aligned only if it has every word the quote needs verbatim (numbers,
names, negations, short words) and lacks no more words than the slip allowance excuses.
"""

from __future__ import annotations

import math
from bisect import bisect_left
import re
from array import array
from collections import OrderedDict, defaultdict

from briefing.verify.align import slip_allowance
from briefing.verify.edits import could_be_slip
from briefing.verify.normalize import normalize
from briefing.verify.tokens import ParsedQuote, SourceText

_WORD = re.compile(r"[^\W_]+")
CANDIDATES = 5
QUERY_WORDS = 12
KEEP_TOKENIZED = 64


class Corpus:
    def __init__(self, texts: dict[str, str], paths: dict[str, str] | None = None):
        self.ids = list(texts)
        self._numbers = {sid: k for k, sid in enumerate(self.ids)}
        self._texts = texts
        self.paths = paths or {sid: sid for sid in texts}
        self._tokenized: OrderedDict[str, SourceText] = OrderedDict()  # least recently used first
        self._postings: dict[str, array] | None = None

    def text(self, source_id: str) -> SourceText:
        """The tokenised source. Tokens take several times the text's memory, so only the most
        recently used few are kept; callers that group their work by source tokenise each once."""
        if source_id in self._tokenized:
            self._tokenized.move_to_end(source_id)
        else:
            self._tokenized[source_id] = SourceText(self._texts[source_id])
            if len(self._tokenized) > KEEP_TOKENIZED:
                self._tokenized.popitem(last=False)
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
        """Source ids that could hold the quote, most likely first (``exclude`` left out)."""
        if len(self.ids) <= limit + 1:
            return [sid for sid in self.ids if sid != exclude]
        index = self._index()
        words = {w for t in quote.tokens if t.is_wordlike for w in _WORD.findall(t.key)}
        by_rarity = sorted((len(index.get(w, ())), w) for w in words)
        # a source that holds the quote lacks at most `allowance` of its words (slips), so it has
        # at least one of the allowance + 1 rarest: only those words' sources need a look
        pool: set[int] = set()
        for df, word in by_rarity[:slip_allowance(quote.word_count) + 1]:
            if df:
                pool.update(index[word])
        n = len(self.ids)
        weights = [(word, math.log(1 + n / df)) for df, word in by_rarity[:QUERY_WORDS] if df]
        excluded = self._numbers.get(exclude, -1)
        ranked = []
        for number in pool:
            if number != excluded and self._could_hold(quote, number):
                score = sum(idf for word, idf in weights if _has(index[word], number))
                ranked.append((-score, number))
        ranked.sort()
        return [self.ids[number] for _, number in ranked[:limit]]

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

