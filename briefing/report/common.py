"""What several reporters share: findings paired with their citation, and the summary line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from briefing.findings import Finding
from briefing.verify import CitationResult, Report


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


def source_uri(report: Report, source_path: str) -> str:
    """A source's path as seen from where the claims file was named (source paths are
    relative to the claims file; CI tools want paths relative to the checkout)."""
    return str(PurePosixPath(PurePosixPath(report.claims_path.replace("\\", "/")).parent, source_path))
