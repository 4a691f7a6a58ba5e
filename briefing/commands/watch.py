"""``briefing watch``: check and rebuild on every save; print what changed in the verification."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.commands._common import EXIT_OK, add_claims_option


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("watch", help="re-check and rebuild on every save of claims, sources or templates",
                       description="Check (and build, when everything verifies) whenever the claims file, a "
                                   "source or a template changes. Stop with Ctrl-C.")
    add_claims_option(p)
    p.add_argument("--output", type=Path, default=None, metavar="PATH",
                   help="PDF path (default: build/briefing.pdf beside the claims file)")
    p.add_argument("--no-pdf", action="store_true", help="only check; do not build the PDF")
    p.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                   help="how often to look for changes (default: 0.5)")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.check import run_check
    from briefing.commands.build import build_outputs
    from briefing.report.common import summary_line
    from briefing.watch import watch

    def say(line: str) -> None:
        print(line, flush=True)

    def once():
        loaded, sources, report = run_check(args.claims, str(args.claims))
        paths = [args.claims] + [s.path for s in sources.values()] + _template_files(loaded)
        built = ""
        if report.ok and not args.no_pdf:
            built = "; wrote " + ", ".join(str(p) for p in build_outputs(loaded, sources, report, args.output, None))
        return report, paths, f"[watch] {summary_line(report)}{built}"

    say(f"[watch] watching {args.claims}, its sources and templates; Ctrl-C stops")
    try:
        watch(args.claims, once, say, interval=max(args.interval, 0.05))
    except KeyboardInterrupt:
        say("[watch] stopped")
    return EXIT_OK


def _template_files(loaded) -> list[Path]:
    from briefing.render.html import templates_dir

    folder = templates_dir(loaded)
    return sorted(p for p in folder.iterdir() if p.is_file())
