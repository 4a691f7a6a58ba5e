"""``briefing fix``: propose, for each failed quote, the correction taken from its source,
as a diff of the claims file; ``--write`` applies it and checks again."""

from __future__ import annotations

import argparse
import difflib
import sys

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, Subparsers, add_claims_option, claims_file, use_color


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("fix", help="propose corrected quotes from the sources (a diff); --write applies them",
                       description="For each failed quote that is close to its passage, propose the source's own "
                                   "words; for a quote found in another source, propose that source.")
    add_claims_option(p)
    p.add_argument("--write", action="store_true", help="apply the proposals to the claims file, then check again")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.check import run_check
    from briefing.files import rewrite_input
    from briefing.fixes import apply_proposals, propose
    from briefing.formats import text

    claims, display = claims_file(args)
    loaded, sources, report = run_check(claims, display)
    proposals = propose(loaded, report)
    if not proposals:
        print("nothing to fix automatically" if not report.ok else "every citation verifies; nothing to fix")
        if not report.ok:
            sys.stdout.write(text.render(report, color=use_color()))
        return EXIT_OK if report.ok else EXIT_FINDINGS
    old = loaded.raw.decode("utf-8")
    new = apply_proposals(old, loaded.display, proposals)
    if not args.write:
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                   f"a/{loaded.display}", f"b/{loaded.display}"))
        print(f"{len(proposals)} proposal(s); run `briefing fix --write` to apply them", file=sys.stderr)
        return EXIT_FINDINGS
    # never over a source, never over an edit saved meanwhile; mode and symlink kept
    rewrite_input(claims, new.encode("utf-8"), loaded.raw, loaded.display,
                  {f.path: f"source '{sid}'" for sid, f in sources.items()})
    for p in proposals:
        print(f"{p.location}: fixed {p.reason}: {p.field} is now {p.new!r}")
    print(f"{loaded.display}: applied {len(proposals)} proposal(s); checking again")
    _, _, report = run_check(claims, display)
    sys.stdout.write(text.render(report, color=use_color()))
    return EXIT_OK if report.ok else EXIT_FINDINGS
