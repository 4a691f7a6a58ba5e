"""What a reader extracted from a source file, and how: the text, where its pages start, the
metadata the file states about itself, and the reader, library and version that made it.

Every reader (``text``, ``html``, ``pdf``) returns an ``Extraction``; ``SourceFile`` carries it
with the file's identity, so the record can say what was read and how, and ``audit`` can tell
a changed file from a changed extraction of the same file.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

ReaderName = Literal["text", "html", "pdf"]


@dataclass(frozen=True)
class Metadata:
    """What a file says about itself (an HTML page's meta tags, a PDF's document info).
    Only what the file states: nothing is guessed from its text."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("title", self.title), ("publisher", self.publisher), ("author", self.author),
                                  ("published", self.published)) if v}


@dataclass(frozen=True)
class Extraction:
    text: str
    reader: ReaderName
    library: str  # what did the reading: "python" for text, else the parsing library
    library_version: str
    # (offset, page) where each stretch of text from one page begins, in offset order; empty when
    # the source has no pages. A page's footnotes may follow the body text, so one page may have
    # several stretches.
    page_starts: tuple[tuple[int, int], ...] = ()
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page the character at ``offset`` is printed on; None for a source without pages."""
        if not self.page_starts:
            return None
        k = bisect_right([s for s, _ in self.page_starts], offset) - 1
        return self.page_starts[max(k, 0)][1]
