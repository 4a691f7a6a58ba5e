"""Property-based tests: what must hold for every quote, not just the ones we thought of."""

from __future__ import annotations

import re

from hypothesis import assume, example, given
from hypothesis import strategies as st

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation
from briefing.verify.lexicon import is_negation
from tests.conftest import ROOT

SEEDS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
CORPUS = Corpus(SEEDS)
# word boundaries, where a word may hold an apostrophe between letters (China's, don't), a
# number its separators and range dash (2,000 and 2023-12-08 are one word: quoting "around 2" of
# "around 2,000" is a misquote), and an abbreviation its stops (U.N. is one word)
_W = (r"(?:\w|(?<=\w)['’`](?=\w)|(?<=\d)[.,-](?=\d)"
      r"|(?<=\b[A-Z])\.(?=[A-Z]\b)|(?<=\b[A-Z]\.[A-Z])\.|(?<=[A-Z]\.)['’](?=s\b))")
NEGATION_EDGE = r"[\s'\"‘’“”]*"  # what may stand between a quote's edge and a negation it cuts off


def _cuts_a_negation(text: str, start: int, end: int) -> bool:
    """v2: a quote may not begin right after, or end right before, a negation (or a non- prefix)."""
    def negation(word: str) -> bool:
        return is_negation(word.casefold().replace("’", "'"))

    before = re.search(rf"([\w'’-]+?){NEGATION_EDGE}$", text[max(0, start - 40):start])
    after = re.match(rf"{NEGATION_EDGE}([\w'’]+(?:-[\w'’]+)*)", text[end:end + 40])
    prefix = re.search(r"(\w+)-$", text[max(0, start - 10):start])  # "refoulement" cut from "non-refoulement"
    first = re.match(r"[\w'’]+", text[start:end])
    cut_prefix = re.search(r"(\w+)$", text[max(0, end - 10):end])  # "non" cut from "non-refoulement"
    stem = re.match(r"-(\w+)", text[end:end + 40])
    if cut_prefix and stem and negation(f"{cut_prefix.group(1)}-{stem.group(1)}"):
        return True
    return bool((before and negation(before.group(1))) or (after and negation(after.group(1)))
                or (prefix and first and negation(f"{prefix.group(1)}-{first.group()}")))


BOUNDS = {sid: ([m.start() for m in re.finditer(rf"(?<!{_W}){_W}", t)],
                [m.end() for m in re.finditer(rf"{_W}(?!{_W})", t)]) for sid, t in SEEDS.items()}

def check(sid: str, quote: str):
    return verify_citation(CitationRef("p", 0, sid, quote, None, Location("claims.yaml", 1, 1)), CORPUS)


@st.composite
def substrings(draw, min_words: int = 1, max_chars: int = 300):
    """An exact substring of a seed that starts and ends on word boundaries."""
    sid = draw(st.sampled_from(sorted(SEEDS)))
    starts, ends = BOUNDS[sid]
    start = draw(st.sampled_from(starts))
    later = [e for e in ends if start < e <= start + max_chars]
    assume(later)
    end = draw(st.sampled_from(later))
    text = SEEDS[sid][start:end]
    assume(len(re.findall(r"\w+", text)) >= min_words)
    assume(not _cuts_a_negation(SEEDS[sid], start, end))
    return sid, start, end, text


@given(substrings())
def test_any_exact_substring_on_word_boundaries_verifies(case):
    sid, start, end, text = case
    result = check(sid, text)
    assert result.verified, (text, [p.message for p in result.problems])
    assert result.match_kind == "exact"
    assert any(p.start == start and p.end == end for p in result.placements) or \
        any(SEEDS[sid][p.start:p.end] == text for p in result.placements)


def verified_at(sid: str, quote: str, start: int, end: int) -> bool:
    """Whether ``quote`` verifies over the original span (the changed text may rightly exist elsewhere)."""
    return any(p.start < end and start < p.end for p in check(sid, quote).placements)


@given(substrings(), st.data())
def test_changing_a_digit_never_verifies(case, data):
    sid, start, end, text = case
    digits = [m.start() for m in re.finditer(r"\d", text)]
    assume(digits)
    at = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != text[at]]))
    changed = text[:at] + new + text[at + 1:]
    assert not verified_at(sid, changed, start, end), changed


def replace_one(data, text: str, pattern: str, replacements: list[str]) -> str:
    """``text`` with one match of ``pattern`` (chosen by hypothesis) replaced; skips texts without one."""
    matches = list(re.finditer(pattern, text))
    assume(matches)
    m = data.draw(st.sampled_from(matches))
    new = data.draw(st.sampled_from([r for r in replacements if r != m.group()] or [""]))
    changed = text[:m.start()] + new + text[m.end():]
    assume(changed != text and re.search(r"\w", changed))
    return changed


@given(substrings(min_words=3), st.data())
def test_dropping_a_negation_never_verifies(case, data):
    sid, start, end, text = case
    # inside the quote: a negation at either end just makes a shorter, still faithful, quote
    changed = replace_one(data, text, r"(?<=\w )(not|no|never|cannot|without|nobody|nothing) (?=\w)", [""])
    assert not verified_at(sid, changed, start, end), changed


@given(substrings(min_words=2), st.data())
def test_swapping_a_name_never_verifies(case, data):
    sid, start, end, text = case
    changed = replace_one(data, text, r"(?<=\w )[A-Z][a-z]{2,}\b", ["Japan", "Moscow", "Smith", "Europe", "Tokyo"])
    assert not verified_at(sid, changed, start, end), changed


@given(substrings(min_words=2), st.data())
def test_typography_never_matters(case, data):
    sid, _, _, text = case
    swaps = {"'": "’", "’": "'", "“": '"', "”": '"', '"': "“", "-": "–", "—": "--", " ": data.draw(
        st.sampled_from(["  ", "\n", "\u00a0", " \t "]))}
    changed = "".join(swaps.get(c, c) for c in text)
    result = check(sid, f"“{changed}”")
    assert result.verified, (changed, [p.message for p in result.problems])


@given(st.text(max_size=200), st.sampled_from(sorted(SEEDS)))
def test_arbitrary_text_never_crashes_the_verifier(quote, sid):
    result = check(sid, quote)
    assert result.status in ("verified", "failed")


WORDS = st.text(alphabet="abcdeilnorstuNOT'", min_size=1, max_size=9)


@given(WORDS, WORDS, st.booleans(), st.booleans())
def test_the_aligner_prices_a_word_as_its_explanation_does(a, b, first, last):
    """The inner loop prices substitutions without explaining them; both must agree."""
    from briefing.verify.edits import compare
    from briefing.verify.normalize import normalize
    from briefing.verify.tokens import tokenize
    qa, sb = tokenize(normalize(a)), tokenize(normalize(b))
    assume(len(qa) == 1 and len(sb) == 1)
    fast = compare(qa[0], sb[0], first, last, explain=False)
    full = compare(qa[0], sb[0], first, last)
    assert (fast is None) == (full is None)
    if full is not None:
        assert fast is not None and fast[0] == full[0]


@example("The repa-\ntriation of the \ufb01rst 1,170 -- don’t ... [name redacted] Salmón’s")
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_lazy_token_keys_agree_with_full_tokenisation(text):
    """A source's keys come from a cheap pass and single tokens are built on demand; both must
    match the full tokenisation exactly, or the fast path would verify against the wrong words."""
    from briefing.verify.tokens import SourceText
    lazy, full = SourceText(text), SourceText(text).tokens
    assert lazy.keys == [t.key for t in full]
    for i, t in enumerate(full):
        got = lazy.token(i)
        assert (got.text, got.key, got.kind, got.start, got.end, got.join, got.negation, got.anycase, got.mark) == \
            (t.text, t.key, t.kind, t.start, t.end, t.join, t.negation, t.anycase, t.mark)


# -- version 2 families ----------------------------------------------------------

APOSTROPHES = "'‘’‛`´′＇ʼʹʻʽ"


@given(substrings(min_words=2), st.data())
def test_any_apostrophe_like_character_in_any_position_is_typography(case, data):
    sid, start, end, text = case
    marks = [m.start() for m in re.finditer(r"['’`]", text)]
    assume(marks)
    chars = list(text)
    for at in marks:
        chars[at] = data.draw(st.sampled_from(APOSTROPHES))
    changed = "".join(chars)
    assert verified_at(sid, changed, start, end), changed


NEGATION_WORD = r"[\w'’-]+"


def _negations(text: str) -> list[re.Match]:
    return [m for m in re.finditer(NEGATION_WORD, text) if is_negation(m.group().casefold().replace("’", "'"))]


@given(substrings(min_words=4), st.data(), st.sampled_from(["ellipsis", "bracket", "dropped"]))
def test_a_negation_hidden_by_an_ellipsis_a_bracket_or_a_cut_never_verifies(case, data, how):
    sid, start, end, text = case
    inner = [m for m in _negations(text) if re.search(r"\w", text[:m.start()]) and re.search(r"\w", text[m.end():])]
    assume(inner)
    m = data.draw(st.sampled_from(inner))
    filler = {"ellipsis": " … ", "bracket": " [it] ", "dropped": " "}[how]
    changed = text[:m.start()].rstrip() + filler + text[m.end():].lstrip()
    assert not verified_at(sid, changed, start, end), changed


@given(substrings(min_words=3), st.data(), st.booleans())
def test_a_quote_cut_right_at_a_negation_never_verifies(case, data, at_end):
    sid, start, end, text = case
    found = _negations(text)
    assume(found)
    m = data.draw(st.sampled_from(found))
    edge = " \n\"'“”‘’"  # nothing but spaces and quotation marks between the cut and the negation
    if at_end:  # ends right before the negation
        quote, lo, hi = text[:m.start()].rstrip(edge), start, start + m.start()
        assume(re.search(r"\w$", quote))
    else:  # begins right after it
        quote, lo, hi = text[m.end():].lstrip(edge), start + m.end(), end
        assume(re.match(r"\w", quote))
    assert not verified_at(sid, quote, lo, hi), quote


SPELLED = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
           "8": "eight", "9": "nine", "10": "ten", "20": "twenty", "100": "hundred"}


@given(substrings(min_words=2), st.data(), st.sampled_from(["digits", "words", "bracket", "sign"]))
def test_a_number_changed_through_any_form_never_verifies(case, data, form):
    sid, start, end, text = case
    numbers = list(re.finditer(r"(?<![\w.,-])\d+(?:[.,]\d+)*(?![\w.,-]*\d)", text))
    assume(numbers)
    m = data.draw(st.sampled_from(numbers))
    value = int(m.group().replace(",", "").split(".")[0])
    other = data.draw(st.sampled_from([v for v in (1, 2, 3, 7, 10, 20, 100, value + 1, value * 10) if v != value]))
    new = {"digits": f"{other:,}", "words": SPELLED.get(str(other), f"{other:,}"),
           "bracket": f"[{SPELLED.get(str(other), other)}]", "sign": f"-{m.group()}"}[form]
    changed = text[:m.start()] + new + text[m.end():]
    assert not verified_at(sid, changed, start, end), changed


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SUBSCRIPT = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")


@given(st.integers(0, 99999), st.integers(-99, 999), st.sampled_from([SUPERSCRIPT, SUBSCRIPT]),
       st.sampled_from(["folded", "dropped", "cut"]))
def test_any_superscript_or_subscript_digit_stays_apart_from_its_number(base, power, script, how):
    """NFKC folds 10² to 102: the run of script digits must stay a part of the number of its own."""
    printed = f"{base}{str(power).translate(script)}"
    corpus = Corpus({"n": f"The measured value was {printed} units in all.\n"})

    def verifies(quote: str) -> bool:
        return verify_citation(CitationRef("p", 0, "n", quote, None, Location("claims.yaml", 1, 1)), corpus).verified

    assert verifies(f"The measured value was {printed} units")
    changed = {"folded": f"The measured value was {base}{power} units",
               "dropped": f"The measured value was {base} units", "cut": f"The measured value was {base}"}[how]
    assert not verifies(changed), changed


WHITESPACE_RUN = st.lists(st.sampled_from([" ", "\t", "\u00a0", "\u2009", "\u202f", "\u200b", "\n"]),
                          min_size=1, max_size=5).filter(lambda run: run.count("\n") <= 1)


@given(st.integers(1, 999), st.integers(0, 999), WHITESPACE_RUN, st.sampled_from(["group", "range"]))
def test_any_whitespace_run_inside_a_number_acts_as_one_space(head, tail, run, form):
    """Allowed-rule 1: any whitespace within a paragraph is typography, also inside 1 170 and 1990 - 2000;
    the number stays one number, so a quote that starts or ends inside it is a changed number."""
    joined = "".join(run)
    printed = f"{head}{joined}{tail:03d}" if form == "group" else f"{head}{joined}-{joined}{tail}"
    corpus = Corpus({"n": f"Officials said {printed} people were counted.\n"})

    def verifies(quote: str) -> bool:
        return verify_citation(CitationRef("p", 0, "n", quote, None, Location("claims.yaml", 1, 1)), corpus).verified

    one_space = f"{head} {tail:03d}" if form == "group" else f"{head}-{tail}"
    assert verifies(f"Officials said {one_space} people were counted")
    if form == "group":
        assert verifies(f"Officials said {head},{tail:03d} people")
    assert not verifies(f"{tail:03d} people were counted" if form == "group" else f"{tail} people were counted")
    assert not verifies(f"Officials said {head}")


# -- word-final apostrophes: a possessive's and a closing quotation mark's alike --------------------
# (no negation among them: a quote cut right next to one rightly fails)
QUOTED_WORDS = ["boys", "nurses", "school", "reopened", "the", "club", "day", "Joneses", "witnesses", "said",
                "Tis", "em", "safe", "utterly", "groundless", "Korea’s", "o’clock", "90s"]


@st.composite
def marked_texts(draw):
    """A paragraph of words full of single quotation marks and apostrophes (opening, closing,
    possessive, elided), with each word's span, opening mark included and closing mark excluded."""
    words = draw(st.lists(st.tuples(st.sampled_from(QUOTED_WORDS), st.sampled_from(["", "‘", "'"]),
                                    st.sampled_from(["", "’", "'"]), st.sampled_from([" ", ", ", ". ", "; "])),
                          min_size=2, max_size=14))
    text, spans = "", []
    for word, opening, closing, gap in words:
        start = len(text)
        text += opening + word
        spans.append((start, start + len(opening), len(text), len(text) + len(closing)))
        text += closing + gap
    return text.rstrip() + "\n", spans


@given(marked_texts(), st.data())
def test_any_word_aligned_substring_of_a_text_full_of_single_quotation_marks_verifies(case, data):
    """Whatever marks stand before and after its words, and wherever a quotation opened or closed,
    a quote copied exactly from the source verifies: both sides read a word-final mark alike."""
    text, spans = case
    i = data.draw(st.integers(0, len(spans) - 1))
    j = data.draw(st.integers(i, len(spans) - 1))
    start = spans[i][data.draw(st.integers(0, 1))]  # with or without the opening mark
    end = spans[j][data.draw(st.integers(2, 3))]  # with or without the closing mark
    quote = text[start:end]
    result = verify_citation(CitationRef("p", 0, "s", quote, None, Location("claims.yaml", 1, 1)),
                             Corpus({"s": text}))
    assert result.verified, (text, quote, [p.message for p in result.problems])
