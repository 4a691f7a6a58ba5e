"""The default, human format: one ``file:line:col: severity[code] message`` line per finding,
then the closest source passage and a word diff, and a one-line summary last."""

from __future__ import annotations

from briefing.findings import Finding
from briefing.report.common import summary_line
from briefing.verify import CitationResult, Report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "ok": "\033[32m", "dim": "\033[2m",
           "del": "\033[31m", "ins": "\033[32m", "reset": "\033[0m"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"{_COLORS[what]}{text}{_COLORS['reset']}" if color else text


def finding_line(f: Finding, color: bool = False) -> str:
    where = f"{f.location}: " if f.location else ""
    return f"{where}{_paint(f.severity.value, f.severity.value, color)}[{f.code}] {f.message}"


def citation_context(r: CitationResult, color: bool = False) -> list[str]:
    """For a failed citation: the closest source passage, the word diff and the fix, indented."""
    lines = []
    if r.closest is not None:
        c = r.closest
        lines.append(f"    closest passage: {c.source_id} {c.path}:{c.line}:{c.column}")
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


def finding_lines(report: Report, color: bool = False) -> list[str]:
    """Every finding, each failed citation followed by its closest passage and diff."""
    out: list[str] = []
    for r in report.results:
        for p in r.problems:
            out.append(finding_line(p, color))
        if r.errors:
            out.extend(citation_context(r, color))
    for f in report.findings:
        out.append(finding_line(f, color))
    return out


def render(report: Report, color: bool = False) -> str:
    out = finding_lines(report, color)
    out.append(_paint(summary_line(report), "ok" if report.ok else "error", color))
    return "\n".join(out) + "\n"
