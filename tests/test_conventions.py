"""What users of ruff, yamllint and pre-commit expect, through the real CLI: the claims file
found from a subfolder, --strict, -q and -v, a quiet exit on a closed pipe, clickable paths,
output paths refused before any long work, warnings from build and watch, and one error per
changed source."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims

SOURCE = "seeds/000_89247fba3eac04d8.txt"
# one verified quote with a slip of the pen (a warning), one clean
SLIP = MINIMAL_CLAIMS.replace("committee's recommendations", "committee's recomendations") + (
    "          - source: voa\n            quote: \"The committee's recommendations are not binding.\"\n")
SLIP_WARNING = 'claims.yaml:13:20: warning[slip] slip of the pen: "recomendations"'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (it has .git) with its briefing in brief/: the claims file and one source."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "brief" / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / SOURCE, tmp_path / "brief" / SOURCE)
    write_claims(tmp_path / "brief", SLIP)
    return tmp_path


def test_the_claims_file_is_found_in_a_parent_folder_and_paths_are_printed_from_here(repo: Path):
    here = repo / "brief" / "seeds"
    result = run_cli("check", "-v", cwd=here)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "briefing: using ../claims.yaml\n"
    assert f"../{SLIP_WARNING}" in result.stdout
    # the verified line points at the passage from here, where it can be opened
    assert "../claims.yaml:15:20: verified[exact] claim 'c1' quote 2: voa 000_89247fba3eac04d8.txt:29:" in result.stdout
    found = run_cli("find", "committee's recommendations are not binding", cwd=here)
    assert found.returncode == 0 and found.stdout.startswith("voa 000_89247fba3eac04d8.txt:29:")


def test_the_search_stops_at_the_repository_root(repo: Path):
    write_claims(repo.parent, SLIP)  # above the repository: never found from inside it
    try:
        (repo / "docs").mkdir()
        result = run_cli("check", "--format", "json", cwd=repo / "docs")
        assert result.returncode == 2
        assert result.stderr == (f"claims.yaml: not found in {repo / 'docs'} nor in a parent folder up to {repo}, "
                                 "the repository root (pass --claims PATH)\n")
        assert json.loads(result.stdout)["problems"][0]["code"] == "input-error"
    finally:
        (repo.parent / "claims.yaml").unlink()


def test_strict_makes_warnings_fail_check_and_build(repo: Path):
    brief = repo / "brief"
    assert run_cli("check", cwd=brief).returncode == 0
    strict = run_cli("check", "--strict", cwd=brief)
    assert strict.returncode == 1 and SLIP_WARNING in strict.stdout
    assert strict.stdout.endswith("0 errors, 1 warning (--strict: warnings fail)\n")
    build = run_cli("build", "--strict", cwd=brief)
    assert build.returncode == 1 and SLIP_WARNING in build.stdout
    assert not (brief / "build").exists()


def test_quiet_prints_only_what_fails_and_verbose_every_verdict(repo: Path):
    brief = repo / "brief"
    for args in (["check", "-q"], ["-q", "check"], ["check", "--quiet"]):
        result = run_cli(*args, cwd=brief)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), args
    assert run_cli("check", "-q", "--strict", cwd=brief).stdout.startswith(SLIP_WARNING)  # it fails now: shown
    text = (brief / "claims.yaml").read_text(encoding="utf-8")
    (brief / "claims.yaml").write_text(text.replace("are not binding.\"\n", "are binding.\"\n", 1), encoding="utf-8")
    quiet = run_cli("check", "-q", cwd=brief)
    assert quiet.returncode == 1
    assert quiet.stdout.startswith("claims.yaml:13:20: error[negation-changed]")
    assert "warning" not in quiet.stdout and "citations:" not in quiet.stdout
    verbose = run_cli("-v", "check", cwd=brief)
    assert "claims.yaml:15:20: verified[exact] claim 'c1' quote 2: voa seeds/" in verbose.stdout
    both = run_cli("-q", "check", "-v", cwd=brief)
    assert both.returncode == 2 and "cannot be used together" in both.stderr


@pytest.mark.parametrize("args", [["check"], ["check", "--format", "sarif"], ["sources", "--format", "json"],
                                  ["find", "recommendations"], ["schema"], ["fix"]])
def test_a_closed_pipe_ends_quietly_with_141(repo: Path, args: list[str]):
    """As `briefing sources --format json | head` after head has gone: no traceback, and an
    exit status that does not claim success."""
    text = (repo / "brief" / "claims.yaml").read_text(encoding="utf-8")
    write_claims(repo / "brief", text.replace("The committee's recommendations are not", "The committee's "
                                              "recommendations are never", 1))  # something for fix to print
    # A real process: the closed pipe is a file descriptor, and exit 141 is the process's status.
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        result = subprocess.run([sys.executable, "-m", "briefing", *args], cwd=repo / "brief", stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(write_end)
    assert result.returncode == 141 and result.stderr == "", result.stderr


def test_output_paths_are_refused_before_any_work(repo: Path):
    brief = repo / "brief"
    claims = (brief / "claims.yaml").read_bytes()
    source = (brief / SOURCE).read_bytes()
    cases = {
        ("build", "--output", "claims.yaml"): "claims.yaml: refusing to write over the claims file",
        ("build", "--html", SOURCE): f"{SOURCE}: refusing to write over source 'voa'",
        ("build", "--output", "seeds"): "seeds: cannot write: it is a folder",
        ("build", "--output", "claims.yaml/b.pdf"): "claims.yaml/b.pdf: cannot write: claims.yaml is not a folder",
        ("build", "--output", "x.pdf", "--html", "x.pdf"): "x.pdf: the PDF and the HTML cannot be the same file",
        ("check", "--format", "sarif", "--output-file", SOURCE): f"{SOURCE}: refusing to write over source 'voa'",
        ("check", "--output-file", "claims.yaml"): "claims.yaml: refusing to write over the claims file",
    }
    for args, message in cases.items():
        result = run_cli(*args, cwd=brief)
        assert result.returncode == 2, args
        assert result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1, (args, result.stderr)
        assert result.stdout == "", args  # nothing verified, nothing rendered
    assert (brief / "claims.yaml").read_bytes() == claims and (brief / SOURCE).read_bytes() == source
    assert sorted(p.name for p in brief.iterdir()) == ["claims.yaml", "seeds"]


def test_build_prints_warnings_as_check_does(repo: Path):
    brief = repo / "brief"
    result = run_cli("build", "--output", "out/b.pdf", cwd=brief)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(SLIP_WARNING) and lines[1:] == ["wrote out/b.pdf",
                                                              "2 citations verified against 1 sources"]
    assert (brief / "out" / "b.pdf").read_bytes().startswith(b"%PDF-")
    quiet = run_cli("build", "-q", "--output", "out/b.pdf", cwd=brief)
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_a_pdf_built_from_the_repository_root_audits_clean_from_its_own_folder(repo: Path):
    build = run_cli("build", "-q", "--claims", "brief/claims.yaml", cwd=repo)
    assert (build.returncode, build.stdout) == (0, "")
    assert (repo / "brief" / "build" / "briefing.pdf").is_file()
    # the record's paths were printed from the root; the audit reads them from brief/
    audit = run_cli("audit", "build/briefing.pdf", cwd=repo / "brief")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "matches its record: 2 quotations re-verified" in audit.stdout


def test_watch_prints_warnings_as_check_does(repo: Path):
    # A real process: watch runs until it is stopped, and its output is read while it runs.
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--no-pdf", "--interval", "0.1"],
                            cwd=repo / "brief", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line.rstrip("\n"))
            if line.startswith("[watch] 2 citations"):
                break
        assert lines[-1] == "[watch] 2 citations: 2 verified, 0 failed; 0 errors, 1 warning", lines
        assert lines[-2].startswith(SLIP_WARNING), lines
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_changed_source_is_one_error_that_names_briefing_lock(repo: Path):
    brief = repo / "brief"
    sha = hashlib.sha256((brief / SOURCE).read_bytes()).hexdigest()
    text = SLIP.replace("    title: VOA article\n", f"    title: VOA article\n    sha256: {sha}\n")
    # the figure is backed by a quote of the changed source: it must not become an error of its own
    text = text.replace("text: The recommendations do not bind China.",
                        "text: The committee, set up in 1987, makes recommendations that do not bind China.")
    text += ("          - source: voa\n            quote: \"The committee's recommendations are always binding\"\n"
             "          - source: voa\n            quote: \"The committee was established in 1987\"\n")
    write_claims(brief, text)
    before = json.loads(run_cli("check", "--format", "json", cwd=brief).stdout)
    assert [r["status"] for r in before["citations"]] == ["verified", "verified", "failed", "verified"]
    source = brief / SOURCE
    source.write_bytes(source.read_bytes().replace(b"Breaking News", b"Breaking news"))
    result = run_cli("check", "--format", "json", cwd=brief)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    [changed] = data["problems"]
    assert changed["code"] == "source-changed" and changed["location"]["line"] == 6 and changed["source"] == "voa"
    assert "`briefing lock`" in changed["suggestion"] and "4 quotes" in changed["suggestion"]
    # no copy on each citation; each keeps its own verdict and findings, and nothing cascades
    assert [(r["status"], r["problems"]) for r in data["citations"]] == [
        (r["status"], r["problems"]) for r in before["citations"]]
    assert data["summary"]["errors"] == before["summary"]["errors"] + 1
    text_report = run_cli("check", cwd=brief).stdout
    assert text_report.count("source-changed") == 1
    assert run_cli("lock", "-q", cwd=brief).stdout == ""
    assert "source-changed" not in run_cli("check", cwd=brief).stdout
