"""``briefing sources``: each source with its size, SHA-256, pin state and citation count, and how
its text was read (reader, library and version, SHA-256 of the text)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import TYPE_CHECKING, TypedDict

from briefing.commands._common import EXIT_FINDINGS, EXIT_OK, Subparsers, add_claims_option, claims_file

if TYPE_CHECKING:
    from briefing.sources import PinState


class SourceRow(TypedDict):
    """One source as listed, and as `--format json` prints it (keys in this order)."""

    id: str
    path: str
    size: int
    sha256: str
    pin: PinState
    citations: int
    title: str
    reader: str  # text, html or pdf
    library: str
    library_version: str
    text_sha256: str  # of the text the reader extracted, which quotes are verified against
    pages: int | None  # a PDF's page count; None for sources without pages
    metadata: dict[str, str]  # what the file says of itself: title, publisher, author, published


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("sources", help="list the sources: size, SHA-256, pin, citations, reader",
                       description="List each source with its size, SHA-256, pin state and how often it is cited. "
                                   "Exit 1 if a pinned source has changed.")
    add_claims_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.check import load_project
    from briefing.sources import pin_state
    from briefing.spec.model import iter_citations

    loaded, files = load_project(*claims_file(args))
    cited = Counter(cit.source for *_, cit in iter_citations(loaded.spec))
    rows: list[SourceRow] = []
    for sid, meta in loaded.spec.sources.items():
        f = files[sid]
        p = f.provenance()
        page_starts = f.extraction.page_starts if f.extraction else ()
        rows.append({"id": sid, "path": f.display, "size": f.size, "sha256": f.sha256,
                     "pin": pin_state(meta.sha256, f), "citations": cited[sid], "title": meta.title,
                     "reader": p["reader"], "library": p["library"], "library_version": p["library_version"],
                     "text_sha256": p["text_sha256"], "pages": max((pg for _, pg in page_starts), default=None),
                     "metadata": f.metadata.as_dict()})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max(len(r["id"]) for r in rows)
        for r in rows:
            pin = r["pin"].upper() if r["pin"] == "changed" else r["pin"]  # a change stands out
            print(f"{r['id']:<{width}}  {r['size']:>9,} B  {r['citations']:>3} cited  {pin:<8}  {r['reader']:<4}  "
                  f"{r['sha256']}  {r['path']}")
        total = sum(r["size"] for r in rows)
        print(f"{len(rows)} sources, {total:,} bytes, {sum(cited.values())} citations")
    return EXIT_FINDINGS if any(r["pin"] == "changed" for r in rows) else EXIT_OK
