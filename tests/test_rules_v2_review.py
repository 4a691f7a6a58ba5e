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
