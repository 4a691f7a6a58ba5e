"""``briefing find``: where in the sources is a phrase? Pure: a phrase and a corpus in, passages out.

The phrase is matched with the same rules as a quote, so a phrase copied with straight
quotes, other line breaks or a slip still lands on its passage. When it verifies nowhere,
the closest passages are offered instead, best first.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import fuzz, process

from briefing.results import Passage
from briefing.verify.citation import matched_share, passage_of
from briefing.verify.corpus import Corpus
from briefing.verify.match import match_quote
from briefing.verify.tokens import parse_quote

CANDIDATE_SOURCES = 50  # sources aligned in full when the phrase verifies nowhere
PREFILTER = 20


class Hit(NamedTuple):
    passage: Passage
    verified: bool
    share: float  # of the phrase's words found, in order


def find_passages(phrase: str, corpus: Corpus, limit: int = 5) -> list[Hit]:
    """Passages where ``phrase`` stands, matched with the quotation rules but ignoring case."""
    quote = parse_quote(phrase)
    if not quote.word_count:
        return []
    for t in quote.tokens:
        t.anycase = True  # a search, not a quotation: "china" finds "China"
    hits = []
    for sid in corpus.candidates(quote, limit=CANDIDATE_SOURCES):
        match = match_quote(quote, corpus.text(sid), edges=False)
        hits += [Hit(passage_of(corpus, sid, a), True, 1.0) for a in match.verified]
    if hits:
        return hits[:limit]
    # nothing verifies: the best alignment in each source that resembles the phrase at all
    texts = {sid: corpus.raw(sid) for sid in corpus.ids}
    likely = process.extract(phrase, texts, scorer=fuzz.partial_ratio, limit=PREFILTER)
    for _, _, sid in likely:
        best = match_quote(quote, corpus.text(sid), edges=False).best
        if best is not None and best.source_range():
            hits.append(Hit(passage_of(corpus, sid, best), False, matched_share(best, quote)))
    hits.sort(key=lambda h: -h.share)
    return hits[:limit]
