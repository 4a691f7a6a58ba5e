"""The check pipeline: load the spec, read the sources, verify every citation, collect findings."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from briefing import codes
from briefing.cache import VerdictCache
from briefing.codes import finding
from briefing.files import shown_path
from briefing.findings import CitationId, Finding, Location
from briefing.results import CitationRef, CitationResult, FigureMark, Report, SourceDigest
from briefing.sources import SourceFile, pin_state, read_sources, source_corpus, with_pages
from briefing.spec.model import LoadedSpec, UnsupportedFigure, iter_citations, load_spec
from briefing.verify import Corpus
from briefing.verify.figures import Scope, check_scope, figure_values
from briefing.verify.workers import verify_all


def run_check(claims: Path, display: str | None = None,  # noqa: PLR0913 - the callers' options, by keyword
              raw: bytes | None = None, pins: bool = True,
              progress: Callable[[int, int], None] | None = None,
              project: tuple[LoadedSpec, dict[str, SourceFile]] | None = None,
              *, cache: bool = False) -> tuple[LoadedSpec, dict[str, SourceFile], Report]:
    """Raises InputError for unusable input; otherwise every finding is in the report.
    ``raw`` stands in for the file's bytes (an audit checks the claims embedded in a PDF);
    ``pins=False`` verifies the text as it is, whatever the sources' sha256 pins say.
    ``progress(done, total)`` is called as citations are verified. ``project`` is what
    ``load_project`` returned, when the caller needed it first (to check output paths). With
    ``cache``, verdicts whose inputs are unchanged since the last run are remembered, not redone
    (``briefing.cache``); the report is the same byte for byte."""
    loaded, sources = project or load_project(claims, display, raw)
    corpus = source_corpus(sources)
    changed = _changed_sources(loaded, sources) if pins else {}
    refs = citation_refs(loaded)
    # a changed source's citations keep their own verdicts: its one source-changed error fails the run
    found = verdicts(refs, corpus, VerdictCache(claims, corpus) if cache else None, progress)
    # only paged sources (PDFs) give pages: asking every source for every citation cost O(citations x sources)
    paged = {sid: s for sid, s in sources.items() if s.extraction and s.extraction.page_starts}
    results = [with_pages(found[_id(ref)], paged) for ref in refs]  # in file order
    figure_findings, figure_marks = _figure_findings(loaded, results)
    findings = list(changed.values()) + figure_findings
    # as the claims file writes them (the PDF's appendix prints them so), wherever the check ran from
    digests = tuple(SourceDigest(sid, loaded.spec.sources[sid].path, s.sha256, s.size, **s.provenance())
                    for sid, s in sources.items())
    return loaded, sources, Report(loaded.display, tuple(results), tuple(findings),
                                   hashlib.sha256(loaded.raw).hexdigest(), digests, figure_marks)


def verdicts(refs: list[CitationRef], corpus: Corpus, remembered: VerdictCache | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict[CitationId, CitationResult]:
    """Every citation's verdict, by its identity: recalled from ``remembered`` where nothing it
    depends on changed, verified (on every idle core) otherwise, and remembered for the next run."""
    found: dict[CitationId, CitationResult] = {}
    for ref in refs:
        recalled = remembered.recall(ref) if remembered else None
        if recalled is not None:
            found[_id(ref)] = recalled
    todo = [ref for ref in refs if _id(ref) not in found]
    known = len(found)

    def verified(done: int) -> None:
        if progress is not None:
            progress(known + done, len(refs))

    for result, searched in verify_all(todo, corpus, verified):
        found[_id(result.ref)] = result  # each result carries its citation's identity
        if remembered:
            remembered.remember(result.ref, result, searched)
    if remembered:
        remembered.save()
    if progress is not None:
        progress(len(refs), len(refs))
    return found


def citation_refs(loaded: LoadedSpec) -> list[CitationRef]:
    """Every citation as the verifier takes it, with its identity and where its quote is written."""
    return [CitationRef(claim.id, cid.citation, cit.source, cit.quote, cit.speaker, loaded.citation_location(cid), cid)
            for cid, claim, cit in iter_citations(loaded.spec)]


def _id(ref: CitationRef) -> CitationId:
    if ref.id is None:  # every ref made from a claims file has one (citation_refs)
        raise ValueError(f"citation at {ref.location} has no identity")
    return ref.id


def load_project(claims: Path, display: str | None = None,
                 raw: bytes | None = None) -> tuple[LoadedSpec, dict[str, SourceFile]]:
    """The validated spec and its source files; InputError if either is unusable. Each source's
    ``display`` is its path from the current folder, as every message and report prints it."""
    loaded = load_spec(claims, display, raw)
    return loaded, {sid: replace(f, display=shown_path(claims.parent / f.display))
                    for sid, f in read_sources(loaded).items()}


def _changed_sources(loaded: LoadedSpec, sources: dict[str, SourceFile]) -> dict[str, Finding]:
    """One error per changed source, at its pin. Its citations are verified against the new text
    as usual and carry only their own findings: one change, one error."""
    cited = Counter(cit.source for *_, cit in iter_citations(loaded.spec))
    out = {}
    for sid, src in loaded.spec.sources.items():
        pin = src.sha256
        if pin is not None and pin_state(pin, sources[sid]) == "changed":
            quotes = f"{cited[sid]} quote" + ("" if cited[sid] == 1 else "s")
            out[sid] = finding(codes.SOURCE_CHANGED,
                               f"source '{sid}' ({sources[sid].display}) has changed since it was pinned: "
                               f"sha256 is {sources[sid].sha256}, the pin says {pin.lower()}",
                               loaded.location("sources", sid, "sha256"),
                               f"re-read its {quotes} against the new text, then pin it with `briefing lock`",
                               {"source": sid})
    return out


def _figure_findings(loaded: LoadedSpec,
                     results: list[CitationResult]) -> tuple[list[Finding], tuple[FigureMark, ...]]:
    """The figure rule, scope by scope: each claim against its own quotes, the title, subtitle and
    summary against every quote of the briefing."""
    supported: dict[str, set[str]] = {}
    pending: dict[str, set[str]] = {}  # figures a failed citation's error already stands for
    for r in results:
        texts = (r.ref.quote,) if r.verified else (r.ref.quote, r.closest.text if r.closest else "")
        (supported if r.verified else pending).setdefault(r.ref.claim_id, set()).update(figure_values(*texts))
    spec = loaded.spec

    def marks(at: tuple, given: list[UnsupportedFigure]) -> list[tuple[str, str, Location]]:
        return [(m.figure, m.reason, loaded.location(*at, "unsupported_figures", k, "figure"))
                for k, m in enumerate(given)]

    fields = {name: (text, loaded.location(name)) for name in ("title", "subtitle", "summary")
              if (text := getattr(spec, name))}
    scopes = [Scope(None, fields, marks((), spec.unsupported_figures),
                    set().union(*supported.values()), set().union(*pending.values()))]
    for s, section in enumerate(spec.sections):
        for c, claim in enumerate(section.claims):
            at = ("sections", s, "claims", c)
            scopes.append(Scope(claim.id, {"text": (claim.text, loaded.location(*at, "text"))},
                                marks(at, claim.unsupported_figures),
                                supported.get(claim.id, set()), pending.get(claim.id, set())))
    findings, figure_marks = [], []
    for scope in scopes:
        found, scope_marks = check_scope(scope)
        findings += found
        figure_marks += scope_marks
    return findings, tuple(figure_marks)
