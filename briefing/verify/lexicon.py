"""Word classes whose changes always alter meaning: negations and numbers."""

from __future__ import annotations

import re

# The negation words of the quotation rules; `n't` contractions are recognised by suffix.
NEGATIONS = frozenset(
    "not no never nor none neither nobody nothing without cannot".split()
)
# Prefixes that negate the stem: unacceptable/acceptable, non-refoulement/refoulement.
NEGATING_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")

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

NUMBER_VALUES: dict[str, float] = {w: i for i, w in enumerate(_UNITS)}
NUMBER_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
NUMBER_VALUES.update(_SCALES)
NUMBER_VALUES.update({w + "s": v for w, v in _SCALES.items()})  # "hundreds of"
NUMBER_VALUES.update({"dozen": 12, "dozens": 12, "twice": 2, "thrice": 3, "half": 0.5,
                      "single": 1, "double": 2, "triple": 3, "quarter": 0.25})
NUMBER_WORDS = frozenset(NUMBER_VALUES) | frozenset(_ORDINALS)

_DIGITS = re.compile(r"\d")


def is_negation(key: str) -> bool:
    """``key`` is a casefolded word."""
    return key in NEGATIONS or key.endswith("n't")


def has_digit(text: str) -> bool:
    return bool(_DIGITS.search(text))


def negating_prefix_pair(a: str, b: str) -> bool:
    """One word is the other with a negating prefix (``acceptable``/``unacceptable``)."""
    if len(a) < len(b):
        a, b = b, a
    for prefix in NEGATING_PREFIXES:
        if a.startswith(prefix) and a[len(prefix):].lstrip("-") == b:
            return True
    return False


def number_value(key: str) -> str:
    """A canonical form for comparing figures in prose: ``seven`` and ``7`` agree, ``1,170`` is ``1170``."""
    if key in NUMBER_VALUES:
        value = NUMBER_VALUES[key]
        return str(int(value)) if float(value).is_integer() else str(value)
    digits = key.replace(",", "")
    return digits.rstrip("%").removesuffix("s") if re.fullmatch(r"\d+(\.\d+)?s?%?", digits) else key
