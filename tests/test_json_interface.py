"""``check --format json`` is a fixed interface: these keys and shapes are promised to outside tools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, write_claims

CLAIMS = """title: Interface
sources:
  voa:
    path: seeds/000_89247fba3eac04d8.txt
    title: VOA
  rfa:
    path: seeds/002_900f55720112a6a4.txt
    title: RFA
sections:
  - title: One
    claims:
      - id: first
        text: The recommendations are not binding.
        citations:
          - source: voa
            quote: "The committee’s recommendations are not binding"
          - source: voa
            quote: "The committee's recommendations are binding."
      - id: second
        text: Refugees were taken across the river.
        citations:
          - source: voa
            quote: "taken across the Yalu River"
          - source: rfa
            quote: "As many as 60,000 North Koreans remain in China"
"""


@pytest.fixture
def report(project: Path) -> tuple[int, dict]:
    write_claims(project, CLAIMS)
    result = run_cli("check", "--format", "json", cwd=project)
    return result.returncode, json.loads(result.stdout)


def test_one_entry_per_citation_in_file_order(report):
    code, data = report
    assert code == 1
    rows = data["citations"]
    assert [(r["claim"], r["index"], r["source"], r["status"]) for r in rows] == [
        ("first", 0, "voa", "verified"), ("first", 1, "voa", "failed"),
        ("second", 0, "voa", "failed"), ("second", 1, "rfa", "verified")]
    assert data["summary"] == {"citations": 4, "verified": 2, "failed": 2, "errors": 2, "warnings": 0}


def test_verified_rows_carry_a_span_and_match_kind(report, project: Path):
    rows = report[1]["citations"]
    span = rows[0]["span"]
    text = (project / span["path"]).read_text(encoding="utf-8")
    assert text[span["start"]:span["end"]] == "The committee's recommendations are not binding"
    line = text.count("\n", 0, span["start"]) + 1
    assert (span["line"], span["column"]) == (line, span["start"] - text.rfind("\n", 0, span["start"]))
    assert rows[0]["match"] == "normalized" and rows[0]["problems"] == []
    assert rows[3]["match"] == "exact"


def test_failed_rows_have_null_span_codes_and_claims_location(report):
    rows = report[1]["citations"]
    negation, elsewhere = rows[1], rows[2]
    assert negation["span"] is None
    assert [p["code"] for p in negation["problems"]] == ["negation-changed"]
    assert {"code", "severity", "message"} <= set(negation["problems"][0])
    assert negation["claims_location"] == {"path": "claims.yaml", "line": 18, "column": 20}
    assert negation["closest"]["source"] == "voa" and "not binding" in negation["closest"]["text"]
    assert "{+not+}" in negation["diff"]
    assert elsewhere["problems"][0]["code"] == "wrong-source"
    assert elsewhere["problems"][0]["found_in"] == "rfa"
    assert "rfa" in elsewhere["problems"][0]["message"]


def test_check_does_not_import_weasyprint(project: Path):
    code = ("import sys; from briefing.cli import main; rc = main(['check']); "
            "sys.exit(10 if 'weasyprint' in sys.modules else rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shared_contract_check_holds():
    script = ROOT.parent / "shared" / "contract_check.py"
    if not script.exists():
        pytest.skip("../shared/contract_check.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stdout


PINNED = """title: Pins
sources:
  voa:
    path: seeds/000_89247fba3eac04d8.txt
    title: VOA
    sha256: {sha}
sections:
  - title: One
    claims:
      - id: c1
        text: {text}
        citations:
          - source: voa
            quote: "The committee was established in 1987"
"""


def test_a_pinned_source_that_changes_fails_with_source_changed(project: Path):
    import hashlib
    source = project / "seeds" / "000_89247fba3eac04d8.txt"
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    write_claims(project, PINNED.format(sha=sha, text="Set up in 1987."))
    assert run_cli("check", cwd=project).returncode == 0
    source.write_bytes(source.read_bytes().replace(b"Breaking News", b"Breaking news"))
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    # one error, at the pin, for the source; the citation keeps its own verdict on the new text
    assert data["citations"][0]["status"] == "verified" and data["citations"][0]["problems"] == []
    changed = data["problems"][0]
    assert (changed["code"], changed["source"], changed["location"]["line"]) == ("source-changed", "voa", 6)
    assert "`briefing lock`" in changed["suggestion"]
    assert data["summary"]["errors"] == 1


def test_a_figure_in_a_claim_must_be_in_its_quotes(project: Path):
    import hashlib
    sha = hashlib.sha256((project / "seeds" / "000_89247fba3eac04d8.txt").read_bytes()).hexdigest()
    write_claims(project, PINNED.format(sha=sha, text="Set up in 1978, with seven members."))
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "claims.yaml:11:15: error[figure-unsupported] claim 'c1' states '1978'" in result.stdout
    assert "states 'seven'" in result.stdout
