"""What several reporters share: findings paired with their citation, the summary line, and
the report that carries unusable input to the machine formats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.codes import INPUT_ERROR
from briefing.findings import Finding, Location, Severity
from briefing.results import CitationResult, Report


def findings_with_citations(report: Report) -> Iterator[tuple[Finding, CitationResult | None]]:
    """Every finding in file order of citations, then claim- and source-level ones."""
    for r in report.results:
        for f in r.problems:
            yield f, r
    for f in report.findings:
        yield f, None


def summary_line(report: Report) -> str:
    failed = len(report.results) - report.verified_count
    return (f"{_count(len(report.results), 'citation')}: {report.verified_count} verified, {failed} failed; "
            f"{_count(report.error_count, 'error')}, {_count(report.warning_count, 'warning')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def input_error_report(problems: list[str], claims: str) -> Report:
    """A report with no citations and one ``input-error`` per problem, for the machine formats:
    a YAML typo then reaches CI as an annotation, not only as a line on stderr. A problem
    that starts with the claims file's path is located there (``claims.yaml:3:1: ...``)."""
    return Report(claims, (), tuple(_input_finding(p, claims) for p in problems))


def is_input_error(f: Finding) -> bool:
    return f.code == INPUT_ERROR


def _input_finding(problem: str, claims: str) -> Finding:
    location, message = None, problem
    if problem.startswith(f"{claims}:"):
        rest = problem[len(claims) + 1:]
        m = re.match(r"(\d+):(\d+): (.*)", rest, re.S)
        if m:
            location, message = Location(claims, int(m.group(1)), int(m.group(2))), m.group(3)
        else:  # the file as a whole
            location, message = Location(claims, 0, 0), rest.strip()
    return Finding(INPUT_ERROR, Severity.ERROR, message, location)  # the rule's help says what to do
