"""``briefing schema``: print the JSON Schema of claims.yaml."""

from __future__ import annotations

import argparse
import sys

from briefing.commands._common import EXIT_OK, Subparsers


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    return sub.add_parser("schema", help="print the JSON Schema of claims.yaml (for editors and tools)",
                   description="Print the JSON Schema of the claims file, generated from briefing's own models.")


def run(args: argparse.Namespace) -> int:
    from briefing.spec.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK
