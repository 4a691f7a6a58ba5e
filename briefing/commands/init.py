"""``briefing init DIR``: scaffold a new briefing project that builds as it stands."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.commands._common import EXIT_OK, Subparsers, verbosity


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("init", help="create a new briefing project in DIR",
                       description="Create claims.yaml, an example source and the claims schema in DIR. "
                                   "Existing files are never overwritten.")
    p.add_argument("dir", type=Path, help="folder for the new project (created if missing)")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.spec.scaffold import scaffold

    written = scaffold(args.dir)
    if verbosity(args) == "quiet":
        return EXIT_OK
    for path in written:
        print(f"wrote {path}")
    print(f"next: cd {args.dir} && briefing check && briefing build")
    return EXIT_OK
