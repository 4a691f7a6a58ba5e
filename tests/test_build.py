"""The main job end to end: the shipped claims and seeds, and what a failed build leaves behind.
The built PDF itself is read back in test_pdf.py."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


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
    changed = text.replace("as many as 600 North Korean refugees in October",
                           "as many as 601 North Korean refugees in October")
    assert changed != text
    claims.write_text(changed, encoding="utf-8")
    line = next(i for i, text_line in enumerate(changed.splitlines(), 1) if "601 North Korean" in text_line)
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
