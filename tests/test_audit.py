"""`briefing audit`: a built PDF re-verified from the claims and record it carries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter

from tests.conftest import MINIMAL_CLAIMS, ROOT, forged, run_cli

SOURCE = "seeds/004_5e2509c17e97253a.txt"  # 'assembly'


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """One real build; each test audits a copy of the whole folder."""
    folder = tmp_path_factory.mktemp("audited")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.yaml", folder / "claims.yaml")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def built(pristine: Path, tmp_path: Path) -> Path:
    shutil.copytree(pristine, tmp_path / "p")
    return tmp_path / "p"


def test_fresh_build_passes(built: Path):
    result = run_cli("audit", "build/briefing.pdf", cwd=built)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "build/briefing.pdf: matches its record: 67 quotations re-verified against 5 sources" in result.stdout


def test_source_edited_after_the_build_fails(built: Path):
    source = built / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace("as many as 600", "as many as 700"), encoding="utf-8")
    result = run_cli("audit", "build/briefing.pdf", cwd=built)
    assert result.returncode == 1
    assert f"build/briefing.pdf: error[source-changed] source 'assembly' ({SOURCE})" in result.stdout
    assert "error[number-changed]" in result.stdout and "does NOT match" in result.stderr
    assert "build/briefing.pdf[claims.yaml]:" in result.stdout  # quote findings point into the embedded claims


def test_an_edit_that_breaks_no_quote_is_still_drift(built: Path):
    source = built / SOURCE
    source.write_bytes(source.read_bytes() + b"\n")
    result = run_cli("audit", "build/briefing.pdf", cwd=built)
    assert result.returncode == 1
    assert "error[source-changed]" in result.stdout and "number-changed" not in result.stdout


def test_a_quote_found_elsewhere_than_recorded_is_drift(built: Path):
    source = built / SOURCE
    source.write_text("Preface line.\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("audit", "build/briefing.pdf", cwd=built)
    assert result.returncode == 1
    assert "error[record-mismatch]" in result.stdout and "now verifies at" in result.stdout


def test_embedded_claims_that_differ_from_the_record_fail(built: Path):
    """A PDF whose claims attachment was swapped: the record no longer belongs to it. (The swap
    is made in the built PDF with pypdf, as anyone could, rather than by a second full render.)"""
    raw = (built / "claims.yaml").read_bytes()
    swapped = raw.replace(b"China classifies North Koreans", b"China welcomes North Koreans")
    assert swapped != raw
    forged(built / "build" / "briefing.pdf", built / "forged.pdf", "claims.yaml", swapped)
    result = run_cli("audit", "forged.pdf", cwd=built)
    assert result.returncode == 1
    assert "forged.pdf: error[claims-mismatch] the embedded claims.yaml" in result.stdout


def test_sources_are_read_from_root(built: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pdf = str(built / "build" / "briefing.pdf")
    result = run_cli("audit", pdf, cwd=elsewhere)
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "--root" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("audit", pdf, "--root", str(built), cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_pdf_without_a_record_is_unusable_input(tmp_path: Path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(tmp_path / "plain.pdf", "wb") as handle:
        writer.write(handle)
    (tmp_path / "notes.txt").write_text("not a pdf")
    result = run_cli("audit", "plain.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("plain.pdf: no embedded claims.yaml or verification.json: "
                                     "only a PDF written by `briefing build` can be audited")
    result = run_cli("audit", "notes.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("notes.txt: not a readable PDF")
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_cli("audit", "missing.pdf", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.strip() == "missing.pdf: no such file"


def test_by_default_sources_are_found_where_the_build_found_them(tmp_path: Path):
    """Built as `build --claims project/claims.yaml` from the parent folder: audit from there
    needs no --root, and from inside the project neither."""
    shutil.copytree(ROOT / "seeds", tmp_path / "project" / "seeds")
    (tmp_path / "project" / "claims.yaml").write_text(MINIMAL_CLAIMS, encoding="utf-8")
    built = run_cli("build", "--claims", "project/claims.yaml", "--output", "out.pdf", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert run_cli("audit", "out.pdf", cwd=tmp_path).returncode == 0
    assert run_cli("audit", "../out.pdf", cwd=tmp_path / "project").returncode == 0
