"""The main job end to end: the shipped claims and seeds become a PDF that a PDF library can read."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.verify.normalize import normalize
from tests.conftest import ROOT, run_cli


def words(text: str) -> str:
    """Compare text the way a reader would: folded typography, no hyphenation, words only."""
    text = normalize(text, join_breaks=False).text.casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    import shutil
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.yaml", folder / "claims.yaml")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_build_writes_a_readable_pdf_with_every_quote(built: Path):
    from ruamel.yaml import YAML
    pdf = built / "build" / "briefing.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    text = words(" ".join(page.extract_text() for page in reader.pages))
    spec = YAML(typ="safe").load((built / "claims.yaml").read_text(encoding="utf-8"))
    quotes = [c["quote"] for s in spec["sections"] for claim in s["claims"] for c in claim["citations"]]
    assert len(quotes) >= 60
    for quote in quotes:
        # an ellipsis is printed as such: each stretch between ellipses must be in the text layer
        for part in re.split(r"…|\.\.\.", quote):
            if words(part):
                assert words(part) in text, f"quote part missing from PDF text: {part!r}"


def test_pdf_has_metadata_outline_and_embedded_fonts(built: Path):
    reader = PdfReader(built / "build" / "briefing.pdf")
    assert reader.metadata.title.startswith("China's Forced Repatriation")
    assert len(reader.outline) >= 6
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(font["/BaseFont"])
    assert fonts


def test_shipped_briefing_meets_its_own_bars():
    result = run_cli("check", "--format", "json", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    import json
    rows = json.loads(result.stdout)["citations"]
    per_source: dict[str, int] = {}
    for row in rows:
        per_source[row["source"]] = per_source.get(row["source"], 0) + 1
    assert len(rows) >= 60 and min(per_source.values()) >= 6 and len(per_source) == 5
    assert len({r["claim"] for r in rows}) >= 30
    assert sum(1 for r in rows if "ellipsis" in r["edits"]) >= 3
    assert sum(1 for r in rows if "bracket" in r["edits"]) >= 2
    assert sum(1 for r in rows if r["speaker"]) >= 8


def test_seeds_are_the_shared_articles_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in sorted(shared.iterdir()):
        copy = ROOT / "seeds" / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()


def test_changing_one_digit_fails_the_build_and_writes_no_pdf(project: Path):
    claims = project / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    changed = text.replace("as many as 600 North Korean refugees in October", "as many as 601 North Korean refugees in October")
    assert changed != text
    claims.write_text(changed, encoding="utf-8")
    line = next(i for i, l in enumerate(changed.splitlines(), 1) if "601 North Korean" in l)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert re.search(rf"claims\.yaml:{line}:\d+: error\[number-changed\]", result.stdout), result.stdout
    assert "601" in result.stdout and "600" in result.stdout
    assert not (project / "build" / "briefing.pdf").exists()


def test_failed_build_leaves_the_previous_pdf_untouched(project: Path):
    out = project / "build" / "briefing.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF- previous build")
    claims = project / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("are not binding.", "are binding."), encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "negation-changed" in result.stdout
    assert out.read_bytes() == b"%PDF- previous build"
    assert [p.name for p in out.parent.iterdir()] == ["briefing.pdf"]


def test_build_output_option_and_html(project: Path):
    result = run_cli("build", "--output", "out/b.pdf", "--html", "out/b.html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "b.pdf").read_bytes().startswith(b"%PDF-")
    html = (project / "out" / "b.html").read_text(encoding="utf-8")
    assert "<style>" in html and "briefing.css" not in html
