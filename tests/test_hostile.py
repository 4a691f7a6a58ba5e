"""The catalogue of bad inputs. Each one, through the real `build`: exit 2, one clear line
naming file:line:col where it is known, no traceback, and no PDF."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CLAIMS, run_cli, write_claims

GOOD = MINIMAL_CLAIMS


def claims(body: str) -> Callable[[Path], None]:
    def setup(project: Path) -> None:
        write_claims(project, body)
    return setup


def replaced(old: str, new: str) -> Callable[[Path], None]:
    assert old in GOOD, old
    return claims(GOOD.replace(old, new, 1))


def with_source(make: Callable[[Path], str]) -> Callable[[Path], None]:
    """Point the source at whatever ``make`` creates (it returns the path to write in the spec)."""
    def setup(project: Path) -> None:
        write_claims(project, GOOD.replace("seeds/000_89247fba3eac04d8.txt", make(project), 1))
    return setup


def _symlink_out(project: Path) -> str:
    outside = project.parent / f"{project.name}-secret.txt"
    outside.write_text("The committee's recommendations are not binding.\n", encoding="utf-8")
    (project / "seeds" / "link.txt").symlink_to(outside)
    return "seeds/link.txt"


def _write(name: str, data: bytes) -> Callable[[Path], str]:
    def make(project: Path) -> str:
        (project / "seeds" / name).write_bytes(data)
        return f"seeds/{name}"
    return make


def _bad_template(project: Path) -> None:
    write_claims(project, GOOD)
    (project / "templates").mkdir()
    (project / "templates" / "briefing.html.j2").write_text("<html>\n<body>\n{% for x in %}\n</body>\n",
                                                            encoding="utf-8")


def _too_big(project: Path) -> None:
    write_claims(project, GOOD + "# " + "x" * (5 * 1024 * 1024) + "\n")


BOMB = "".join(f"{a}: &{a} [{', '.join(['*' + p] * 9) if p else ', '.join(['lol'] * 9)}]\n"
               for a, p in zip("abcdefghi", ["", *"abcdefgh"], strict=True))

CATALOGUE = {
    "malformed YAML": (replaced("sections:", "sections: ["), r"^claims\.yaml:\d+:\d+: YAML error: "),
    "non-mapping top level": (claims("- a\n- list\n"), r"^claims\.yaml:1:1: the top level must be a mapping"),
    "wrong type": (replaced("title: S\n", "title: [S]\n"),
                   r"^claims\.yaml:7:12: 'sections/0/title' must be a string, not a list"),
    "unknown key": (replaced("            quote:", "            qoute:"),
                    r"^claims\.yaml:13:13: unknown key 'qoute' .*did you mean 'quote'"),
    "duplicate YAML key": (replaced("title: T\n", "title: T\ntitle: U\n"),
                           r"^claims\.yaml:2:1: YAML error: duplicate key \"title\""),
    "duplicate claim id": (claims(GOOD + GOOD[GOOD.index("      - id: c1"):]),
                           r"^claims\.yaml:14:13: duplicate claim id 'c1' \(first used at line 9\)"),
    "unknown source id": (replaced("- source: voa", "- source: vao"),
                          r"^claims\.yaml:12:21: unknown source id 'vao'; did you mean 'voa'"),
    "empty quote": (replaced("\"The committee's recommendations are not binding.\"", '""'),
                    r"^claims\.yaml:13:20: .*quote' must not be empty"),
    "empty claims": (claims(GOOD[:GOOD.index("    claims:")] + "    claims: []\n"),
                     r"^claims\.yaml:8:13: .*claims' must not be empty"),
    "empty sections": (claims(GOOD[:GOOD.index("sections:")] + "sections: []\n"),
                       r"^claims\.yaml:6:11: 'sections' must not be empty"),
    "missing source file": (with_source(lambda p: "seeds/nope.txt"),
                            r"^claims\.yaml:4:11: source 'voa': file 'seeds/nope\.txt' does not exist"),
    "source is a directory": (with_source(lambda p: "seeds"),
                              r"^claims\.yaml:4:11: source 'voa': 'seeds': is a directory"),
    "source path with ..": (with_source(lambda p: "../outside.txt"),
                            r"^claims\.yaml:4:11: source 'voa': path '\.\./outside\.txt' must be relative and stay "
                            r"inside the project"),
    "absolute source path": (with_source(lambda p: "/etc/hostname"),
                             r"^claims\.yaml:4:11: source 'voa': path '/etc/hostname' must be relative"),
    "symlink that escapes": (with_source(_symlink_out),
                             r"^claims\.yaml:4:11: source 'voa': 'seeds/link\.txt' resolves outside the project"),
    "non-UTF-8 source": (with_source(_write("latin1.txt", "Caf\xe9 au lait.\n".encode("latin-1"))),
                         r"^claims\.yaml:4:11: source 'voa': 'seeds/latin1\.txt' is not UTF-8: byte 3 is b'\\xe9'"),
    "empty source": (with_source(_write("empty.txt", b" \n\n")),
                     r"^claims\.yaml:4:11: source 'voa': 'seeds/empty\.txt' is empty"),
    "control character in a source": (with_source(_write("nul.txt", b"The committee\x00 met.\n")),
                                      r"^claims\.yaml:4:11: source 'voa': 'seeds/nul\.txt' has the control character "
                                      r"U\+0000 at 1:14 \(byte 13\)"),
    "claims file over the size limit": (_too_big, r"^claims\.yaml: [\d,]+ bytes is over the 5,242,880-byte limit"),
    "YAML alias bomb": (claims(BOMB + GOOD), r"^claims\.yaml: more than 200,000 values once YAML aliases are "
                                             r"expanded"),
    "control character in the claims": (replaced("title: T", "title: T\x07"),
                                        r"^claims\.yaml:1:9: control character U\+0007; remove it"),
    "control character by escape": (replaced("title: T", 'title: "T\\a"'),
                                    r"^claims\.yaml:1:8: 'title' contains the control character U\+0007"),
    "deep nesting": (claims("title: " + "[" * 3000 + "]" * 3000 + "\n"), r"^claims\.yaml(:\d+:\d+)?: "),
    "template error": (_bad_template, r"briefing\.html\.j2:3: template error: "),
}


@pytest.mark.parametrize("case", CATALOGUE)
def test_bad_input_exits_2_with_one_clear_line_and_no_pdf(project: Path, case: str):
    setup, pattern = CATALOGUE[case]
    setup(project)
    started = time.monotonic()
    result = run_cli("build", cwd=project)
    elapsed = time.monotonic() - started
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert re.search(pattern, lines[0]), lines[0]
    assert not (project / "build").exists() or not any((project / "build").iterdir())
    if case == "YAML alias bomb":
        assert elapsed < 20  # a guard against expansion, not a speed target; the refusal itself is instant


def test_every_problem_in_a_file_is_reported_at_once(project: Path):
    body = GOOD.replace("title: S\n", "title: 5\n")
    body = body.replace("        text: The recommendations do not bind China.\n", "")
    write_claims(project, body)
    result = run_cli("build", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["claims.yaml:7:12: 'sections/0/title' must be a string, not a number",
                                          "claims.yaml:9:9: missing required key 'text' in sections/0/claims/0"]


def test_a_fifo_source_is_refused_not_read(project: Path):
    fifo = project / "seeds" / "pipe.txt"
    os.mkfifo(fifo)
    write_claims(project, GOOD.replace("seeds/000_89247fba3eac04d8.txt", "seeds/pipe.txt"))
    result = run_cli("check", cwd=project)
    assert result.returncode == 2 and "'seeds/pipe.txt': is not a regular file" in result.stderr


def test_the_good_file_the_catalogue_starts_from_passes(project: Path):
    write_claims(project, GOOD)
    assert run_cli("check", cwd=project).returncode == 0


def test_a_missing_claims_file_and_bad_usage_exit_2(tmp_path: Path):
    result = run_cli("check", "--claims", "nope.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == "nope.yaml: no such file (pass --claims PATH)\n"
    result = run_cli("check", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'xml'" in result.stderr and "Traceback" not in result.stderr
