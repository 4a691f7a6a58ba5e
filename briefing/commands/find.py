"""``briefing find "some words"``: where is a phrase in the sources? Prints each passage with
its location, the source's exact words, and a citation ready to paste into claims.yaml."""

from __future__ import annotations

import argparse

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, Subparsers, add_claims_option, claims_file


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("find", help="search every source for a phrase; print citations ready to paste",
                       description="Search the claims file's sources for a phrase, matched with the quotation "
                                   "rules. Exit 0 if it is found verbatim, 1 if only near matches exist.")
    p.add_argument("phrase", help="the words to look for (typography and line breaks do not matter)")
    add_claims_option(p)
    p.add_argument("--limit", type=int, default=5, metavar="N", help="show at most N passages (default: 5)")
    return p


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from briefing.check import load_project
    from briefing.formats.text import place
    from briefing.sources import source_corpus
    from briefing.spec.yaml_edit import quoted
    from briefing.verify.search import find_passages

    _, sources = load_project(*claims_file(args))
    hits = find_passages(args.phrase, source_corpus(sources), limit=max(args.limit, 1))
    if not hits:
        print(f"not found in any of the {len(sources)} sources")
        return EXIT_FINDINGS
    if not hits[0].verified:
        print("not found verbatim; the closest passages:")
    for hit in hits:
        # in a PDF source, the page a reader turns to: "report.pdf p. 12"
        p = replace(hit.passage, page=sources[hit.passage.source_id].page_at(hit.passage.start))
        words = p.one_line
        share = "" if hit.verified else f"  ({hit.share:.0%} of the words)"
        print(f"{p.source_id} {place(p)}{share}")
        print(f"  {words}")
        print(f"  - source: {p.source_id}")
        print(f"    quote: {quoted(words)}")
        print()
    return EXIT_OK if hits[0].verified else EXIT_FINDINGS
