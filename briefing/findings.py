"""Findings are plain data: where, what code, how bad, what to do. Only the CLI maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the catalogue imports this module; a finding's code is one of its names
    from briefing.codes import CodeName


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column; line 0 means the file as a whole."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line > 0 else self.path


class CitationId(NamedTuple):
    """A citation's identity: its place in the claims file, section, claim and citation, each
    counted from 0 in file order. Made once where the claims file is loaded, carried by the
    citation's result to every report and the PDF, so results are looked up by it, never paired
    with citations by their position in a list."""

    section: int
    claim: int
    citation: int

    def yaml_path(self) -> tuple[str | int, ...]:
        """The keys and indices that lead to the citation in the YAML document."""
        return ("sections", self.section, "claims", self.claim, "citations", self.citation)


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``, as editors and YAML count
    them: a line ends at LF, CR LF or a lone CR, and a byte-order mark takes no column."""
    line = text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset) + 1
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    bom = 1 if start == 0 and offset > 0 and text.startswith("\ufeff") else 0
    return line, offset - start + 1 - bom


@dataclass(frozen=True)
class Finding:
    """One problem with a citation, a claim or a source. Made with ``codes.finding``, which takes
    its severity and any fixed message or suggestion from the code's catalogue entry."""

    code: CodeName
    severity: Severity
    message: str
    location: Location | None = None
    suggestion: str | None = None
    details: dict = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict:
        out: dict[str, object] = {"code": self.code, "severity": self.severity.value, "message": self.message}
        if self.location is not None:
            out["location"] = {"path": self.location.path, "line": self.location.line,
                               "column": self.location.column}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        out.update(self.details)
        return out
