"""``briefing add TARGET`` (a path or a URL): copy a file or fetch a URL into the sources folder and add its entry
(path, SHA-256 pin, title and publisher from its metadata, URL and retrieval) to the claims file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.commands._common import EXIT_OK, Subparsers, add_claims_option, claims_file, verbosity

DEFAULT_FOLDER = "sources"


def add_parser(sub: Subparsers) -> argparse.ArgumentParser:
    p = sub.add_parser("add", help="add a source: copy a file or fetch a URL, pin it, list it in the claims file",
                       description="Copy a file, or fetch an http(s) URL, into the project's sources folder (the "
                                   "folder its sources are in, else sources/), pin its SHA-256 and add its entry "
                                   "to the claims file, with title and publisher from its metadata. Web pages "
                                   "(.html), PDFs and UTF-8 text.")
    p.add_argument("target", metavar="TARGET", help="a file's path, or an http:// or https:// address")
    p.add_argument("--id", dest="source_id", default=None, help="the source's id (default: made from its name)")
    add_claims_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    from briefing.files import rewrite_input, shown_path, write_atomically
    from briefing.sources.acquire import file_name, from_file, from_url, is_url, source_id
    from briefing.sources.entry import folder_for, source_entry
    from briefing.spec.model import load_spec

    claims, display = claims_file(args)
    loaded = load_spec(claims, display)
    acquired = from_url(args.target) if is_url(args.target) else from_file(Path(args.target), args.target)
    taken = set(loaded.spec.sources)
    sid = args.source_id or source_id(acquired, taken)
    project = claims.resolve().parent
    folder = folder_for(loaded, project, DEFAULT_FOLDER)
    name = file_name(sid, acquired.reader) if acquired.url else sid + (Path(args.target).suffix.lower() or ".txt")
    target = project / folder / name
    text = source_entry(loaded, sid, f"{folder}/{name}" if folder != "." else name, acquired, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, acquired.data)
    rewrite_input(claims, text.encode("utf-8"), loaded.raw, loaded.display, {target: f"the new source '{sid}'"})
    if verbosity(args) != "quiet":
        pages = {p for _, p in acquired.extraction.page_starts}
        what = f"{len(pages)} pages" if pages else f"{len(acquired.extraction.text):,} characters of text"
        print(f"{loaded.display}: added source '{sid}': {shown_path(target)} ({acquired.reader}, {what})",
              file=sys.stdout)
    return EXIT_OK
