"""Word-level tokens for sources and quotes.

Quotation marks are framing, so they never become tokens. Punctuation that the rules
let a writer change (``, ; : . ( ) - ! ?``) is a ``PUNCT`` token; any other symbol
(``% $ & /`` ...) is a ``SYM`` and must match. A quote adds two kinds of its own:
``ELLIPSIS`` (omitted text) and ``BRACKET`` (an editorial insertion).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from briefing.verify.lexicon import NUMBER_WORDS, has_digit, is_negation
from briefing.verify.normalize import Normalized, normalize

WORD, NUM, PUNCT, SYM, ELLIPSIS, BRACKET = "word", "num", "punct", "sym", "ellipsis", "bracket"

_TOKEN = re.compile(
    r"""
     (?P<num>\d+(?:[.,]\d+)*[^\W_]*%?)          # 1,170  3.5  1990s  15th  50%
    |(?P<word>[^\W\d_][^\W_]*(?:'[^\W_]+)*)     # words, with inner apostrophes: don't, China's
    |(?P<ell>\.{3,})
    |(?P<dash>-+)
    |(?P<quote>['"]+)
    |(?P<punct>[,;:.()!?])
    |(?P<sym>\S)
    """,
    re.X,
)
_QUOTE_SPECIAL = re.compile(
    r"""
     (?P<bell>\[\s*\.(?:\s*\.){2,}\s*\])        # [...]  [ ... ]  (… is NFKC-folded to ...)
    |(?P<ell>\.(?:[ ]?\.){2,})                  # ...  . . .  ....
    |(?P<br>[^\W_]*\[[^\[\]]*\][^\W_]*)         # [text]  [T]he  refugee[s]
    """,
    re.X,
)


class Token:
    """A word, number or mark. A plain slotted class: sources make hundreds of thousands."""

    __slots__ = ("text", "key", "kind", "start", "end", "join", "inner", "is_wordlike", "negation", "capitalized")

    def __init__(self, text: str, key: str, kind: str, start: int, end: int, inner: tuple = ()):
        self.text = text  # normalised text, case preserved
        self.key = key  # comparison key: normalised, casefolded
        self.kind = kind
        self.start = start  # offsets in the original string, end exclusive
        self.end = end
        self.join = -1  # for a source word rejoined across a line-break hyphen: where the halves meet
        self.inner = inner  # bracket content
        # derived once, read in the aligner's inner loop
        self.is_wordlike = kind == WORD or kind == NUM
        self.negation = kind == WORD and is_negation(key)
        self.capitalized = kind == WORD and text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.kind} {self.text!r} @{self.start})"


_SIMPLE_KINDS = {"punct": PUNCT, "sym": SYM}
_KEYS = {"dash": "-", "ell": "..."}  # token kinds whose key is fixed (see tokenize)


def tokenize(norm: Normalized, lo: int = 0, hi: int | None = None, base: int = 0) -> list[Token]:
    """Tokens of ``norm.text[lo:hi]``; quotation marks are dropped. (The loop is written out
    flat: sources run to hundreds of thousands of tokens.)"""
    tokens = []
    append = tokens.append
    joins = sorted(norm.joins)
    # the original-minus-normalised offset, when it is the same everywhere (most text)
    shift = norm.offsets.deltas[0] + base if len(norm.offsets.starts) == 1 else None
    for m in _TOKEN.finditer(norm.text, lo, len(norm.text) if hi is None else hi):
        kind = m.lastgroup
        if kind == "quote":
            continue
        text = m.group()
        a, b = m.span()
        if kind == WORD:
            key = text.casefold()
            if key == text:
                key = text  # share the string: most words are lowercase already
            if (not text.isalpha() and has_digit(text)) or key in NUMBER_WORDS:
                kind = NUM
        elif kind == NUM:
            key = text.casefold()
        elif kind == "dash":
            kind, text, key = PUNCT, "-", "-"
        elif kind == "ell":
            kind, text, key = PUNCT, "...", "..."
        else:
            kind, key = _SIMPLE_KINDS[kind], text.casefold()
        if shift is not None:
            tok = Token(text, key, kind, a + shift, b + shift)
        else:
            start, end = norm.original_span(a, b)
            tok = Token(text, key, kind, start + base, end + base)
        if joins and (kind == WORD or kind == NUM):
            k = bisect_left(joins, a + 1)
            if k < len(joins) and joins[k] < b:
                tok.join = joins[k] - a
        append(tok)
    return tokens


@dataclass
class ParsedQuote:
    tokens: list[Token]
    free_case: frozenset[int]  # first word of the quote and of each part after an ellipsis
    slip_words: int | None = None  # for a fragment: the word count of the whole quote

    @property
    def has_ellipsis(self) -> bool:
        return any(t.kind == ELLIPSIS for t in self.tokens)

    @property
    def has_bracket(self) -> bool:
        return any(t.kind == BRACKET for t in self.tokens)

    @property
    def word_count(self) -> int:
        """Words the writer quotes (bracket content is the editor's, not the source's)."""
        if self.slip_words is not None:
            return self.slip_words
        return sum(1 for t in self.tokens if t.is_wordlike)

    def fragments(self) -> list[list[Token]]:
        """The runs of tokens between ellipses."""
        out: list[list[Token]] = [[]]
        for t in self.tokens:
            if t.kind == ELLIPSIS:
                out.append([])
            else:
                out[-1].append(t)
        return [f for f in out if any(t.kind != PUNCT for t in f)]


def parse_quote(quote: str) -> ParsedQuote:
    """Split a quote into tokens, ellipses and brackets (offsets point into ``quote``)."""
    norm = normalize(quote, join_breaks=False)
    tokens: list[Token] = []
    pos = 0
    for m in _QUOTE_SPECIAL.finditer(norm.text):
        tokens.extend(tokenize(norm, pos, m.start()))
        start, end = norm.original_span(m.start(), m.end())
        if m.lastgroup in ("bell", "ell"):
            tokens.append(Token("...", "...", ELLIPSIS, start, end))
        else:
            raw = m.group()
            content = raw.replace("[", "").replace("]", "")
            inner = tuple(tokenize(normalize(content, join_breaks=False)))
            tokens.append(Token(content, content.casefold(), BRACKET, start, end, inner=inner))
        pos = m.end()
    tokens.extend(tokenize(norm, pos))
    return ParsedQuote(tokens, free_case_positions(tokens))


def free_case_positions(tokens: list[Token]) -> frozenset[int]:
    """Words whose first letter's case the writer may change: the quote's first word, and the
    first word after each ellipsis (writers recapitalise there)."""
    free, at_start = set(), True
    for i, t in enumerate(tokens):
        if t.kind == ELLIPSIS:
            at_start = True
        elif t.is_wordlike and at_start:
            free.add(i)
            at_start = False
        elif t.kind != PUNCT:
            at_start = False
    return frozenset(free)


class SourceText:
    """A source's text, normalised, with the look-ups matching needs.

    Token objects are built lazily: a quote found verbatim (most of them) needs only the
    token keys, which one regex pass yields cheaply, and the few tokens it covers. The full
    token list is built the first time an alignment needs it."""

    def __init__(self, text: str):
        self.text = text
        self.norm = normalize(text)
        matches = [m for m in _TOKEN.finditer(self.norm.text) if m.lastgroup != "quote"]
        self._spans = [m.span() for m in matches]  # normalised offsets of each token
        self.keys = [_KEYS.get(m.lastgroup) or m.group().casefold() for m in matches]
        self._all: list[Token] | None = None
        self._some: dict[int, Token] = {}
        self._starts: list[int] | None = None
        self._line_starts: list[int] | None = None
        self._paragraphs: list[int] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._joined: tuple[str, list[int]] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._all is None:
            self._all = tokenize(self.norm)
        return self._all

    def token(self, i: int) -> Token:
        """Token ``i``, without tokenising the whole source."""
        if self._all is not None:
            return self._all[i]
        if i not in self._some:
            self._some[i] = tokenize(self.norm, *self._spans[i])[0]
        return self._some[i]

    @property
    def starts(self) -> list[int]:
        """Original start offset of every token, for bisecting character offsets to tokens."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return self._starts

    def char_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Original [start, end) of tokens [lo, hi)."""
        return self.token(lo).start, self.token(hi - 1).end

    # -- positions -------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect_left(self._line_starts, offset + 1) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def paragraph_starts(self) -> list[int]:
        """Original offsets where paragraphs begin; a blank line (only whitespace) separates them."""
        if self._paragraphs is None:
            self._paragraphs = [0] + [m.end() for m in re.finditer(r"\n(?:[^\S\n]*\n)+", self.text)]
        return self._paragraphs

    def paragraph_of(self, offset: int) -> int:
        return bisect_left(self.paragraph_starts(), offset + 1) - 1

    def paragraph_range(self, index: int) -> tuple[int, int]:
        starts = self.paragraph_starts()
        index = max(0, min(index, len(starts) - 1))
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    # -- look-ups --------------------------------------------------------------
    def positions(self, key: str) -> list[int]:
        """Token indices whose key is ``key``."""
        if self._positions is None:
            index: dict[str, list[int]] = {}
            for i, key in enumerate(self.keys):
                index.setdefault(key, []).append(i)
            self._positions = index
        return self._positions.get(key, [])

    def find_sequence(self, keys: list[str]) -> list[int]:
        """Every token index where exactly this sequence of keys starts."""
        if self._joined is None:
            starts, pos = [], 1
            for key in self.keys:
                starts.append(pos)
                pos += len(key) + 1
            self._joined = ("\x1f" + "\x1f".join(self.keys) + "\x1f", starts)
        joined, starts = self._joined
        needle = "\x1f" + "\x1f".join(keys) + "\x1f"
        hits, at = [], joined.find(needle)
        while at >= 0:
            hits.append(bisect_left(starts, at + 1))
            at = joined.find(needle, at + 1)
        return hits
