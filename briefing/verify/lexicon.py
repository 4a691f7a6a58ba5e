"""Word classes whose changes always alter meaning (negations, numbers), and the words of the language.

"A word of the language" is the contract's term: a word that `wordfreq` lists for English with a Zipf
frequency of at least 3.0. The list is loaded lazily, the first time a prefixed word or a possible
real-word slip is in question, so a run that never meets one never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

# The negation words of the quotation rules; `n't` contractions are recognised by suffix.
NEGATIONS = frozenset(
    "not no never nor none neither nobody nothing nowhere without cannot hardly barely scarcely seldom "
    # any form of the verbs fail, refuse and deny
    "fail fails failed failing refuse refuses refused refusing deny denies denied denying".split()
)
# Prefixes that negate a word of the language after them (un-, il-, ir- need a stem of four or more
# letters); non- negates anything after a hyphen.
PREFIXES = ("non", "un", "il", "ir")
# Formed otherwise, though a word of the language follows the prefix: the contract's own list.
NOT_PREFIXED = frozenset("under union unions unit units united unity universe university unison iron".split())
PREFIX_STARTS = frozenset(p[:2] for p in PREFIXES)  # a cheap test before asking about a prefix
# For naming a failure only: a word and the same word with one of these in front differ by a negation.
NEGATING_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")

ZIPF_WORD = 3.0  # the contract: a word of the language is one wordfreq gives at least this frequency

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth"
).split()

NUMBER_VALUES: dict[str, float | str] = {w: i for i, w in enumerate(_UNITS)}
NUMBER_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
NUMBER_VALUES.update(_SCALES)
NUMBER_VALUES.update({w + "s": v for w, v in _SCALES.items()})  # "hundreds of"
NUMBER_VALUES.update({"dozen": 12, "dozens": 12, "twice": 2, "thrice": 3, "half": 0.5, "halves": 0.5,
                      "single": 1, "double": 2, "triple": 3, "quarter": 0.25, "quarters": 0.25})
# ordinals ("fifteenth" = "15th"), and their plurals as fractions ("two thirds"): never a cardinal's value
_ORDINAL_VALUES = [*range(1, 21), *range(30, 100, 10), 100, 1000, 10**6]
NUMBER_VALUES.update({w: f"#{v}" for w, v in zip(_ORDINALS, _ORDINAL_VALUES, strict=True)})
NUMBER_VALUES.update({w + "s": f"#{v}" for w, v in zip(_ORDINALS[2:], _ORDINAL_VALUES[2:], strict=True)})
# decades in words ("the nineties"): a value that no year shares, so "[the 1990s]" never stands in
NUMBER_VALUES.update({w[:-1] + "ies": f"{20 + 10 * i}s" for i, w in enumerate(_TENS)})
# multipliers ("tenfold")
NUMBER_VALUES.update({w + "fold": f"{v}x" for w, v in (*zip(_UNITS[2:], range(2, 20), strict=True),
                                                       *((t, 20 + 10 * i) for i, t in enumerate(_TENS)),
                                                       ("hundred", 100), ("thousand", 1000))})
NUMBER_WORDS = frozenset(NUMBER_VALUES)

_DIGITS = re.compile(r"\d")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
_GROUPED = re.compile(r"\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?(?!\d)")
_SPACED_DASH = re.compile(r"(?<=\d) ?- ?(?=\d)")


def has_digit(text: str) -> bool:
    return bool(_DIGITS.search(text))


def number_key(text: str) -> str:
    """The comparison key of a number as written: thousands separators dropped (``1,170`` and
    ``1 170`` are ``1170``), whitespace around a range dash and before ``%`` dropped, case folded;
    signs, decimals and range dashes kept."""
    if "\n" in text or "  " in text:  # any run of whitespace inside a number is one space
        text = " ".join(text.split())
    key = _SPACED_DASH.sub("-", text.casefold().replace(" %", "%"))
    return "-".join(_ungrouped(part) for part in key.split("-"))


def _ungrouped(part: str) -> str:
    m = _GROUPED.match(part)
    if m and ("," in m.group() or " " in m.group()):
        return _THOUSANDS.sub("", m.group()) + part[m.end():]
    return part


def number_values(tokens: Iterable[Any]) -> set[str]:
    """The numbers that a run of tokens states, by value: number words are read together
    (``twenty-five`` is 25, ``one thousand`` is 1000, ``nineteen eighty-seven`` is 1987), a range
    gives both its ends (``1990-2000`` is 1990 and 2000), and ``percent`` or ``per cent`` after
    a number makes it a percentage (``2.5 percent`` is ``2.5%``)."""
    values: list[str] = []
    words: list[str] = []  # the number words of the current run
    number_before = False  # the last thing read was a number

    def flush() -> None:
        if words:
            values.append(_read_words(words))
            words.clear()

    toks = list(tokens)
    scaled = -1  # the scale word already read with the digits before it ("1.5 million")
    for k, t in enumerate(toks):
        key = t.key
        if k == scaled:
            continue
        if t.kind == "num" and k + 1 < len(toks) and toks[k + 1].key in _SCALES and _PLAIN.fullmatch(key):
            flush()  # digits and a scale word are one value: "1.5 million" is 1500000, as [1,500,000] is
            values.append(_scaled(key, toks[k + 1].key))
            scaled, number_before = k + 1, True
        elif t.kind == "num" and key in NUMBER_VALUES and not isinstance(NUMBER_VALUES[key], str):
            words.append(key)
            number_before = True
        elif (words and key in ("-", "and")) or (key == "per" and k + 1 < len(toks) and toks[k + 1].key == "cent"):
            continue  # inside a number in words; "per cent" is read at "cent"
        elif key in ("percent", "cent") and number_before:
            flush()
            values[-1] += "%"
            number_before = False
        else:
            flush()
            number_before = t.kind == "num"
            if t.kind == "num":
                values.extend(number_value(part) for part in _RANGE.split(key))
    flush()
    return set(values)


_RANGE = re.compile(r"(?<=\d)-(?=\d)")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


def _scaled(digits: str, scale: str) -> str:
    """``1.5`` and ``million``: 1500000, written as number_value writes a whole number."""
    value = float(digits) * _SCALES[scale]
    return str(int(value)) if value.is_integer() else str(value)


def _read_words(words: list[str]) -> str:
    """The value of a run of number words: "twenty five", "one hundred", "nineteen eighty seven"."""
    total, current = 0.0, 0.0
    for w in words:
        v = float(NUMBER_VALUES[w])
        if v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v == 100:
            current = max(current, 1) * v
        elif 10 <= current < 100 and v >= 10:
            current = current * 100 + v  # "nineteen eighty": a year read in pairs
        else:
            current += v
    value = total + current
    return str(int(value)) if value.is_integer() else str(value)


def number_value(key: str) -> str:
    """A canonical form for comparing figures in prose: ``seven`` and ``7`` agree, ``1,170`` is ``1170``."""
    if key in NUMBER_VALUES:
        value = NUMBER_VALUES[key]
        if isinstance(value, str):
            return value
        return str(int(value)) if float(value).is_integer() else str(value)
    digits = number_key(key).replace(",", "")
    ordinal = _ORDINAL.fullmatch(digits)
    if ordinal:
        return f"#{ordinal.group(1)}"
    return digits  # a decade (1990s) and a percentage (50%) keep their mark: neither is the bare number


@lru_cache(maxsize=1)
def _zipf() -> Callable[..., float]:
    from wordfreq import zipf_frequency  # about 0.2 s to load: only when a word is in question

    return zipf_frequency


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """A word of the language: wordfreq's Zipf frequency for English at least 3.0."""
    return bool(word) and _zipf()(word, "en") >= ZIPF_WORD


@lru_cache(maxsize=65536)
def is_negation(key: str) -> bool:
    """``key`` is one casefolded word (a hyphenated compound such as ``non-refoulement`` too)."""
    if key in NEGATIONS or key.endswith("n't"):
        return True
    return key[:2] in PREFIX_STARTS and key not in NOT_PREFIXED and _prefixed(key)


def _prefixed(key: str) -> bool:
    for prefix in PREFIXES:
        if key.startswith(prefix):
            stem = key[len(prefix):]
            hyphen = stem.startswith("-")
            stem = stem.lstrip("-")
            if prefix == "non":
                return bool(stem) and (hyphen or is_word(stem))
            return len(stem) >= 4 and stem.isalpha() and is_word(stem)
    return False


def negates_next(prefix_text: str, next_key: str) -> bool:
    """A prefix written as its own word before a hyphen (``non-``, ``un-``): does it negate
    ``next_key``? ``UN-sponsored`` is the abbreviation, never a prefix."""
    key = prefix_text.casefold()
    if key not in PREFIXES or (prefix_text.isupper() and len(prefix_text) > 1):
        return False
    return is_negation(f"{key}-{next_key}")


def negating_prefix_pair(a: str, b: str) -> bool:
    """One word is the other with a negating prefix (``acceptable``/``unacceptable``)."""
    if len(a) < len(b):
        a, b = b, a
    return any(a.startswith(prefix) and a[len(prefix):].lstrip("-") == b for prefix in NEGATING_PREFIXES)


# British and American spellings of one word differ by one of these (labour/labor, centre/center,
# organise/organize, analyse/analyze, defence/defense, travelled/traveled, paediatric/pediatric).
_AMERICAN = [(re.compile(p), r) for p, r in (
    (r"(?<=[aeiouy][a-z])our(?=s?$|ed$|ing$|ite|able|er)", "or"),  # labour, colour (not scour)
    (r"(?<=[a-z])is(?=e$|es$|ed$|ing$|ation)", "iz"),
    (r"(?<=[a-z])ys(?=e$|es$|ed$|ing$)", "yz"),
    (r"(?<=[a-z]{2})tre(?=s?$)", "ter"),
    (r"(?<=[a-z]{2})ence(?=s?$)", "ense"),
    (r"(?<=[ae])ll(?=ed$|ing$|er$|ers$|or$|ors$|ous$)", "l"),  # travelled, marvellous
    (r"(?<=[aeiou])ll(?=ment|ful)", "l"),  # instalment, skilful (fulfil/enrol below)
    (r"(?<=[aeiou])l$", "ll"),  # fulfil, enrol
    (r"(?<=[a-z])ae(?=[a-z])", "e"),  # paediatric, anaemia
    (r"^oe(?=[a-z]{3})", "e"),  # oestrogen, oesophagus
    (r"(?<=dg)e(?=ment)", ""),  # judgement, acknowledgement
    (r"inium$", "inum"),  # aluminium
    (r"^scep", "skep"),  # sceptical
    (r"(?<=g)e(?=ing$)", ""),  # ageing
    (r"(?<=m)oul(?=d|t)", "ol"),  # mould, moult, smoulder
)]


def american(word: str) -> str:
    for pattern, repl in _AMERICAN:
        word = pattern.sub(repl, word)
    return word


def spelling_variants(a: str, b: str) -> bool:
    """British and American spellings of the same word."""
    return a != b and american(a) == american(b)


def real_word_change(quote_word: str, source_word: str) -> bool:
    """A quote word that differs from a source word of the language by being another word of the
    language (``lives`` -> ``loves``) is a changed word, not a slip; a spelling variant is a slip."""
    return is_word(source_word) and is_word(quote_word) and not spelling_variants(quote_word, source_word)
