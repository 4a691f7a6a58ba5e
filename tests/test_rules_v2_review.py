"""Gaps an adversarial review of the version 2 verifier found (issue 11), each with its negative
twin: superscript digits, whitespace inside numbers, blank lines of invisible characters,
word-final apostrophes and letters with a stroke. Real sources, real verifier, no stubs."""

from __future__ import annotations

import pytest

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation


def check(source: str, quote: str, speaker: str | None = None):
    corpus = Corpus({"s": source})
    return verify_citation(CitationRef("c", 0, "s", quote, speaker, Location("claims.yaml", 1, 1)), corpus)


def codes(result) -> list[str]:
    return [p.code for p in result.problems if p.is_error]


def explain(result) -> tuple:
    return codes(result), [p.message for p in result.problems]


# -- a line of only whitespace and invisible characters is blank ------------------------------------
# Never-rule 7 counts a line of only whitespace as blank, and allowed-rule 1 counts U+200B as
# whitespace: such a line ends a paragraph for ellipses and speakers alike.
BLANKS = ["\n\n", "\n\u200b\n", "\n \u200b\t\n", "\n\u200b\u200d\u00ad\n", "\n\ufeff\n", "\n\u200e\n",
          "\u2029"]


@pytest.mark.parametrize("blank", BLANKS)
def test_ellipsis_may_not_join_paragraphs_two_apart_across_invisible_blank_lines(blank):
    source = (f"Alpha said the river rose.{blank}Bravo said the wind fell.{blank}Charlie said the town was calm.\n")
    failed = check(source, "Alpha said the river rose … the town was calm")
    assert codes(failed) == ["ellipsis-gap"], explain(failed)
    adjacent = check(source, "Bravo said … the town was calm")
    assert adjacent.verified, explain(adjacent)


def test_a_line_of_visible_text_is_no_blank_line():
    source = "Alpha said the river rose.\nx\nBravo spoke.\nx\nCharlie said the town was calm.\n"
    assert check(source, "Alpha said the river rose … the town was calm").verified


@pytest.mark.parametrize("blank", BLANKS)
def test_speaker_three_paragraphs_away_across_invisible_blank_lines(blank):
    source = (f"Kim Jong-su arrived.{blank}Others spoke.{blank}More others spoke.{blank}"
              "The gate was closed at dawn.\n")
    far = check(source, "The gate was closed at dawn", speaker="Kim Jong-su")
    assert codes(far) == ["speaker-not-found"], explain(far)
    near = check(source.replace(f"Others spoke.{blank}More others spoke.{blank}", ""),
                 "The gate was closed at dawn", speaker="Kim Jong-su")
    assert near.verified, explain(near)


# The rest as cases: a source, the quotes that verify against it, and the quotes that fail with a code.

# -- superscript and subscript digits stay a separate part of their number -------------------------
# NFKC reads 10² as 102: never-rule 1 (a number's value never changes) wins over allowed-rule 1.
SCRIPTS = ("As many as 600¹ refugees were counted. The rate was 10⁻¹ and the area 10² km. "
           "The 10³ tonnes arrived. Emissions of CO₂ rose by 5 km² a year.\n")
SCRIPTS_VERIFY = [
    "As many as 600¹ refugees were counted", "As many as 600^1 refugees", "The rate was 10⁻¹ and",
    "The rate was 10^-1 and", "the area 10² km", "the area 10^2 km", "The 10³ tonnes arrived",
    # after a letter the digit is a unit's or a formula's, and NFKC's plain digit is typography
    "Emissions of CO2 rose by 5 km2 a year", "Emissions of CO₂ rose by 5 km² a year",
]
SCRIPTS_FAIL = [
    "As many as 6001 refugees were counted", "The rate was 10-1 and", "The rate was 101 and",
    "the area 102 km", "The 103 tonnes arrived", "the area 10 km", "The 10 tonnes arrived",
    "the area 10", "The rate was 10",  # a quote may not end inside the number either
    # a superscript in a text source may be a power or a footnote marker: the reader cannot tell,
    # so the number is quoted with it (a PDF's footnote markers are removed by its reader)
    "As many as 600 refugees were counted",
]

# -- any run of whitespace inside a number, within a paragraph, acts as one space ------------------
SPACED = ("About 1\n170 people were held from 1990-\n2000 in camps. Later 2  340 were freed over "
          "1990  –  2000 and 50\n% left. By March  3 100 servers, and on May\n4 200 more.\n")
SPACED_VERIFY = [
    "About 1170 people were held", "About 1 170 people were held", "About 1,170 people",
    "held from 1990-2000 in camps", "held from 1990 - 2000 in camps", "Later 2,340 were freed",
    "Later 2 340 were freed", "over 1990 – 2000 and", "over 1990-2000 and", "and 50% left",
    # the month exception holds across any whitespace: a day, then a count
    "By March 3 100 servers", "and on May 4 200 more",
]
SPACED_FAIL = [
    "170 people were held", "people were held from 1990", "held from 2000 in camps", "340 were freed",
    "were freed over 1990", "2000 and 50% left", "About 1 people", "Later 2 were freed",
    "About 1,700 people were held", "By March 3,100 servers", "on May 4,200 more",
]

# -- letters with a stroke are letters with a diacritic -------------------------------------------
STROKES = "In Łódź, the mayor met Søren Pind and Đorđe Balašević at the Ħamrun gate. Its sŧyle was new.\n"
STROKES_VERIFY = ["In Lodz, the mayor met Soren Pind", "In Łódź the mayor met Søren Pind",
                  "met Søren Pind and Dorde Balasevic at the Hamrun gate", "In LODZ, the mayor"]
STROKES_FAIL = ["In Ladz, the mayor met Soren Pind", "the mayor met Sören Pond",
                "met Soren Pind and Dorde Balasovic at"]

# -- a word-final apostrophe belongs to its word, whether a possessive's or a closing quotation mark --
# (more in test_rules_apostrophes.py)
APOSTROPHES = ("The boys’ school reopened, said the returnees’ lawyer. He called it ‘a disgrace’ and "
               "‘utterly groundless’, said the ‘committee’ chair. The returnees’ lives were at risk.\n")
APOSTROPHES_VERIFY = [
    "The boys’ school reopened", "The boys' school reopened", "the returnees’ lawyer",
    "The returnees` lives were at risk",
    # single quotation marks dropped or kept at the quote's edges, and kept mid-quote
    "a disgrace", "a disgrace’", "‘a disgrace’", "He called it ‘a disgrace", "He called it ‘a disgrace’ and",
    "utterly groundless’, said", "said the ‘committee’ chair", "He called it a disgrace’ and utterly groundless",
]
# a closing mark dropped mid-quote is a changed word too: the contract drops quotation marks at the edges only
APOSTROPHES_FAIL = ["The boys school reopened", "The returnees lives were at risk", "said the returnees lawyer",
                    "utterly groundless, said", "said the committee chair",
                    "He called it a disgrace and utterly groundless"]

# -- a bracket holds the same number by value in any form, also joined to a grouped number ----------
AMOUNTS = "The city took in 1.5 million euros and 2 thousand tents. The price was 10,000 units, or 2.5 each.\n"
AMOUNTS_VERIFY = ["The city took in [1,500,000] euros", "took in [1.5 million] euros", "euros and [2,000] tents",
                  "The price was [1]0,000 units", "or [2].5 each"]
AMOUNTS_FAIL = ["The city took in [1,600,000] euros", "took in [15 million] euros", "took in [1.5] euros",
                "euros and [3,000] tents", "The price was [2]0,000 units", "The price was [1]0,001 units",
                "or [3].5 each"]

VERIFY = [(source, quote) for source, quotes in ((SCRIPTS, SCRIPTS_VERIFY), (SPACED, SPACED_VERIFY),
                                                 (STROKES, STROKES_VERIFY), (APOSTROPHES, APOSTROPHES_VERIFY),
                                                 (AMOUNTS, AMOUNTS_VERIFY)) for quote in quotes]
FAIL = [(source, quote, code) for source, quotes, code in (
    (SCRIPTS, SCRIPTS_FAIL, "number-changed"), (SPACED, SPACED_FAIL, "number-changed"),
    (STROKES, STROKES_FAIL, "name-changed"), (APOSTROPHES, APOSTROPHES_FAIL, "word-changed"),
    (AMOUNTS, AMOUNTS_FAIL, "number-changed")) for quote in quotes]


@pytest.mark.parametrize(("source", "quote"), VERIFY, ids=[q for _, q in VERIFY])
def test_verifies(source, quote):
    result = check(source, quote)
    assert result.verified, explain(result)


@pytest.mark.parametrize(("source", "quote", "code"), FAIL, ids=[q for _, q, _ in FAIL])
def test_fails_with_its_code(source, quote, code):
    result = check(source, quote)
    assert codes(result) == [code], explain(result)


def test_a_blank_line_ends_a_number():
    source = "The tally was 2\n\n340 were freed later.\n"
    assert check(source, "340 were freed later").verified
    assert codes(check(source, "The tally was 2,340")) == ["number-changed"]
