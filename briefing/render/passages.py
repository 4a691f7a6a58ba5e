"""A cited passage in its context, for the source appendix: the sentence before, the sentences
that hold the quote (quoted stretches marked), and the sentence after. Pure text work."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from typing import NamedTuple

from briefing.verify.normalize import PARAGRAPH_BREAK

MAX_CONTEXT_CHARS = 320  # a neighbouring sentence longer than this is cut at a word

# A sentence ends at . ! or ? (plus closing quotes or brackets) before a capital or digit,
# or where a paragraph does (headlines and datelines carry no full stop).
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])|" + PARAGRAPH_BREAK.pattern)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen gov sen rep prof lt col capt sgt rev no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # U.N / U.S / J, as they stand before the last dot
_ABBREVIATION_CHARS = string.ascii_letters + "."


# the verifier's paragraph break (a blank line, invisible characters aside), with the whitespace after it
_PARAGRAPH_BREAK = re.compile(f"(?:{PARAGRAPH_BREAK.pattern})\\s*")


class Segment(NamedTuple):
    text: str
    kind: str  # "context" | "quoted" | "elided"


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin, 0 first."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text) and nxt > starts[-1]:
            starts.append(nxt)
    return starts


def _is_abbreviation(text: str, dot: int) -> bool:
    """'Mr.' or 'Oct.' or initials such as 'U.N.': a full stop that need not end a sentence."""
    before = text[max(0, dot - 20):dot]
    word = before[len(before.rstrip(_ABBREVIATION_CHARS)):]  # the letters and dots right before it
    return word.casefold() in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def in_context(text: str, starts: list[int], start: int, end: int,
               fragments: tuple[tuple[int, int], ...] = ()) -> list[Segment]:
    """The quoted span [start, end) with one sentence either side. ``fragments`` are the
    stretches actually quoted (an ellipsis quote skips words); the skipped words are 'elided'."""
    here = bisect_right(starts, start) - 1
    last = max(bisect_right(starts, max(end - 1, start)) - 1, here)
    lo = starts[max(here - 1, 0)]
    hi = starts[last + 2] if last + 2 < len(starts) else len(text)
    sentence_lo = starts[here]
    sentence_hi = starts[last + 1] if last + 1 < len(starts) else len(text)

    # a neighbouring sentence is cut at MAX_CONTEXT_CHARS; each side as a whole at twice that
    before = _trim_left(_trim_left(text[lo:sentence_lo]) + text[sentence_lo:start], 2 * MAX_CONTEXT_CHARS)
    after = _trim_right(text[end:sentence_hi] + _trim_right(text[sentence_hi:hi]), 2 * MAX_CONTEXT_CHARS)
    segments = [Segment(before, "context")]
    cursor = start
    for a, b in fragments or ((start, end),):
        if a > cursor:
            segments.append(Segment(text[cursor:a], "elided"))
        segments.append(Segment(text[a:b], "quoted"))
        cursor = b
    segments.append(Segment(after, "context"))
    return _tidy(segments)


def _trim_left(chunk: str, limit: int = MAX_CONTEXT_CHARS) -> str:
    if len(chunk) <= limit:
        return chunk
    cut = chunk[-limit:]
    return "… " + cut[cut.find(" ") + 1:] if " " in cut else "… " + cut


def _trim_right(chunk: str, limit: int = MAX_CONTEXT_CHARS) -> str:
    if len(chunk) <= limit:
        return chunk
    cut = chunk[:limit]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + " …"


def _collapse(text: str) -> str:
    return "\n".join(re.sub(r"\s+", " ", part) for part in _PARAGRAPH_BREAK.split(text))


def _tidy(segments: list[Segment]) -> list[Segment]:
    """A paragraph break stays one line break, other whitespace becomes one space; nothing empty is kept."""
    out = [Segment(_collapse(s.text), s.kind) for s in segments]
    if out:
        out[0] = Segment(out[0].text.lstrip(), out[0].kind)
        out[-1] = Segment(out[-1].text.rstrip(), out[-1].kind)
    return [s for s in out if s.text]
