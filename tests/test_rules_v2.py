"""What version 2 of the quotation rules added, rule by rule and example by example, against a
source written for the purpose (the version 1 rules are in test_rules.py)."""

from __future__ import annotations

import json

import pytest

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation
from briefing.verify.search import find_passages
from tests.conftest import run_cli, write_claims

SOURCE = (
    "The principle of non-refoulement is binding. Officials said they don’t accept the claims and it is "
    "unlikely that talks resume. Those who crossed illegally were sent back. The design is asymmetric by "
    "choice, not a symmetric layout. The deal is nonbinding. Officials cannot leave.\n"
    "\n"
    "The U.N. said temperatures fell to -1 degrees, and 1,170 people were held from 1990-2000. Korea’s envoy, "
    "George Tugushi, said the women’s lives were at risk. The committee decided not to deport them. "
    "No, the committee met again.\n"
    "\n"
    "Residents can[not] leave. The champiom of labour spoke. Prices rose tenfold in the 1990s, by 2.5 "
    "percent. BREAKING NEWS FROM SEOUL: talks resume. Is this acceptable? He asked. It was un-American.\n"
    "\n"
    "A fourth paragraph keeps the first and the last apart.\n"
    "\n"
    "Officials said the camps would close.\n"
)
CORPUS = Corpus({"s": SOURCE})


def check(quote: str, speaker: str | None = None):
    return verify_citation(CitationRef("c", 0, "s", quote, speaker, Location("claims.yaml", 1, 1)), CORPUS)


def codes(result) -> list[str]:
    return [p.code for p in result.problems if p.is_error]


VERIFIED = [
    # typography: letter-like apostrophes, abbreviation stops, thousands separators, hyphens, capitals
    "they donʼt accept the claims", "they don\u02b9t accept the claims", "Koreaʼs envoy",
    "The UN said temperatures fell", "The U.N. said temperatures fell",
    "1170 people were held", "1 170 people were held", "1\u00a0170 people were held",
    "The principle of nonrefoulement is binding", "The principle of non refoulement is binding",
    "breaking news from Seoul: talks resume", "Breaking News From Seoul", "the DEAL is nonbinding",
    "they don’t\u200e accept the claims",  # LRM is ignored
    # framing: the first letter after an ellipsis; ? kept or dropped at the end
    "Is this acceptable?", "Is this acceptable", "The principle of non-refoulement … they don’t accept the claims",
    "The committee decided not to deport them … no, the committee met again",
    # brackets: restated numbers and negations, joined words, annotations, the source's own brackets
    "Prices rose [tenfold] in the 1990s", "fell to [-1] degrees", "The design is [a]symmetric",
    "and it is [not likely] that talks resume", "Residents can[not] leave", "[T]hose who crossed illegally",
    "talks resume [sic]", "[sic] The champiom of labour spoke",
    "Those who crossed illegally were sent back [emphasis added]",
    # slips: a misprint corrected, a spelling from the other side of the Atlantic
    "The champion of labour spoke", "The champiom of labor spoke",
    # numbers: the same number, however its thousands are set
    "from 1990-2000", "temperatures fell to -1 degrees", "by 2.5 percent",
]


@pytest.mark.parametrize("quote", VERIFIED)
def test_v2_allows(quote):
    result = check(quote)
    assert result.verified, (codes(result), [p.message for p in result.problems], result.diff)


FAILED = [
    # numbers through any form: sign, decimal, range, words, brackets
    ("temperatures fell to 1 degrees", "number-changed"),
    ("by 25 percent", "number-changed"),
    ("from 1990-2001", "number-changed"),
    ("Prices rose [ten times] in the 1990s", "number-changed"),
    ("Prices rose tenfold in [the nineties]", "number-changed"),
    ("Prices rose [twofold] in the 1990s", "number-changed"),
    ("temperatures fell to [a low] degrees", "number-changed"),  # a bracket may not drop a number either
    # negations: the longer list, prefixed words, the letter-like apostrophe, edges
    ("Officials said they … accept the claims", "ellipsis-hides-negation"),
    ("they dont accept the claims", "negation-changed"),
    ("Officials said they [do] accept the claims", "negation-changed"),
    ("The principle of … refoulement is binding", "ellipsis-hides-negation"),
    ("refoulement is binding", "negation-changed"),
    ("The principle of [the] refoulement is binding", "negation-changed"),
    ("and it is … that talks resume", "ellipsis-hides-negation"),
    ("it is … likely that talks resume", "negation-changed"),
    ("Those who crossed … were sent back", "ellipsis-hides-negation"),
    ("The deal is binding", "negation-changed"),
    ("It was American", "negation-changed"),
    ("to deport them", "negation-changed"),
    ("The committee decided", "negation-changed"),
    ("and it is [likely] that talks resume", "negation-changed"),
    # ? and ! are never added or changed
    ("Is this acceptable!", "punctuation-changed"),
    ("Is this acceptable.", "punctuation-changed"),
    ("talks resume?", "punctuation-changed"),
    # a slip that makes another word of the language is a changed word
    ("said the women’s loves were at risk", "word-changed"),
    ("said the woman’s lives were at risk", "word-changed"),
    ("The design is symmetric by choice", "word-changed"),
    ("a [a]symmetric layout. The deal", "negation-changed"),  # [a] makes "asymmetric" (and cuts "not")
    ("[A]symmetric layout. The deal", "word-changed"),
    # joined or split words (a hyphen aside), capitals
    ("The committee Decided not to deport them", "name-changed"),
    # splices: ellipsis parts more than two adjacent paragraphs apart
    ("The principle of non-refoulement is binding … Officials said the camps would close", "ellipsis-gap"),
    # empty and hidden
    ("[They] [were]", "empty-quote"),
    ("fell to \u202e1-\u202c degrees", "hidden-text"),
    ("Korea’s envoy, George \u2066Tugushi\u2069", "hidden-text"),
]


@pytest.mark.parametrize("quote,code", FAILED)
def test_v2_refuses(quote, code):
    result = check(quote)
    assert not result.verified, f"{quote!r} verified as {result.match_kind} {result.edits}"
    assert codes(result)[0] == code, (codes(result), [p.message for p in result.problems], result.diff)


@pytest.mark.parametrize("quote", ["Officials can not leave", "the deal is non binding", "Residents can not leave"])
def test_words_joined_or_split_without_a_hyphen_are_changed(quote):
    result = check(quote)
    assert not result.verified and codes(result)[0] in ("word-changed", "negation-changed")


def test_an_edge_that_cuts_a_negation_says_so():
    message = check("to deport them").problems[0].message
    assert 'begins right after "not"' in message
    assert 'ends right before "not"' in check("The committee decided").problems[0].message


def test_a_slip_is_reported_at_every_location():
    corpus = Corpus({"s": "The envoy said the refugees were returned. "
                          "Later the envoy said the refugees were returned."})
    result = verify_citation(CitationRef("c", 0, "s", "the envoy said the refugees were retuned", None,
                                         Location("claims.yaml", 1, 1)), corpus)
    assert result.verified and len(result.placements) == 2


def test_a_case_only_failure_says_only_the_case_differs():
    result = check("the committee decided Not to deport them")
    assert codes(result) == ["name-changed"] and "only the case differs" in result.problems[0].message


def test_find_ignores_case_and_edges():
    hits = find_passages("OFFICIALS SAID THEY", CORPUS)
    assert hits and hits[0].verified


def test_a_suggested_ellipsis_for_a_splice_verifies_or_is_not_offered():
    near = check("The principle of non-refoulement is binding. The deal is nonbinding.")
    # the parts are in one paragraph but between them stands "don't": no ellipsis may hide it
    assert codes(near) == ["splice"] and "ellipsis (…)" not in (near.problems[0].suggestion or "")
    far = check("The principle of non-refoulement is binding. Officials said the camps would close.")
    assert codes(far) == ["splice"] and "cite them separately" in far.problems[0].suggestion


# Issue 11: compounds of a number word, across a line-end hyphen or closed up; apostrophes in a word.
EDGES = Corpus({
    "pdf": "He was named a four-\ntime champion of the league in March.\n",  # a PDF text layer's line end
    "txt": "He was named a four-time champion of the league in March. They recalled the 1967 Six-Day War "
           "and the 1967 Six-\nDay War again. He met the country's leaders and Korea's envoy. The cham-\n"
           "pion won.\n",
})


def check_in(source: str, quote: str):
    return verify_citation(CitationRef("c", 0, source, quote, None, Location("claims.yaml", 1, 1)), EDGES)


@pytest.mark.parametrize("source", ["pdf", "txt"])
@pytest.mark.parametrize("quote", ["a four-time champion", "a fourtime champion", "a four time champion",
                                   "a four-\ntime champion", "Four-time champion of the league"])
def test_a_number_word_compound_may_be_hyphenated_spaced_or_closed_up(source, quote):
    result = check_in(source, quote)
    assert result.verified, (codes(result), [p.message for p in result.problems])


@pytest.mark.parametrize("source,quote", [
    ("pdf", "a five-time champion"), ("pdf", "a fivetime champion"), ("pdf", "a five time champion"),
    ("txt", "a five-time champion"), ("txt", "a five time champion"),  # ("fivetime" for "four-time": not-found)
])
def test_another_number_in_the_compound_is_a_number_change(source, quote):
    assert codes(check_in(source, quote))[0] == "number-changed"


@pytest.mark.parametrize("quote", ["the 1967 Six-Day War", "the 1967 SixDay War", "the 1967 Sixday War",
                                   "the 1967 Six Day War", "the 1967 Six-Day War again", "the 1967 Sixday War again",
                                   "the 1967 Six Day War again", "THE 1967 SIX-DAY WAR"])
def test_a_capitalised_compound_may_be_closed_up(quote):
    result = check_in("txt", quote)
    assert result.verified, (codes(result), [p.message for p in result.problems])


@pytest.mark.parametrize("quote,code", [
    ("the 1967 Seven-Day War", "number-changed"), ("the 1967 SevenDay War", "number-changed"),
    ("the 1967 sixday War", "name-changed"), ("the 1967 Six-day War", "name-changed"),
    ("the 1967 Six-day War again", "name-changed"), ("the 1967 six Day War again", "name-changed"),
])
def test_the_names_rule_holds_in_a_compound(quote, code):
    assert codes(check_in("txt", quote))[0] == code


def test_a_word_broken_across_a_line_may_not_be_split_in_two():
    assert check_in("txt", "The cham-pion won").verified and check_in("txt", "The champion won").verified
    assert codes(check_in("txt", "The cham pion won"))[0] == "word-changed"


@pytest.mark.parametrize("quote", ["the country’s leaders", "the countryʼs leaders", "the country\u02b9s leaders",
                                   "the country`s leaders"])
def test_any_apostrophe_stands_for_another(quote):
    assert check_in("txt", quote).verified


@pytest.mark.parametrize("quote,code", [("met the countrys leaders", "word-changed"),
                                        ("met the countr'ys leaders", "word-changed"),
                                        ("Koreas envoy", "name-changed")])
def test_a_dropped_or_moved_apostrophe_is_not_a_slip(quote, code):
    result = check_in("txt", quote)
    assert not result.verified and codes(result)[0] == code


def test_a_slip_next_to_an_apostrophe_is_still_a_slip():
    result = check_in("txt", "He met the countrry's leaders")
    assert result.verified and [p.code for p in result.problems] == ["slip"]


CHECK_CLAIMS = """title: Edges
sources:
  scan:
    path: scan.txt
    title: A scan
sections:
  - title: One
    claims:
      - id: champion
        text: He won the league again and again.
        citations:
          - source: scan
            quote: "a four-time champion of the league"
          - source: scan
            quote: "a four time champion of the league"
          - source: scan
            quote: "a five-time champion of the league"
          - source: scan
            quote: "the countrys leaders"
"""


def test_check_json_judges_the_edge_cases(tmp_path):
    (tmp_path / "scan.txt").write_text("He was named a four-\ntime champion of the league. He met the country’s "
                                       "leaders.\n", encoding="utf-8")
    write_claims(tmp_path, CHECK_CLAIMS)
    result = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    rows = json.loads(result.stdout)["citations"]
    assert [r["status"] for r in rows] == ["verified", "verified", "failed", "failed"]
    assert [[p["code"] for p in r["problems"]] for r in rows[2:]] == [["number-changed"], ["word-changed"]]


DATES = Corpus({"comma": "By March 3, 100 servers were down.\n", "bare": "By March 3 100 servers were down.\n",
                "count": "By then 3 100 servers were down.\n"})


@pytest.mark.parametrize("source,quote,verified", [
    ("comma", "By March 3,100 servers", False),  # a date and a count are two numbers, not 3,100
    ("comma", "By March 3 100 servers", True),  # the comma dropped: punctuation only
    ("bare", "By March 3, 100 servers", True),  # after a month, "3 100" is a day and a count
    ("bare", "By March 3,100 servers", False),
    ("count", "By then 3,100 servers", True),  # elsewhere a space still sets thousands apart
    ("count", "By then 3, 100 servers", False),
])
def test_a_day_after_a_month_is_not_the_thousands_of_a_count(source, quote, verified):
    result = verify_citation(CitationRef("c", 0, source, quote, None, Location("claims.yaml", 1, 1)), DATES)
    assert result.verified == verified, (codes(result), result.edits)
    if not verified:
        assert codes(result)[0] == "number-changed"
    elif source == "bare":
        assert "punctuation" in result.edits
