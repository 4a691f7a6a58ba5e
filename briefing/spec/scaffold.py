"""``briefing init DIR``: a new briefing project that checks and builds as it stands."""

from __future__ import annotations

from pathlib import Path

from briefing.exceptions import InputError
from briefing.spec.schema import schema_text

CLAIMS = """\
# yaml-language-server: $schema=claims.schema.json
# Every quote below is checked against its source by `briefing check`; `briefing build`
# renders build/briefing.pdf once they all verify. `briefing find "some words"` shows where
# a phrase is in the sources, with a citation ready to paste.
title: A new briefing
subtitle: Replace the example source with real ones, and write your claims
summary: |
  The key judgments go here: what a reader should take away, in a few short paragraphs.
sources:
  example:
    path: sources/example.txt
    title: "Example source: replace me"
sections:
  - title: First section
    claims:
      - id: quotes-are-checked
        text: Quotes in a briefing are checked word for word against their sources.
        citations:
          - source: example
            quote: "Copy the text of a real article into a file like this one"
"""

EXAMPLE_SOURCE = """\
Example source: replace me

This file stands in for a source article. Copy the text of a real article into a file like this
one, name it under sources in claims.yaml, and quote it word for word.

Typography is forgiven: "straight" or “curly” quotes, dashes and line breaks. A changed number, a
dropped negation or a different word is not.
"""

FILES = {
    "claims.yaml": CLAIMS,
    "sources/example.txt": EXAMPLE_SOURCE,
    ".gitignore": "build/\n",
}


def scaffold(folder: Path) -> list[Path]:
    """Write the files; refuse to overwrite anything."""
    contents = {**FILES, "claims.schema.json": schema_text()}
    existing = [name for name in contents if (folder / name).exists()]
    if existing:
        raise InputError([f"{folder / name}: already exists; init writes only new files" for name in existing])
    if folder.exists() and not folder.is_dir():
        raise InputError([f"{folder}: exists and is not a folder"])
    written = []
    try:
        for name, text in contents.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # "x": create, never open an existing file, nor follow a symlink to one elsewhere
            with open(path, "x", encoding="utf-8", newline="") as handle:
                handle.write(text)
            written.append(path)
    except FileExistsError as err:
        raise InputError([f"{err.filename}: already exists; init writes only new files"]) from None
    except OSError as err:
        raise InputError([f"{folder}: cannot write: {err.strerror or err}"]) from None
    return written
