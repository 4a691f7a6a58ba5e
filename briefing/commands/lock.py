"""``briefing lock``: pin each source's SHA-256 in the claims file, keeping everything else."""

from __future__ import annotations

import argparse

from briefing.commands._common import EXIT_OK, Subparsers, add_claims_option, claims_file, verbosity


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("lock", help="write each source's SHA-256 pin into the claims file",
                       description="Pin every source to the SHA-256 of its current bytes. Comments and "
                                   "formatting are kept; only sha256 values change or are added.")
    add_claims_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.check import load_project
    from briefing.files import rewrite_input
    from briefing.spec.lock import lock

    claims, display = claims_file(args)
    loaded, sources = load_project(claims, display)
    text, changed = lock(loaded, sources)
    if changed:  # never over a source, never over an edit saved meanwhile; mode and symlink kept
        rewrite_input(claims, text.encode("utf-8"), loaded.raw, loaded.display,
                      {f.path: f"source '{sid}'" for sid, f in sources.items()})
    if verbosity(args) == "quiet":
        return EXIT_OK
    for sid in changed:
        print(f"{loaded.display}: pinned {sid} sha256 {sources[sid].sha256}")
    print(f"{len(sources)} sources: {len(changed)} pinned now, {len(sources) - len(changed)} already pinned")
    return EXIT_OK
