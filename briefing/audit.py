"""``briefing audit PDF``: does a built briefing still hold?

A PDF from ``build`` carries the claims file it was built from and its verification record
(see ``briefing.record``). The audit reads both back, checks that they belong together, and
verifies the claims again against the sources on disk. Anything that no longer agrees is a
finding: the claims do not match the record, a source's bytes changed, a quote no longer
verifies or is now found somewhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from briefing.check import run_check
from briefing.exceptions import InputError
from briefing.findings import Finding, Location, Severity
from briefing.record import CLAIMS_ATTACHMENT, RECORD_ATTACHMENT
from briefing.verify import Report


@dataclass(frozen=True)
class AuditResult:
    pdf: str
    findings: tuple[Finding, ...]  # disagreements with the record
    report: Report  # the fresh verification of the embedded claims

    @property
    def problem_count(self) -> int:
        return len(self.findings) + self.report.error_count

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def audit_pdf(pdf: Path, root: Path | None = None, display: str | None = None) -> AuditResult:
    """Raises InputError when the PDF or the sources cannot be read at all. Sources are read
    relative to ``root``; by default, the folder of the claims file the record names, if it
    is there (as when the build ran from the same place), else the current folder."""
    display = display or str(pdf)
    claims_raw, record = _read_record(pdf, display)
    written = Path(str(record.get("claims") or CLAIMS_ATTACHMENT))
    if root is None:
        root = written.parent if written.is_file() else Path(".")
    try:
        # pins are not consulted: the record holds every source's hash, pinned or not
        _, _, report = run_check(root / written.name, f"{display}[{CLAIMS_ATTACHMENT}]", raw=claims_raw, pins=False)
    except InputError as err:
        raise InputError([*err.problems, f"{display}: sources are read relative to {root.resolve()} "
                                         "(change it with --root)"]) from None
    findings: list[Finding] = []
    if record.get("claims_sha256") != report.claims_sha256:
        findings.append(_error("claims-mismatch", f"the embedded {CLAIMS_ATTACHMENT} (sha256 {report.claims_sha256}) "
                               f"is not the file the verification record was made from (sha256 "
                               f"{record.get('claims_sha256')})", display,
                               "rebuild the PDF from the claims file it is meant to carry"))
    findings += _source_drift(record, report, display)
    findings += _citation_drift(record, report, display)
    return AuditResult(display, tuple(findings), report)


def _read_record(pdf: Path, display: str) -> tuple[bytes, dict]:
    import logging

    from pypdf import PdfReader  # only the audit reads PDFs
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings would repeat our one-line error

    try:
        attachments = PdfReader(pdf).attachments
        files = {name: attachments[name][0] for name in (CLAIMS_ATTACHMENT, RECORD_ATTACHMENT)
                 if attachments.get(name)}
    except FileNotFoundError:
        raise InputError([f"{display}: no such file"]) from None
    except (OSError, PyPdfError, ValueError, KeyError, TypeError) as err:
        raise InputError([f"{display}: not a readable PDF ({type(err).__name__}: {err})"]) from None
    missing = [n for n in (CLAIMS_ATTACHMENT, RECORD_ATTACHMENT) if n not in files]
    if missing:
        raise InputError([f"{display}: no embedded {' or '.join(missing)}: "
                          "only a PDF written by `briefing build` can be audited"])
    try:
        record = json.loads(files[RECORD_ATTACHMENT].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError([f"{display}: the embedded {RECORD_ATTACHMENT} is not valid JSON: {err}"]) from None
    if not isinstance(record, dict) or not isinstance(record.get("citations"), list):
        raise InputError([f"{display}: the embedded {RECORD_ATTACHMENT} is not a verification record"])
    return files[CLAIMS_ATTACHMENT], record


def _source_drift(record: dict, report: Report, display: str) -> list[Finding]:
    recorded = {s.get("id"): s for s in record.get("sources") or [] if isinstance(s, dict)}
    out = []
    for now in report.sources:
        then = recorded.get(now.id)
        if then is None:
            out.append(_error("source-changed", f"source '{now.id}' ({now.path}) is not in the verification record",
                              display, "rebuild the PDF"))
        elif then.get("sha256") != now.sha256:
            out.append(_error("source-changed", f"source '{now.id}' ({now.path}) is not the file the PDF was "
                              f"verified against: sha256 is now {now.sha256}, the record says {then.get('sha256')}",
                              display, "compare the file with its original, or rebuild and re-review the PDF"))
    return out


def _citation_drift(record: dict, report: Report, display: str) -> list[Finding]:
    """A quote that still verifies, but not where the record placed it. (A quote that no longer
    verifies is already in the fresh report, with its diff.)"""
    recorded = {(c.get("claim"), c.get("index")): c for c in record["citations"] if isinstance(c, dict)}
    out = []
    for r in report.results:
        then = recorded.pop((r.ref.claim_id, r.ref.index), None)
        where = f"claim '{r.ref.claim_id}' quote {r.ref.index + 1}"
        if then is None:
            out.append(_error("record-mismatch", f"{where} is not in the verification record", display,
                              "rebuild the PDF"))
        elif r.verified:
            span, first = then.get("span") or {}, r.placements[0]
            # by source and offsets: paths are printed from where each command ran, which may differ
            if (then.get("source"), span.get("start"), span.get("end")) != (first.source_id, first.start, first.end):
                out.append(_error("record-mismatch", f"{where} now verifies at {first.path}:{first.line}:"
                                  f"{first.column}, the record says {span.get('path')}:{span.get('line')}:"
                                  f"{span.get('column')}", display, "rebuild and re-review the PDF"))
    for claim, index in recorded:
        out.append(_error("record-mismatch", f"the record lists claim '{claim}' quote {(index or 0) + 1}, "
                          "which the embedded claims do not have", display, "rebuild the PDF"))
    return out


def _error(code: str, message: str, display: str, suggestion: str) -> Finding:
    return Finding(code, Severity.ERROR, message, Location(display, 0, 0), suggestion)
