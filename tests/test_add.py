"""`briefing add`: a file copied, or a URL fetched from a real HTTP server on 127.0.0.1, into the
sources folder, pinned and listed in claims.yaml without disturbing the rest of it."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli

PAGE = (b'<html><head><meta property="og:title" content="Council votes on the budget">'
        b'<meta property="og:site_name" content="City Paper"><meta property="article:published_time" '
        b'content="2024-03-05T08:00:00Z"></head><body><nav>Home | News</nav><article><p>The council '
        b"approved the budget by nine votes to four on Tuesday.</p><p>The mayor said the vote was not the end "
        b"of the debate.</p></article></body></html>")
PDF = (ROOT / "tests" / "sources" / "weasyprint-columns.pdf").read_bytes()


ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
    "/moved": (301, {"Location": "/article"}, b""),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, PDF),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/big": (200, {"Content-Type": "text/html", "Content-Length": str(60 * 1024 * 1024)}, b""),
}


class _Handler(http.server.BaseHTTPRequestHandler):

    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "000_89247fba3eac04d8.txt").write_bytes((ROOT / "seeds" / "000_89247fba3eac04d8.txt")
                                                                  .read_bytes())
    (tmp_path / "claims.yaml").write_text("# my briefing\n" + MINIMAL_CLAIMS, encoding="utf-8")
    return tmp_path


def test_a_fetched_page_is_saved_pinned_described_and_checkable(server: str, project: Path):
    before = (project / "claims.yaml").read_text(encoding="utf-8")
    result = run_cli("add", f"{server}/moved", "--id", "council", cwd=project)
    assert result.returncode == 0, result.stderr
    saved = project / "seeds" / "council.html"  # beside the other sources
    assert saved.read_bytes() == PAGE
    after = (project / "claims.yaml").read_text(encoding="utf-8")
    added = after[len(before.split("sections:")[0]):]  # everything before the new entry is as it was
    assert after.startswith(before.split("sections:")[0]) and after.endswith("sections:" + before.split("sections:")[1])
    assert f"    sha256: {hashlib.sha256(PAGE).hexdigest()}\n" in added
    assert '    title: "Council votes on the budget"\n    publisher: "City Paper"\n    published: 2024-03-05\n' in added
    assert f'    url: "{server}/moved"\n' in added and f"redirected to {server}/article" in added
    assert "# retrieved 20" in added
    (project / "claims.yaml").write_text(after.replace(
        "            quote: \"The committee's recommendations are not binding.\"\n",
        "            quote: \"The committee's recommendations are not binding.\"\n          - source: council\n"
        "            quote: The council approved the budget by nine votes to four on Tuesday.\n"), encoding="utf-8")
    assert run_cli("check", cwd=project).returncode == 0


def test_a_fetched_pdf_and_a_copied_file(server: str, project: Path, tmp_path_factory: pytest.TempPathFactory):
    assert run_cli("add", f"{server}/report.pdf", cwd=project).returncode == 0
    assert (project / "seeds" / "s-127-report.pdf").read_bytes() == PDF
    elsewhere = tmp_path_factory.mktemp("downloads") / "Annual Report.pdf"
    elsewhere.write_bytes(PDF)
    result = run_cli("add", str(elsewhere), cwd=project)
    assert result.returncode == 0 and "(pdf, 3 pages)" in result.stdout
    text = (project / "claims.yaml").read_text(encoding="utf-8")
    assert "  annual-report:\n    path: \"seeds/annual-report.pdf\"\n" in text and "url:" not in text.split(
        "annual-report:")[1]
    listing = run_cli("sources", cwd=project)
    assert listing.returncode == 0 and "annual-report" in listing.stdout
    again = run_cli("add", str(elsewhere), "--id", "annual-report", cwd=project)
    assert again.returncode == 2 and "a source 'annual-report' is there already" in again.stderr


@pytest.mark.parametrize("path, says", [
    ("/missing", "the server answered 404"),
    ("/image", "is image/png, not a web page, a PDF or plain text"),
    ("/to-file", "Redirection to url 'file:///etc/passwd' is not allowed"),
    ("/loop", "redirect"),
    ("/big", "over the 52,428,800-byte limit"),
])
def test_every_failed_fetch_is_one_line_exit_2_and_nothing_written(server: str, project: Path, path: str, says: str):
    before = (project / "claims.yaml").read_bytes()
    result = run_cli("add", server + path, cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], lines
    assert (project / "claims.yaml").read_bytes() == before
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["000_89247fba3eac04d8.txt"]


@pytest.mark.parametrize("target, says", [("ftp://127.0.0.1/x", "only http:// and https://"),
                                          ("http://127.0.0.1:1/x", "cannot fetch"),
                                          ("no-such-file.pdf", "no such file")])
def test_a_target_that_cannot_be_had_is_one_line(project: Path, target: str, says: str):
    result = run_cli("add", target, cwd=project)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and says in result.stderr


def test_the_entry_keeps_the_files_line_ends_and_a_flow_style_mapping_is_refused(
        project: Path, tmp_path_factory: pytest.TempPathFactory):
    note = tmp_path_factory.mktemp("notes") / "memo.txt"
    note.write_text("The memo says the plan was approved in March.\n", encoding="utf-8")
    crlf = ("# my briefing\n" + MINIMAL_CLAIMS).replace("\n", "\r\n")
    (project / "claims.yaml").write_bytes(crlf.encode())
    assert run_cli("add", str(note), cwd=project).returncode == 0
    text = (project / "claims.yaml").read_bytes().decode()
    assert "\n" not in text.replace("\r\n", "") and '  memo:\r\n    path: "seeds/memo.txt"\r\n' in text
    assert text.startswith(crlf.split("sections:")[0]) and text.endswith("sections:" + crlf.split("sections:")[1])
    assert run_cli("check", cwd=project).returncode == 0
    flow = "title: T\nsources: {voa: {path: seeds/000_89247fba3eac04d8.txt, title: V}}\n" + MINIMAL_CLAIMS.split(
        "sections:")[0].split("title: VOA article\n")[1] + "sections:" + MINIMAL_CLAIMS.split("sections:")[1]
    (project / "claims.yaml").write_text(flow, encoding="utf-8")
    result = run_cli("add", str(note), "--id", "memo2", cwd=project)
    assert result.returncode == 2 and "flow style" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (project / "seeds" / "memo2.txt").exists()
