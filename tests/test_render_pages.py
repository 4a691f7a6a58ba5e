"""A PDF source's page in the briefing (issue 14): each note, each passage in Appendix A and each row
of Appendix B give the page of the PDF a reader turns to ("report p. 3"), where a text source keeps its
line:column; the reviewer HTML likewise; `find` prints it. A real briefing is built from the LaTeX PDF
in tests/sources/ and read back; the page each quote stands on is found independently, with pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli, write_claims
from tests.test_html_view import chromium, measure
from tests.test_sources_pdf import FIXTURES, true_page

PDF = FIXTURES / "latex-two-columns.pdf"
# quotes from pages 1, 3 and 4 of the PDF (their pages are not taken on trust: see expected_pages)
QUOTES = ('Israeli Prime Minister Benjamin Netanyahu, however, said he was "very moved" by the announcement.',
          "McClatchy’s parlous condition has sent it on a quest for a merger partner.",
          "The increasingly common pattern is to operate local newspapers as sources of plunder.")
NOTE_TEXT = "First line of the notes.\nThe newsroom notes say the chains cut staff.\n"


def claims_yaml() -> str:
    citations = "".join(f"          - source: report\n            quote: '{q.replace(chr(39), chr(39) * 2)}'\n"
                        for q in QUOTES)
    return ("title: Pages\nsources:\n  report:\n    path: report.pdf\n    title: Report\n"
            "  notes:\n    path: notes.txt\n    title: Notes\nsections:\n  - title: S\n    claims:\n"
            "      - id: pdf\n        text: The newspaper chains are in trouble.\n        citations:\n" + citations +
            "      - id: txt\n        text: The chains cut staff.\n        citations:\n"
            "          - source: notes\n            quote: The newsroom notes say the chains cut staff.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "report.pdf").write_bytes(PDF.read_bytes())
    (folder / "notes.txt").write_text(NOTE_TEXT, encoding="utf-8")
    write_claims(folder, claims_yaml())
    result = run_cli("build", "--html", "build/briefing.html", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def expected_pages() -> list[int]:
    pages = [true_page(PDF, q) for q in QUOTES]
    assert pages == [1, 3, 4]  # three different pages, none of them the first by default
    return [p for p in pages if p is not None]


@pytest.fixture(scope="module")
def pages(built: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(built / "build" / "briefing.pdf").pages]


def test_each_note_gives_the_pdf_page_and_the_briefing_page_of_its_passage(pages: list[str],
                                                                          expected_pages: list[int]):
    text = " ".join(pages)
    for page in expected_pages:
        m = re.search(rf"\[report p\. {page} · see p\. (\d+)\]", text)
        assert m, page
        shown = pages[int(m.group(1)) - 1]  # the briefing page named shows that passage
        assert "Appendix A" in text and f"report p. {page}" in shown
    assert not re.search(r"report \d+:\d+", text)  # the extracted text's line:column is never shown
    # a text source is as before: line:column, and the bare briefing page
    m = re.search(r"\[notes 2:1 · p\. (\d+)\]", text)
    assert m and "notes 2:1" in pages[int(m.group(1)) - 1]


def test_appendices_give_each_pdf_passage_its_page(pages: list[str], expected_pages: list[int]):
    a = next(i for i, p in enumerate(pages) if "Each passage is shown as it stands" in p)  # their intros
    b = next(i for i, p in enumerate(pages) if "Every citation, how it matched" in p)
    appendix_a, appendix_b = " ".join(pages[a:b + 1]), " ".join(pages[b:])
    assert "or the page of a PDF source" in appendix_a
    for page, quote in zip(expected_pages, QUOTES, strict=True):
        passage = appendix_a.split(f"report p. {page} ", 1)[1]
        assert " ".join(quote.split()[:4]) in passage[:400], page  # the location heads its own passage
    for number, page in enumerate(expected_pages, start=1):
        m = re.search(rf"{number} pdf report p\. {page}, see p\. (\d+)", appendix_b)
        assert m, number
        assert f"report p. {page}" in pages[int(m.group(1)) - 1]
    assert re.search(r"4 txt notes 2:1, p\. \d+", appendix_b)


def test_the_reviewer_html_gives_the_pdf_page(built: Path, expected_pages: list[int], tmp_path: Path):
    chromium()
    seen = measure(built / "build" / "briefing.html", 1280, tmp_path)
    locs = [n["loc"] for c in seen["claims"] for n in c["notes"]]
    assert locs == [f'"["|report p. {page}|"]"' for page in expected_pages] + ['"["|notes 2:1|"]"']
    assert seen["broken"] == []


def test_find_prints_the_page_of_a_pdf_source_and_line_column_of_a_text(built: Path,
                                                                         expected_pages: list[int]):
    result = run_cli("find", "parlous condition", cwd=built)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == f"report report.pdf p. {expected_pages[1]}"
    column = NOTE_TEXT.splitlines()[1].index("chains") + 1
    result = run_cli("find", "chains cut staff", cwd=built)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == f"notes notes.txt:2:{column}"


def test_poppler_reads_the_same_pdf_page_in_the_notes(built: Path):
    """pdftotext (poppler), another reader than pypdf, finds the same note on the first page."""
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(built / "build" / "briefing.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert re.search(r"\[report p\. 3 · see p\. \d+\]", " ".join(first.split()))
