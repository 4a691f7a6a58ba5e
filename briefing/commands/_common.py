"""What the subcommands share: exit codes, the --claims, --strict, -q and -v options, colour."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from briefing.formats.text import Verbosity
    from briefing.results import Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

# What add_subparsers returns: argparse names the class privately, and it is generic only in the stubs.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_claims_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--claims", type=Path, default=None,
                        help="claims file (default: ./claims.yaml, else the nearest claims.yaml in a parent "
                             "folder, up to the repository root)")


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="warnings (such as slip) fail too, with exit 1")


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="verify every citation again, without reading or writing the verdict cache "
                             "(.briefing_cache/)")


def add_verbosity_options(parser: argparse.ArgumentParser, default: object = 0) -> None:
    """On the top-level parser (default 0) and on every command (SUPPRESS: given after the
    command, they count; not given, the top-level value stays)."""
    parser.add_argument("-q", "--quiet", action="count", default=default,
                        help="print only what fails the run; nothing on success")
    parser.add_argument("-v", "--verbose", action="count", default=default,
                        help="print more: every verified citation, the claims file found")


def verbosity(args: argparse.Namespace) -> Verbosity:
    return "quiet" if args.quiet else "verbose" if args.verbose else "normal"


def claims_file(args: argparse.Namespace) -> tuple[Path, str]:
    """The claims file (``--claims``, else found from here upwards) and how to print its path."""
    from briefing.files import find_claims, shown_path

    if args.claims is not None:
        return args.claims, shown_path(args.claims)
    found = find_claims()
    if verbosity(args) == "verbose":
        print(f"briefing: using {found}", file=sys.stderr)
    return found, str(found)


def passed(report: Report, strict: bool) -> bool:
    """No errors; under --strict, no warnings either."""
    return report.ok and not (strict and report.warning_count)


def use_color(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR")
