"""Page references filled in after one layout (render/pagerefs.py), checked against real PDFs:
a number that needs less room than it was given sits, with everything after it on its line,
exactly where WeasyPrint puts it when the HTML holds that number; one that needs more room
(more pages than foreseen) makes the document be laid out again."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefing.render.html import BUNDLED_TEMPLATES
from briefing.render.pagerefs import PageNumbers
from briefing.render.pdf import render_pdf

STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def page_html(numbers: PageNumbers, pages: int, padding: int = 0) -> str:
    """A reference mid-line on page 1 to a target on page ``pages``; ``padding`` lengthens the HTML
    (a comment), which makes the first layout foresee more pages and wider numbers."""
    number = numbers.get("target", 0)
    breaks = "".join(f'<p style="break-before: page">page {k}</p>' for k in range(2, pages))
    return (f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body><!-- {'x' * padding} -->"
            f'<p>See the target (<a href="#target">there, p. <span class="page-number" data-target="target">'
            f"{number}</span></a>) and then read on with these trailing words.</p>{breaks}"
            f'<h2 id="target" style="break-before: page">Target</h2></body></html>')


def words_on_page_one(pdf: bytes, folder: Path) -> list[tuple[str, str, str]]:
    """Each word on page 1 with its left and right edge, as poppler reads them."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = folder / "refs.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)


def test_a_number_narrower_than_its_room_sits_where_a_layout_with_it_would(tmp_path: Path):
    filled = render_pdf(lambda numbers: page_html(numbers, 3, padding=600_000), BUNDLED_TEMPLATES, [], STAMP)
    native = render_pdf(page_html({"target": 3}, 3, padding=600_000), BUNDLED_TEMPLATES, [], STAMP)
    words = words_on_page_one(filled, tmp_path)
    assert [w[2] for w in words][:6] == ["See", "the", "target", "(there,", "p.", "3)"]
    assert words == words_on_page_one(native, tmp_path)  # "3)" and every word after it, to the hundredth of a point


def test_more_pages_than_foreseen_lay_the_document_out_again(tmp_path: Path):
    pdf = render_pdf(lambda numbers: page_html(numbers, 12), BUNDLED_TEMPLATES, [], STAMP)
    words = [w[2] for w in words_on_page_one(pdf, tmp_path)]
    assert words[:6] == ["See", "the", "target", "(there,", "p.", "12)"]
