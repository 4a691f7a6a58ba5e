"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF readers.

Every code in ``briefing.codes`` is a rule, with its description and help. A result's
``partialFingerprints`` hash the claim id, the quote and the code, never a line number,
so an alert survives edits elsewhere in the file and closes when the quote is fixed.

Paths are URIs relative to ``%SRCROOT%``, the folder briefing ran in (given as a file URI in
``originalUriBaseIds``): run from the repository root, they are what code scanning expects.
Unusable input (exit 2) is an ``input-error`` result where it is located, and a tool
execution notification of a run that did not complete.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from briefing import __version__
from briefing.codes import CODES, describe
from briefing.findings import Finding, Location
from briefing.formats.common import findings_with_citations, is_input_error
from briefing.results import CitationResult, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "briefing/v1"
INFORMATION = "docs/quotation-rules.md"
BASE = "%SRCROOT%"


def render(report: Report, color: bool = False) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report) -> dict:
    codes = list(CODES)
    results, notifications = [], []
    seen: dict[str, int] = {}  # fingerprint digest -> how often it came up
    for f, result in findings_with_citations(report):
        if f.code not in codes:
            codes.append(f.code)
        results.append(_result(f, result, codes.index(f.code), seen))
        if is_input_error(f):
            notifications.append(_notification(f))
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
            "invocations": [{"executionSuccessful": not notifications,
                             **({"toolExecutionNotifications": notifications} if notifications else {})}],
            "originalUriBaseIds": {BASE: {"uri": _folder_uri(Path.cwd())}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def artifact(path: str) -> dict:
    """A path as briefing prints it (relative to the current folder, or absolute) as a SARIF
    artifactLocation: a relative URI under %SRCROOT%, or a file URI."""
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace("\\", "/")), "uriBaseId": BASE}


def _folder_uri(folder: Path) -> str:
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"  # a base URI names a folder with a final slash


def _physical(location: Location) -> dict:
    physical: dict = {"artifactLocation": artifact(location.path)}
    if location.line > 0:
        physical["region"] = {"startLine": location.line, "startColumn": location.column}
    return physical


def _notification(f: Finding) -> dict:
    out: dict = {"level": "error", "message": {"text": f.message}, "associatedRule": {"id": f.code}}
    if f.location is not None:
        out["locations"] = [{"physicalLocation": _physical(f.location)}]
    return out


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


def _result(f: Finding, result: CitationResult | None, rule_index: int, seen: dict[str, int]) -> dict:
    message = f.message + (f" Fix: {f.suggestion}." if f.suggestion else "")
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _level(f.severity.value),
        "message": {"text": message},
    }
    if f.location is not None:
        out["locations"] = [{"physicalLocation": _physical(f.location)}]
    if result is not None and result.closest is not None:
        c = result.closest
        out["relatedLocations"] = [{
            "id": 1,
            "message": {"text": f"closest passage in source '{c.source_id}'"},
            "physicalLocation": {"artifactLocation": artifact(c.path),
                                 "region": {"startLine": c.line, "startColumn": c.column,
                                            "snippet": {"text": c.text}}},
        }]
    out["partialFingerprints"] = {FINGERPRINT: _fingerprint(f, result, seen)}
    return out


def _fingerprint(f: Finding, result: CitationResult | None, seen: dict[str, int]) -> str:
    """Claim id + quote + code for a citation; code + message for the rest. Repeats get an ordinal."""
    parts = (result.ref.claim_id, result.ref.quote, f.code) if result else (f.code, f.message)
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"
