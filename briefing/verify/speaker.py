"""Quotation rule 7: is the citation's speaker named in the source, near the quote?

A name (``Ana Salmón``, ``Ursula von der Leyen``) must appear as a whole phrase somewhere in the
source, as at a first mention, and one of its words near the quote: later mentions are often by
surname alone. A role (``a UN spokesperson``: the speaker as written holds a lowercase word that
is not a name's particle) must appear as a whole phrase near the quote. Near is the paragraphs the
quote touches and the paragraph just before and just after. Titles before a name, articles, case,
diacritics and typography are set aside, the way the verifier sets them aside in quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from weakref import WeakKeyDictionary

from briefing.verify.normalize import normalize
from briefing.verify.tokens import SourceText

# Why a speaker is not accepted: not in the source at all, or only too far from the quote.
SpeakerMiss = Literal["absent", "not-near"]

ARTICLES = frozenset({"the", "a", "an"})
# Lowercase words that belong to a name: with only these, a speaker is still a name, not a role.
PARTICLES = frozenset({
    "de", "da", "di", "del", "della", "dei", "degli", "des", "der", "den", "van", "von", "vom", "zu", "ter",
    "ten", "bin", "bint", "ibn", "binti", "al", "el", "la", "le", "lo", "du", "dos", "das", "do", "e", "y",
    "abu", "ben", "bat", "af", "av", "ap",
})
# Titles set aside before a name. Courtesy titles never name anyone alone; office titles may
# (``the Foreign Minister``), so they are kept when no name follows them.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "reverend", "hon", "honourable", "honorable", "excellency", "majesty", "highness", "his", "her", "mme",
    "mlle", "herr", "frau",
})
OFFICES = frozenset({
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "interior", "home", "finance",
    "justice", "health", "trade", "state", "attorney", "secretary", "general", "ambassador", "envoy", "consul",
    "judge", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor",
    "gen", "col", "colonel", "captain", "capt", "lt", "lieutenant", "sgt", "sergeant", "major", "commander",
    "admiral", "father", "sister", "brother", "rabbi", "imam", "sheikh", "cardinal", "bishop", "pope", "king",
    "queen", "prince", "princess", "emperor", "chancellor", "mayor", "chairman", "chairwoman", "chairperson",
    "chair", "commissioner", "director", "chief", "deputy", "special", "rapporteur", "high", "premier",
    "speaker", "councillor", "councilor", "officer", "inspector", "detective", "superintendent", "leader",
})
TITLES = HONORIFICS | OFFICES

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # inner apostrophes kept: O'Brien, China's
_WORD_CHAR = re.compile(r"[^\W_]")
_ABBREVIATION = re.compile(r"[A-Z](?:\.[A-Z])+\.?(?![^\W_])")  # U.N. = UN, as the verifier reads it


def fold(text: str) -> str:
    """Text as the verifier compares it: typography, compatibility forms and diacritics folded,
    abbreviation stops dropped, casefolded."""
    return _without_stops(normalize(text).text).casefold()


def _without_stops(text: str) -> str:
    # the word boundary before an abbreviation is checked here: as a look-behind in the pattern
    # it would cost a regex step at every character of a 10 MB source
    return _ABBREVIATION.sub(lambda m: m.group() if m.start() and _WORD_CHAR.match(m.string, m.start() - 1)
                             else m.group().replace(".", ""), text)


@dataclass(frozen=True)
class Speaker:
    """A citation's speaker, read once: the words to look for, titles and articles set aside."""

    phrase: tuple[str, ...]  # must appear, as a whole, in the source (a role: near the quote)
    near: tuple[tuple[str, ...], ...]  # a name: one of these (Salmón, Jae-in) must appear near the quote
    role: bool


@lru_cache(maxsize=4096)  # a briefing quotes the same few people many times
def read_speaker(speaker: str) -> Speaker:
    # words as written (case kept), grouped by the spaces between them: Jae-in is one name
    compounds = [words for words in (_WORD.findall(c) for c in _without_stops(normalize(speaker).text).split())
                 if words and not all(w.casefold() in ARTICLES for w in words)]
    # a role holds a lowercase word (``a UN spokesperson``); ``d'Estaing`` and ``von der`` are a name's
    role = any(not any(c.isupper() for w in words for c in w) and not all(w.casefold() in PARTICLES for w in words)
               for words in compounds)
    if not role:
        compounds = _without_titles(compounds)
    folded = [tuple(w.casefold() for w in words if w.casefold() not in ARTICLES) for words in compounds]
    phrase = tuple(w for words in folded for w in words)
    near = tuple(n for n in (tuple(w for w in words if w not in PARTICLES) for words in folded) if _letters(n) >= 2)
    return Speaker(phrase, near or tuple(words for words in folded if _letters(words) >= 2), role)


def _without_titles(compounds: list[list[str]]) -> list[list[str]]:
    """Leading titles set aside while a name follows them. An acronym in capitals before a title
    belongs to it (``UN Special Rapporteur``). With no name after them, only courtesy titles go:
    ``The Foreign Minister`` stays ``Foreign Minister``, ``Mr King`` is ``King``."""
    def title(k: int) -> bool:
        return all(w.casefold() in TITLES for w in compounds[k])

    def acronym(k: int) -> bool:
        word = "".join(compounds[k])
        return word.isupper() and len(word) >= 2 and k + 1 < len(compounds) and title(k + 1)

    n = 0
    while n < len(compounds) and (title(n) or acronym(n)):
        n += 1
    if n < len(compounds):
        return compounds[n:]
    n = 0
    while n < len(compounds) - 1 and all(w.casefold() in HONORIFICS for w in compounds[n]):
        n += 1
    return compounds[n:]


def _letters(words: tuple[str, ...]) -> int:
    return sum(c.isalpha() for w in words for c in w)


@dataclass
class _Folded:
    """One source's folded text and folded neighbourhoods, made once and searched many times."""

    whole: str
    regions: dict[tuple[int, int], str] = field(default_factory=dict)
    found: dict[tuple[tuple[str, ...], int, int], bool] = field(default_factory=dict)


_CACHE: WeakKeyDictionary[SourceText, _Folded] = WeakKeyDictionary()  # dies with its source
_MAX_REGIONS = 256


def speaker_miss(speaker: str, source: SourceText, start: int, end: int) -> SpeakerMiss | None:
    """None when the speaker is named as rule 7 asks for the quote at ``start``/``end`` (its span
    in the source as written); otherwise why not."""
    who = read_speaker(speaker)
    if not who.phrase:
        return "absent"
    folded = _CACHE.get(source)
    if folded is None:
        folded = _CACHE[source] = _Folded(_without_stops(source.norm.text).casefold())  # normalised once already
    lo, hi = _neighbourhood(source, start, end)
    if who.role:
        if _has(folded, who.phrase, lo, hi, source):
            return None
        return "not-near" if _has(folded, who.phrase, 0, -1, source) else "absent"
    if not _has(folded, who.phrase, 0, -1, source):
        return "absent"
    return None if any(_has(folded, words, lo, hi, source) for words in who.near) else "not-near"


def _neighbourhood(source: SourceText, start: int, end: int) -> tuple[int, int]:
    """The paragraphs the quote touches, with the one before and the one after."""
    first = source.paragraph_of(start)
    last = source.paragraph_of(max(start, end - 1))
    lo = source.paragraph_range(first - 1)[0] if first > 0 else 0
    return lo, source.paragraph_range(last + 1)[1]


def _has(folded: _Folded, words: tuple[str, ...], lo: int, hi: int, source: SourceText) -> bool:
    """Whether ``words`` appear in a row (punctuation and articles between them aside) in the
    whole source (``hi`` -1) or in its text [lo, hi)."""
    key = (words, lo, hi)
    if key not in folded.found:
        text: str | None
        if hi < 0 or (lo, hi) == (0, len(source.text)):  # a source of one paragraph: no second fold
            text = folded.whole
        else:
            text = folded.regions.get((lo, hi))
            if text is None:
                if len(folded.regions) >= _MAX_REGIONS:
                    folded.regions.clear()
                text = folded.regions[(lo, hi)] = fold(source.text[lo:hi])
        folded.found[key] = _search(words, text)
    return folded.found[key]


# between two words of a phrase: anything but a sentence's end (a full stop, ? or ! before a space;
# an initial's full stop aside), and articles: "Paris. Hilton engineers" is not Paris Hilton
_SEP = r"(?:(?<=\b\w)\.|[.!?](?!\s|$)|[^\w.!?]|_)+"
_BETWEEN = _SEP + r"(?:(?:the|an?)" + _SEP + r")*"


def _search(words: tuple[str, ...], text: str) -> bool:
    """Whether ``words`` start a match at a word boundary. The pattern begins with its first word
    and the boundary before it is checked here: a leading look-behind would make the regex engine
    try every position of a 10 MB text instead of jumping to the word."""
    pattern = re.compile(_BETWEEN.join(re.escape(w) for w in words) + r"(?![^\W_])")
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.start() == 0 or not _WORD_CHAR.match(text, m.start() - 1):
            return True
        pos = m.start() + 1
    return False
