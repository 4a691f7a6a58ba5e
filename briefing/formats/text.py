"""The default, human format: one ``file:line:col: severity[code] message`` line per finding,
then the closest source passage and a word diff, and a one-line summary last.

``quiet`` keeps only what fails the run (errors; warnings too under --strict) and drops the
summary, so a clean run prints nothing; ``verbose`` adds a line for every verified citation."""

from __future__ import annotations

from typing import Literal

from briefing.findings import Finding
from briefing.formats.common import summary_line
from briefing.results import CitationResult, Passage, Report

Verbosity = Literal["quiet", "normal", "verbose"]

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "ok": "\033[32m", "dim": "\033[2m",
           "del": "\033[31m", "ins": "\033[32m", "reset": "\033[0m"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"{_COLORS[what]}{text}{_COLORS['reset']}" if color else text


def finding_line(f: Finding, color: bool = False) -> str:
    where = f"{f.location}: " if f.location else ""
    return f"{where}{_paint(f.severity.value, f.severity.value, color)}[{f.code}] {f.message}"


def place(p: Passage) -> str:
    """Where a passage is: ``path:line:col``, or in a paged source (a PDF) the page a reader turns
    to, ``report.pdf p. 12``."""
    return f"{p.path} p. {p.page}" if p.page is not None else f"{p.path}:{p.line}:{p.column}"


def citation_context(r: CitationResult, color: bool = False) -> list[str]:
    """For a failed citation: the closest source passage, the word diff and the fix, indented."""
    lines = []
    if r.closest is not None:
        c = r.closest
        lines.append(f"    closest passage: {c.source_id} {place(c)}")
        lines.append(f"      {_paint(chr(8220) + c.one_line + chr(8221), 'dim', color)}")
    if r.diff:
        diff = r.diff
        if color:
            diff = (diff.replace("[-", _COLORS["del"] + "[-").replace("-]", "-]" + _COLORS["reset"])
                    .replace("{+", _COLORS["ins"] + "{+").replace("+}", "+}" + _COLORS["reset"]))
        lines.append(f"    diff: {diff}")
    for p in r.problems:
        if p.suggestion and p.is_error:
            lines.append(f"    fix: {p.suggestion}")
            break
    return lines


def verified_line(r: CitationResult, color: bool = False) -> str:
    """``claims.yaml:20:20: verified[exact] claim 'c1' quote 1: voa seeds/a.txt:13:1``."""
    first = r.placements[0]
    edits = f" ({', '.join(r.edits)})" if r.edits else ""
    return (f"{r.ref.location}: {_paint('verified', 'ok', color)}[{r.match_kind}] claim '{r.ref.claim_id}' "
            f"quote {r.ref.index + 1}: {first.source_id} {place(first)}{edits}")


def finding_lines(report: Report, color: bool = False, verbosity: Verbosity = "normal",
                  strict: bool = False) -> list[str]:
    """Every finding, each failed citation followed by its closest passage and diff."""
    def shown(f: Finding) -> bool:
        return verbosity != "quiet" or f.is_error or strict

    out: list[str] = []
    for r in report.results:
        if verbosity == "verbose" and r.verified:
            out.append(verified_line(r, color))
        out.extend(finding_line(p, color) for p in r.problems if shown(p))
        if r.errors:
            out.extend(citation_context(r, color))
    out.extend(finding_line(f, color) for f in report.findings if shown(f))
    return out


def render(report: Report, color: bool = False, verbosity: Verbosity = "normal", strict: bool = False) -> str:
    out = finding_lines(report, color, verbosity, strict)
    if verbosity != "quiet":
        failing = not report.ok or (strict and report.warning_count)
        strict_note = " (--strict: warnings fail)" if strict and report.warning_count else ""
        out.append(_paint(summary_line(report) + strict_note, "error" if failing else "ok", color))
    return "".join(line + "\n" for line in out)
