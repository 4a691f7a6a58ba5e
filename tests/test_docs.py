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


def layout_entries() -> dict[str, bool]:
    """The paths the README's layout section names, each with whether the README lists what it
    holds: a name is a file or folder (``x.py``, ``x/``) at the start of a line, indented two
    spaces per level under its folder; deeper lines carry on a description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Layout")
    block = readme[readme.index("```", start) + 3:]
    block = block[:block.index("```")]
    entries: dict[str, bool] = {}
    parents: list[str] = []
    for line in block.splitlines():
        named = re.match(r"( *)([\w.-]+/|[\w.-]+\.\w+)(?:  |$)", line)
        if not named or len(named[1]) > 6:
            continue
        depth = len(named[1]) // 2
        assert len(named[1]) % 2 == 0 and depth <= len(parents), f"layout: misindented {line!r}"
        parents = parents[:depth]
        if parents:
            entries[parents[-1]] = True  # this folder's contents are listed
        path = (parents[-1] if parents else "") + named[2]
        entries.setdefault(path, False)
        if path.endswith("/"):
            parents.append(path)
    return entries


def test_every_module_the_readme_layout_names_exists():
    entries = layout_entries()
    assert "briefing/cli.py" in entries and "briefing/verify/" in entries, sorted(entries)
    missing = [path for path in entries if not (ROOT / path).exists()
               or (ROOT / path).is_dir() != path.endswith("/")]
    assert not missing, f"README's layout names what the tree no longer has: {missing}"


def test_the_readme_layout_lists_every_module_of_a_folder_it_opens():
    """A folder whose contents the layout lists (briefing/, verify/, render/, ...) lists all its
    modules and subpackages; one it names alone (commands/, formats/) says what they have in common."""
    entries = layout_entries()
    unlisted = []
    for folder, opened in entries.items():
        if not (opened and folder.startswith("briefing/")):
            continue
        for child in sorted((ROOT / folder).iterdir()):
            if child.name.startswith("_") or child.name.startswith("."):
                continue  # __init__, __main__, private helpers, caches
            if child.suffix == ".py" or (child / "__init__.py").exists():
                name = folder + child.name + ("/" if child.is_dir() else "")
                if name not in entries:
                    unlisted.append(name)
    assert not unlisted, f"README's layout leaves out: {unlisted}"


def test_the_readme_runs_the_suite_as_ci_does():
    """The set-up commands at the top of the README and .ci/run name the same pytest command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme[readme.index("```sh"):readme.index("```", readme.index("```sh") + 5)]
    in_readme = re.findall(r"python -m pytest[^#\n]*?(?=\s*(?:#|$))", first_block, re.M)
    in_ci = re.findall(r"^python -m pytest.*$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.M)
    assert len(in_readme) == 1 and in_ci == in_readme, (in_readme, in_ci)
    assert "--cov" in in_ci[0]  # coverage is reported on every run
