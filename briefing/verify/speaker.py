"""Is the named speaker in the paragraph of the quote, or the one before or after it?"""

from __future__ import annotations

import re

from briefing.verify.normalize import normalize
from briefing.verify.tokens import SourceText

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _fold(text: str) -> str:
    return " ".join(normalize(text, join_breaks=False).text.casefold().split())


def speaker_terms(speaker: str) -> list[str]:
    """The full name, then each of its words of two or more letters."""
    full = _fold(speaker)
    words = [w for w in _WORD.findall(full) if sum(c.isalpha() for c in w) >= 2]
    return [full] + [w for w in words if w != full] if full else []


def speaker_near(speaker: str, source: SourceText, start: int, end: int) -> bool:
    """``start``/``end``: the quote's span in the source as written."""
    first = source.paragraph_of(start)
    last = source.paragraph_of(max(start, end - 1))
    lo = source.paragraph_range(first - 1)[0] if first > 0 else 0
    hi = source.paragraph_range(last + 1)[1]
    region = _fold(source.text[lo:hi])
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", region) for term in speaker_terms(speaker))
