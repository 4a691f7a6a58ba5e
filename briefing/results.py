"""The data the verifier produces: plain, frozen records that reporters and renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Final, Literal

from briefing.findings import CitationId, Finding, Location

Status = Literal["verified", "failed"]
VERIFIED: Final = "verified"
FAILED: Final = "failed"
MatchKind = Literal["exact", "normalized", "edited"]
MarkStatus = Literal["applies", "unneeded", "stale"]  # of a figure marked as needing no support


@dataclass(frozen=True)
class CitationRef:
    """A citation as written in the claims file."""

    claim_id: str
    index: int
    source_id: str
    quote: str
    speaker: str | None
    location: Location  # of the quote in the claims file
    # its place in the claims file; None only for a quote verified on its own, outside any claims file
    id: CitationId | None = None


@dataclass(frozen=True)
class Passage:
    """A stretch of a source: where a quote was found, or the closest thing to it."""

    source_id: str
    path: str
    start: int  # character offsets into the source as written, end exclusive
    end: int
    line: int
    column: int
    text: str  # the source's own words
    page: int | None = None  # 1-based page where it starts, in a paged source (a PDF); set by the check

    @property
    def one_line(self) -> str:
        """The passage's words with its line breaks and runs of spaces as single spaces."""
        return " ".join(self.text.split())

    def as_dict(self) -> dict:
        out = {"source": self.source_id, "path": self.path, "start": self.start, "end": self.end,
               "line": self.line, "column": self.column, "text": self.text}
        if self.page is not None:  # paged sources only: every other source's entries stay as they were
            out["page"] = self.page
        return out


@dataclass(frozen=True)
class Placement(Passage):
    """A verified location. ``printed`` is what the briefing prints: the source's wording,
    with the writer's ellipses and brackets kept."""

    printed: str = ""
    # character spans of the stretches actually quoted: one, or one per part around ellipses
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CitationResult:
    ref: CitationRef
    status: Status
    match_kind: MatchKind | None = None  # how the quote matched, when it did
    edits: tuple[str, ...] = ()  # the kinds of allowed edits the quote needed
    placements: tuple[Placement, ...] = ()
    problems: tuple[Finding, ...] = ()
    closest: Passage | None = None
    diff: str | None = None

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class SourceDigest:
    """What was verified against: a source file's identity, recorded so the result can be audited."""

    id: str
    path: str
    sha256: str
    size: int
    # provenance: how its text was read (the record carries it; `check --format json` keeps the four above)
    reader: str = "text"
    library: str = ""
    library_version: str = ""
    text_sha256: str = ""  # of the extracted text, so a changed reading of the same file shows

    def as_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "sha256": self.sha256, "size": self.size}

    def provenance(self) -> dict:
        return {"reader": self.reader, "library": self.library, "library_version": self.library_version,
                "text_sha256": self.text_sha256}


@dataclass(frozen=True)
class FigureMark:
    """A figure the writer marked as needing no support, as the record lists it."""

    claim_id: str | None  # None: the mark is for the title, subtitle and summary
    figure: str
    reason: str
    location: Location
    status: MarkStatus

    def as_dict(self) -> dict:
        return {"scope": "briefing" if self.claim_id is None else "claim", "claim": self.claim_id,
                "figure": self.figure, "reason": self.reason, "status": self.status,
                "location": {"path": self.location.path, "line": self.location.line,
                             "column": self.location.column}}


@dataclass(frozen=True)
class Report:
    """The outcome of checking a whole claims file."""

    claims_path: str
    results: tuple[CitationResult, ...]
    findings: tuple[Finding, ...] = field(default=())  # claim- and source-level findings
    claims_sha256: str = ""
    sources: tuple[SourceDigest, ...] = ()
    figure_marks: tuple[FigureMark, ...] = ()  # every figure the writer marked as needing no support

    @cached_property
    def by_id(self) -> dict[CitationId, CitationResult]:
        """Each citation's result, by the citation's identity."""
        return {r.ref.id: r for r in self.results if r.ref.id is not None}

    @property
    def all_findings(self) -> list[Finding]:
        return [p for r in self.results for p in r.problems] + list(self.findings)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.all_findings if f.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.all_findings if not f.is_error)

    @property
    def verified_count(self) -> int:
        return sum(1 for r in self.results if r.verified)

    @property
    def ok(self) -> bool:
        return self.error_count == 0
