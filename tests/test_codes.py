"""The catalogue of finding codes (briefing/codes.py) is the one place a code is described: every
code emitted is in it, every code in it is emitted somewhere, and the rules doc's table of
failure codes is printed from it. Regenerate the table after changing an entry with:
    UPDATE_GOLDEN=1 python -m pytest -q tests/test_codes.py
"""

from __future__ import annotations

import ast
import os
import re
from typing import get_args

import pytest

from briefing import codes
from briefing.codes import CODE_PRIORITY, CODES, failure_table, finding
from briefing.findings import Location, Severity
from briefing.record.pages import PageCode
from tests.conftest import ROOT

RULES_DOC = ROOT / "docs" / "quotation-rules.md"
# codes catalogued for readers of old records and kept for their meaning, though nothing emits them now
RESERVED: set[str] = set()


def constant(code: str) -> str:
    return code.upper().replace("-", "_")


def referenced_constants() -> set[str]:
    """The names of ``briefing.codes`` that the rest of the package uses: ``codes.NAME`` and
    ``from briefing.codes import NAME``."""
    used: set[str] = set()
    for path in (ROOT / "briefing").rglob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                used.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == "briefing.codes":
                used.update(alias.name for alias in node.names)
    return used


def test_each_code_has_one_constant_and_one_entry():
    constants = {name: value for name, value in vars(codes).items() if name.isupper() and isinstance(value, str)
                 and not name.startswith("_")}
    assert {constant(code): code for code in CODES} == constants
    assert list(CODES) == list(get_args(codes.CodeName))


def test_every_catalogued_code_is_emitted_somewhere():
    emitted = {code for code in CODES if constant(code) in referenced_constants()} | set(get_args(PageCode))
    assert set(CODES) - emitted == RESERVED


def test_every_constant_the_package_names_is_catalogued():
    named = {name for name in referenced_constants() if name.isupper() and name not in ("CODES", "CODE_PRIORITY")}
    assert named and named <= {constant(code) for code in CODES}, named - {constant(code) for code in CODES}


def test_a_finding_takes_its_severity_message_and_fix_from_the_catalogue():
    here = Location("claims.yaml", 3, 5)
    empty = finding(codes.EMPTY_QUOTE, location=here)
    assert (empty.severity, empty.message, empty.suggestion) == (
        Severity.ERROR, "the quote has no words of the source outside its brackets", None)
    unneeded = finding(codes.FIGURE_MARK_UNNEEDED, "a message", here)
    assert (unneeded.severity, unneeded.suggestion) == (Severity.WARNING, "remove the mark")
    assert finding(codes.NOT_FOUND, "m", here, "do this").suggestion == "do this"  # the emitter's own wins
    with pytest.raises(ValueError, match="no fixed message"):
        finding(codes.NOT_FOUND, None, here)
    with pytest.raises(KeyError):
        finding("no-such-code", "m", here)  # type: ignore[arg-type]  # what mypy refuses, the catalogue refuses too


def test_every_edit_failure_has_a_rank_a_message_and_a_fix():
    """The verifier names a failure by its most serious edit and prints 'message head: details'."""
    assert CODE_PRIORITY == ("ellipsis-hides-negation", "negation-changed", "number-changed", "name-changed",
                             "splice", "word-changed", "punctuation-changed", "too-many-slips")
    for code in CODE_PRIORITY:
        assert CODES[code].message and CODES[code].fix, code


def test_no_emitter_repeats_a_catalogued_help_or_fix():
    """A fixed suggestion is written once, in its code's entry: no other module spells one out."""
    catalogued = {text.casefold().rstrip(".") for c in CODES.values() for text in (c.help, c.fix) if text}
    repeated = []
    for path in (ROOT / "briefing").rglob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    node.value.casefold().rstrip(".") in catalogued:
                repeated.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert repeated == []


def test_the_rules_doc_table_is_the_catalogue_s():
    text = RULES_DOC.read_text(encoding="utf-8")
    table = re.search(r"^\| code \| example \| \|\n(?:\|.*\n)+", text, re.M)
    assert table is not None
    if os.environ.get("UPDATE_GOLDEN"):
        RULES_DOC.write_text(text.replace(table.group(), failure_table()), encoding="utf-8")
        text = RULES_DOC.read_text(encoding="utf-8")
        table = re.search(r"^\| code \| example \| \|\n(?:\|.*\n)+", text, re.M)
        assert table is not None
    assert table.group() == failure_table()
    # every failure of a single quote has its row, and every row is a catalogued code
    rows = re.findall(r"^\| `([a-z-]+)` \|", table.group(), re.M)
    assert rows == [c.name for c in CODES.values() if c.example]
    assert set(CODE_PRIORITY) <= set(rows)
