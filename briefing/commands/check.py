"""``briefing check``: verify every citation; report in the format CI or a person reads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, add_claims_option, use_color
from briefing.exceptions import InputError

FORMAT_NAMES = ("text", "json", "github", "junit", "sarif")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="verify every citation; exit 1 on any finding",
                       description="Verify every citation. Exit 0 if all verify, 1 on findings, 2 on unusable input.")
    add_claims_option(p)
    p.add_argument("--format", choices=FORMAT_NAMES, default=None,
                   help="report format (default: $BRIEFING_FORMAT, else text)")
    p.add_argument("--output-file", type=Path, default=None, metavar="PATH",
                   help="write the report there (default: $BRIEFING_OUTPUT_FILE); stdout then gets the text report")
    p.add_argument("--suggest", action="store_true",
                   help="after each fixable finding, print the corrected quote or source (see `briefing fix`)")
    return p


def output_choice(args) -> tuple[str, Path | None]:
    """Options win over the environment; an unknown BRIEFING_FORMAT is a usage error."""
    fmt = args.format or os.environ.get("BRIEFING_FORMAT") or "text"
    if fmt not in FORMAT_NAMES:
        raise InputError([f"BRIEFING_FORMAT: unknown format '{fmt}' (choose from {', '.join(FORMAT_NAMES)})"])
    path = args.output_file or (Path(os.environ["BRIEFING_OUTPUT_FILE"]) if os.environ.get("BRIEFING_OUTPUT_FILE")
                                else None)
    return fmt, path


def run(args: argparse.Namespace) -> int:
    from briefing.check import run_check
    from briefing.files import write_output
    from briefing.progress import ProgressBar
    from briefing.report import FORMATS, github, text

    fmt, output_file = output_choice(args)
    bar = ProgressBar.for_terminal("verifying")
    try:
        loaded, _, report = run_check(args.claims, str(args.claims), progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if output_file is None:
        sys.stdout.write(FORMATS[fmt](report, color=use_color()))
    else:  # the file for machines, the text for the person watching
        write_output(output_file, FORMATS[fmt](report).encode("utf-8"))
        sys.stdout.write(text.render(report, color=use_color()))
    if args.suggest:
        from briefing.fixes import propose
        # beside the text report; never inside a machine format on stdout
        stream = sys.stdout if fmt == "text" or output_file is not None else sys.stderr
        for p in propose(loaded, report):
            print(f"{p.location}: suggest[{p.reason}] {p.field}: {p.yaml_value}", file=stream)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append(Path(os.environ["GITHUB_STEP_SUMMARY"]), github.step_summary(report))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as err:
        raise InputError([f"{path}: cannot append the step summary: {err.strerror or err}"]) from None
