"""``check --format json``: a fixed interface that outside tools read. Add keys; never rename them."""

from __future__ import annotations

import json

from briefing import __version__
from briefing.results import CitationResult, Report


def citation_dict(r: CitationResult) -> dict:
    first = r.placements[0] if r.placements else None
    return {
        "claim": r.ref.claim_id,
        "index": r.ref.index,
        "source": r.ref.source_id,
        "status": r.status,
        "match": r.match_kind,
        "edits": list(r.edits),
        "problems": [p.as_dict() for p in r.problems],
        "span": None if first is None or not r.verified else {
            "path": first.path, "start": first.start, "end": first.end,
            "line": first.line, "column": first.column},
        "locations": [p.as_dict() for p in r.placements] if r.verified else [],
        "quote": r.ref.quote,
        "speaker": r.ref.speaker,
        "display": first.printed if first and r.verified else None,
        "claims_location": {"path": r.ref.location.path, "line": r.ref.location.line,
                            "column": r.ref.location.column},
        "closest": r.closest.as_dict() if r.closest else None,
        "diff": r.diff,
    }


def report_dict(report: Report) -> dict:
    return {
        "version": __version__,
        "claims": report.claims_path,
        "claims_sha256": report.claims_sha256,
        "sources": [s.as_dict() for s in report.sources],
        "summary": {
            "citations": len(report.results),
            "verified": report.verified_count,
            "failed": len(report.results) - report.verified_count,
            "errors": report.error_count,
            "warnings": report.warning_count,
        },
        "citations": [citation_dict(r) for r in report.results],
        "problems": [f.as_dict() for f in report.findings],
        "figure_marks": [m.as_dict() for m in report.figure_marks],
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
