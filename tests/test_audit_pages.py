"""`briefing audit` reads the pages: real PDFs from `build`, tampered for real (a content stream
edited with pypdf and with qpdf, a page swapped in from another build, a stream blanked or
damaged, pages removed, a script added), audited through the real CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims

# Two claims on the assembly article: the figure "600" is printed on the first page.
CLAIMS = """title: Returns
date: 2026-11-23
sources:
  assembly:
    path: seeds/004_5e2509c17e97253a.txt
    title: UN General Assembly
sections:
  - title: Scale
    claims:
      - id: six-hundred
        text: Rights groups reported that China sent back as many as 600 North Koreans in October.
        citations:
          - source: assembly
            quote: "human rights groups reported that China forcibly sent back as many as 600 North Korean refugees"
"""


def build(folder: Path, claims: str) -> Path:
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    write_claims(folder, claims)
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "build" / "briefing.pdf"


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("original"), CLAIMS)


@pytest.fixture(scope="module")
def other_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("other"), MINIMAL_CLAIMS)


def audit(pdf: Path, project: Path) -> subprocess.CompletedProcess:
    return run_cli("audit", str(pdf), "--root", str(project), cwd=pdf.parent)


def findings(result: subprocess.CompletedProcess) -> list[str]:
    return re.findall(r"error\[([a-z-]+)\]", result.stdout)


def glyph_codes(page, text: str) -> list[bytes]:
    """The hex codes the page's fonts draw ``text`` with (from their ToUnicode maps)."""
    for font in page["/Resources"]["/Font"].values():
        cmap = font.get_object()["/ToUnicode"].get_data().decode("latin-1")
        codes = {chr(int(u, 16)): c.encode() for c, u in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]{4})>", cmap)}
        if all(ch in codes for ch in text):
            return [codes[ch] for ch in text]
    raise AssertionError(f"no font draws {text!r}")


def shown(codes: list[bytes]) -> re.Pattern[bytes]:
    """A TJ array's glyphs with the kerning numbers WeasyPrint puts between them."""
    return re.compile(rb"[-\d.\s]*".join(b"<" + c + b">" for c in codes))


def first_page_with(reader: PdfReader, text: str) -> int:
    return next(i for i, page in enumerate(reader.pages) if text in page.extract_text())


def save(writer: PdfWriter, path: Path) -> Path:
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_a_fresh_build_and_a_rewrite_that_changes_no_page_pass(original: Path, tmp_path: Path):
    assert audit(original, original.parents[1]).returncode == 0
    # another tool's rewrite (new object numbers, recompressed streams) draws the same pages
    rewritten = PdfWriter(clone_from=PdfReader(original))
    rewritten.compress_identical_objects()
    for page in rewritten.pages:
        page.compress_content_streams(level=1)
    result = audit(save(rewritten, tmp_path / "rewritten.pdf"), original.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_edited_figure_is_a_changed_page_with_the_words_that_changed(original: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(original))
    number = first_page_with(PdfReader(original), "as many as 600")
    page = writer.pages[number]
    was, now = glyph_codes(page, "600"), glyph_codes(page, "601")
    content = page.get_contents()
    assert content is not None
    data = content.get_data()
    hits = list(shown(was).finditer(data))
    assert hits, "the figure is drawn as one run of glyphs"
    edited = data.replace(hits[0].group(), hits[0].group()[:-len(b"<0000>")] + b"<" + now[-1] + b">", 1)
    content.set_data(edited)
    page.replace_contents(content)
    result = audit(save(writer, tmp_path / "edited.pdf"), original.parents[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert findings(result) == ["page-changed"]
    said = f"page {number + 1} does not say what the build printed: …back as many as “600” is now “601”"
    assert said in result.stdout
    assert "does NOT match its record" in result.stderr


def test_a_content_stream_edited_with_qpdf_is_a_changed_page(original: Path, tmp_path: Path):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed")
    qdf = tmp_path / "qdf.pdf"
    subprocess.run([qpdf, "--qdf", "--object-streams=disable", str(original), str(qdf)], check=True)
    reader = PdfReader(original)
    page = reader.pages[first_page_with(reader, "as many as 600")]
    was, now = glyph_codes(page, "600"), glyph_codes(page, "601")
    data = qdf.read_bytes()
    run = shown(was).search(data)
    assert run is not None
    # same length: the stream's /Length and the cross-reference table stay right
    qdf.write_bytes(data[:run.end() - 5] + now[-1] + data[run.end() - 1:])
    result = audit(qdf, original.parents[1])
    assert result.returncode == 1 and findings(result) == ["page-changed"], result.stdout + result.stderr
    assert "“600” is now “601”" in result.stdout


def test_a_page_swapped_in_from_another_build_is_foreign(original: Path, other_build: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(original))
    writer.insert_page(PdfReader(other_build).pages[0], 0)
    writer.remove_page(1)
    result = audit(save(writer, tmp_path / "swapped.pdf"), original.parents[1])
    assert result.returncode == 1
    assert findings(result) == ["page-foreign"], result.stdout
    assert "page 1 is not from this build" in result.stdout


def test_a_blanked_content_stream_is_a_blank_page(original: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(original))
    writer.pages[0][NameObject("/Contents")] = writer._add_object(DecodedStreamObject())
    result = audit(save(writer, tmp_path / "blank.pdf"), original.parents[1])
    assert result.returncode == 1 and findings(result) == ["page-blank"], result.stdout
    assert "page 1 shows no text; the build printed “BRIEFING Returns 2026-11-23" in result.stdout


def test_a_damaged_stream_is_an_unreadable_page(original: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(original))
    stream = writer.pages[0]["/Contents"].get_object()
    assert isinstance(stream, EncodedStreamObject)
    stream._data = b"x\x9c this is not deflate data" * 20  # still marked /FlateDecode
    stream[NameObject("/Length")] = NumberObject(len(stream._data))
    result = audit(save(writer, tmp_path / "damaged.pdf"), original.parents[1])
    assert result.returncode == 1 and findings(result) == ["page-unreadable"], result.stdout
    assert "page 1 cannot be read (damaged stream:" in result.stdout
    assert "Traceback" not in result.stderr and "Error -3" not in result.stderr


def test_a_removed_page_is_a_page_count_finding(original: Path, tmp_path: Path):
    reader = PdfReader(original)
    assert len(reader.pages) >= 2
    writer = PdfWriter(clone_from=reader)
    writer.remove_page(len(reader.pages) - 1)
    result = audit(save(writer, tmp_path / "short.pdf"), original.parents[1])
    assert result.returncode == 1 and findings(result) == ["page-count"], result.stdout
    last = len(reader.pages)
    assert f"the PDF has {last - 1} pages, the build wrote {last}; not in it: the build's page {last}" in result.stdout


def test_moved_pages_say_where_they_came_from(original: Path, tmp_path: Path):
    reader = PdfReader(original)
    writer = PdfWriter()
    for page in reversed(reader.pages):
        writer.add_page(page)
    for name, content in ((a.name, a.content) for a in reader.attachment_list):
        writer.add_attachment(name, content)
    result = audit(save(writer, tmp_path / "moved.pdf"), original.parents[1])
    assert result.returncode == 1 and set(findings(result)) == {"page-changed"}, result.stdout
    assert f"page 1 is the build's page {len(reader.pages)}: pages were moved" in result.stdout


def test_a_script_run_on_opening_is_reported(original: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(original))
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("this.getField('x')")})
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    result = audit(save(writer, tmp_path / "script.pdf"), original.parents[1])
    assert result.returncode == 1 and findings(result) == ["document-changed"], result.stdout
    assert "an action run on opening" in result.stdout


def test_an_added_annotation_changes_the_page(original: Path, tmp_path: Path):
    """A note drawn over the text changes what a reader sees without touching the content stream."""
    writer = PdfWriter(clone_from=PdfReader(original))
    note = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FreeText"),
                             NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (50, 50, 300, 100)]),
                             NameObject("/Contents"): TextStringObject("601 were sent back")})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([*writer.pages[0].get("/Annots", []),
                                                         writer._add_object(note)])
    result = audit(save(writer, tmp_path / "annotated.pdf"), original.parents[1])
    assert result.returncode == 1 and findings(result) == ["page-changed"], result.stdout
    assert "shows the text the build printed, but draws something else too" in result.stdout
