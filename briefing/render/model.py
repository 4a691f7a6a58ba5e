"""What the template sees: plain data built from the spec, the sources and the report.

Everything that links the briefing together is decided here, so the template only lays it out:
note numbers (claim -> note), passage ids (note -> source passage), and the backlinks
from each passage to the notes that cite it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from briefing import __version__
from briefing.findings import CitationId
from briefing.render.passages import in_context, sentence_starts
from briefing.render.typeset import printed_quote
from briefing.results import CitationResult, Passage, Placement, Report
from briefing.sources import SourceFile
from briefing.spec.model import Citation, LoadedSpec, Source, Spec


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def briefing_context(loaded: LoadedSpec, sources: dict[str, SourceFile], report: Report) -> dict:
    spec = loaded.spec
    passages: dict[str, dict[tuple[int, int], dict]] = {sid: {} for sid in spec.sources}
    sections: list[dict] = []
    notes: list[dict] = []
    for s, section in enumerate(spec.sections):
        claims = []
        for c, claim in enumerate(section.claims):
            refs = []
            for k, cit in enumerate(claim.citations):
                result = report.by_id[CitationId(s, c, k)]  # by the citation's identity, not its place in a list
                note = _note(len(notes) + 1, claim.id, cit, result, spec)
                passage = _passage(passages[cit.source], note["placement"])
                passage["cited_by"].append(note)
                note["passage"] = passage  # its id is given once the source's passages are sorted
                notes.append(note)
                refs.append(note)
            claims.append({"id": claim.id, "text": claim.text, "notes": refs})
        sections.append({"number": s + 1, "title": section.title, "claims": claims})
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "author": spec.author,
        "date": spec.date.isoformat() if spec.date else None,
        "language": spec.language,
        "keywords": list(spec.keywords),
        "summary": paragraphs(spec.summary),
        "sections": sections,
        "notes": notes,
        "sources": [_source_row(sid, spec.sources[sid], sources[sid], number, passages[sid])
                    for number, sid in enumerate(spec.sources, start=1)],
        # a PDF source's passages are placed by page, not line:col: the appendix says so only then
        "paged": any(n["page"] is not None for n in notes),
        "quote_count": len(notes),
        "source_count": sum(1 for sid in spec.sources if passages[sid]),
        "claims_sha256": report.claims_sha256,
        "claims_name": loaded.path.name,
        # figures stated without a supporting quote, on purpose: Appendix B lists each with its reason
        "figure_marks": list(report.figure_marks),
        "version": __version__,
    }


def _note(number: int, claim_id: str, cit: Citation, result: CitationResult, spec: Spec) -> dict:
    first = result.placements[0]
    return {
        "number": number,
        "claim_id": claim_id,
        "quote": printed_quote(first.printed),
        "speaker": cit.speaker,
        "source_id": cit.source,
        "source_title": spec.sources[cit.source].title,
        "line": first.line,
        "column": first.column,
        "page": first.page,
        "where": where_in_source(first),
        "also": [where_in_source(p) for p in result.placements[1:]],
        "match": result.match_kind,
        "edits": list(result.edits),
        "placement": first,
    }


def _passage(known: dict[tuple[int, int], dict], placement: Placement) -> dict:
    """One entry per distinct span: two notes quoting the same words share a passage."""
    key = (placement.start, placement.end)
    if key not in known:
        known[key] = {"placement": placement, "cited_by": []}
    return known[key]


def _source_row(sid: str, meta: Source, file: SourceFile, number: int, known: dict) -> dict:
    starts = sentence_starts(file.text)
    passages = []
    for k, (_, entry) in enumerate(sorted(known.items()), start=1):
        p = entry["placement"]
        entry["id"] = f"passage-{number}-{k}"
        passages.append({
            "id": entry["id"],
            "line": p.line,
            "column": p.column,
            "page": p.page,
            "where": where_in_source(p),
            "segments": [seg._asdict() for seg in in_context(file.text, starts, p.start, p.end, p.fragments)],
            "cited_by": entry["cited_by"],
        })
    return {
        "id": sid,
        "anchor": f"source-{number}",
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published.isoformat() if meta.published else None,
        "url": meta.url,
        "url_link": web_link(meta.url),
        "path": meta.path,
        "sha256": file.sha256,
        "size": file.size,
        "citations": sum(len(e["cited_by"]) for e in known.values()),
        "passages": passages,
    }


def where_in_source(p: Passage) -> str:
    """Where a passage stands, as the briefing prints it after the source id: the page a reader
    turns to in a paged source (a PDF), ``p. 12``; otherwise line:column in the file, ``13:1``.
    (A PDF's line:column counts lines of its extracted text, which no reader of the PDF sees.)"""
    return f"p. {p.page}" if p.page is not None else f"{p.line}:{p.column}"


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address with a host, so the template may make it a link;
    anything else (javascript:, file:, data:, a bare path) is only ever printed as text."""
    url = (url or "").strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
