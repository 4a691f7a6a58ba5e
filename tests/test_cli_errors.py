"""Unusable input: exit 2, one line per problem naming file:line:col, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli, write_claims

GOOD = """title: T
sources:
  voa:
    path: seeds/000_89247fba3eac04d8.txt
    title: VOA article
sections:
  - title: S
    claims:
      - id: c1
        text: The recommendations do not bind China.
        citations:
          - source: voa
            quote: "The committee's recommendations are not binding."
"""


def assert_input_error(result, pattern: str):
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out
    assert re.search(pattern, result.stderr), result.stderr


def test_good_minimal_file_passes(project: Path):
    write_claims(project, GOOD)
    assert run_cli("check", cwd=project).returncode == 0


def test_yaml_syntax_error(project: Path):
    write_claims(project, GOOD.replace("sections:", "sections: [", 1))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:\d+:\d+: YAML error")


def test_unknown_source_id_with_suggestion(project: Path):
    write_claims(project, GOOD.replace("- source: voa", "- source: vao"))
    assert_input_error(run_cli("build", cwd=project), r"claims\.yaml:12:21: unknown source id 'vao'; did you mean 'voa'")
    assert not (project / "build").exists()


def test_missing_source_file(project: Path):
    write_claims(project, GOOD.replace("000_89247fba3eac04d8", "999_missing"))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:4:11: source 'voa': file .* does not exist")


def test_unknown_key_suggests_the_right_one(project: Path):
    write_claims(project, GOOD.replace("            quote:", "            quot:"))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:13:13: unknown key 'quot' .*did you mean 'quote'")


def test_duplicate_key(project: Path):
    write_claims(project, GOOD.replace("title: T\n", "title: T\ntitle: U\n"))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:2:1: YAML error: duplicate key")


def test_wrong_type_and_missing_field_are_all_reported(project: Path):
    body = GOOD.replace("title: S\n", "title: 5\n").replace("        text: The recommendations do not bind China.\n", "")
    write_claims(project, body)
    result = run_cli("check", cwd=project)
    assert_input_error(result, r"claims\.yaml:7:12: 'sections/0/title' must be a string, not a number")
    assert re.search(r"claims\.yaml:9:\d+: missing required key 'text'", result.stderr)
    assert len(result.stderr.strip().splitlines()) == 2


def test_duplicate_claim_id(project: Path):
    claim = GOOD[GOOD.index("      - id: c1"):]
    write_claims(project, GOOD + claim)
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:14:13: duplicate claim id 'c1' \(first used at line 9\)")


def test_top_level_must_be_a_mapping(project: Path):
    write_claims(project, "- just\n- a list\n")
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:1:1: the top level must be a mapping")


def test_empty_quote_and_empty_claims(project: Path):
    write_claims(project, GOOD.replace("quote: \"The committee's recommendations are not binding.\"", 'quote: "  "'))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:13:20: .*quote' must not be empty")
    write_claims(project, GOOD[:GOOD.index("    claims:")] + "    claims: []\n")
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:8:13: .*claims' must not be empty")


def test_missing_claims_file(tmp_path: Path):
    assert_input_error(run_cli("check", "--claims", "nope.yaml", cwd=tmp_path), r"nope\.yaml: no such file")


def test_source_outside_the_project_is_refused(project: Path):
    write_claims(project, GOOD.replace("seeds/000_89247fba3eac04d8.txt", "../outside.txt"))
    assert_input_error(run_cli("check", cwd=project), r"claims\.yaml:4:11: source 'voa': .*inside the project")


def test_non_utf8_source_names_the_byte(project: Path):
    (project / "seeds" / "bad.txt").write_bytes(b"caf\xe9 au lait")
    write_claims(project, GOOD.replace("seeds/000_89247fba3eac04d8.txt", "seeds/bad.txt"))
    assert_input_error(run_cli("check", cwd=project), r"not UTF-8: byte 3")


def test_usage_error_exits_2(project: Path):
    result = run_cli("check", "--format", "xml", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
