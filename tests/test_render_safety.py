"""Injection: markup in any field is printed as text, and the renderer fetches nothing but
the templates. A real HTTP server on loopback counts every request it gets; it must get none."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims

SECRET = "TOP-SECRET-7f3a91 local file content"


@pytest.fixture
def server():
    """A loopback HTTP server that records the path of every request."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # the stdlib's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def payloads(base: str, secret: Path) -> str:
    """Every way an HTML or CSS document can be made to load something."""
    return (f'<img src="{base}/img"> <link rel="stylesheet" href="{base}/link.css"> '
            f'<style>@import url("{base}/import.css"); body {{ background: url({base}/bg) }}</style> '
            f'<script src="{base}/script.js"></script> <iframe src="{secret.as_uri()}"></iframe> '
            f'<object data="{secret.as_uri()}"></object> <img src="{secret.as_uri()}"> '
            f'<link rel="attachment" href="{secret.as_uri()}"> <svg><image href="{base}/svg"/></svg>')


def test_payloads_in_every_field_stay_text_and_nothing_is_fetched(project: Path, tmp_path: Path, server):
    base, hits = server
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    payload = payloads(base, secret)
    # the quote must verify, so the source text carries the payload too, and the speaker (payload
    # included: a name must stand whole in the source) next to it
    (project / "seeds" / "payload.txt").write_text(
        f"Payload article\n\nThe spokesperson Ana Salmón {payload} said: {payload} and that was all.\n",
        encoding="utf-8")
    y = json.dumps  # a JSON string is a YAML double-quoted scalar
    url = f'{base}/url?q="><script>alert(1)</script>'  # http: printed, and a link, never fetched
    write_claims(project, f"""
title: {y("Title " + payload)}
subtitle: {y("Subtitle " + payload)}
author: {y("Author " + payload)}
keywords: [{y(payload)}]
summary: {y("Summary " + payload)}
sources:
  p:
    path: seeds/payload.txt
    title: {y("Source " + payload)}
    publisher: {y("Publisher " + payload)}
    url: {y(url)}
sections:
  - title: {y("Section " + payload)}
    claims:
      - id: injected
        text: {y("Claim " + payload)}
        citations:
          - source: p
            speaker: {y("Ana Salmón " + payload)}
            quote: {y(payload)}
""")
    result = run_cli("build", "--html", "out.html", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert hits == [], f"the renderer fetched {hits}"
    reader = PdfReader(project / "build" / "briefing.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for literal in ('<img src="', "<script src=", "@import url(", "<iframe src=\"file://", '<link rel="attachment"'):
        assert literal in text, literal
    assert SECRET not in text
    links = [a.get_object()["/A"].get("/URI") for page in reader.pages for a in page.get("/Annots") or []
             if "/URI" in (a.get_object().get("/A") or {})]
    assert len(links) == 1 and links[0].startswith(f"{base}/url?q=") and "<script" not in links[0], links
    assert all(SECRET.encode() not in data for files in reader.attachments.values() for data in files)
    html = (project / "out.html").read_text(encoding="utf-8")
    assert "&lt;img src=" in html and "&lt;script" in html
    assert f'<img src="{base}' not in html and "<script" not in html and "<iframe" not in html
    assert SECRET not in html


def test_templates_are_trusted_but_still_fetch_nothing_outside_their_folder(project: Path, tmp_path: Path, server):
    base, hits = server
    write_claims(project, MINIMAL_CLAIMS)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    templates = project / "templates"
    templates.mkdir()
    html = (ROOT / "templates" / "briefing.html.j2").read_text(encoding="utf-8")
    html = html.replace("</head>", f"{payloads(base, secret)}\n</head>", 1)
    (templates / "briefing.html.j2").write_text(html, encoding="utf-8")
    css = (ROOT / "templates" / "briefing.css").read_text(encoding="utf-8")
    (templates / "briefing.css").write_text(f'@import url("{base}/from-css.css");\n@import url("{secret.as_uri()}");\n'
                                            + css + "\nbody { background: url(data:image/png;base64,AAAA) }\n",
                                            encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert hits == []
    reader = PdfReader(project / "build" / "briefing.pdf")
    assert set(reader.attachments) == {"claims.yaml", "verification.json"}  # not the <link rel=attachment>
    assert SECRET not in " ".join(p.extract_text() for p in reader.pages)


def test_fetcher_serves_only_the_templates_folder(tmp_path: Path):
    from briefing.render.fetcher import TemplatesOnlyFetcher
    fetcher = TemplatesOnlyFetcher(ROOT / "templates")
    assert b"@page" in fetcher.fetch((ROOT / "templates" / "briefing.css").as_uri()).read()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    refused = [secret.as_uri(), "http://127.0.0.1:9/x", "https://example.org/", "data:text/plain,hello",
               (ROOT / "templates" / ".." / "claims.yaml").as_uri(), "file://otherhost/etc/passwd", "ftp://x/y"]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == refused
