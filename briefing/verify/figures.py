"""Figures in prose: which numbers a text states, and whether the quotes give them.

The contract's "Claims" rule: every figure a claim states must be in one of its verified quotes,
and every figure in the title, subtitle and summary in some verified quote of the briefing. A
figure is a number that gives a quantity, a date or a rank, in digits or in words. Digits that
belong to a name or an identifier are not figures. What decides (docs/quotation-rules.md says it
for writers):

- Identifiers: a token that starts with a letter and holds digits (``G7``, ``MP3``, ``H5N1``);
  digits joined by a hyphen to a designation (``F-35``, ``COVID-19``, ``MiG-29``, ``Apache-2.0``);
  digits after a capitalized reference noun (``Article 33``, ``Section 2.1``, ``Resolution 2397``,
  ``Camp 14``, ``No. 5``; ``Articles 3 and 5``, a list); digits glued on to an identifier
  (``Article 33(1)``). Any other capitalized word before a number leaves it a figure: "sent North
  Korea 500 tonnes" states one, and an unchecked figure is the costlier mistake, so ``Boeing 737``
  is one too, for the writer to mark.
- Capitals are evidence of a designation only where they are not positional: never for a
  sentence's first word, and never in a text set in title case, where most words have one.
- Number words are figures from two up (``seven``, ``dozens``, ``twice``, ``tenfold``,
  ``second``, ``the nineties``), and ``zero``, ``half`` and ``quarter``. ``one``, ``first``,
  ``single``, ``double`` and ``triple`` alone are not: they are mostly determiners and adjectives
  ("one of the refugees", "first reported"); in a compound they count (``one million``).
  A capitalized number word in the middle of a sentence is a name (``the Group of Seven``).

Two figures are the same when they have the same value: the verifier's ``number_value``
(``seven`` = ``7``, ``1,170`` = ``1170``, ``fifteenth`` = ``15th``), with a percentage and a decade
kept apart from the plain number (``50%`` = ``50 per cent`` ≠ ``50``; ``1990s`` ≠ ``1990``).
Compounds are one value (``two thousand`` = ``2,000``, ``1.5 million`` = ``1,500,000``), and a
range states both of its ends (``2012–2023``).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from briefing import codes
from briefing.codes import finding
from briefing.findings import Finding, Location
from briefing.results import FigureMark, MarkStatus
from briefing.verify.lexicon import NUMBER_VALUES, has_digit, number_value
from briefing.verify.normalize import normalize
from briefing.verify.tokens import NUM, PUNCT, SYM, WORD, Token, tokenize

# Capitalized nouns that number the thing they name, wherever they stand (plurals too).
# (Not "Report", "Number", "Order", "Note": verbs, capitalized in a headline's title case.)
REFERENCE_NOUNS = frozenset(
    "act amendment annex appendix article bill camp chapter clause decision decree directive "
    "division docket exhibit figure flight footnote item page paragraph part phase platform "
    "principle protocol recommendation regulation resolution room route rule schedule section "
    "session stage table title unit version volume zone".split()
)
# Number words that are not figures on their own: determiners and adjectives more often than counts.
_NOT_ALONE = frozenset("one first single double triple".split())
# Number words that combine into one value: "two thousand", "twenty-five", "one hundred and six".
_SCALES = {w: int(v) for w, v in NUMBER_VALUES.items() if v in (100, 1000, 10**6, 10**9, 10**12) and w.isalpha()
           and not w.endswith("s")}
_COMPOSABLE = frozenset(w for w, v in NUMBER_VALUES.items()
                        if isinstance(v, int) and (v < 20 or (v < 100 and v % 10 == 0)) and w.isalpha()
                        and w not in ("dozen", "dozens", "twice", "thrice", "single", "double", "triple")) \
    | frozenset(_SCALES)
_LIST_JOINS = frozenset(", and or to through & - ( )".split())
_SENTENCE_ENDS = frozenset(". ! ? : ; ...".split())
_LETTERS = re.compile(r"[^\W\d_]+")
_PLAIN = re.compile(r"\d+(?:\.\d+)*[a-z]?")  # 33, 2.1, 5a: a numeral that may name something
_RANGE = re.compile(r"(?<=\d)-(?=\d)")



@dataclass(frozen=True)
class Figure:
    value: str  # what counts as the same figure
    text: str  # as written
    start: int  # offsets in the text, end exclusive
    end: int


def figures(text: str) -> list[Figure]:
    """Every figure ``text`` states, in order (a value may repeat)."""
    norm = normalize(text, join_breaks=False)
    if not has_digit(norm.text) and NUMBER_VALUES.keys().isdisjoint(_LETTERS.findall(norm.text.casefold())):
        return []  # most quotes: no digit, no number word, and no need to tokenize
    tokens = tokenize(norm)
    names_by_case = not _title_case(tokens)
    out: list[Figure] = []
    identifier: set[int] = set()  # indices of numbers that belong to a name
    open_list = False  # after "Articles 3": more numbers joined by "," "and" "to" belong to it
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind != NUM:
            open_list = open_list and t.key in _LIST_JOINS
            i += 1
            continue
        if t.text.isalpha():  # a number word
            end, value = _number_words(tokens, i)
            alone = end == i + 1
            capital_name = t.text[:1].isupper() and names_by_case and not _sentence_start(tokens, i)
            if value is not None and not capital_name and not (alone and t.key in _NOT_ALONE):
                out.append(_figure(text, tokens, i, end, value))
            open_list = False
            i = end
            continue
        head = _name_head(tokens, i, names_by_case, identifier)
        if head or (open_list and _plain(t)):
            identifier.add(i)
            open_list = open_list or head == "plural"
            i += 1
            continue
        open_list = False
        end, values = _digits(tokens, i)
        for value, written in values:
            out.append(_figure(text, tokens, i, end, value, written))
        i = end
    return out


def figure_values(*texts: str) -> set[str]:
    return {f.value for text in texts for f in figures(text)}


def unsupported_figures(text: str, supported: AbstractSet[str],
                        excused: AbstractSet[str] = frozenset()) -> list[Figure]:
    """The figures of ``text`` whose value is neither ``supported`` nor ``excused``, one per value."""
    out, seen = [], set()
    for f in figures(text):
        if f.value not in supported and f.value not in excused and f.value not in seen:
            seen.add(f.value)
            out.append(f)
    return out


def mark_status(mark: str, stated: set[str], supported: set[str]) -> MarkStatus:
    """A writer's mark that a figure needs no support: ``stale`` unless every figure it names is
    stated, ``unneeded`` when verified quotes give them all anyway."""
    named = figure_values(mark)
    if not named or not named <= stated:
        return "stale"
    return "unneeded" if named <= supported else "applies"


@dataclass(frozen=True)
class Scope:
    """Texts whose figures one set of quotes must give: a claim's text (checked against the claim's
    quotes), or the title, subtitle and summary (against every quote of the briefing)."""

    claim_id: str | None  # None: the title, subtitle and summary
    texts: dict[str, tuple[str, Location]]  # field name -> its text, and where it is
    marks: list[tuple[str, str, Location]]  # the writer's marks: figure, reason, where
    supported: set[str]  # figure values of the verified quotes
    pending: set[str]  # figure values of the failed citations' quotes and closest passages


def check_scope(scope: Scope) -> tuple[list[Finding], list[FigureMark]]:
    """``figure-unsupported`` for each figure of the scope that no verified quote gives, and each
    mark with its status. A mark excuses what it names, stale or not (its staleness is the error),
    and figures of a failed citation are that citation's error to report: one mistake, one error."""
    stated = figure_values(*(text for text, _ in scope.texts.values()))
    excused = scope.pending | figure_values(*(figure for figure, _, _ in scope.marks))
    briefing = scope.claim_id is None
    owner = "the briefing" if briefing else f"claim '{scope.claim_id}'"
    findings = []
    for name, (text, where) in scope.texts.items():
        for unbacked in unsupported_figures(text, scope.supported, excused):
            findings.append(finding(
                codes.FIGURE_UNSUPPORTED,
                f"{'the ' + name if briefing else owner} states {unbacked.text!r}, but "
                f"{'no verified quote of the briefing' if briefing else 'none of its verified quotes'} "
                "contains that figure", where,
                f"cite a quote that gives the figure, correct the {name if briefing else 'claim'}, "
                "or mark it under unsupported_figures with a reason"))
    marks = []
    for figure, reason, where in scope.marks:
        status = mark_status(figure, stated, scope.supported)
        marks.append(FigureMark(scope.claim_id, figure, reason, where, status))
        if status == "stale":
            states = "the title, subtitle and summary do not" if briefing else "its text does not"
            why = (f"{states} state that figure" if figure_values(figure)
                   else "that is not a figure (digits in a name or identifier need no mark)")
            findings.append(finding(codes.FIGURE_MARK_STALE,
                                    f"{owner} marks {figure!r} as needing no support, but {why}", where))
        elif status == "unneeded":
            findings.append(finding(codes.FIGURE_MARK_UNNEEDED,
                                    f"{owner} marks {figure!r} as needing no support, but a verified quote gives it",
                                    where))
    return findings, marks


# -- reading numbers ---------------------------------------------------------------------------

def _figure(text: str, tokens: list[Token], i: int, end: int, value: str, written: str | None = None) -> Figure:
    start, stop = tokens[i].start, tokens[end - 1].end
    return Figure(value, written or " ".join(text[start:stop].split()), start, stop)


def _number_words(tokens: list[Token], i: int) -> tuple[int, str | None]:
    """End of the number-word compound starting at ``i`` and its value; None for a word that is a
    number only alone ("one")."""
    if tokens[i].key not in _COMPOSABLE:
        return i + 1, number_value(tokens[i].key)
    words, j = [tokens[i].key], i + 1
    while j < len(tokens):
        joined = tokens[j].key == "-" and _glued(tokens[j - 1], tokens[j])
        if (joined or (tokens[j].key == "and" and words[-1] in _SCALES)) and j + 1 < len(tokens) \
                and tokens[j + 1].key in _COMPOSABLE:
            j += 1
        if tokens[j].key not in _COMPOSABLE:
            break
        words.append(tokens[j].key)
        j += 1
    if len(words) == 1:
        return j, None if words[0] in _NOT_ALONE else number_value(words[0])
    return j, _compose([float(NUMBER_VALUES[w]) for w in words])


def _compose(values: list[float]) -> str:
    total = current = 0.0
    for v in values:
        if v == 100:
            current = (current or 1) * v
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    value = total + current
    return str(int(value)) if value.is_integer() else str(value)


def _digits(tokens: list[Token], i: int) -> tuple[int, list[tuple[str, str | None]]]:
    """End of the figure in digits at ``i``, and its values, each with how it is written when that
    is not the whole figure (each end of a range). A scale word ("1.5 million") and "percent" or
    "per cent" after the number are part of it."""
    t, end = tokens[i], i + 1
    keys, texts = _RANGE.split(t.key), _RANGE.split(t.text)
    written: list[str | None] = texts if len(texts) > 1 else [None]
    nxt = tokens[end].key if end < len(tokens) else ""
    if len(keys) == 1 and nxt in _SCALES and re.fullmatch(r"\d+(\.\d+)?", keys[0]):
        return end + 1, [(_compose([float(keys[0]), float(_SCALES[nxt])]), None)]
    values = [_digit_value(k) for k in keys]
    if nxt == "percent" or (nxt == "per" and end + 1 < len(tokens) and tokens[end + 1].key == "cent"):
        end += 1 if nxt == "percent" else 2
        values = [v if v.endswith("%") else v + "%" for v in values]
    return end, list(zip(values, written, strict=False))  # one written form: [None], whatever the values


def _digit_value(key: str) -> str:
    value = number_value(key)
    if key.endswith("%"):
        return value.rstrip("%") + "%"
    if re.fullmatch(r"[\d.,]+s", key):  # a decade: 1990s, '90s
        return value.removesuffix("s") + "s"
    return value


# -- names and identifiers ---------------------------------------------------------------------

def _name_head(tokens: list[Token], i: int, names_by_case: bool, identifier: set[int]) -> str | None:
    """Does the number at ``i`` belong to a name? "plural" when its head opens a list ("Articles 3
    and 5"), "name" otherwise, None for a figure."""
    t = tokens[i]
    if t.text[:1].isalpha():
        return "name"  # G7, MP3, H5N1
    prev = tokens[i - 1] if i else None
    if prev is None:
        return None
    # glued on to an identifier: Article 33(1), Resolution 2397/2017
    if _glued(prev, t) and prev.kind in (PUNCT, SYM) and i >= 2 and (i - 2) in identifier \
            and _glued(tokens[i - 2], prev):
        return "name"
    # a hyphen joins it to a designation: F-35, COVID-19, Apache-2.0 (not mid-1990s)
    if prev.key == "-" and _glued(prev, t) and i >= 2 and tokens[i - 2].kind == WORD \
            and _glued(tokens[i - 2], prev) and _designation(tokens, i - 2, names_by_case):
        return "name"
    # No. 5
    if prev.key == "." and i >= 2 and tokens[i - 2].text in ("No", "Nos") and _glued(tokens[i - 2], prev):
        return "name"
    if prev.kind != WORD or not prev.text[:1].isupper() or not (_plain(t) or _RANGE.search(t.key)):
        return None
    noun = prev.key
    if noun in REFERENCE_NOUNS:
        return "name"
    if noun.endswith("s") and noun[:-1] in REFERENCE_NOUNS:
        return "plural"
    return None  # any other word: "sent North Korea 500 tonnes" states a figure


def _designation(tokens: list[Token], w: int, names_by_case: bool) -> bool:
    word = tokens[w].text
    if (len(word) == 1 and word.isupper()) or any(c.isupper() for c in word[1:]):
        return True  # F-35, COVID-19, MiG-29
    return word[:1].isupper() and names_by_case and not _sentence_start(tokens, w)  # Apache-2.0


def _plain(t: Token) -> bool:
    """A numeral that may name something: 33, 2.1, 5a; not 1,170 or 50%."""
    return bool(_PLAIN.fullmatch(t.key)) and "," not in t.text and " " not in t.text


def _sentence_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or (tokens[i - 1].kind == PUNCT and tokens[i - 1].key in _SENTENCE_ENDS)


def _title_case(tokens: list[Token]) -> bool:
    """Most longer words capitalized (the first aside): capitals say nothing about names here."""
    words = [t for t in tokens[1:] if t.kind == WORD and len(t.text) >= 4 and t.text.isalpha()]
    return len(words) >= 2 and 2 * sum(t.text[:1].isupper() for t in words) > len(words)


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start
