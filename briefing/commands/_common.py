"""What the subcommands share: exit codes, the --claims option, colour."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def add_claims_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--claims", type=Path, default=Path("claims.yaml"), help="claims file (default: ./claims.yaml)")


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR")
