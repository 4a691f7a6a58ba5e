"""A verified quote as the briefing prints it inside its own quotation marks. Pure text work:
what was verified (the record, the match) is never changed, only how it is shown."""

from __future__ import annotations

from typing import Literal

# the source's double marks become single ones inside the briefing's “…”: a quotation within
# a quotation, as a reader expects it (he said “go” is printed “he said ‘go’”)
_NESTED = {"“": "‘", "„": "‚", "‟": "‛", "”": "’"}
# a straight " opens after these (or at the start), and closes anywhere else
_BEFORE_OPENING = frozenset("([{<…—–-/")

Mark = Literal["open", "close"]


def collapse_whitespace(text: str) -> str:
    """Runs of spaces, tabs and line breaks (an indented line, a wrapped one) as one space: in
    a footnote a run of spaces would print as a wide gap."""
    return " ".join(text.split())


def printed_quote(printed: str) -> str:
    """A placement's ``printed`` wording, its whitespace collapsed and its double quotation marks
    balanced and nested.

    A quote may begin or end inside a quotation in its source: ``“we will go” today`` verifies
    as ``we will go” today`` (a leading mark is framing), and ``were “utterly groundless`` stops
    before the source's closing mark. Between the briefing's own marks either would print
    unbalanced. So the missing mark is restored at the quote's edge, and the source's double
    marks print as single ones: “‘we will go’ today”, “were ‘utterly groundless’”."""
    text = collapse_whitespace(printed)
    chars = list(text)
    open_marks: list[str] = []  # the opening marks not yet closed, innermost last
    missing_open = 0
    for i, ch in enumerate(text):
        kind = _mark_kind(text, i, open_marks[-1] if open_marks else None)
        if kind is None:
            continue
        if kind == "open":
            open_marks.append(ch)
        elif open_marks:
            open_marks.pop()
        else:
            missing_open += 1
        chars[i] = _NESTED.get(ch, "‘" if kind == "open" else "’")
    return "‘" * missing_open + "".join(chars) + "’" * len(open_marks)


def _mark_kind(text: str, i: int, innermost: str | None) -> Mark | None:
    """Whether ``text[i]`` opens or closes a double-quoted stretch (None: it is no double mark)."""
    ch = text[i]
    if ch == "“":  # closes a German „…“, opens anything else
        return "close" if innermost == "„" else "open"
    if ch in "„‟":
        return "open"
    if ch == "”":
        return "close"
    if ch == '"':
        at_word_start = i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING
        return "open" if at_word_start and i < len(text) - 1 else "close"
    return None
