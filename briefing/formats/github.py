"""``--format github``: GitHub Actions workflow commands, one ``::error``/``::warning`` per finding.

GitHub shows at most 10 annotations of each kind per step, so ``step_summary`` also gives
the full list as a Markdown table for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from briefing.formats.common import findings_with_citations, is_input_error, summary_line
from briefing.results import Report


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, color: bool = False) -> str:
    lines = []
    for f, result in findings_with_citations(report):
        props = []
        if f.location is not None:
            props.append(f"file={escape_property(f.location.path)}")
            if f.location.line > 0:
                props += [f"line={f.location.line}", f"col={f.location.column}"]
        props.append(f"title={escape_property(f'briefing: {f.code}')}")
        message = f.message
        if result is not None and result.diff and f.is_error:
            message += f"\ndiff: {result.diff}"
        if f.suggestion:
            message += f"\nfix: {f.suggestion}"
        lines.append(f"::{'error' if f.is_error else 'warning'} {','.join(props)}::{escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def step_summary(report: Report) -> str:
    """Markdown: a verdict heading and every finding in a table."""
    failed = len(report.results) - report.verified_count
    if any(is_input_error(f) for f in report.findings):
        verdict = "unusable input, nothing verified"
    else:
        verdict = (f"all {len(report.results)} citations verified" if report.ok
                   else f"{failed} of {len(report.results)} citations failed")
    out = [f"### briefing check: {verdict}", "", summary_line(report), ""]
    rows = list(findings_with_citations(report))
    if rows:
        out += ["| location | severity | code | message |", "| --- | --- | --- | --- |"]
        for f, _ in rows:
            out.append(f"| `{f.location or ''}` | {f.severity.value} | `{f.code}` | {_cell(f.message)} |")
    return "\n".join(out) + "\n\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
