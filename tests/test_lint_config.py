"""The project's own habits (issue 13): every rule ruff is told to leave out, and every finding
silenced in the code, says why. `.ci/run` runs ruff and mypy themselves; this keeps the reasons."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

RULE = re.compile(r'"([A-Z]+[0-9]+)"')
NOQA = re.compile(r"#\s*noqa(?::\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?(.*)$")
TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore(?:\[([a-z-]+(?:\s*,\s*[a-z-]+)*)\])?(.*)$")


def _ruff_ignore_lines() -> list[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lint = text.split("\n[tool.ruff.lint]\n", 1)[1].split("\n[", 1)[0]
    return lint.split("\nignore = [\n", 1)[1].split("\n]", 1)[0].splitlines()


def _bare_suppression(line: str) -> bool:
    """A ``# noqa`` or ``# type: ignore`` without its codes, or without a reason after them."""
    found = NOQA.search(line) or TYPE_IGNORE.search(line)
    if found is None:
        return False
    codes, reason = found.group(1), found.group(2).strip(" -():")
    return not codes or len(reason) < 3


def test_every_rule_ruff_ignores_has_a_comment_saying_why():
    lines = _ruff_ignore_lines()
    assert sum(len(RULE.findall(line)) for line in lines) >= 1  # the block was found and read
    unexplained = [line.strip() for k, line in enumerate(lines)
                   if RULE.search(line) and "#" not in line and not lines[k - 1].strip().startswith("#")]
    assert unexplained == []


def test_every_suppression_in_the_code_names_its_rule_and_says_why():
    assert _bare_suppression("x = 1  # noqa") and _bare_suppression("x = 1  # noqa: E501")
    assert _bare_suppression("x = f()  # type: ignore[arg-type]")
    assert not _bare_suppression("except Exception:  # noqa: BLE001 - the library raises anything")
    assert not _bare_suppression("x = f()  # type: ignore[arg-type]  # the stubs say str; it takes bytes")
    files = [p for folder in ("briefing", "tests", "benchmarks") for p in sorted((ROOT / folder).rglob("*.py"))
             if p.resolve() != Path(__file__).resolve()]  # this file's suppressions are examples
    bare = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in files
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if _bare_suppression(line)]
    assert bare == []
