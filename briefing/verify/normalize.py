"""Typographic normalisation with a map back to the original character offsets.

Everything the quotation rules call typography is folded here, so later stages compare
plain text: quotation marks and apostrophes, dashes, whitespace of any kind, zero-width
characters and soft hyphens, compatibility forms (NFKC, ligatures) and diacritics.
A hyphen that only breaks a lowercase word across a line is removed, and the join is
remembered so the word still matches when quoted with or without it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

DOUBLE_QUOTES = "\"“”„«»″‟〝〞＂ʺ"
# with the letter-like apostrophes (modifier letters that keyboards and sources use for one)
SINGLE_QUOTES = "'‘’‚‛‹›`´′＇ʼʹʻʽꞌ"
DASHES = "-‐‑‒–—―−﹘﹣－"
ZERO_WIDTH = "\u200c\u200d\u2060\ufeff\u00ad\u180e"  # U+200B is a space (see below)
# Invisible characters that change how text is shown: bidirectional embeddings, overrides and
# isolates, the Arabic letter mark, the deprecated shaping controls (one of them swaps the digits'
# shapes) and interlinear annotations (which hide text). A quote holding one fails: a reader would
# see other text than the one verified. LRM and RLM only nudge neutral characters: ignored.
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u061c\u206a-\u206f\ufff9-\ufffb]")

# One-to-one replacements keep offsets; done with str.translate, at C speed.
_ONE_TO_ONE = {ord(c): '"' for c in DOUBLE_QUOTES}
_ONE_TO_ONE.update({ord(c): "'" for c in SINGLE_QUOTES})
_ONE_TO_ONE.update({ord(c): "-" for c in DASHES})
_ONE_TO_ONE[0x2044] = "/"  # the fraction slash
# Letters with a stroke carry a diacritic that Unicode does not decompose (Łódź, Søren): fold them too.
_ONE_TO_ONE.update({ord(c): b for c, b in zip("łŁøØđĐħĦŧŦ", "lLoOdDhHtT", strict=True)})
for _c in ("\u200b\t\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000\u2028\u2029\x85"):
    _ONE_TO_ONE[ord(_c)] = "\n" if _c in "\u2028\u2029\x85" else " "

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# NFKC reads 10² as 102 and 600¹ as 6001: a number's value would change (never-rule 1 wins over
# allowed-rule 1). A run of superscript or subscript digits keeps a mark of its own, 10^2, 10^-1,
# 600^1, so it is a separate part of the number that must be quoted as printed (10² or 10^2). After a
# letter it is a unit's or a formula's (km², CO₂) and folds plainly, as before.
_SCRIPT_MARKS = {c: "^" for c in "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b"}
_SCRIPT_MARKS.update({c: "_" for c in "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b"})
# A paragraph ends at a blank line: one that holds only whitespace and the characters typography
# ignores (U+200B, zero-width joiners, soft hyphens, LRM/RLM), which a reader does not see either.
# U+2029 PARAGRAPH SEPARATOR ends one by itself. The one definition of a paragraph for the verifier.
_LINE_ENDS = "\n\u2028\u2029\x85"
_BLANK_FILL = "[^\\S" + _LINE_ENDS + "]|[\u200b\u200e\u200f" + ZERO_WIDTH + "]"
PARAGRAPH_BREAK = re.compile(f"[{_LINE_ENDS}](?:(?:{_BLANK_FILL})*[{_LINE_ENDS}])+|\u2029")
# letter, hyphen, optional spaces, newline, spaces, lowercase letter: a line-break hyphen.
_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ ]*\n\s*(?=[^\W\d_])")


def paragraph_starts(text: str) -> list[int]:
    """Offsets in ``text`` where paragraphs begin, 0 first: after every blank line (see above)."""
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every invisible character in ``text`` that changes how it is shown."""
    return [(m.start(), m.group()) for m in HIDDEN.finditer(text)]


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one non-ASCII character: drop zero-width, NFKC, strip diacritics."""
    if ch in ZERO_WIDTH or unicodedata.category(ch) == "Cf":
        return ""
    if unicodedata.combining(ch):
        return ""
    text = unicodedata.normalize("NFKC", ch)
    if "\u2044" in text:  # a vulgar fraction: 1½ is 1 1/2, never 11/2
        return " " + text.replace("\u2044", "/")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.translate(_ONE_TO_ONE)


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise map from normalised offsets to original offsets.

    ``starts[k]`` is the first normalised offset of piece k; within that piece
    original = normalised + ``deltas[k]``.
    """

    starts: tuple[int, ...]
    deltas: tuple[int, ...]
    original_length: int

    def to_original(self, pos: int) -> int:
        k = bisect_right(self.starts, pos) - 1
        return min(pos + self.deltas[k], self.original_length)


@dataclass(frozen=True)
class Normalized:
    text: str  # the folded text, case preserved
    offsets: OffsetMap
    joins: frozenset[int]  # normalised offsets where a line-break hyphen was removed

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for the normalised [start, end); end is exclusive."""
        if end <= start:
            pos = self.offsets.to_original(start)
            return pos, pos
        return self.offsets.to_original(start), self.offsets.to_original(end - 1) + 1


def normalize(text: str, join_breaks: bool = True) -> Normalized:
    """Fold ``text`` as described in the module docstring, keeping an offset map."""
    translated = text.translate(_ONE_TO_ONE)
    starts, deltas = [0], [0]
    if translated.isascii():
        folded = translated
    else:
        pieces: list[str] = []
        out_len = 0
        last = 0
        script_end, script_marked = -1, False  # the run of superscript or subscript digits being read
        for m in _NON_ASCII.finditer(translated):
            i = m.start()
            pieces.append(translated[last:i])
            out_len += i - last
            ch = m.group()
            repl = fold_char(ch)
            if ch in _SCRIPT_MARKS:
                if i != script_end:  # a run starts: marked unless it follows a letter (km², CO₂)
                    script_marked = not translated[i - 1:i].isalpha()
                    if script_marked:
                        repl = _SCRIPT_MARKS[ch] + repl
                script_end = i + 1
            pieces.append(repl)
            # the first output char of this piece maps to i; later ones also to i
            for k in range(len(repl)):
                _set_delta(starts, deltas, out_len + k, i - (out_len + k))
            out_len += len(repl)
            last = i + 1
            _set_delta(starts, deltas, out_len, last - out_len)
        pieces.append(translated[last:])
        folded = "".join(pieces)

    joins: set[int] = set()
    if join_breaks and "-" in folded and "\n" in folded:
        folded, starts, deltas, joins = _remove_break_hyphens(folded, starts, deltas)
    return Normalized(folded, OffsetMap(tuple(starts), tuple(deltas), len(text)), frozenset(joins))


def _set_delta(starts: list[int], deltas: list[int], pos: int, delta: int) -> None:
    if deltas[-1] == delta:
        return
    if starts[-1] == pos:
        deltas[-1] = delta
        if len(deltas) > 1 and deltas[-2] == delta:
            starts.pop()
            deltas.pop()
    else:
        starts.append(pos)
        deltas.append(delta)


def _remove_break_hyphens(folded: str, starts: list[int],
                          deltas: list[int]) -> tuple[str, list[int], list[int], set[int]]:
    matches = list(_BREAK_HYPHEN.finditer(folded))
    if not matches:
        return folded, starts, deltas, set()
    old = OffsetMap(tuple(starts), tuple(deltas), 0)
    pieces: list[str] = []
    new_starts, new_deltas = [0], [0]
    joins: set[int] = set()
    last = 0
    removed = 0
    for m in matches:
        pieces.append(folded[last:m.start()])
        # re-express the old pieces that lie in [last, m.start()) with the shift
        _copy_pieces(old, last, m.start(), removed, new_starts, new_deltas)
        removed += m.end() - m.start()
        joins.add(m.start() - (removed - (m.end() - m.start())))
        last = m.end()
    pieces.append(folded[last:])
    _copy_pieces(old, last, len(folded), removed, new_starts, new_deltas)
    return "".join(pieces), new_starts, new_deltas, joins


def _copy_pieces(old: OffsetMap, lo: int, hi: int, removed: int,
                 starts: list[int], deltas: list[int]) -> None:
    """Copy old map pieces covering old offsets [lo, hi) into the new map, shifted by ``removed``."""
    if lo >= hi:
        return
    k = bisect_right(old.starts, lo) - 1
    pos = lo
    while pos < hi:
        _set_delta(starts, deltas, pos - removed, old.deltas[k] + removed)
        k += 1
        if k >= len(old.starts) or old.starts[k] >= hi:
            break
        pos = old.starts[k]

