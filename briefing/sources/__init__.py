"""Read the source texts a spec names. All file access for sources happens here.

A source must be a readable, non-empty file inside the project (the folder of the claims
file): no ``..``, no absolute path elsewhere, no symlink that escapes. Its reader follows
its name: ``.html``/``.htm`` a web page (``html.py``), ``.pdf`` a PDF's text layer
(``pdf.py``), anything else UTF-8 text (``text.py``). The HTML and PDF libraries are
imported only when a source of their kind is read, so a project of text files never loads them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypeVar

from briefing.exceptions import InputError
from briefing.files import read_input
from briefing.results import CitationResult, Passage
from briefing.sources.provenance import Extraction, Metadata, ReaderName
from briefing.spec.model import LoadedSpec
from briefing.verify import Corpus

__all__ = ["MAX_SOURCE_BYTES", "Extraction", "Metadata", "PinState", "ReaderName", "SourceFile", "extract",
           "pin_state", "read_sources", "reader_for", "source_corpus", "with_pages"]

MAX_SOURCE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: Path  # resolved
    display: str  # as written in the spec; check.load_project makes it the path from the current folder
    text: str  # what the reader extracted: what quotes are verified against
    sha256: str  # of the file's bytes
    size: int
    extraction: Extraction | None = None  # how the text was read; None only for a SourceFile made by hand

    @property
    def reader(self) -> ReaderName:
        return self.extraction.reader if self.extraction else "text"

    @property
    def metadata(self) -> Metadata:
        """What the file says about itself (a page's title, publisher, author, date), for where the
        claims file gives none."""
        return self.extraction.metadata if self.extraction else Metadata()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def provenance(self) -> dict[str, str]:
        """Reader, library and version, and the SHA-256 of the extracted text (the record's fields)."""
        e = self.extraction
        return {"reader": self.reader, "library": e.library if e else "",
                "library_version": e.library_version if e else "", "text_sha256": self.text_sha256}

    def page_at(self, offset: int) -> int | None:
        """The 1-based page of a PDF source where the character at ``offset`` stands; None for others."""
        return self.extraction.page_at(offset) if self.extraction else None


PinState = Literal["unpinned", "pinned", "changed"]


def pin_state(pin: str | None, file: SourceFile) -> PinState:
    """"unpinned", "pinned" (the file has the pinned SHA-256) or "changed"."""
    if not pin:
        return "unpinned"
    return "pinned" if pin.lower() == file.sha256 else "changed"


def source_corpus(sources: dict[str, SourceFile]) -> Corpus:
    """The texts to verify against, each named by its path as the spec writes it."""
    return Corpus({sid: s.text for sid, s in sources.items()}, {sid: s.display for sid, s in sources.items()})


def with_pages(result: CitationResult, sources: dict[str, SourceFile]) -> CitationResult:
    """The result with the page of every place it names in a paged source (a PDF): where each
    placement, and the closest passage, starts. ``sources`` need only hold the paged ones."""
    if not sources:
        return result
    return replace(result, placements=tuple(_paged(p, sources) for p in result.placements),
                   closest=_paged(result.closest, sources) if result.closest else None)


_P = TypeVar("_P", bound=Passage)


def _paged(p: _P, sources: dict[str, SourceFile]) -> _P:
    src = sources.get(p.source_id)
    page = src.page_at(p.start) if src is not None else None
    return p if page is None else replace(p, page=page)


def reader_for(path: str | Path) -> ReaderName:
    suffix = Path(path).suffix.lower()
    return "html" if suffix in (".html", ".htm") else "pdf" if suffix == ".pdf" else "text"


def extract(data: bytes, written: str, reader: ReaderName | None = None) -> Extraction:
    """The text of a source file's bytes, read as its name (or ``reader``) says; InputError with one
    line if it cannot be read."""
    kind = reader or reader_for(written)
    if kind == "html":
        from briefing.sources.html import read_html
        return read_html(data, written)
    if kind == "pdf":
        from briefing.sources.pdf import read_pdf
        return read_pdf(data, written)
    from briefing.sources.text import read_text
    return read_text(data, written)


def read_sources(loaded: LoadedSpec) -> dict[str, SourceFile]:
    root = loaded.path.resolve().parent
    out: dict[str, SourceFile] = {}
    problems: list[str] = []
    for sid, src in loaded.spec.sources.items():
        where = loaded.location("sources", sid, "path")
        try:
            out[sid] = _read_one(sid, src.path, root)
        except InputError as err:
            problems.extend(f"{where}: source '{sid}': {p}" for p in err.problems)
    if problems:
        raise InputError(problems)
    return out


def _read_one(sid: str, written: str, root: Path) -> SourceFile:
    candidate = Path(written)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise InputError([f"path '{written}' must be relative and stay inside the project folder"])
    full = root / candidate
    try:
        resolved = full.resolve(strict=True)
    except FileNotFoundError:
        raise InputError([f"file '{written}' does not exist"]) from None
    except (OSError, RuntimeError) as err:
        raise InputError([f"cannot open '{written}': {err}"]) from None
    if not resolved.is_relative_to(root):
        raise InputError([f"'{written}' resolves outside the project folder (a symlink?)"])
    # a regular file within the limit, checked as opened (a FIFO or a device would block or never end)
    data = read_input(resolved, f"'{written}'", MAX_SOURCE_BYTES, "source")
    extraction = extract(data, written)
    return SourceFile(sid, resolved, written, extraction.text, hashlib.sha256(data).hexdigest(), len(data), extraction)
