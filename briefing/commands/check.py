"""``briefing check``: verify every citation; report in the format CI or a person reads."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.commands._common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
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
from briefing.exceptions import InputError
from briefing.formats import FORMATS

if TYPE_CHECKING:
    from briefing.results import Report

def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="verify every citation; exit 1 on any finding",
                       description="Verify every citation. Exit 0 if all verify, 1 on findings, 2 on unusable input.")
    add_claims_option(p)
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help="report format (default: $BRIEFING_FORMAT, else text)")
    p.add_argument("--output-file", type=Path, default=None, metavar="PATH",
                   help="write the report there (default: $BRIEFING_OUTPUT_FILE); stdout then gets the text report")
    p.add_argument("--suggest", action="store_true",
                   help="after each fixable finding, print the corrected quote or source (see `briefing fix`)")
    add_strict_option(p)
    add_cache_option(p)
    return p


def output_choice(args: argparse.Namespace) -> tuple[str, Path | None]:
    """Options win over the environment; an unknown BRIEFING_FORMAT is a usage error."""
    fmt = args.format or os.environ.get("BRIEFING_FORMAT") or "text"
    if fmt not in FORMATS:
        raise InputError([f"BRIEFING_FORMAT: unknown format '{fmt}' (choose from {', '.join(FORMATS)})"])
    path = args.output_file or (Path(os.environ["BRIEFING_OUTPUT_FILE"]) if os.environ.get("BRIEFING_OUTPUT_FILE")
                                else None)
    return fmt, path


def run(args: argparse.Namespace) -> int:
    from briefing.check import load_project, run_check
    from briefing.files import check_output, write_output
    from briefing.formats import github, render
    from briefing.progress import ProgressBar

    fmt, output_file = output_choice(args)
    check_output(output_file, {})  # an unwritable path: nowhere to report to but stderr
    display, inputs = "claims.yaml", {}
    try:
        claims, display = claims_file(args)
        inputs[claims] = "the claims file"
        project = load_project(claims, display)
        inputs.update({f.path: f"source '{sid}'" for sid, f in project[1].items()})
        check_output(output_file, inputs)  # before the work, not after
        bar = ProgressBar.for_terminal("verifying") if verbosity(args) != "quiet" else None
        try:
            loaded, _, report = run_check(claims, display, progress=bar, project=project, cache=not args.no_cache)
        finally:
            if bar is not None:
                bar.close()
    except InputError as err:
        return _input_error(err, fmt, output_file, display, inputs)
    color = use_color()
    if output_file is None:
        sys.stdout.write(_render(fmt, report, args, color))
    else:  # the file for machines, the text for the person watching
        write_output(output_file, render(fmt, report).encode("utf-8"))
        sys.stdout.write(_render("text", report, args, color))
    if args.suggest:
        from briefing.fixes import propose
        # beside the text report; never inside a machine format on stdout
        stream = sys.stdout if fmt == "text" or output_file is not None else sys.stderr
        for p in propose(loaded, report):
            print(f"{p.location}: suggest[{p.reason}] {p.field}: {p.yaml_value}", file=stream)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append(Path(os.environ["GITHUB_STEP_SUMMARY"]), github.step_summary(report))
    return EXIT_OK if passed(report, args.strict) else EXIT_FINDINGS


def _render(fmt: str, report: Report, args: argparse.Namespace, color: bool) -> str:
    from briefing.formats import render, text

    if fmt == "text":  # -q and -v shape what a person reads; machine formats always carry everything
        return text.render(report, color=color, verbosity=verbosity(args), strict=args.strict)
    return render(fmt, report, color)


def _input_error(err: InputError, fmt: str, output_file: Path | None, display: str,
                 inputs: dict[Path, str]) -> int:
    """Unusable input: one line per problem on stderr, as always, and the same problems in the
    format asked for, so CI that reads a report file or stdout sees them too. The output file
    is written (atomically) unless its path is the problem, or it may be a source."""
    from briefing.files import output_problem, write_output
    from briefing.formats import github, render
    from briefing.formats.common import input_error_report

    for line in err.problems:
        print(line, file=sys.stderr)
    report = input_error_report(err.problems, display)
    if output_file is not None:
        claims = next(iter(inputs), None)
        if claims is not None and len(inputs) == 1:  # the sources are unknown: guess them from the raw file
            inputs = {**inputs, **_named_paths(claims)}
        problem = output_problem(output_file, inputs)
        if problem is None:
            data = "".join(line + "\n" for line in err.problems) if fmt == "text" else render(fmt, report)
            write_output(output_file, data.encode("utf-8"))
        elif problem not in err.problems:
            print(problem, file=sys.stderr)
    elif fmt != "text":  # text already went to stderr
        sys.stdout.write(render(fmt, report))
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append(Path(os.environ["GITHUB_STEP_SUMMARY"]), github.step_summary(report))
    return EXIT_INPUT


def _named_paths(claims: Path) -> dict[Path, str]:
    """Files the claims file may name as sources, read from its raw text (it could not be
    parsed): written over by no report, even when the YAML around them is broken."""
    try:
        raw = claims.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    found = re.findall(r"""^[\s-]*path\s*:\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$""", raw, re.M)
    return {claims.parent / p.strip(): f"a file the claims file names ('{p.strip()}')" for p in found}


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as err:
        raise InputError([f"{path}: cannot append the step summary: {err.strerror or err}"]) from None
