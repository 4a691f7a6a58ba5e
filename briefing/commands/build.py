"""``briefing build``: verify, then render the PDF (and optionally HTML). Nothing is written
unless every citation verifies."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, add_claims_option, use_color


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("build", help="verify, then render the PDF briefing",
                       description="Verify every citation, then render the PDF. Writes nothing if any fails.")
    add_claims_option(p)
    p.add_argument("--output", type=Path, default=None, metavar="PATH",
                   help="PDF path (default: build/briefing.pdf beside the claims file)")
    p.add_argument("--html", type=Path, default=None, metavar="PATH",
                   help="also write the briefing as one self-contained HTML file")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.check import run_check
    from briefing.report import text

    loaded, sources, report = run_check(args.claims, str(args.claims))
    if not report.ok:
        sys.stdout.write(text.render(report, color=use_color()))
        print("briefing: not building: fix the findings above first (no PDF written)", file=sys.stderr)
        return EXIT_FINDINGS
    for path in build_outputs(loaded, sources, report, args.output, args.html):
        print(f"wrote {path}")
    print(f"{report.verified_count} citations verified against {len(sources)} sources")
    return EXIT_OK


def build_outputs(loaded, sources, report, output: Path | None, html: Path | None) -> list[Path]:
    from briefing.render import render_briefing  # WeasyPrint is imported only to build

    return render_briefing(loaded, sources, report, output or default_output(loaded), html_path=html)


def default_output(loaded) -> Path:
    return loaded.path.parent / "build" / "briefing.pdf"
