"""PDFs as sources: the text layer page by page, read as a reader reads it, with the page of every
quote; and what the record and `audit` keep of how each source was read.

The PDFs in tests/sources/ were typeset by LaTeX, groff and WeasyPrint (make_pdfs.py): two
columns, hyphenation, running heads and feet with page numbers, footnotes. Each has the article
texts it sets beside it; the page a sentence starts on is found independently, with pypdf."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from briefing.exceptions import InputError
from briefing.findings import Location
from briefing.results import CitationRef
from briefing.sources import extract
from briefing.verify import Corpus, verify_citation
from tests.conftest import ROOT, run_cli

FIXTURES = ROOT / "tests" / "sources"
PDFS = sorted(FIXTURES.glob("*.pdf"))
SENTENCE = re.compile(r"(?<=[a-z][.!?])[\"”’]?\s+(?=[A-Z“\"])")


def alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@lru_cache(maxsize=8)
def pypdf_pages(pdf: Path) -> tuple[str, tuple[int, ...]]:
    """The PDF's letters and digits run together, and where each page starts: as pypdf reads them."""
    joined, starts = "", []
    for page in PdfReader(pdf).pages:
        starts.append(len(joined))
        joined += alnum(page.extract_text() or "")
    return joined, tuple(starts)


def true_page(pdf: Path, quote: str) -> int | None:
    joined, starts = pypdf_pages(pdf)
    key = alnum(quote)[:32]
    at = joined.find(key)
    return None if at < 0 or joined.find(key, at + 1) >= 0 else sum(1 for s in starts if s <= at)


def sentences(pdf: Path) -> list[str]:
    articles = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["articles"]
    return [s for a in articles for p in a.split("\n\n") for s in SENTENCE.split(p) if len(s.split()) >= 4]


def test_there_are_pdfs_of_three_engines():
    assert {p.stem.split("-")[0] for p in PDFS} == {"latex", "groff", "weasyprint"}


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_sentence_verifies_on_the_page_where_it_starts(pdf: Path):
    extraction = extract(pdf.read_bytes(), pdf.name)
    corpus = Corpus({"s": extraction.text})
    across_pages = across_hyphens = checked = 0
    for quote in sentences(pdf):
        result = verify_citation(CitationRef("c", 0, "s", quote, None, Location("t", 1, 1)), corpus)
        if not result.verified and result.problems[0].code == "negation-changed":
            continue  # the sentence ends right before a negation: the rules forbid cutting a quote there
        assert result.verified, (quote, result.problems)
        start, end = result.placements[0].start, result.placements[0].end
        span = extraction.text[start:end]
        across_hyphens += bool(re.search(r"\w-\n\w", span))
        across_pages += extraction.page_at(start) != extraction.page_at(end - 1)
        want = true_page(pdf, quote)
        if want is not None:
            checked += 1
            assert extraction.page_at(start) == want, quote
    assert across_hyphens and checked > 30
    assert across_pages or pdf.stem.startswith("weasyprint")  # its pages happen to end with sentences


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_running_heads_feet_and_footnote_markers_are_not_text_and_notes_stay_quotable(pdf: Path):
    extraction = extract(pdf.read_bytes(), pdf.name)
    text = extraction.text
    assert "Test corpus: news articles" not in text and "Draft for review" not in text
    notes = re.findall(r"Note (\d+): on [^,]+, as reported at the time\.", text.replace("\n", " "))
    assert len(notes) >= 3
    # a note is on the page where it is printed
    first = re.search(r"Note \d+: on", text)
    assert first and extraction.page_at(first.start()) == true_page(pdf, text[first.start():first.start() + 40])
    # every pair of sentences around a footnote marker reads on, without the marker (make_pdfs.py puts
    # one after every fifth sentence that does not end its paragraph)
    articles = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["articles"]
    corpus = Corpus({"s": text})
    count, pairs = 0, []
    for paragraph in (p for a in articles for p in a.split("\n\n")):
        parts = re.split(r"(?<=[a-z][.!?])\s+(?=[A-Z])", paragraph)
        for k, part in enumerate(parts):
            count += 1
            if count % 5 == 0 and k < len(parts) - 1:
                pairs.append(f"{part} {parts[k + 1]}")
    assert len(pairs) >= 3
    for pair in pairs:
        result = verify_citation(CitationRef("c", 0, "s", pair[:3000], None, Location("t", 1, 1)), corpus)
        assert result.verified or result.problems[0].code == "negation-changed", pair


def test_a_changed_figure_in_a_pdf_is_still_caught():
    pdf = FIXTURES / "latex-two-columns.pdf"
    corpus = Corpus({"s": extract(pdf.read_bytes(), pdf.name).text})
    quote = "More than 600,000 Israelis live in settlements in east Jerusalem and the West Bank"
    ok = verify_citation(CitationRef("c", 0, "s", quote, None, Location("t", 1, 1)), corpus)
    bad = verify_citation(CitationRef("c", 0, "s", quote.replace("600", "700"), None, Location("t", 1, 1)), corpus)
    assert ok.verified and not bad.verified and bad.problems[0].code == "number-changed"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=FIXTURES / "weasyprint-columns.pdf")
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("make, says", [(_encrypted_pdf, "encrypted PDF"), (_blank_pdf, "no text layer"),
                                        (lambda: b"%PDF-1.7\n1 0 obj garbage", "not a readable PDF"),
                                        (lambda: (FIXTURES / "groff-two-columns.pdf").read_bytes()[:5000],
                                         "not a readable PDF")])
def test_an_unreadable_pdf_is_one_clear_line_and_exit_2(tmp_path: Path, make, says: str):
    (tmp_path / "r.pdf").write_bytes(make())
    (tmp_path / "claims.yaml").write_text(
        "title: T\nsources:\n  r:\n    path: r.pdf\n    title: R\nsections:\n  - title: S\n    claims:\n"
        "      - id: c\n        text: It says so.\n        citations:\n          - source: r\n"
        "            quote: words\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims.yaml:4:11: source 'r': ") and says in lines[0], lines


@pytest.fixture
def pdf_project(tmp_path: Path) -> Path:
    (tmp_path / "report.pdf").write_bytes((FIXTURES / "latex-two-columns.pdf").read_bytes())
    (tmp_path / "claims.yaml").write_text(
        "title: T\nsources:\n  report:\n    path: report.pdf\n    title: Report\nsections:\n  - title: S\n"
        "    claims:\n      - id: c\n        text: The EU still calls settlement activity illegal.\n"
        "        citations:\n          - source: report\n"
        "            quote: The EU reiterated it still considers all settlement activity illegal.\n"
        "          - source: report\n            quote: The EU reiterated it no longer considers all settlement "
        "activity illegal.\n", encoding="utf-8")
    return tmp_path


def test_check_gives_the_page_in_json_and_in_the_text_report(pdf_project: Path):
    result = run_cli("check", "--format", "json", cwd=pdf_project)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    ok, bad = data["citations"]
    assert ok["status"] == "verified" and ok["locations"][0]["page"] == 1 and ok["span"]["path"] == "report.pdf"
    assert bad["status"] == "failed" and bad["closest"]["page"] == 1
    text = run_cli("check", "-v", cwd=pdf_project).stdout
    assert re.search(r"verified\[\w+\] claim 'c' quote 1: report report\.pdf p\. 1\b", text)
    assert "closest passage: report report.pdf p. 1" in text


def test_sources_json_and_the_record_carry_how_each_source_was_read(pdf_project: Path):
    import hashlib

    from briefing.audit import _source_drift
    from briefing.check import run_check
    from briefing.record.verification import parse_record, record_bytes

    listing = json.loads(run_cli("sources", "--format", "json", cwd=pdf_project).stdout)[0]
    extraction = extract((pdf_project / "report.pdf").read_bytes(), "report.pdf")
    assert listing["reader"] == "pdf" and listing["library"] == "pypdfium2" and listing["pages"] == 4
    assert listing["library_version"].startswith("pypdfium2 ")
    assert listing["text_sha256"] == hashlib.sha256(extraction.text.encode("utf-8")).hexdigest()
    assert listing["sha256"] == hashlib.sha256((pdf_project / "report.pdf").read_bytes()).hexdigest()

    _, _, report = run_check(pdf_project / "claims.yaml", "claims.yaml")
    raw = json.loads(record_bytes(report))
    assert raw["sources"][0]["text_sha256"] == listing["text_sha256"] and raw["sources"][0]["reader"] == "pdf"
    assert raw["citations"][0]["locations"][0]["page"] == 1
    assert _source_drift(parse_record(record_bytes(report), "b.pdf"), report, "b.pdf") == []
    # the same file read differently (another version of the library): extraction-changed, not source-changed
    raw["sources"][0]["text_sha256"] = "0" * 64
    found = _source_drift(parse_record(json.dumps(raw).encode(), "b.pdf"), report, "b.pdf")
    assert [f.code for f in found] == ["extraction-changed"] and "pypdfium2 " in found[0].message
    raw["sources"][0]["sha256"] = "1" * 64  # a changed file is source-changed, and only that
    found = _source_drift(parse_record(json.dumps(raw).encode(), "b.pdf"), report, "b.pdf")
    assert [f.code for f in found] == ["source-changed"]
    for key in ("reader", "library", "library_version", "text_sha256"):  # a record from before readers
        del raw["sources"][0][key]
    raw["sources"][0]["sha256"] = listing["sha256"]
    assert _source_drift(parse_record(json.dumps(raw).encode(), "b.pdf"), report, "b.pdf") == []


def test_check_of_text_sources_never_loads_a_pdf_or_html_library():
    code = ("import sys; from pathlib import Path; from briefing.check import run_check; "
            f"run_check(Path({str(ROOT / 'claims.yaml')!r})); "
            "print(sorted(m for m in ('pypdfium2', 'lxml', 'trafilatura', 'pypdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@settings(max_examples=60)
@given(st.integers(0, 24_000), st.binary(min_size=1, max_size=64))
def test_a_damaged_pdf_gives_text_or_one_input_error(at: int, junk: bytes):
    data = bytearray((FIXTURES / "weasyprint-columns.pdf").read_bytes())
    data[at:at + len(junk)] = junk
    try:
        text = extract(bytes(data), "r.pdf").text
    except InputError as err:
        assert len(err.problems) == 1 and "\n" not in err.problems[0]
    else:
        assert text.strip()


@pytest.mark.skipif(not (ROOT.parent / "shared" / "pages").is_dir(), reason="needs ../shared/pages")
def test_a_briefing_of_a_pdf_and_a_web_page_builds_and_audits(pdf_project: Path):
    (pdf_project / "page.html").write_bytes((ROOT.parent / "shared" / "pages" / "833caf3bdba53dcf.html").read_bytes())
    claims = pdf_project / "claims.yaml"
    text = claims.read_text(encoding="utf-8").replace(
        "    title: Report\n", "    title: Report\n  page:\n    path: page.html\n    title: Page\n")
    text = text.split("          - source: report\n            quote: The EU reiterated it no longer")[0]
    claims.write_text(text + "          - source: page\n            quote: Israeli courts, however, have declared "
                      "most major settlements legal.\n", encoding="utf-8")
    assert run_cli("build", cwd=pdf_project).returncode == 0
    result = run_cli("audit", "build/briefing.pdf", cwd=pdf_project)
    assert result.returncode == 0 and "2 quotations re-verified against 2 sources" in result.stdout
    attached = {a.name: a.content for a in PdfReader(pdf_project / "build" / "briefing.pdf").attachment_list}
    record = json.loads(attached["verification.json"])
    assert [s["reader"] for s in record["sources"]] == ["pdf", "html"]
    assert record["citations"][0]["locations"][0]["page"] == 1 and "page" not in record["citations"][1]["locations"][0]
