"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF readers.

Every code in ``briefing.codes`` is a rule, with its description and help. A result's
``partialFingerprints`` hash the claim id, the quote and the code, never a line number,
so an alert survives edits elsewhere in the file and closes when the quote is fixed.
"""

from __future__ import annotations

import hashlib
import json

from briefing import __version__
from briefing.codes import CODES, describe
from briefing.findings import Finding
from briefing.report.common import findings_with_citations, source_uri
from briefing.verify import CitationResult, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "briefing/v1"
INFORMATION = "docs/quotation-rules.md"


def render(report: Report, color: bool = False) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report) -> dict:
    codes = list(CODES)
    results, seen = [], {}
    for f, result in findings_with_citations(report):
        if f.code not in codes:
            codes.append(f.code)
        results.append(_result(f, result, report, codes.index(f.code), seen))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "briefing",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(code) for code in codes],
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def _rule(code: str) -> dict:
    c = describe(code)
    return {
        "id": c.name,
        "name": "".join(part.capitalize() for part in c.name.split("-")),
        "shortDescription": {"text": c.description},
        "fullDescription": {"text": f"{c.description} {c.help}"},
        "help": {"text": c.help, "markdown": f"{c.help}\n\nSee `{INFORMATION}` for every quotation rule."},
        "defaultConfiguration": {"level": _level(c.severity.value)},
        "properties": {"tags": ["quotation"]},
    }


def _result(f: Finding, result: CitationResult | None, report: Report, rule_index: int, seen: dict) -> dict:
    message = f.message + (f" Fix: {f.suggestion}." if f.suggestion else "")
    out = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _level(f.severity.value),
        "message": {"text": message},
    }
    if f.location is not None:
        region = {"startLine": f.location.line, "startColumn": f.location.column} if f.location.line > 0 else None
        physical = {"artifactLocation": {"uri": f.location.path}}
        if region:
            physical["region"] = region
        out["locations"] = [{"physicalLocation": physical}]
    if result is not None and result.closest is not None:
        c = result.closest
        out["relatedLocations"] = [{
            "id": 1,
            "message": {"text": f"closest passage in source '{c.source_id}'"},
            "physicalLocation": {"artifactLocation": {"uri": source_uri(report, c.path)},
                                 "region": {"startLine": c.line, "startColumn": c.column,
                                            "snippet": {"text": c.text}}},
        }]
    out["partialFingerprints"] = {FINGERPRINT: _fingerprint(f, result, seen)}
    return out


def _fingerprint(f: Finding, result: CitationResult | None, seen: dict) -> str:
    """Claim id + quote + code for a citation; code + message for the rest. Repeats get an ordinal."""
    parts = (result.ref.claim_id, result.ref.quote, f.code) if result else (f.code, f.message)
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"
