"""The contract's "Claims" rule: figures in claims, the title, subtitle and summary must be in verified
quotes; identifiers are not figures; a writer's marks are explicit, listed and never stale; a failed
quote is one error, not a cascade. Detection is tested on the pure function, the rest through the
real CLI on real projects, and the marks read back from a real PDF."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.verify.figures import figure_values, figures
from tests.conftest import ROOT, run_cli, write_claims

ASSEMBLY = "China forcibly sent back as many as 600 North Korean refugees in October"
RFA = "The U.N. is asking Beijing not to repatriate seven detained refugees from North Korea"


def written(text: str) -> list[str]:
    return [f.text for f in figures(text)]


# -- what is a figure ------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "G7", "COVID-19", "F-35", "MP3", "Apache-2.0", "Section 2.1", "Article 33",  # the contract's own
    "Chapter 5", "Resolution 2397", "Rule 8", "Camp 14", "MiG-29", "H5N1", "No. 5", "Article 33(1)",
    "Articles 3, 5 and 7", "Sections 2.1–2.4", "the Group of Seven",
])
def test_digits_that_belong_to_a_name_are_not_figures(name: str):
    assert written(f"The ministry cited {name} in its reply.") == []


@pytest.mark.parametrize("text", ["Article 33 forbids it.", "Resolution 2397 bans the trade.",
                                  "COVID-19 shut the border."])
def test_a_reference_noun_names_its_number_at_a_sentence_start_too(text: str):
    assert written(text) == []


@pytest.mark.parametrize("text, expected", [
    ("UN officials asked about 1,170 detained refugees.", ["1,170"]),
    ("They asked Beijing not to repatriate seven refugees.", ["seven"]),
    ("In July 2021, 50 North Koreans were bussed across.", ["2021", "50"]),
    ("The famine of the mid-1990s drove them out.", ["1990s"]),
    ("Deportations rose tenfold, and twice as many fled in the nineties.", ["tenfold", "twice", "nineties"]),
    ("It was the third appeal, and 40% of returnees were women.", ["third", "40%"]),
    ("Some 50 per cent, or 1.5 million people, and two thousand more.", ["50 per cent", "1.5 million", "two thousand"]),
    ("What UN bodies have said, 2012–2023", ["2012", "2023"]),
    ("Seven were sent back.", ["Seven"]),  # a sentence's first word is capitalized by position
    ("North Korea Sends Back 600 Refugees After Resolution 2397", ["600"]),  # title case: capitals say nothing
    ("China sent North Korea 500 tonnes of rice.", ["500"]),  # a name before a number does not make it one
    ("Hundreds of thousands fled.", ["Hundreds", "thousands"]),
])
def test_quantities_dates_and_ranks_are_figures(text: str, expected: list[str]):
    assert written(text) == expected


@pytest.mark.parametrize("text", ["One of the refugees was ill.", "It was first reported in a single letter.",
                                  "The defectors said so."])
def test_one_first_and_single_alone_are_not_figures(text: str):
    assert written(text) == []


def test_one_in_a_compound_is_a_figure():
    assert figure_values("one million") == figure_values("1,000,000") != set()


@pytest.mark.parametrize("a, b", [
    ("seven", "7"), ("1,170", "1170"), ("two thousand", "2,000"), ("twenty-five", "25"),
    ("1.5 million", "1,500,000"), ("50 per cent", "50%"), ("50 percent", "50%"), ("fifteenth", "15th"),
])
def test_the_same_value_in_any_form_is_the_same_figure(a: str, b: str):
    assert figure_values(a) == figure_values(b) != set()


@pytest.mark.parametrize("a, b", [("50%", "50"), ("1990s", "1990"), ("1990s", "1980s"), ("600", "60"),
                                  ("2.5", "25"), ("-1", "1")])
def test_different_figures_stay_different(a: str, b: str):
    assert figure_values(a) != figure_values(b)


# -- through the CLI ----------------------------------------------------------------------------

def project(tmp_path: Path, claims: str) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    write_claims(tmp_path, claims)
    return tmp_path


def claims_file(*claims: str, head: str = "title: T\n") -> str:
    return head + """sources:
  assembly:
    path: seeds/004_5e2509c17e97253a.txt
    title: China urged to stop repatriating N Koreans
  rfa:
    path: seeds/002_900f55720112a6a4.txt
    title: UN asks China not to send 7 North Korean refugees back home
sections:
  - title: S
    claims:
""" + "".join(claims)


def claim(cid: str, text: str, quote: str, source: str = "assembly", marks: str = "") -> str:
    return (f"      - id: {cid}\n        text: {text}\n{marks}        citations:\n"
            f"          - source: {source}\n            quote: \"{quote}\"\n")


def marked(*marks: tuple[str, str], indent: int = 8) -> str:
    """An ``unsupported_figures`` block of (figure, reason) marks: under a claim, or at the top level."""
    pad = " " * indent
    return f"{pad}unsupported_figures:\n" + "".join(f'{pad}  - figure: "{figure}"\n{pad}    reason: {reason}\n'
                                                    for figure, reason in marks)


def check(folder: Path) -> tuple[int, dict]:
    result = run_cli("check", "--claims", "claims.yaml", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.returncode, json.loads(result.stdout)


def errors(record: dict) -> list[str]:
    """code @ line:col of every error, citations' and claims' alike."""
    problems = [p for c in record["citations"] for p in c["problems"]] + record["problems"]
    return [f"{p['code']} @ {p['location']['line']}:{p['location']['column']}"
            for p in problems if p["severity"] == "error"]


def test_identifiers_in_a_claim_need_no_quote(tmp_path: Path):
    folder = project(tmp_path, claims_file(claim(
        "c1", "Under COVID-19 rules and Article 33, the G7 saw China send back 600 people.", ASSEMBLY)))
    code, record = check(folder)
    assert (code, errors(record)) == (0, [])


def test_figures_in_the_title_subtitle_and_summary_need_a_quote_somewhere_in_the_briefing(tmp_path: Path):
    head = ("title: Seven refugees, 600 returns\n"
            "subtitle: What was said in 2023\n"
            "summary: |\n  As many as 600 were sent back,\n  and 2,000 more are held.\n")
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 North Koreans.", ASSEMBLY),
                                           claim("c2", "The UN asked about seven refugees.", RFA, "rfa"), head=head))
    code, record = check(folder)
    # "Seven" comes from c2's quote and 600 from c1's; 2023 and 2,000 from none
    assert code == 1 and errors(record) == ["figure-unsupported @ 2:11", "figure-unsupported @ 3:10"]
    messages = [p["message"] for p in record["problems"]]
    assert messages == ["the subtitle states '2023', but no verified quote of the briefing contains that figure",
                        "the summary states '2,000', but no verified quote of the briefing contains that figure"]


def test_a_marked_figure_passes_and_every_mark_is_in_the_record(tmp_path: Path):
    head = "title: T\nsummary: Around 2,000 are held.\n" + marked(
        ("2,000", "A rights group's estimate, cited in the claims below."), indent=0)
    marks = marked(("seven", "The seven of the headline."))
    folder = project(tmp_path, claims_file(
        claim("c1", "China sent back 600 North Koreans; 7 were named.", ASSEMBLY, marks=marks), head=head))
    code, record = check(folder)
    assert (code, errors(record)) == (0, [])
    assert record["figure_marks"] == [
        {"scope": "briefing", "claim": None, "figure": "2,000", "status": "applies",
         "reason": "A rights group's estimate, cited in the claims below.",
         "location": {"path": "claims.yaml", "line": 4, "column": 13}},
        {"scope": "claim", "claim": "c1", "figure": "seven", "status": "applies",  # "seven" marks the 7: by value
         "reason": "The seven of the headline.",
         "location": {"path": "claims.yaml", "line": 19, "column": 21}},
    ]


def test_a_mark_for_a_figure_the_text_does_not_state_is_an_error(tmp_path: Path):
    marks = marked(("1990", "Left over."), ("COVID-19", "Not a figure at all."))
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 North Koreans.", ASSEMBLY, marks=marks)))
    code, record = check(folder)
    assert code == 1 and errors(record) == ["figure-mark-stale @ 15:21", "figure-mark-stale @ 17:21"]
    assert [m["status"] for m in record["figure_marks"]] == ["stale", "stale"]
    assert record["problems"][0]["message"] == \
        "claim 'c1' marks '1990' as needing no support, but its text does not state that figure"
    assert "is not a figure" in record["problems"][1]["message"]


def test_a_mark_that_a_verified_quote_makes_unneeded_is_a_warning(tmp_path: Path):
    marks = marked(("600", "Just in case."))
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 North Koreans.", ASSEMBLY, marks=marks)))
    code, record = check(folder)
    assert code == 0 and [p["code"] for p in record["problems"]] == ["figure-mark-unneeded"]
    assert record["problems"][0]["severity"] == "warning"
    assert record["figure_marks"][0]["status"] == "unneeded"


@pytest.mark.parametrize("mark, message", [
    ('- figure: 2023\n            reason: R.', "'sections/0/claims/0/unsupported_figures/0/figure' must be a string, "
                                               'not a number: quote it, as in figure: "2023"'),
    ('- figure: "2023"', "missing required key 'reason' in sections/0/claims/0/unsupported_figures/0"),
    ('- figure: "2023"\n            reasn: R.', "unknown key 'reasn' in sections/0/claims/0/unsupported_figures/0; "
                                                "did you mean 'reason'?"),
])
def test_a_malformed_mark_is_unusable_input_with_its_place(tmp_path: Path, mark: str, message: str):
    marks = f"        unsupported_figures:\n          {mark}\n"
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 in 2023.", ASSEMBLY, marks=marks)))
    result = run_cli("check", "--claims", "claims.yaml", cwd=folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.fullmatch(rf"claims\.yaml:1[56]:\d+: {re.escape(message)}", result.stderr.strip()), result.stderr


# -- one mistake, one error -----------------------------------------------------------------------

@pytest.mark.parametrize("quote, code", [
    ("China forcibly returned as many as 600 North Korean refugees in October", "word-changed"),  # 600 in the quote
    ("China forcibly sent back as many as 60 North Korean refugees in October", "number-changed"),  # in the source
])
def test_a_failed_quote_is_one_error_not_a_cascade(tmp_path: Path, quote: str, code: str):
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 North Koreans in October.", quote)))
    _, record = check(folder)
    assert errors(record) == [f"{code} @ 16:20"]


def test_a_figure_that_no_fix_of_the_failed_quote_would_give_is_still_reported(tmp_path: Path):
    quote = "China forcibly returned as many as 600 North Korean refugees in October"
    folder = project(tmp_path, claims_file(claim("c1", "China sent back 600 of 4,242 North Koreans.", quote)))
    _, record = check(folder)
    assert errors(record) == ["word-changed @ 16:20", "figure-unsupported @ 13:15"]
    assert "'4,242'" in record["problems"][0]["message"]


# -- the PDF ---------------------------------------------------------------------------------------

def test_marks_are_listed_in_the_pdfs_verification_appendix_and_record(tmp_path: Path):
    head = "title: T\nsubtitle: Sources of 2012–2023\n" + marked(
        ("2012–2023", "The span of the sources' own dates."), indent=0)
    marks = marked(("1,170", "From the UN letter, which the sources only mention."))
    folder = project(tmp_path, claims_file(
        claim("c1", "China sent back 600, of 1,170 held.", ASSEMBLY, marks=marks), head=head))
    result = run_cli("build", "--claims", "claims.yaml", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(folder / "build" / "briefing.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    appendix = text[text.index("Appendix B. Verification record Every citation"):]
    assert "2012–2023 the title or summary The span of the sources' own dates." in appendix
    assert "1,170 claim c1 From the UN letter, which the sources only mention." in appendix
    record = json.loads(reader.attachments["verification.json"][0])
    assert [(m["figure"], m["claim"], m["status"]) for m in record["figure_marks"]] == \
        [("2012–2023", None, "applies"), ("1,170", "c1", "applies")]
