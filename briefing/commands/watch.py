"""``briefing watch``: check and rebuild on every save; print what changed in the verification."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.commands._common import (
    EXIT_OK,
    Subparsers,
    add_claims_option,
    add_strict_option,
    claims_file,
    passed,
    verbosity,
)

if TYPE_CHECKING:
    from briefing.results import Report


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("watch", help="re-check and rebuild on every save of claims, sources or templates",
                       description="Check (and build, when everything verifies) whenever the claims file, a "
                                   "source or a template changes. Stop with Ctrl-C.")
    add_claims_option(p)
    p.add_argument("--output", type=Path, default=None, metavar="PATH",
                   help="PDF path (default: build/briefing.pdf beside the claims file)")
    p.add_argument("--no-pdf", action="store_true", help="only check; do not build the PDF")
    p.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                   help="how often to look for changes (default: 0.5)")
    add_strict_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.build import build_outputs, check_outputs, default_output, file_state, rendered_from
    from briefing.check import load_project, run_check
    from briefing.formats.common import summary_line
    from briefing.formats.text import finding_line
    from briefing.render.html import template_files
    from briefing.watch import watch

    def say(line: str) -> None:
        print(line, flush=True)

    claims, display = claims_file(args)
    detail = verbosity(args)
    last_pdf: dict[Path, tuple[str, tuple[int, int, int] | None]] = {}  # output -> what it was rendered from

    def once() -> tuple[Report, list[Path], list[str]]:
        project = load_project(claims, display)
        output = args.output or default_output(project[0])
        if not args.no_pdf:
            check_outputs(project, [output])
        loaded, sources, report = run_check(claims, display, project=project)
        paths = [claims] + [s.path for s in sources.values()] + template_files(loaded)
        # warnings such as slip, as check prints them (failures are in the changes above them)
        lines = [finding_line(f) for f in report.all_findings if not f.is_error and (detail != "quiet" or args.strict)]
        built = ""
        if passed(report, args.strict) and not args.no_pdf:
            key = rendered_from(loaded, sources, output)
            if last_pdf.get(output) == (key, file_state(output)):
                built = f"; {output} is up to date (nothing it shows changed)"
            else:
                built = "; wrote " + ", ".join(str(p) for p in build_outputs(loaded, sources, report, output, None))
                last_pdf[output] = (key, file_state(output))
        strict = " (--strict: warnings fail)" if args.strict and report.warning_count else ""
        return report, paths, [*lines, f"[watch] {summary_line(report)}{strict}{built}"]

    say(f"[watch] watching {display}, its sources and templates; Ctrl-C stops")
    try:
        watch(claims, once, say, interval=max(args.interval, 0.05))
    except KeyboardInterrupt:
        say("[watch] stopped")
    return EXIT_OK

