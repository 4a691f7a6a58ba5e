"""Every rule of the quotation contract, case by case, against a source written for the purpose.

The verifier is pure (text in, results out), so these call it directly; the CLI and JSON
interface around it are tested in test_json_interface and test_build.
"""

from __future__ import annotations

import pytest

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation

SYN = (
    "The minister said on Tuesday that 600 refugees were returned in October.\n"
    "It is \"not acceptable\" to send anyone back, the Committee's chair, Ana Salmón, told reporters.\n"
    "\n"
    "Officials in Beijing cannot confirm the figures; they said the reports were unacceptable and\n"
    "“utterly groundless.” The repa-\n"
    "triation continued through the 1990s, with 1,170 people detained in two camps.\n"
    "\n"
    "[name redacted] said the conditions were poor... and getting worse. Nobody was released.\n"
    "The committee’s recommendations are not binding. The minister said on Tuesday that talks\n"
    "would resume.\n"
    "\n"
    "   \n"
    "Later, the spokesman, Li Wei, said the border was open again.\n"
)
OTHER = "A different article. Refugees crossed the Yalu River at night, witnesses said.\n"
FILLER = " ".join(f"Filler sentence number {w} keeps the paragraphs apart." for w in
                  ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"] * 3)
FAR = f"The envoy welcomed the report.\n\n{FILLER}\n\n{FILLER}\n\nHe then left for Geneva.\n"

CORPUS = Corpus({"syn": SYN, "other": OTHER, "far": FAR})


def check(quote: str, source: str = "syn", speaker: str | None = None):
    return verify_citation(CitationRef("c", 0, source, quote, speaker, Location("claims.yaml", 1, 1)), CORPUS)


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


VERIFIED = [
    # 1. typography
    ("The minister said on Tuesday that 600 refugees were returned in October.", "exact"),
    ("they said the reports were unacceptable and \"utterly groundless.\"", "normalized"),
    ("It is “not acceptable” to send anyone back", "normalized"),
    ("the Committee’s chair, Ana Salmon, told reporters", "normalized"),
    ("the Committee`s chair, Ana Salmón, told reporters", "normalized"),
    ("the reports were unacceptable\tand\n  “utterly groundless.”", "normalized"),
    ("the reports were\u00a0unaccep\u00adtable and “utterly groundless.”", "normalized"),
    ("cannot confirm the \ufb01gures", "normalized"),
    ("cannot confirm the fig\u2060ures", "normalized"),  # v2: a word joiner is ignored (U+200B is a space)
    ("The repatriation continued through the 1990s", "normalized"),
    ("with 1170 people detained", "normalized"),  # v2: thousands separators are typography
    ("The repa-triation continued through the 1990s", "normalized"),
    ("“utterly groundless.” The repa-\ntriation continued", "exact"),
    ("utterly groundless. The repa-\ntriation continued", "normalized"),
    # 2. framing and punctuation
    ("  \"The minister said on Tuesday\"  ", "normalized"),
    ("“The minister said on Tuesday", "normalized"),
    ("the minister said on Tuesday that 600 refugees were returned in October", "normalized"),
    ("beijing cannot confirm the figures", "normalized"),
    ("Officials in Beijing cannot confirm the figures, they said the reports were unacceptable", "edited"),
    ("Officials in Beijing cannot confirm the figures: they said", "edited"),
    # 3. ellipsis
    ("The minister said ... 600 refugees were returned in October.", "edited"),
    ("The minister said … 600 refugees were returned", "edited"),
    ("The minister said . . . 600 refugees were returned", "edited"),
    ("The minister said [...] 600 refugees were returned", "edited"),
    ("The minister said […] that 600 refugees", "edited"),
    ("… said on Tuesday that 600 refugees were returned …", "edited"),
    ("Officials in Beijing cannot … the reports were unacceptable", "edited"),
    ("The minister said on Tuesday that 600 refugees … in October", "edited"),
    ("the conditions were poor... and getting worse", "exact"),
    ("It is \"not acceptable\" to send anyone back … Officials in Beijing cannot confirm", "edited"),
    # 4. brackets
    ("[He] said on Tuesday that 600 refugees were returned", "edited"),
    ("[The minister] said on Tuesday that 600 refugees were returned", "edited"),
    ("Officials in [China's capital] cannot confirm the figures", "edited"),
    ("[name redacted] said the conditions were poor", "exact"),
    ("the reports were [in their view] unacceptable", "edited"),
    ("[T]he minister said on Tuesday", "edited"),
    # 5. slips of the pen
    ("600 refugees were retuned in October", "edited"),
    ("600 refugees were reutrned in October", "edited"),
    ("Officials in Beijing cannot confirm the figures; they said the reprots were unacceptable", "edited"),
]


@pytest.mark.parametrize("quote,kind", VERIFIED)
def test_allowed_edits_verify(quote, kind):
    result = check(quote)
    assert result.verified, (codes(result), result.diff)
    assert result.match_kind == kind, result.edits


def test_slip_is_a_warning_and_the_briefing_prints_the_source_word():
    result = check("600 refugees were retuned in October")
    assert result.verified and codes(result) == ["slip"]
    assert result.problems[0].severity.value == "warning"
    assert result.placements[0].printed == "600 refugees were returned in October"


def test_display_keeps_ellipses_and_brackets_with_source_wording():
    result = check("[It] is “not acceptable” to send anyone back … Ana Salmon, told reporters")
    assert result.verified
    assert result.placements[0].printed == (
        "[It] is \"not acceptable\" to send anyone back … Ana Salmón, told reporters")


def test_a_quote_found_twice_reports_every_location():
    result = check("The minister said on Tuesday that")
    assert result.verified and [p.line for p in result.placements] == [1, 9]


FAILED = [
    # 1. numbers
    ("that 60 refugees were returned in October", "number-changed"),
    ("that six hundred refugees were returned", "number-changed"),
    ("with 1,700 people detained", "number-changed"),
    ("continued through the 1980s", "number-changed"),
    ("people detained in three camps", "number-changed"),
    ("The minister said on Tuesday that 6 refugees", "number-changed"),
    ("The minister said on Tuesday that refugees were returned in October", "number-changed"),
    # 2. negation
    ("The committee’s recommendations are binding.", "negation-changed"),
    ("Officials in Beijing can confirm the figures", "negation-changed"),
    ("they said the reports were acceptable", "negation-changed"),
    ("It is \"acceptable\" to send anyone back", "negation-changed"),
    ("The minister said on Tuesday that 600 refugees were not returned", "negation-changed"),
    ("and getting worse. Somebody was released.", "negation-changed"),
    ("The committee’s recommendations are ... binding.", "ellipsis-hides-negation"),
    ("Officials in Beijing … the reports were unacceptable", "ellipsis-hides-negation"),
    ("that 600 refugees … the Committee's chair, Ana Salmón, told reporters.", "ellipsis-hides-negation"),
    ("the reports were [not] unacceptable", "negation-changed"),
    ("the reports were [acceptable]", "negation-changed"),
    # 3. names
    ("Officials in Shanghai cannot confirm the figures", "name-changed"),
    ("the Committee's chair, Ana Salmin, told reporters", "name-changed"),
    ("the Committee's chair, Anna Salmón, told reporters", "name-changed"),
    ("the Committee's chair, Salmón, told reporters", "name-changed"),
    ("Officials in beijing cannot confirm the figures", "name-changed"),
    # 4. words
    ("Officials in Beijing will confirm the figures", "negation-changed"),
    ("they claimed the reports were unacceptable", "word-changed"),
    ("they said the reports were unacceptable and “groundless.”", "word-changed"),
    ("The minister said on Monday that 600 refugees", "name-changed"),
    ("The minister said that 600 refugees were returned", "name-changed"),
    ("the conditions were poor and getting worse", "punctuation-changed"),
    ("they said the reports were unacceptable!", "punctuation-changed"),  # v2: ? and ! are never added
    ("600 refugees were retuned in Octobr", "name-changed"),
    ("refugees were retuned and sennt back", "name-changed"),  # "back" where the source has "October"
    ("were retuned", "too-many-slips"),
    ("the reports were unaceptable and “utterly groundles.”", "negation-changed"),  # v2: no slips in negations
    ("600 refugees were retuned ib October", "word-changed"),
    ("the reports were [from the start] unacceptable and utterly groundless and false", "word-changed"),
    # 5. splices
    ("The minister said on Tuesday that the reports were unacceptable", "splice"),
    ("600 refugees were returned in October. Nobody was released.", "splice"),
    ("600 refugees were returned … The minister said on Tuesday that 600", "ellipsis-order"),
    ("Nobody was released … The minister said on Tuesday that 600 refugees", "ellipsis-order"),
    # 6. wrong source and not found
    ("Refugees crossed the Yalu River at night", "wrong-source"),
    ("An entirely unrelated sentence about the weather in Paris", "not-found"),
]


@pytest.mark.parametrize("quote,code", FAILED)
def test_meaning_changes_fail_with_a_reason(quote, code):
    result = check(quote)
    assert not result.verified, f"{quote!r} verified as {result.match_kind} {result.edits}"
    assert result.placements == ()
    assert codes(result)[0] == code, (codes(result), result.diff)


def test_ellipsis_gap_is_bounded():
    assert check("The envoy welcomed the report … He then left for Geneva.", "far").problems[0].code == "ellipsis-gap"
    assert check("Filler sentence number one … number two keeps", "far").verified


def test_wrong_source_names_the_source_and_its_location():
    result = check("Refugees crossed the Yalu River at night")
    problem = result.problems[0]
    assert problem.details["found_in"] == "other" and "other:1:22" in problem.message
    assert result.closest.source_id == "other"


def test_not_found_shows_the_closest_passage_and_a_diff():
    result = check("Officials in Paris will never confirm any of those figures at all today")
    assert result.closest is not None and result.closest.source_id == "syn"
    assert result.diff


def test_failures_name_the_quote_location_in_the_claims_file():
    result = check("The committee’s recommendations are binding.")
    assert str(result.problems[0].location) == "claims.yaml:1:1"
    assert result.closest.line == 9 and "{+not+}" in result.diff


SPEAKERS = [
    ("Ana Salmón", "It is \"not acceptable\" to send anyone back", True),
    ("ana salmon", "It is \"not acceptable\" to send anyone back", True),
    ("Salmón", "It is \"not acceptable\" to send anyone back", True),
    ("Ana Salmón", "Officials in Beijing cannot confirm the figures", True),  # next paragraph
    ("Ana Salmón", "the conditions were poor", False),  # two paragraphs away
    ("George Tugushi", "It is \"not acceptable\" to send anyone back", False),
    ("Li Wei", "said the border was open again", True),
    ("Li Wei", "The committee’s recommendations are not binding", True),  # whitespace-only line is blank
    ("Wei", "The minister said on Tuesday that 600 refugees", False),
    ("The minister", "The minister said on Tuesday that talks", True),
    ("Minister", "Nobody was released", True),
    ("Salm", "It is \"not acceptable\" to send anyone back", False),  # whole words only
]


@pytest.mark.parametrize("speaker,quote,ok", SPEAKERS)
def test_speaker_must_be_named_near_the_quote(speaker, quote, ok):
    result = check(quote, speaker=speaker)
    assert result.verified is ok, codes(result)
    if not ok:
        assert codes(result) == ["speaker-not-found"]


def test_word_boundaries_are_respected():
    assert not check("that 6").verified
    assert not check("said on Tues").verified
    assert check("said on Tuesday").verified


def test_an_editors_bracket_cannot_swallow_a_bracket_printed_in_the_source():
    assert check("[name redacted] said the conditions were poor").verified
    assert not check("[redacted] said the conditions were poor").verified
    assert not check("[ redacted] said the conditions were poor").verified


def test_a_quote_of_only_punctuation_has_nothing_to_verify():
    assert codes(check(" … , ")) == ["empty-quote"]
