"""The built briefing, read back with a PDF library: structure, links, metadata, attachments,
accessibility, text fidelity, reproducibility. One real build serves the read-only tests."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.yaml", folder / "claims.yaml")
    result = run_cli("build", "--html", "build/briefing.html", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def reader(built: Path) -> PdfReader:
    return PdfReader(built / "build" / "briefing.pdf")


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    return [squash(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def record(built: Path) -> dict:
    result = run_cli("check", "--format", "json", cwd=built)
    assert result.returncode == 0
    return json.loads(result.stdout)


def fold_marks(text: str) -> str:
    """Quotation marks of every kind as one: the source's marks print nested inside the briefing's."""
    return re.sub(r"[\"'“”‘’„]", '"', text)


def test_every_quote_is_verbatim_in_the_text_layer(pages, record):
    text = fold_marks(" ".join(pages))
    for c in record["citations"]:
        # the briefing prints the source's own words: no hyphenation, no ligatures, no broken hyphens
        assert fold_marks(squash(c["display"])) in text, c["display"]
    assert "\ufb01" not in text and "\ufb02" not in text  # fi / fl ligatures
    assert "the ‘principle of non-refoulement’ did not apply" in " ".join(pages)  # a quotation in a quote


def test_first_page_has_title_block_statement_and_key_judgments(pages, record, built):
    first = pages[0]
    claims_sha = hashlib.sha256((built / "claims.yaml").read_bytes()).hexdigest()
    assert first.startswith("BRIEFING China's Forced Repatriation")
    assert f"All {len(record['citations'])} quotations verified against 5 sources" in first
    assert "briefing 0.1.0" in first and "2026-11-23" in first and claims_sha in first
    assert first.index("quotations verified") < first.index("Key judgments") < first.index("1. Beijing")


def test_outline_has_sections_and_appendices_with_sources_nested(reader):
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert titles[0] == "Key judgments"
    assert "1. Beijing's policy of return" in titles and "7. Outlook" in titles
    assert titles[-2:] == ["Appendix A. Sources and cited passages", "Appendix B. Verification record"]
    assert len(nested) == 1 and len(nested[0]) == 5
    assert nested[0][0].title == "UN Urges China to Stop Repatriation of North Korean Defectors"


def test_metadata_language_and_pdf_ua_identification(reader):
    info = reader.metadata
    assert info.title == "China's Forced Repatriation of North Korean Escapees"
    assert info.author == "The briefing project"
    assert info.subject.startswith("What UN bodies")
    assert "non-refoulement" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20261123")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part[=>"\s]+1', xmp), xmp[:500]


def test_attachments_are_the_claims_and_the_verification_record(reader, built, record):
    files = reader.attachments
    claims = (built / "claims.yaml").read_bytes()
    assert files["claims.yaml"] == [claims]
    embedded = json.loads(files["verification.json"][0])
    assert embedded["claims_sha256"] == hashlib.sha256(claims).hexdigest()
    assert embedded["citations"] == record["citations"]
    assert {s["id"]: s["sha256"] for s in embedded["sources"]} == {
        s["id"]: hashlib.sha256((built / s["path"]).read_bytes()).hexdigest() for s in record["sources"]}


def test_fonts_are_embedded(reader):
    fonts = {}
    for page in reader.pages:
        for reference in (page["/Resources"].get("/Font") or {}).values():
            font = reference.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[font["/BaseFont"]] = descendant["/FontDescriptor"].get_object()
    assert len(fonts) >= 3
    for name, descriptor in fonts.items():
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_page_references_point_at_the_passage_and_back(pages, record):
    """Note N says "[voa 13:1 · p. P]": page P shows that passage. The passage says "Cited in
    note N (claim C, p. Q)": page Q holds the claim, and its footnote is there or on the next page."""
    claims = {c["claim"]: c for c in record["citations"]}
    text = " ".join(pages)
    for number, c in enumerate(record["citations"], start=1):
        loc = f"{c['source']} {c['span']['line']}:{c['span']['column']}"
        m = re.search(re.escape(loc) + r" · p\. (\d+)\]", text)
        assert m, loc
        assert loc in pages[int(m.group(1)) - 1], (loc, m.group(1))
        back = re.search(rf"note {number} \(claim {re.escape(c['claim'])}, p\. (\d+)\)", text)
        assert back, number
        page = int(back.group(1))
        quote = fold_marks(squash(c["display"]).split(" …")[0][:60])
        assert quote in fold_marks(" ".join(pages[page - 1:page + 1])), (number, page)
    assert len(claims) >= 30


def test_the_record_table_names_each_passage_s_page(pages, record):
    """Appendix B: "13:1, p. P" for each note; page P shows that passage's location."""
    table = " ".join(pages[next(i for i, p in enumerate(pages) if "Appendix B." in p):])
    for c in record["citations"]:
        where = f"{c['span']['line']}:{c['span']['column']}"
        m = re.search(rf"{re.escape(c['source'])} {re.escape(where)}, p\. (\d+)", table)
        assert m, where
        assert f"{c['source']} {where}" in pages[int(m.group(1)) - 1], (where, m.group(1))


def test_internal_links_exist_in_both_directions(reader):
    names = set()
    links = 0
    for page in reader.pages:
        for reference in page.get("/Annots") or []:
            annot = reference.get_object()
            if annot.get("/Subtype") == "/Link":
                links += 1
                dest = annot.get("/Dest") or (annot.get("/A") or {}).get("/D")
                names.add(str(dest))
    for expected in ("note-1", "claim-policy-economic-migrants", "passage-1-1", "sources", "verification"):
        assert any(expected in n for n in names), expected
    assert links >= 4 * 67  # claim -> note, note -> passage, passage -> note and claim, table -> note, claim, passage


def test_running_header_and_page_x_of_y(pages):
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {total}" in text
    assert all("China's Forced Repatriation of North Korean Escapees" in p for p in pages[1:])


def test_source_appendix_shows_each_passage_in_context(pages, record, built):
    appendix = " ".join(pages[next(i for i, p in enumerate(pages) if "Appendix A." in p and "SHA-256" in p):])
    for s in record["sources"]:
        assert s["sha256"] in appendix and s["path"] in appendix
    for c in record["citations"]:
        # the source's own words for the whole span, words left out by an ellipsis included
        assert squash(c["locations"][0]["text"]) in appendix, c["locations"][0]["text"]
    backs = [int(n) for n in re.findall(r"Backs (\d+) citations? in \d+ passages?", appendix)]
    assert sum(backs) == len(record["citations"]) and len(backs) == 5


def test_qpdf_finds_no_errors(built):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed (.ci/run installs it)")
    result = subprocess.run(["qpdf", "--check", str(built / "build" / "briefing.pdf")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_two_builds_give_identical_bytes(built, tmp_path):
    result = run_cli("build", "--output", str(tmp_path / "again.pdf"), cwd=built)
    assert result.returncode == 0, result.stderr
    first = hashlib.sha256((built / "build" / "briefing.pdf").read_bytes()).hexdigest()
    assert hashlib.sha256((tmp_path / "again.pdf").read_bytes()).hexdigest() == first


def test_html_is_one_self_contained_file(built, record):
    html = (built / "build" / "briefing.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<style>" in html and "@page" in html
    assert not re.search(r"<link\b|\bsrc=|url\(", html)
    for c in record["citations"][:10]:
        assert c["claim"] in html


def test_long_words_and_urls_do_not_break_the_layout(project: Path):
    long_word = "Supercalifragilistic" * 15
    url = "https://example.org/" + "very-long-path-segment/" * 20
    claims = MINIMAL_CLAIMS.replace("    title: VOA article\n", f"    title: VOA article\n    url: {url}\n")
    claims = claims.replace("title: T\n", f"title: Title {long_word}\n", 1)
    write_claims(project, claims)
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(project / "build" / "briefing.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    assert re.sub(r"\s+", "", text).count(long_word) >= 1
    assert "very-long-path-segment" in text
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        assert float(page.mediabox.width) == width  # nothing widened a page


# -- rendering faults: a small project whose sources carry what once printed badly -------------
FAULTY_SOURCE = """Licence article

The software is provided under these terms:
    Permission is hereby granted,    free of charge,\tto any person obtaining a copy.
    The above notice shall be included in all copies.

He said “we will go” today and left. She called it “a disgrace” and walked out.
"""
WEB_URL = "https://example.org/licence?a=1&b=2"
NOT_WEB = ("javascript:alert(1)", "file:///etc/passwd", "example.org/no-scheme")
FAULTY_CLAIMS = f"""title: Rendering faults
sources:
  web:
    path: sources/licence.txt
    title: Licence on the web
    url: "{WEB_URL}"
""" + "".join(f"""  other{k}:
    path: sources/licence.txt
    title: Licence elsewhere {k}
    url: "{url}"
""" for k, url in enumerate(NOT_WEB)) + """sections:
  - title: S
    claims:
      - id: indented
        text: Anyone may use it.
        citations:
          - source: web
            quote: "Permission is hereby granted, free of charge, to any person"
      - id: marks
        text: He meant to go.
        citations:
          - source: web
            quote: "“we will go” today"
          - source: other0
            quote: "She called it “a disgrace”"
"""


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    (folder / "sources").mkdir()
    (folder / "sources" / "licence.txt").write_text(FAULTY_SOURCE, encoding="utf-8")
    write_claims(folder, FAULTY_CLAIMS)
    result = run_cli("build", "--html", "build/briefing.html", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def faulty_text(faulty: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(faulty / "build" / "briefing.pdf").pages)


def test_a_run_of_spaces_in_the_source_prints_as_one_space(faulty, faulty_text):
    # pypdf turns a wide gap between words into several spaces; one space (or a line end) each
    words = r"Permission\sis\shereby\sgranted,\sfree\sof\scharge,\sto\sany\sperson"
    note = next(line for line in faulty_text.splitlines() if line.startswith("1 “"))
    assert re.search(words, note), note
    appendix = faulty_text[faulty_text.index("Appendix A."):]
    assert re.search(words, appendix), appendix
    # what was verified is untouched: the record keeps the source's own spacing
    record = json.loads(run_cli("check", "--format", "json", cwd=faulty).stdout)
    assert "granted,    free of charge,\tto any" in record["citations"][0]["display"]


def test_a_quote_inside_the_source_s_own_quotation_prints_balanced_nested_marks(faulty, faulty_text):
    """The verifier takes a leading mark as framing (display "we will go” today"); printed
    inside the briefing's marks, the source's quotation is nested: “‘we will go’ today”."""
    notes = [line for line in faulty_text.splitlines() if re.match(r"[23] “", line)]
    assert len(notes) == 2, faulty_text
    assert "“‘we will go’ today”" in notes[0]
    assert "“She called it ‘a disgrace’”" in notes[1]
    for note in notes:
        assert note.count("“") == note.count("”") == 1 and note.count("‘") == note.count("’") == 1, note
    record = json.loads(run_cli("check", "--format", "json", cwd=faulty).stdout)
    assert record["citations"][1]["display"] == "we will go” today"  # the record is not rewritten


def test_source_urls_are_links_only_when_http(faulty, faulty_text):
    reader = PdfReader(faulty / "build" / "briefing.pdf")
    uris = [annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots") or []
            if "/URI" in (annot.get_object().get("/A") or {})]
    assert uris == [WEB_URL]
    text = squash(faulty_text)
    assert WEB_URL in text and all(url in text for url in NOT_WEB)  # the others are printed as text
    html = (faulty / "build" / "briefing.html").read_text(encoding="utf-8")
    assert f'<a href="{WEB_URL.replace("&", "&amp;")}"' in html
    assert all(f'href="{url}' not in html for url in NOT_WEB)
