"""Untrusted text reaches the PDF as literal text, and the renderer loads nothing but templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, run_cli, write_claims

INJECTED = """title: "<b>Bold</b> <img src='file:///etc/passwd'> & co"
subtitle: "<style>body { display: none }</style>"
sources:
  voa:
    path: seeds/000_89247fba3eac04d8.txt
    title: "<script>alert(1)</script>"
sections:
  - title: "<h1>Section</h1>"
    claims:
      - id: c1
        text: "Claim with <a href='http://localhost/x'>link</a>."
        citations:
          - source: voa
            quote: "The committee's recommendations are not binding."
"""


def test_markup_in_the_spec_is_printed_literally(project: Path):
    write_claims(project, INJECTED)
    result = run_cli("build", "--html", "out.html", cwd=project)
    assert result.returncode == 0, result.stderr
    text = " ".join(p.extract_text() for p in PdfReader(project / "build" / "briefing.pdf").pages)
    for literal in ("<b>Bold</b>", "<script>alert(1)</script>", "<h1>Section</h1>", "<style>body"):
        assert literal in text, literal
    html = (project / "out.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "root:x:" not in text


def test_fetcher_serves_only_the_templates_folder(tmp_path: Path):
    from briefing.render.fetcher import TemplatesOnlyFetcher
    fetcher = TemplatesOnlyFetcher(ROOT / "templates")
    assert fetcher.fetch((ROOT / "templates" / "briefing.css").as_uri()).read().count(b"@page") >= 1
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    for url in (secret.as_uri(), "http://127.0.0.1:9/x", "https://example.org/",
                "data:text/plain,hello", (ROOT / "templates" / ".." / "claims.yaml").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5
