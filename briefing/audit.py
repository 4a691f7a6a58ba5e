"""``briefing audit PDF``: does a built briefing still hold?

A PDF from ``build`` carries the claims file it was built from and its verification record (see
``briefing.record``), which also says what each page shows. The audit reads them back, checks
that they belong together, that every page still shows what the build printed, and verifies the
claims again against the sources on disk. Anything that no longer agrees is a finding: the
claims do not match the record, a page was edited, swapped, blanked or cannot be read, a
source's bytes changed, a quote no longer verifies or is now found somewhere else.

The PDF is untrusted: it is read only if it is a regular file of a bounded size, the record
is validated field by field before use, and sources are read only under ``--root`` or the
current folder, never from a folder the record names elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import codes
from briefing.check import run_check
from briefing.codes import CODES, CodeName
from briefing.exceptions import InputError
from briefing.files import read_input
from briefing.findings import Finding, Location
from briefing.record.verification import CLAIMS_ATTACHMENT, RECORD_ATTACHMENT, Record, parse_record
from briefing.results import Report
from briefing.spec.yaml_read import MAX_CLAIMS_BYTES

if TYPE_CHECKING:
    from briefing.record.pages import PageRead, UnreadablePage

MAX_PDF_BYTES = 512 * 1024 * 1024


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


@dataclass(frozen=True)
class _Contents:
    claims: bytes
    record: Record
    pages: list[PageRead | UnreadablePage]
    active: list[str]  # scripts, form fields, layers: what a build never writes


def audit_pdf(pdf: Path, root: Path | None = None, display: str | None = None) -> AuditResult:
    """Raises InputError when the PDF or the sources cannot be read at all. Sources are read
    relative to ``root``; by default, the folder of the claims file the record names when that
    folder lies inside the current folder and holds it (as when the build ran from here),
    else the current folder."""
    display = display or str(pdf)
    contents = _read_pdf(read_input(pdf, display, MAX_PDF_BYTES, "PDF"), display)
    record = contents.record
    if root is None:
        root = default_root(record.claims)
    try:
        # pins are not consulted: the record holds every source's hash, pinned or not
        _, _, report = run_check(root / CLAIMS_ATTACHMENT, f"{display}[{CLAIMS_ATTACHMENT}]", raw=contents.claims,
                                 pins=False)
    except InputError as err:
        raise InputError([*err.problems, f"{display}: sources are read relative to {os.path.abspath(root)} "
                                         "(change it with --root)"]) from None
    findings: list[Finding] = []
    if record.claims_sha256 != report.claims_sha256:
        findings.append(_error(codes.CLAIMS_MISMATCH, f"the embedded {CLAIMS_ATTACHMENT} (sha256 "
                               f"{report.claims_sha256}) is not the file the verification record was made from "
                               f"(sha256 {record.claims_sha256})", display))
    findings += _page_drift(contents, display)
    findings += _source_drift(record, report, display)
    findings += _citation_drift(record, report, display)
    return AuditResult(display, tuple(findings), report)


def default_root(recorded: str) -> Path:
    """The folder of the claims file a record names, if it is a folder inside the current one
    that holds a file of that name; else the current folder. A record is untrusted: it never
    leads the audit outside the folder it runs in."""
    written = Path(recorded)
    if written.is_absolute() or ".." in written.parts:
        return Path(".")
    try:
        here = Path.cwd().resolve()
        if (written.parent / written.name).is_file() and written.parent.resolve().is_relative_to(here):
            return written.parent
    except (OSError, ValueError, RuntimeError):  # too long, a NUL byte, a symlink loop
        pass
    return Path(".")


def _read_pdf(data: bytes, display: str) -> _Contents:
    # only the audit and the build read PDFs
    from briefing.record.pages import active_content, briefing_limits, open_pdf, read_pages

    try:
        with briefing_limits():  # a large briefing's structure tree is longer than pypdf's default allows
            reader = open_pdf(data)
            files: dict[str, bytes] = {}
            for attached in reader.attachment_list:
                if attached.name in (CLAIMS_ATTACHMENT, RECORD_ATTACHMENT) and attached.name not in files:
                    files[attached.name] = attached.content
            pages = read_pages(reader)
            active = active_content(reader)
    except RecursionError:
        raise InputError([f"{display}: not a readable PDF (its objects nest too deeply)"]) from None
    except Exception as err:  # noqa: BLE001 - a hostile PDF fails pypdf in many ways; each is one line
        raise InputError([f"{display}: not a readable PDF ({type(err).__name__}: {err})"[:500]]) from None
    missing = [n for n in (CLAIMS_ATTACHMENT, RECORD_ATTACHMENT) if n not in files]
    if missing:
        raise InputError([f"{display}: no embedded {' or '.join(missing)}: "
                          "only a PDF written by `briefing build` can be audited"])
    if len(files[CLAIMS_ATTACHMENT]) > MAX_CLAIMS_BYTES:
        raise InputError([f"{display}: the embedded {CLAIMS_ATTACHMENT} is {len(files[CLAIMS_ATTACHMENT]):,} bytes, "
                          f"over the {MAX_CLAIMS_BYTES:,}-byte limit for a claims file"])
    return _Contents(files[CLAIMS_ATTACHMENT], parse_record(files[RECORD_ATTACHMENT], display), pages, active)


def _page_drift(contents: _Contents, display: str) -> list[Finding]:
    """Every page as the build wrote it, and nothing a build never writes."""
    from briefing.record.pages import PageRecord, compare_pages

    out = [_error(codes.DOCUMENT_CHANGED, f"the PDF holds {what}, which `briefing build` never writes: it can change "
                  "what a reader sees", display) for what in contents.active]
    if contents.record.pages is None:
        return [*out, _error(codes.PAGES_UNRECORDED, None, display)]
    built = [PageRecord(p.sha256, p.resources, p.text) for p in contents.record.pages]
    return out + [_error(problem.code, problem.message, display) for problem in compare_pages(built, contents.pages)]


def _source_drift(record: Record, report: Report, display: str) -> list[Finding]:
    recorded = {s.id: s for s in record.sources}
    out = []
    for now in report.sources:
        then = recorded.get(now.id)
        if then is None:
            out.append(_error(codes.SOURCE_CHANGED, f"source '{now.id}' ({now.path}) is not in the verification record",
                              display, "rebuild the PDF"))
        elif then.sha256 != now.sha256:
            out.append(_error(codes.SOURCE_CHANGED, f"source '{now.id}' ({now.path}) is not the file the PDF was "
                              f"verified against: sha256 is now {now.sha256}, the record says {then.sha256}",
                              display, "compare the file with its original, or rebuild and re-review the PDF"))
        elif then.text_sha256 is not None and then.text_sha256 != now.text_sha256:
            now_read, then_read = _reading(now.reader, now.library_version), _reading(then.reader, then.library_version)
            out.append(_error(codes.EXTRACTION_CHANGED, f"source '{now.id}' ({now.path}) is the file the PDF was "
                              f"verified against, but its text reads differently now: {now_read} gives text with "
                              f"sha256 {now.text_sha256}, the record says {then_read} gave {then.text_sha256}",
                              display))
    return out


def _reading(reader: str | None, version: str | None) -> str:
    return f"the {reader or 'text'} reader ({version or 'unknown version'})"


def _citation_drift(record: Record, report: Report, display: str) -> list[Finding]:
    """A quote that still verifies, but not where the record placed it. (A quote that no longer
    verifies is already in the fresh report, with its diff.)"""
    recorded = {(c.claim, c.index): c for c in record.citations}
    out = []
    for r in report.results:
        then = recorded.pop((r.ref.claim_id, r.ref.index), None)
        where = f"claim '{r.ref.claim_id}' quote {r.ref.index + 1}"
        if then is None:
            out.append(_error(codes.RECORD_MISMATCH, f"{where} is not in the verification record", display,
                              "rebuild the PDF"))
        elif r.verified:
            span, first = then.span, r.placements[0]
            # by source and offsets: paths are printed from where each command ran, which may differ
            if span is None or (then.source, span.start, span.end) != (first.source_id, first.start, first.end):
                said = f"{span.path}:{span.line}:{span.column}" if span else "it did not verify"
                out.append(_error(codes.RECORD_MISMATCH, f"{where} now verifies at {first.path}:{first.line}:"
                                  f"{first.column}, the record says {said}", display))
    for claim, index in recorded:
        out.append(_error(codes.RECORD_MISMATCH, f"the record lists claim '{claim}' quote {index + 1}, "
                          "which the embedded claims do not have", display, "rebuild the PDF"))
    return out


def _error(code: CodeName, message: str | None, display: str, suggestion: str | None = None) -> Finding:
    """A finding about the PDF as a whole; without a suggestion of its own, the code's help says what to do."""
    return codes.finding(code, message, Location(display, 0, 0), suggestion or CODES[code].fix or CODES[code].help)
