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
import re
from array import array
from bisect import bisect_left
from collections import OrderedDict, defaultdict

from rapidfuzz import fuzz

from briefing.verify.align import slip_allowance
from briefing.verify.edits import could_be_slip
from briefing.verify.normalize import Normalized, normalize
from briefing.verify.tokens import ParsedQuote, SourceText

_WORD = re.compile(r"[^\W_]+")
CANDIDATES = 5
QUERY_WORDS = 12
RANK_AT_MOST = 50
KEEP_TOKENIZED = 64
RESEMBLANCE = 80  # partial_ratio a verifying quote always reaches (one slip per ten words costs ~2)
_NONE = array("I")  # the postings of a word no source has
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})  # all but [^\W_]


class Corpus:
    def __init__(self, texts: dict[str, str], paths: dict[str, str] | None = None):
        self.ids = list(texts)
        self._numbers = {sid: k for k, sid in enumerate(self.ids)}
        self._texts = texts
        self.paths = paths or {sid: sid for sid in texts}
        self._tokenized: OrderedDict[str, SourceText] = OrderedDict()  # least recently used first
        self._normalized: dict[str, Normalized] = {}  # each source folded once, kept (about its text's size)
        self._postings: dict[str, array] | None = None
        self._words: dict[str, str] = {}  # each source's folded words, one space apart (when first needed)
        self.searches = 0  # corpus-wide searches so far: a verdict that needed one depends on every source

    def raw(self, source_id: str) -> str:
        """The source as written, without tokenising it."""
        return self._texts[source_id]

    def text(self, source_id: str) -> SourceText:
        """The tokenised source. Tokens take several times the text's memory, so only the most
        recently used few are kept; callers that group their work by source tokenise each once."""
        if source_id in self._tokenized:
            self._tokenized.move_to_end(source_id)
        else:
            self._tokenized[source_id] = SourceText(self._texts[source_id], self.normalized(source_id))
            if len(self._tokenized) > KEEP_TOKENIZED:
                self._tokenized.popitem(last=False)
        return self._tokenized[source_id]

    def normalized(self, source_id: str) -> Normalized:
        """The source folded (normalize.py), once per run: its tokens, made again if they were let go,
        and its words for the index and the resemblance check all start from this."""
        norm = self._normalized.get(source_id)
        if norm is None:
            norm = self._normalized[source_id] = normalize(self._texts[source_id])
        return norm

    # -- corpus-wide search ----------------------------------------------------
    def _index(self) -> dict[str, array]:
        """Word -> the sorted numbers of the sources that have it; built once, the first time a
        search needs it."""
        if self._postings is None:
            postings: dict[str, array] = defaultdict(lambda: array("I"))
            for number, sid in enumerate(self.ids):
                words = self._folded_words(sid)
                for word in set(words.split(" ") if words else ()):
                    postings[word].append(number)
            self._postings = dict(postings)
        return self._postings

    def _folded_words(self, source_id: str) -> str:
        """The source's words, folded as quotes are (so "Salmon" finds "Salmón") and case-folded,
        one space apart; made once, for the index and the resemblance check alike."""
        if source_id not in self._words:
            folded = self.normalized(source_id).text.casefold()
            # in ASCII, the words are the runs of letters and digits: split at C speed, twice as fast
            words = folded.translate(_ASCII_SEPARATORS).split() if folded.isascii() else _WORD.findall(folded)
            self._words[source_id] = " ".join(words)
        return self._words[source_id]

    def resembles(self, quote: ParsedQuote, source_id: str) -> bool:
        """A quick, C-speed necessary condition before tokenising and aligning a source: a quote
        without ellipses or brackets that verifies differs from its passage only by punctuation,
        case and a few slipped letters, so its words score high on rapidfuzz's partial_ratio."""
        if quote.has_ellipsis or quote.has_bracket:
            return True
        words = " ".join(_query_words(quote))
        return fuzz.partial_ratio(words, self._folded_words(source_id), score_cutoff=RESEMBLANCE) > 0

    def candidates(self, quote: ParsedQuote, exclude: str | None = None, limit: int = CANDIDATES) -> list[str]:
        """Source ids that could hold the quote, most likely first (``exclude`` left out)."""
        self.searches += 1
        if len(self.ids) <= limit + 1:
            return [sid for sid in self.ids if sid != exclude]
        index = self._index()
        allowance = slip_allowance(quote.word_count)
        # (postings, may be a slip) per quote word, rarest first so that checks fail fast
        needs = sorted(((index.get(w, _NONE), could_be_slip(t, i in quote.free_case))
                        for i, t in enumerate(quote.tokens) if t.is_wordlike for w in _WORD.findall(t.key)),
                       key=lambda need: len(need[0]))
        # a source that holds the quote has every word that cannot be a slip, and lacks at most
        # `allowance` words, so it has one of the allowance + 1 rarest: take the smaller pool
        pool: array | list[int] = sorted({number for p, _ in needs[:allowance + 1] for number in p})
        required = [p for p, slippable in needs if not slippable]
        if required and len(required[0]) < len(pool):
            pool = required[0]
        n = len(self.ids)
        excluded = -1 if exclude is None else self._numbers.get(exclude, -1)
        # a quote of common words only could be almost anywhere: rank a bounded number of the
        # sources that could hold it rather than all of them
        possible = []
        for number in pool:
            if number != excluded and _could_hold(needs, number, allowance):
                possible.append(number)
                if len(possible) >= RANK_AT_MOST:
                    break
        ranked = sorted((-sum(math.log(1 + n / len(p)) for p, _ in needs[:QUERY_WORDS] if _has(p, number)), number)
                        for number in possible)
        return [self.ids[number] for _, number in ranked[:limit]]


def _query_words(quote: ParsedQuote) -> list[str]:
    """The words of a quote as the index holds words: its word and number tokens' keys, split as
    the index splits a source ("don't" is "don" and "t")."""
    return [w for t in quote.tokens if t.is_wordlike for w in _WORD.findall(t.key)]


def _could_hold(needs: list[tuple[array, bool]], number: int, allowance: int) -> bool:
    """Whether source ``number`` has the words the quote needs (a cheap necessary condition)."""
    for postings, slippable in needs:
        if not _has(postings, number):
            if not slippable or allowance == 0:
                return False
            allowance -= 1
    return True


def _has(postings: array, number: int) -> bool:
    k = bisect_left(postings, number)
    return k < len(postings) and postings[k] == number

