"""``briefing build``: verify, then render the PDF (and optionally HTML). Nothing is written
unless every citation verifies."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Subparsers,
    add_cache_option,
    add_claims_option,
    add_strict_option,
    claims_file,
    passed,
    use_color,
    verbosity,
)


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("build", help="verify, then render the PDF briefing",
                       description="Verify every citation, then render the PDF. Writes nothing if any fails.")
    add_claims_option(p)
    p.add_argument("--output", type=Path, default=None, metavar="PATH",
                   help="PDF path (default: build/briefing.pdf beside the claims file)")
    p.add_argument("--html", type=Path, default=None, metavar="PATH",
                   help="also write the briefing as one self-contained HTML file")
    add_strict_option(p)
    add_cache_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.build import build_outputs, check_outputs, default_output
    from briefing.check import load_project, run_check
    from briefing.formats import text

    claims, display = claims_file(args)
    project = load_project(claims, display)
    output = args.output or default_output(project[0])
    check_outputs(project, [output, args.html])  # refused now, not after a render of several seconds
    loaded, sources, report = run_check(claims, display, project=project, cache=not args.no_cache)
    detail, color = verbosity(args), use_color()
    if not passed(report, args.strict):
        sys.stdout.write(text.render(report, color, detail, args.strict))
        print("briefing: not building: fix the findings above first (no PDF written)", file=sys.stderr)
        return EXIT_FINDINGS
    for line in text.finding_lines(report, color, detail, args.strict):  # warnings such as slip, as check shows them
        print(line)
    written = build_outputs(loaded, sources, report, output, args.html)
    if detail != "quiet":
        for path in written:
            print(f"wrote {path}")
        print(f"{report.verified_count} citations verified against {len(sources)} sources")
    return EXIT_OK
