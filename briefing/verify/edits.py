"""How each difference between a quote token and a source token is judged.

Pure functions over tokens. An edit is either allowed (typography, punctuation,
ellipsis, bracket, slip) or forbidden, and a forbidden edit carries the reason code
the writer will see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from rapidfuzz.distance import OSA

from briefing import codes
from briefing.codes import CODE_PRIORITY, CodeName
from briefing.verify.lexicon import negating_prefix_pair, number_values, real_word_change
from briefing.verify.tokens import NUM, PUNCT, SYM, WORD, Token

# Costs: any forbidden edit outweighs every allowed one, a slip outweighs punctuation.
FORBIDDEN_COST = 1000.0
SLIP_COST = 10.0
PUNCTUATION_COST = 1.0
BRACKET_COST = 0.5
GAP_COST = 0.001

SENTENCE_MARKS = ("?", "!", "...")  # inside a quote these change what a sentence says
NEVER_ADDED = ("?", "!")  # never added or changed anywhere; dropped only at the quote's end


# the kinds of allowed edit; a forbidden edit's kind is the finding code it fails with (a slip is both)
EditKind = Literal["typography", "punctuation", "case", "line-break-hyphen", "hyphen", "ellipsis", "bracket",
                   "annotation"]


class Edit(NamedTuple):  # a NamedTuple: the aligner makes many of these
    """One difference. ``code`` is an allowed edit kind or a failure reason code."""

    code: EditKind | CodeName
    allowed: bool
    quote: str = ""  # the quote's words, "" when the quote lacks them
    source: str = ""  # the source's words, "" when the source lacks them
    note: str = ""  # says it better than the words can (an edge that cuts off a negation)

    def describe(self) -> str:
        if self.note:
            return self.note
        if self.quote and self.source:
            return f'"{self.quote}" where the source has "{self.source}"'
        if self.quote:
            return f'"{self.quote}" is not in the source'
        return f'source words "{self.source}" are left out'


def compare(q: Token, s: Token, first: bool, last: bool,
            explain: bool = True) -> tuple[float, Edit | None] | None:
    """Judge quote token ``q`` aligned with source token ``s``; None when they cannot pair.
    With ``explain=False`` a word substitution gets its cost only (the aligner's inner loop);
    the cost is the same either way."""
    if q.kind == PUNCT and s.kind == PUNCT:
        if q.key == s.key:
            return 0.0, None
        if q.key in NEVER_ADDED or s.key in NEVER_ADDED or \
                (not last and (q.key in SENTENCE_MARKS or s.key in SENTENCE_MARKS)):
            return FORBIDDEN_COST, Edit(codes.PUNCTUATION_CHANGED, False, q.text, s.text)
        return PUNCTUATION_COST, Edit("punctuation", True, q.text, s.text)
    if SYM in (q.kind, s.kind):
        if q.kind == s.kind == SYM:
            return (0.0, None) if q.key == s.key else (FORBIDDEN_COST, Edit(codes.WORD_CHANGED, False, q.text, s.text))
        return None
    if not (q.is_wordlike and s.is_wordlike):
        return None
    if q.mark != s.mark and not q.edge:  # "the boys school" for "the boys' school": never framing mid-quote
        return FORBIDDEN_COST, Edit(codes.WORD_CHANGED, False, q.text + "'" * q.mark, s.text + "'" * s.mark)
    if q.key == s.key:
        if q.text == s.text:
            return 0.0, None
        if q.kind == NUM or q.text.replace(".", "") == s.text.replace(".", ""):
            return 0.0, Edit("typography", True, q.text, s.text)  # 1,170 for 1170; UN for U.N.
        if q.anycase or s.anycase or (first and q.text[1:] == s.text[1:]):
            return 0.0, Edit("case", True, q.text, s.text)
        if s.join > 0 and same_but_at(q.text, s.text, s.join, first):  # "Sixday" for "Six-" "Day"
            return 0.0, Edit("line-break-hyphen", True, q.text, s.text)
        return FORBIDDEN_COST, Edit(codes.NAME_CHANGED, False, q.text, s.text)
    return substitution(q, s, first, explain)


def same_but_at(x: str, y: str, at: int, first: bool) -> bool:
    """``x`` and ``y`` differ at most in the case of the letter at ``at`` (and of the first, if ``first``)."""
    if first:
        x, y = x[:1].lower() + x[1:], y[:1].lower() + y[1:]
    return len(x) == len(y) and x[:at] == y[:at] and x[at + 1:] == y[at + 1:] \
        and x[at:at + 1].lower() == y[at:at + 1].lower()


def substitution(q: Token, s: Token, first: bool, explain: bool = True) -> tuple[float, Edit | None]:
    """A word replaced by another: a slip when the rules allow one, otherwise a forbidden edit.
    (A slip is never a number, negation or name: is_slip needs two lowercase non-negation words.)"""
    slip = q.kind == s.kind == WORD and not (q.negation or s.negation) and is_slip(q, s, first)
    if not explain:
        return (SLIP_COST if slip else FORBIDDEN_COST), None
    if slip:
        return SLIP_COST, Edit(codes.SLIP, True, q.text, s.text)
    code: CodeName
    if NUM in (q.kind, s.kind):
        code = codes.NUMBER_CHANGED
    elif q.negation or s.negation or negating_prefix_pair(q.key, s.key):
        code = codes.NEGATION_CHANGED
    elif s.capitalized or (q.capitalized and not first):
        code = codes.NAME_CHANGED
    else:
        code = codes.WORD_CHANGED
    return FORBIDDEN_COST, Edit(code, False, q.text, s.text)


def is_slip(q: Token, s: Token, first: bool) -> bool:
    """A lowercase word of five or more letters, one letter inserted, deleted, replaced or swapped."""
    if abs(len(q.key) - len(s.key)) > 1:
        return False
    qtext = q.text.lower() if q.anycase else q.text[:1].lower() + q.text[1:] if first else q.text
    if not (s.text.islower() and qtext.islower()):
        return False
    if sum(c.isalpha() for c in s.text) < 5:
        return False
    if OSA.distance(q.key, s.key, score_cutoff=1) > 1 or not _letters_only_edit(q.key, s.key):
        return False
    # another word of the language is a changed word (lives -> loves), unless it is the same word
    # spelt the other side of the Atlantic (labour -> labor)
    return not real_word_change(q.key, s.key)


def _letters_only_edit(a: str, b: str) -> bool:
    """The one edit between ``a`` and ``b`` touches letters only: an apostrophe dropped, added or
    moved (``countrys`` for ``country's``) is a changed word, not a slip of the pen."""
    if "'" not in a and "'" not in b:
        return True
    a_parts, b_parts = a.split("'"), b.split("'")
    # with the apostrophes where they were, the edit lies inside one stretch between them
    return len(a_parts) == len(b_parts) and sum(
        OSA.distance(x, y, score_cutoff=1) for x, y in zip(a_parts, b_parts, strict=True)) <= 1


def could_be_slip(q: Token, first: bool) -> bool:
    """Could this quote word be a slip for some source word? (A necessary condition only.)"""
    text = q.text[:1].lower() + q.text[1:] if first else q.text
    return q.kind == WORD and not q.negation and text.islower() and sum(c.isalpha() for c in text) >= 4


def missing_word_code(t: Token, first: bool = False) -> CodeName:
    """The reason code for a word present on one side only."""
    if t.kind == NUM:
        return codes.NUMBER_CHANGED
    if t.negation:
        return codes.NEGATION_CHANGED
    if t.capitalized and not first:
        return codes.NAME_CHANGED
    return codes.WORD_CHANGED


def skip_cost(t: Token, inside: bool, first: bool = False, from_quote: bool = True) -> tuple[float, Edit]:
    """Cost of a token that only one side has. ``inside``: not at the quote's end."""
    if t.kind == PUNCT:
        if (inside and t.key in SENTENCE_MARKS) or (from_quote and t.key in NEVER_ADDED):
            return FORBIDDEN_COST, _one_sided(codes.PUNCTUATION_CHANGED, False, t, from_quote)
        return PUNCTUATION_COST, _one_sided("punctuation", True, t, from_quote)
    # a quote word the source lacks is a shade dearer than a substitution, so "X where the source has
    # Y" wins over "X added, Y dropped"; a source word the quote lacks a shade cheaper, so "Y left
    # out" wins over pairing the next quote word with Y (which would cut the passage short)
    cost = FORBIDDEN_COST + 0.5 if from_quote else FORBIDDEN_COST - 0.5
    return cost, _one_sided(missing_word_code(t, first), False, t, from_quote)


def _one_sided(code: EditKind | CodeName, allowed: bool, t: Token, from_quote: bool) -> Edit:
    return Edit(code, allowed, t.text, "") if from_quote else Edit(code, allowed, "", t.text)


def bracket_violation(inner: Sequence[Token], replaced: Sequence[Token]) -> Edit | None:
    """A bracket holds the same numbers, by value, as the words it replaces, and a negation exactly
    when they hold one: it may restate (``[seven]`` for ``7``, ``[not acceptable]`` for
    ``unacceptable``) but never bring in, drop or change either."""
    inner_numbers, replaced_numbers = number_values(inner), number_values(replaced)
    text_in = " ".join(t.text for t in inner)
    text_out = " ".join(t.text for t in replaced if t.is_wordlike)
    if inner_numbers != replaced_numbers:
        return Edit(codes.NUMBER_CHANGED, False, f"[{text_in}]", text_out)
    # as many negations: "[not likely]" restates "unlikely", "[not unlikely]" inverts it
    if sum(t.negation for t in inner) != sum(t.negation for t in replaced):
        return Edit(codes.NEGATION_CHANGED, False, f"[{text_in}]", text_out)
    return None


def primary_code(edits: list[Edit]) -> CodeName:
    """The code that names a failure: the most serious of its forbidden edits' (the catalogue's priority)."""
    present = {e.code for e in edits if not e.allowed}
    for code in CODE_PRIORITY:
        if code in present:
            return code
    return codes.WORD_CHANGED
