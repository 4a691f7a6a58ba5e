"""Issue 12's inputs, through the real CLI: a received PDF whose record is hostile or points
outside the project, a FIFO or /dev/zero given as a file, invisible characters that change how
text is shown, and positions in files with a byte-order mark or CR line ends."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL_CLAIMS, ROOT, forged, run_cli, run_cli_process, write_claims


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project, built once; tests forge copies of its PDF."""
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    write_claims(folder, MINIMAL_CLAIMS)
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def record_of(built: Path) -> dict[str, Any]:
    attached = {a.name: a.content for a in PdfReader(built / "build" / "briefing.pdf").attachment_list}
    record: dict[str, Any] = json.loads(attached["verification.json"])
    return record


def one_clear_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _deep(record: dict[str, Any]) -> bytes:
    return b'{"citations": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


HOSTILE_RECORDS: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "citations not a list": (lambda r: {**r, "citations": "all of them"}, r"citations: Input should be a valid list"),
    "a claim id that is a list": (lambda r: {**r, "citations": [{**r["citations"][0], "claim": ["c1"]}]},
                                  r"citations/0/claim: Input should be a valid string"),
    "an index given as a string": (lambda r: {**r, "citations": [{**r["citations"][0], "index": "0"}]},
                                   r"citations/0/index: Input should be a valid integer"),
    "a span that is a string": (lambda r: {**r, "citations": [{**r["citations"][0], "span": "line 9"}]},
                                r"citations/0/span"),
    "a source id that is a number": (lambda r: {**r, "sources": [{**r["sources"][0], "id": 7}]},
                                     r"sources/0/id: Input should be a valid string"),
    "a digest that is not one": (lambda r: {**r, "claims_sha256": "x" * 64}, r"claims_sha256: String should match"),
    "a huge claims path": (lambda r: {**r, "claims": "a/" * 50_000 + "claims.yaml"},
                           r"claims: String should have at most 4096 characters"),
    "pages that are not a list": (lambda r: {**r, "pages": "many"}, r"pages: Input should be a valid list"),
    "the top level a list": (lambda r: [r], r"the top level: Input should be a valid dictionary"),
    "nesting 100,000 deep": (_deep, r"(nested too deeply|not valid JSON)"),
    "not JSON": (lambda r: b"\x89PNG not json", r"is not valid JSON"),
}


@pytest.mark.parametrize("case", HOSTILE_RECORDS)
def test_a_hostile_record_is_exit_2_with_one_line(built: Path, tmp_path: Path, case: str):
    make, pattern = HOSTILE_RECORDS[case]
    made = make(record_of(built))
    data = made if isinstance(made, bytes) else json.dumps(made).encode("utf-8")
    pdf = forged(built / "build" / "briefing.pdf", tmp_path / "forged.pdf", "verification.json", data)
    result = run_cli("audit", str(pdf), "--root", str(built), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    line = one_clear_line(result)
    assert line.startswith(f"{pdf}: the embedded verification.json "), line
    assert re.search(pattern, line), line


def test_a_record_naming_a_folder_elsewhere_is_not_followed(built: Path, tmp_path: Path):
    """The record names a claims file in a folder outside the one audit runs in, where the sources
    are: audit must not read them there, however the path is written."""
    elsewhere, here = tmp_path / "elsewhere", tmp_path / "here"
    shutil.copytree(built, elsewhere)
    here.mkdir()
    for claims in (str(elsewhere / "claims.yaml"), "../elsewhere/claims.yaml"):
        forged(built / "build" / "briefing.pdf", here / "forged.pdf", "verification.json",
               json.dumps({**record_of(built), "claims": claims}).encode("utf-8"))
        result = run_cli("audit", "forged.pdf", cwd=here)
        assert result.returncode == 2, (claims, result.stdout, result.stderr)
        assert "does not exist" in result.stderr and f"relative to {here}" in result.stderr
        assert "Traceback" not in result.stderr
        # with --root the same PDF is audited where the user says
        assert run_cli("audit", "forged.pdf", "--root", str(elsewhere), cwd=here).returncode == 0


def test_a_record_naming_a_folder_inside_is_followed(built: Path, tmp_path: Path):
    shutil.copytree(built, tmp_path / "project")
    pdf = forged(built / "build" / "briefing.pdf", tmp_path / "forged.pdf", "verification.json",
                 json.dumps({**record_of(built), "claims": "project/claims.yaml"}).encode("utf-8"))
    assert run_cli("audit", str(pdf), cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("path", ["/etc/passwd", "../../../../../../etc/passwd", "seeds/../../secret.txt"])
def test_embedded_claims_cannot_make_audit_read_outside_the_project(built: Path, tmp_path: Path, path: str):
    project = tmp_path / "project"
    shutil.copytree(built, project)
    (tmp_path / "secret.txt").write_text("The committee's recommendations are not binding. SECRET\n", encoding="utf-8")
    claims = MINIMAL_CLAIMS.replace("seeds/000_89247fba3eac04d8.txt", path).encode("utf-8")
    pdf = forged(built / "build" / "briefing.pdf", tmp_path / "forged.pdf", "claims.yaml", claims)
    result = run_cli("audit", str(pdf), cwd=project)
    assert result.returncode == 2
    assert "must be relative and stay inside the project folder" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr and "root:" not in result.stdout + result.stderr


def test_a_long_claims_path_in_the_record_falls_back_to_the_current_folder(built: Path, tmp_path: Path):
    pdf = forged(built / "build" / "briefing.pdf", tmp_path / "forged.pdf", "verification.json",
                 json.dumps({**record_of(built), "claims": "x" * 300 + "/claims.yaml"}).encode("utf-8"))
    result = run_cli("audit", str(pdf), cwd=built)
    assert result.returncode == 0, result.stdout + result.stderr


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A real process with a short timeout: a file that blocks must not hang the suite."""
    return run_cli_process(*args, cwd=cwd, timeout=60)


@pytest.mark.parametrize("command", ["audit", "check"])
def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path: Path, command: str):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in ("pipe", "/dev/zero"):
        args = ["audit", path] if command == "audit" else ["check", "--claims", path]
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 2
        line = one_clear_line(result)
        assert line == f"{path}: is not a regular file (a pipe or a device?), not a " + \
            ("PDF" if command == "audit" else "claims file"), line


def test_an_oversized_pdf_is_refused_unread(tmp_path: Path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(513 * 1024 * 1024)  # sparse: no disk used
    result = cli("audit", str(big), cwd=tmp_path)
    assert result.returncode == 2
    assert one_clear_line(result) == f"{big}: 537,919,488 bytes is over the 536,870,912-byte limit for a PDF"


# -- invisible characters that change how text is shown --------------------------------------

HIDDEN_FIELDS = {
    "title": ("title: T\n", "title: T{c}\n"),
    "claim text": ("text: The recommendations", "text: The {c}recommendations"),
    "quote": ("quote: \"The committee's", "quote: \"The {c}committee's"),
    "source title": ("title: VOA article", "title: VOA {c}article"),
    "section title": ("title: S\n", "title: S{c}\n"),
    "speaker": ("            quote:", "            speaker: Mr {c}Tugushi\n            quote:"),
    "a comment": ("sources:\n", "sources:  # note {c}\n"),
}


# every field with an override, and every kind of character in a claim's text
HIDDEN_CASES = [(field, "\u202e") for field in HIDDEN_FIELDS] + \
    [("claim text", char) for char in ("\u202a", "\u2066", "\u2069", "\u061c", "\u206b", "\ufff9")]


@pytest.mark.parametrize(("field", "char"), HIDDEN_CASES)
def test_an_invisible_format_character_is_refused_where_it_is(tmp_path: Path, field: str, char: str):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    old, new = HIDDEN_FIELDS[field]
    body = MINIMAL_CLAIMS.replace(old, new.format(c=char), 1)
    assert body != MINIMAL_CLAIMS
    write_claims(tmp_path, body)
    offset = body.index(char)
    line = body.count("\n", 0, offset) + 1
    col = offset - body.rfind("\n", 0, offset)
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    message = one_clear_line(result)
    assert message.startswith(f"claims.yaml:{line}:{col}: invisible character U+{ord(char):04X}"), message
    assert "changes how the text around it is shown" in message


def test_an_invisible_character_written_as_an_escape_is_refused_at_its_value(tmp_path: Path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    write_claims(tmp_path, MINIMAL_CLAIMS.replace("title: T\n", 'title: "2\\u202e5"\n'))
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert one_clear_line(result) == ("claims.yaml:1:8: 'title' holds an invisible character U+202E "
                                      "(right-to-left override), which changes how the text around it is shown; "
                                      "delete it")


def test_direction_marks_that_change_nothing_are_allowed(tmp_path: Path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    write_claims(tmp_path, MINIMAL_CLAIMS.replace("title: T\n", "title: T\u200e\u200f\n"))
    assert run_cli("check", cwd=tmp_path).returncode == 0


# -- positions with a byte-order mark and any line end ----------------------------------------

SOURCE = "A title line\n\nThe committee met on Monday. The recommendations are not binding.\n"
CLAIMS = """title: T
sources:
  s:
    path: source.txt
    title: S
sections:
  - title: S
    claims:
      - id: c1
        text: The recommendations do not bind.
        citations:
          - source: s
            quote: "The recommendations are not binding."
          - source: s
            quote: "The recommendations are binding."
"""


def spans(folder: Path) -> list[tuple[int, int, int, int]]:
    """For each citation: its line:col in the claims file, and where it is (or nearly is) in the source."""
    result = run_cli("check", "--format", "json", cwd=folder)
    assert result.returncode == 1, result.stdout + result.stderr
    out = []
    for c in json.loads(result.stdout)["citations"]:
        where = c["span"] or c["closest"]
        out.append((c["claims_location"]["line"], c["claims_location"]["column"], where["line"], where["column"]))
    return out


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_positions_are_the_same_with_any_line_end_and_a_byte_order_mark(tmp_path: Path, ending: str, bom: str):
    plain, other = tmp_path / "plain", tmp_path / "other"
    for folder, end, mark in ((plain, "\n", ""), (other, ending, bom)):
        folder.mkdir()
        (folder / "source.txt").write_bytes((mark + SOURCE.replace("\n", end)).encode("utf-8"))
        (folder / "claims.yaml").write_bytes((mark + CLAIMS.replace("\n", end)).encode("utf-8"))
    expected = spans(plain)
    assert expected == [(13, 20, 3, 30), (15, 20, 3, 30)]
    assert spans(other) == expected


def test_an_error_on_the_first_line_of_a_claims_file_with_a_bom_has_the_right_column(tmp_path: Path):
    (tmp_path / "claims.yaml").write_bytes("\ufefftitle: \"T\x07\"\n".encode("utf-8"))
    result = run_cli("check", cwd=tmp_path)
    assert one_clear_line(result) == "claims.yaml:1:10: control character U+0007; remove it"
    (tmp_path / "claims.yaml").write_bytes(b"a: 1\rtitle: T\x07\r")
    assert one_clear_line(run_cli("check", cwd=tmp_path)) == "claims.yaml:2:9: control character U+0007; remove it"


def test_a_record_without_its_pages_fails_the_audit(built: Path, tmp_path: Path):
    """Dropping the page record would hide any page edit: the audit says the pages cannot be checked."""
    record = {k: v for k, v in record_of(built).items() if k != "pages"}
    pdf = forged(built / "build" / "briefing.pdf", tmp_path / "forged.pdf", "verification.json",
                 json.dumps(record).encode("utf-8"))
    result = run_cli("audit", str(pdf), "--root", str(built), cwd=tmp_path)
    assert result.returncode == 1
    assert "error[pages-unrecorded] the verification record does not say what each page shows" in result.stdout


def test_an_override_in_a_source_is_not_printed(tmp_path: Path):
    """A source may hold a right-to-left override: the briefing prints the source's words, so
    left in, "006" as verified would show as "600". The PDF and the HTML print them without it."""
    (tmp_path / "source.txt").write_text("Officials said as many as \u202e006\u202c refugees were held.\n",
                                         encoding="utf-8")
    write_claims(tmp_path, CLAIMS.replace("The recommendations are not binding.", "as many as 006 refugees were held")
                 .replace("The recommendations are binding.", "Officials said as many as 006 refugees")
                 .replace("text: The recommendations do not bind.", "text: Officials held as many as 006 refugees."))
    result = run_cli("build", "--html", "build/briefing.html", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "build" / "briefing.html").read_text(encoding="utf-8")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "build" / "briefing.pdf").pages)
    for shown in (html, text):
        assert "as many as 006 refugees" in shown and "\u202e" not in shown and "\u202c" not in shown


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_lock_writes_pins_with_the_files_own_line_ends(tmp_path: Path, ending: str):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    body = MINIMAL_CLAIMS.replace("    path: seeds/000_89247fba3eac04d8.txt\n",
                                  "    path: |-\n      seeds/000_89247fba3eac04d8.txt\n")
    (tmp_path / "claims.yaml").write_bytes(body.replace("\n", ending).encode("utf-8"))
    assert run_cli("lock", cwd=tmp_path).returncode == 0
    locked = (tmp_path / "claims.yaml").read_bytes().decode("utf-8")
    # with the file's own line ends taken out, no other line break is left
    assert "sha256: " in locked and not {"\r", "\n"} & set(locked.replace(ending, ""))
    assert run_cli("check", cwd=tmp_path).returncode == 0
