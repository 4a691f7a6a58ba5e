"""``briefing audit PDF``: re-verify a built briefing from the record it carries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, Subparsers, use_color, verbosity


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("audit", help="re-verify a built PDF against the sources on disk; exit 1 on any drift",
                       description="Check that a PDF from `briefing build` still matches its claims and sources.")
    p.add_argument("pdf", type=Path, help="a PDF written by `briefing build`")
    p.add_argument("--root", type=Path, default=None, metavar="DIR",
                   help="project folder the sources are read from (default: the claims file's folder as "
                        "recorded, if it exists here, else the current folder)")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.audit import audit_pdf
    from briefing.formats.text import finding_line, finding_lines

    result = audit_pdf(args.pdf, args.root)
    color, detail = use_color(), verbosity(args)
    for line in [finding_line(f, color) for f in result.findings] + finding_lines(result.report, color, detail):
        print(line)
    report = result.report
    if result.ok:
        if detail == "quiet":
            return EXIT_OK
        print(f"{result.pdf}: matches its record: {report.verified_count} quotations re-verified against "
              f"{len(report.sources)} sources; claims sha256 {report.claims_sha256}")
        return EXIT_OK
    print(f"{result.pdf}: does NOT match its record: {result.problem_count} problem(s) above", file=sys.stderr)
    return EXIT_FINDINGS
