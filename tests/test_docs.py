"""The README documents every command and every option, and the rules doc every finding code."""

from __future__ import annotations

import argparse
import re

from briefing.cli import parser
from briefing.codes import CODES
from tests.conftest import ROOT


def reference_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Command reference")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else None]


def commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_and_option_is_in_the_command_reference():
    section = reference_section()
    missing = []
    for name, command in commands().items():
        if not re.search(rf"^### `briefing {name}\b", section, re.M):
            missing.append(f"command {name}")
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help") and not re.search(rf"`{re.escape(option)}\b", section):
                    missing.append(f"{name} {option}")
            if not action.option_strings:  # a positional argument, named in upper case (PDF, PHRASE, DIR)
                label = (action.metavar if isinstance(action.metavar, str) else action.dest).upper()
                if label not in section:
                    missing.append(f"{name} argument {label}")
    assert not missing, f"undocumented in README's command reference: {missing}"


def test_every_output_format_has_an_example_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fmt in ("text", "json", "github", "junit", "sarif"):
        assert f"--format {fmt}" in readme, fmt


def test_every_finding_code_is_explained_in_the_rules_doc():
    rules = (ROOT / "docs" / "quotation-rules.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in rules] == []


def test_every_code_the_verifier_can_emit_is_in_the_catalogue():
    emitted = set()
    for path in (ROOT / "briefing").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        emitted |= set(re.findall(r'(?:Finding|_error)\(\s*(?:ref,\s*)?"([a-z-]+)"', source))
        emitted |= set(re.findall(r'Edit\("([a-z-]+)", False', source))
    assert emitted and emitted <= set(CODES), emitted - set(CODES)
