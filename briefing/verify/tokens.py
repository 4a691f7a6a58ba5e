"""Word-level tokens for sources and quotes.

Quotation marks are framing, so they never become tokens. Punctuation that the rules
let a writer change (``, ; : . ( ) - ! ?``) is a ``PUNCT`` token; any other symbol
(``% $ & /`` ...) is a ``SYM`` and must match. A quote adds two kinds of its own:
``ELLIPSIS`` (omitted text) and ``BRACKET`` (an editorial insertion).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from briefing.verify.lexicon import (
    NEGATIONS,
    NUMBER_WORDS,
    PREFIX_STARTS,
    PREFIXES,
    has_digit,
    is_negation,
    negates_next,
    number_key,
)
from briefing.verify.normalize import Normalized, normalize, paragraph_starts

TokenKind = Literal["word", "num", "punct", "sym", "ellipsis", "bracket"]
WORD: Final = "word"
NUM: Final = "num"
PUNCT: Final = "punct"
SYM: Final = "sym"
ELLIPSIS: Final = "ellipsis"
BRACKET: Final = "bracket"

# "March 3 100 servers": after a month, a day and a count, never 3,100 with its thousands set apart by
# whitespace. Python's look-behinds are fixed-width: one per width of month name and gap, the gaps
# being the runs of whitespace of up to four characters (a line end at most) that a paragraph holds.
_MONTHS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. "
           "Oct. Nov. Dec.").split()
_GAPS = sorted({" " * a + "\n" * line + " " * b for line in (0, 1) for a in range(5) for b in range(5)
                if 1 <= a + line + b <= 4 and (line or not b)})
_BY_WIDTH: dict[int, list[str]] = {}
for _month in _MONTHS:
    for _gap in _GAPS:
        _BY_WIDTH.setdefault(len(_month) + len(_gap), []).append(
            re.escape(_month) + _gap.replace(" ", "[ ]").replace("\n", r"\n"))
_AFTER_MONTH = "(?:" + "|".join(r"(?<=\b(?:" + "|".join(alts) + "))" for _, alts in sorted(_BY_WIDTH.items())) + ")"
# Whitespace inside a number, any run of it within a paragraph (a blank line ends the number): after
# normalisation, spaces and at most one line end.
_WS = r"(?:[ ]+\n?|\n)[ ]*"
_TOKEN = re.compile(
    r"""
     (?P<word>[a-z][^\W_]*(?:'[^\W_]+)*)       # most tokens are lowercase words: tried first, for speed
    |(?P<abbr>[A-Z](?:\.[A-Z])+\.?(?:'[sS])?(?![^\W_]))      # U.N.  U.S.A.  U.N.'s: the same word as UN
    |(?P<num>(?:(?<![^\W_])-)?                               # a sign belongs to its number: -1
        (?:(?!(?=\d{1,2}[ \n])AFTER_MONTH)                   # (not the day of "March 3 100": digits first, fast)
           \d{1,3}(?:WS\d{3})+(?!\d)                          # 1 170 (thousands set apart by whitespace)
          |\d+(?:[.,]\d+)*(?:(?:WS)?-(?:WS)?\d+(?:[.,]\d+)*)*)  # 1,170  3.5  1990-2000  1990 – 2000
        (?:[\^_]-?\d+)?                                      # 10^2  10^-1  600^1: folded from 10², 10⁻¹, 600¹
        [^\W_]*(?:(?:WS)?%)?)                                # 1990s  15th  50%  50 %
    |(?P<cword>[^\W\d_][^\W_]*(?:'[^\W_]+)*)    # other words, with inner apostrophes: don't, China's
    |(?P<ell>\.{3,})
    |(?P<dash>-+)
    |(?P<quote>['"]+)
    |(?P<punct>[,;:.()!?])
    |(?P<sym>\S)
    """.replace("AFTER_MONTH", _AFTER_MONTH).replace("WS", _WS),
    re.X,
)
_QUOTE_SPECIAL = re.compile(
    r"""
     (?P<bell>\[\s*\.(?:\s*\.){2,}\s*\])        # [...]  [ ... ]  (… is NFKC-folded to ...)
    |(?P<ell>\.(?:[ ]?\.){2,})                  # ...  . . .  ....
    |(?P<br>[^\W_]*\[[^\[\]]*\](?:[^\W_]|[.,](?=\d))*)  # [text]  [T]he  refugee[s]  [1]0,000
    """,
    re.X,
)
# Annotations stand for no words of the source, anywhere in a quote.
ANNOTATIONS = frozenset({"sic", "sic!", "emphasis added", "emphasis mine", "emphasis in original",
                         "citation omitted"})
# Three or more words in capitals in a row: the source's shouting, which may be quoted in any case.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z']*\b(?:[^A-Za-z]+\b[A-Z][A-Z']*\b){2,}")


class Token:
    """A word, number or mark. A plain slotted class: sources make hundreds of thousands."""

    __slots__ = ("text", "key", "kind", "start", "end", "join", "inner", "is_wordlike", "negation", "capitalized",
                 "anycase", "annotation", "mark", "edge")

    def __init__(self, text: str, key: str, kind: TokenKind, start: int, end: int, inner: tuple = ()):
        self.text = text  # normalised text, case preserved
        self.key = key  # comparison key: normalised, casefolded
        self.kind = kind
        self.start = start  # offsets in the original string, end exclusive
        self.end = end
        self.join = -1  # for a source word rejoined across a line-break hyphen: where the halves meet
        self.inner = inner  # bracket content
        # derived once, read in the aligner's inner loop
        self.is_wordlike = kind in (WORD, NUM)
        # (only a word that starts like a prefix costs a call; a prefix before a hyphen is set by its context)
        self.negation = kind == WORD and (key in NEGATIONS or key.endswith("n't")
                                          or (key[:2] in PREFIX_STARTS and is_negation(key)))
        self.capitalized = kind == WORD and text[:1].isupper()
        # any change of case is allowed: a quote's word in capitals, or a word in a source's capitals run
        self.anycase = False
        self.annotation = False  # [sic], [emphasis added]: a bracket that stands for no words
        # a word-final ' (the boys' school, 'utterly groundless'): a possessive's apostrophe or a closing
        # quotation mark, which no context tells apart; so both sides keep it, and only a quote's word
        # at a fragment's end (``edge``) may differ in it (see edits.compare)
        self.mark = False
        self.edge = False

    def __repr__(self) -> str:
        return f"Token({self.kind} {self.text!r} @{self.start})"


_SIMPLE_KINDS: dict[str, TokenKind] = {"punct": PUNCT, "sym": SYM}
_KEYS = {"dash": "-", "ell": "..."}  # token kinds whose key is fixed (see tokenize)
_SPECIAL_KEYS = frozenset({"dash", "ell", "abbr", "num"})


def token_key(kind: str, text: str) -> str:
    """The comparison key of a token matched as ``kind`` by the token pattern."""
    if kind == "abbr":
        return text.replace(".", "").casefold()
    if kind == "num":
        return number_key(text)
    return _KEYS.get(kind) or text.casefold()


def tokenize(norm: Normalized, lo: int = 0, hi: int | None = None,  # noqa: PLR0912 - one flat loop, for speed
             base: int = 0) -> list[Token]:
    """Tokens of ``norm.text[lo:hi]``; quotation marks are dropped. (The loop is written out
    flat: sources run to hundreds of thousands of tokens.)"""
    tokens: list[Token] = []
    append = tokens.append
    joins = sorted(norm.joins)
    # the original-minus-normalised offset, when it is the same everywhere (most text)
    shift = norm.offsets.deltas[0] + base if len(norm.offsets.starts) == 1 else None
    dashes: list[int] = []  # where hyphens stand, for the prefixes before them
    for m in _TOKEN.finditer(norm.text, lo, len(norm.text) if hi is None else hi):
        group = m.lastgroup or ""  # never empty: every alternative of the pattern is a named group
        if group == "quote":
            continue
        text = m.group()
        a, b = m.span()
        kind: TokenKind
        if group in (WORD, "cword"):
            kind = WORD
            key = text.casefold()
            if key == text:
                key = text  # share the string: most words are lowercase already
            if (not text.isalpha() and has_digit(text)) or key in NUMBER_WORDS:
                kind = NUM
        elif group == "abbr":
            kind, key = WORD, token_key("abbr", text)
        elif group == NUM:
            kind = NUM
            if "\n" in text or "  " in text:  # shown as it reads: "1 170", never a line break in a message
                text = " ".join(text.split())
            key = number_key(text) if "," in text or " " in text else text.casefold()
        elif group == "dash":
            kind, text, key = PUNCT, "-", "-"
            dashes.append(len(tokens))
        elif group == "ell":
            kind, text, key = PUNCT, "...", "..."
        else:
            kind, key = _SIMPLE_KINDS[group], text.casefold()
        join = -1
        if joins and kind in (WORD, NUM):
            k = bisect_left(joins, a + 1)
            if k < len(joins) and joins[k] < b:
                join = joins[k] - a
                # "four-\ntime" rejoined is still a number: it never takes a slip, a change is a number's
                if kind == WORD and (key[:join] in NUMBER_WORDS or key[join:] in NUMBER_WORDS):
                    kind = NUM
        if shift is not None:
            tok = Token(text, key, kind, a + shift, b + shift)
        else:
            start, end = norm.original_span(a, b)
            tok = Token(text, key, kind, start + base, end + base)
        tok.join = join
        tok.mark = kind in (WORD, NUM) and norm.text[b:b + 1] == "'"
        append(tok)
    # "non-refoulement", "un-American": the prefix before the hyphen is the negation
    for i in dashes:
        if 0 < i < len(tokens) - 1 and tokens[i - 1].key in PREFIXES and tokens[i + 1].kind == WORD \
                and tokens[i - 1].end == tokens[i].start and tokens[i].end == tokens[i + 1].start:
            tokens[i - 1].negation = negates_next(tokens[i - 1].text, tokens[i + 1].key)
    return tokens


@dataclass
class ParsedQuote:
    tokens: list[Token]
    free_case: frozenset[int]  # first word of the quote and of each part after an ellipsis
    slip_words: int | None = None  # for a fragment: the word count of the whole quote
    brackets: int = 0  # editorial brackets as written, annotations and brackets joined to a word included
    # alignments already made, by (source, window): a failing quote is aligned in its source twice
    # (first where it is likely, then everywhere, to explain it), and often in the same windows
    aligned: dict[tuple[Any, int, int], Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def has_ellipsis(self) -> bool:
        return any(t.kind == ELLIPSIS for t in self.tokens)

    @property
    def has_bracket(self) -> bool:
        return any(t.kind == BRACKET for t in self.tokens)

    @property
    def word_count(self) -> int:
        """Words the writer quotes (bracket content is the editor's, not the source's); a
        hyphenated compound counts as one word."""
        if self.slip_words is not None:
            return self.slip_words
        count, toks = 0, self.tokens
        for i, t in enumerate(toks):
            if t.is_wordlike and not (i >= 2 and toks[i - 1].key == "-" and toks[i - 2].is_wordlike
                                      and toks[i - 2].end == toks[i - 1].start and toks[i - 1].end == t.start):
                count += 1
        return count

    @property
    def source_words(self) -> int:
        """Words outside brackets: a quote needs at least one."""
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


def parse_quote(quote: str, literal_brackets: bool = False) -> ParsedQuote:
    """Split a quote into tokens, ellipses and brackets (offsets point into ``quote``).
    ``literal_brackets``: read brackets as text, for a source that prints them itself (``can[not]``)."""
    norm = normalize(quote, join_breaks=False)
    tokens: list[Token] = []
    joined: set[int] = set()  # a bracket joined to a word ([T]he): that word's case is free
    brackets = 0
    pos = 0
    for m in _QUOTE_SPECIAL.finditer(norm.text):
        if m.lastgroup == "br":
            brackets += 1
            if literal_brackets:
                continue
        tokens.extend(tokenize(norm, pos, m.start()))
        start, end = norm.original_span(m.start(), m.end())
        raw = m.group()
        if m.lastgroup in ("bell", "ell"):
            tokens.append(Token("...", "...", ELLIPSIS, start, end))
        elif raw[0] != "[" or raw[-1] != "]":  # joined to a word: the word as printed is the source's
            content = raw.replace("[", "").replace("]", "")
            inside = raw[raw.index("[") + 1:raw.index("]")]
            word = [t for t in tokenize(normalize(content, join_breaks=False)) if t.is_wordlike]
            if len(word) == 1 and " ".join(inside.casefold().split()) not in ANNOTATIONS:
                joined.add(len(tokens))
                w = word[0]
                tokens.append(Token(w.text, w.key, w.kind, start, end))
                tokens[-1].mark = norm.text[m.end():m.end() + 1] == "'"
            else:  # "Japan[ and Korea]", "champiom[sic]": the word, then a bracket of its own
                a, b = m.start() + raw.index("["), m.start() + raw.index("]") + 1
                tokens.extend(tokenize(norm, m.start(), a))
                lo_b, hi_b = norm.original_span(a, b)
                tokens.append(_bracket(inside, lo_b, hi_b))
                tokens.extend(tokenize(norm, b, m.end()))
        else:
            tokens.append(_bracket(raw[1:-1], start, end))
        pos = m.end()
    tokens.extend(tokenize(norm, pos))
    for t in tokens:
        t.anycase = t.kind == WORD and t.text.isupper()  # a quote may set any word in capitals
    _mark_edges(tokens)
    return ParsedQuote(tokens, free_case_positions(tokens) | joined, brackets=brackets)


def _mark_edges(tokens: list[Token]) -> None:
    """The last word of the quote and the last before each ellipsis: the quote ends there, so a closing
    quotation mark after it, in the quote or in the source, is framing."""
    last: Token | None = None
    for t in tokens:
        if t.kind == ELLIPSIS and last is not None:
            last.edge, last = True, None
        elif t.is_wordlike:
            last = t
    if last is not None:
        last.edge = True


def _bracket(content: str, start: int, end: int) -> Token:
    token = Token(content, content.casefold(), BRACKET, start, end,
                  inner=tuple(tokenize(normalize(content, join_breaks=False))))
    token.annotation = " ".join(content.casefold().split()) in ANNOTATIONS
    return token


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
        elif t.kind != PUNCT and not t.annotation:
            at_start = False
    return frozenset(free)


def caps_runs(text: str) -> list[tuple[int, int]]:
    """[start, end) of every run of three or more words in capitals in normalised ``text``."""
    return [m.span() for m in _CAPS_RUN.finditer(text)] if re.search(r"[A-Z]{2}", text) else []


class SourceText:
    """A source's text, normalised, with the look-ups matching needs.

    Token objects are built lazily: a quote found verbatim (most of them) needs only the
    token keys, which one regex pass yields cheaply, and the few tokens it covers. The full
    token list is built the first time an alignment needs it."""

    def __init__(self, text: str, norm: Normalized | None = None):
        """``norm`` is ``normalize(text)`` when the caller has it already (a source is folded once)."""
        self.text = text
        self.norm = norm if norm is not None else normalize(text)
        matches = [m for m in _TOKEN.finditer(self.norm.text) if m.lastgroup != "quote"]
        self._spans = [m.span() for m in matches]  # normalised offsets of each token
        self.keys = [token_key(m.lastgroup, m.group()) if m.lastgroup in _SPECIAL_KEYS else m.group().casefold()
                     for m in matches]
        self._caps = caps_runs(self.norm.text)  # normalised spans where any case may be quoted
        self._negation: dict[int, bool] = {}
        self._negations: list[int] | None = None  # every negation's token index, when first needed
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
            tokens = tokenize(self.norm)
            for a, b in self._caps:
                for k in range(bisect_left(self._spans, (a, -1)), bisect_left(self._spans, (b, -1))):
                    tokens[k].anycase = True
            self._all = tokens
        return self._all

    def token(self, i: int) -> Token:
        """Token ``i``, without tokenising the whole source."""
        if self._all is not None:
            return self._all[i]
        if i not in self._some:
            t = self._some[i] = tokenize(self.norm, *self._spans[i])[0]
            t.negation = self.is_negation(i)
            t.anycase = self._in_caps(i)
        return self._some[i]

    def window(self, lo: int, hi: int) -> list[Token]:
        """Tokens [lo, hi), made as ``token`` makes them, in one pass over their stretch of text:
        an alignment needs a window of the source, never all of it."""
        if self._all is not None:
            return self._all[lo:hi]
        missing = [i for i in range(lo, hi) if i not in self._some]
        if len(missing) > 2:
            a, b = missing[0], missing[-1]
            made = tokenize(self.norm, self._spans[a][0], self._spans[b][1])
            if len(made) == b + 1 - a:  # the same tokens as the whole text's pass (always, by the pattern)
                for i, t in zip(range(a, b + 1), made, strict=True):
                    if i not in self._some:
                        t.negation = self.is_negation(i)
                        t.anycase = self._in_caps(i)
                        self._some[i] = t
        return [self.token(i) for i in range(lo, hi)]

    def _in_caps(self, i: int) -> bool:
        k = bisect_left(self._caps, (self._spans[i][0] + 1, -1)) - 1
        return k >= 0 and self._caps[k][0] <= self._spans[i][0] < self._caps[k][1]

    def is_negation(self, i: int) -> bool:
        """Token ``i`` is a negation: a negating word, or a prefix joined by a hyphen (``non-``)."""
        if i not in self._negation:
            key, spans = self.keys[i], self._spans
            if key in PREFIXES and i + 2 < len(spans) and self.keys[i + 1] == "-" \
                    and spans[i][1] == spans[i + 1][0] and spans[i + 1][1] == spans[i + 2][0]:
                neg = negates_next(self.norm.text[slice(*spans[i])], self.keys[i + 2])
            else:
                neg = is_negation(key)
            self._negation[i] = neg
        return self._negation[i]

    def text_between(self, i: int, j: int) -> str:
        """The normalised text between the end of token ``i`` and the start of token ``j``."""
        return self.norm.text[self._spans[i][1]:self._spans[j][0]]

    def has_negation(self, lo: int, hi: int) -> bool:
        """Whether any of tokens [lo, hi) is a negation (a bisection in the list of all of them,
        made the first time an ellipsis asks)."""
        if self._negations is None:
            keys = self.keys
            self._negations = [i for i, k in enumerate(keys) if (
                k in NEGATIONS or k.endswith("n't") or k[:2] in PREFIX_STARTS) and self.is_negation(i)]
        k = bisect_left(self._negations, lo)
        return k < len(self._negations) and self._negations[k] < hi

    @property
    def starts(self) -> list[int]:
        """Original start offset of every token, for bisecting character offsets to tokens (from
        the token spans and the offset map: no token is made)."""
        if self._starts is None:
            offsets = self.norm.offsets
            if len(offsets.starts) == 1:
                shift = offsets.deltas[0]
                self._starts = [a + shift for a, _ in self._spans]
            else:
                original = self.norm.original_span
                self._starts = [original(a, b)[0] for a, b in self._spans]
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
            self._paragraphs = paragraph_starts(self.text)
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
            for i, k in enumerate(self.keys):
                index.setdefault(k, []).append(i)
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
