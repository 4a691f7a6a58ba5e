"""The briefing as HTML: a jinja2 template with autoescaping, fed only plain data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from briefing import __version__
from briefing.exceptions import RenderError
from briefing.sources import SourceFile
from briefing.spec import LoadedSpec
from briefing.verify import Report

TEMPLATE = "briefing.html.j2"
BUNDLED_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def templates_dir(loaded: LoadedSpec) -> Path:
    """A ``templates/`` folder beside the claims file wins over the bundled one."""
    local = loaded.path.resolve().parent / "templates"
    return local if (local / TEMPLATE).is_file() else BUNDLED_TEMPLATES


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def briefing_context(loaded: LoadedSpec, sources: dict[str, SourceFile], report: Report) -> dict:
    spec = loaded.spec
    results = iter(report.results)
    sections, notes = [], []
    cited: dict[str, int] = {sid: 0 for sid in spec.sources}
    for s, section in enumerate(spec.sections):
        claims = []
        for claim in section.claims:
            refs = []
            for cit in claim.citations:
                r = next(results)
                first = r.placements[0]
                cited[cit.source] += 1
                note = {
                    "number": len(notes) + 1,
                    "claim_id": claim.id,
                    "quote": first.display,
                    "speaker": cit.speaker,
                    "source_id": cit.source,
                    "source_title": spec.sources[cit.source].title,
                    "path": first.path,
                    "line": first.line,
                    "column": first.column,
                    "also": [f"{p.line}:{p.column}" for p in r.placements[1:]],
                    "match": r.match_kind,
                    "edits": list(r.edits),
                }
                notes.append(note)
                refs.append(note)
            claims.append({"id": claim.id, "text": claim.text, "notes": refs})
        sections.append({"number": s + 1, "title": section.title, "claims": claims})
    source_rows = [{
        "id": sid,
        "title": src.title,
        "publisher": src.publisher,
        "published": src.published.isoformat() if src.published else None,
        "url": src.url,
        "path": src.path,
        "sha256": sources[sid].sha256,
        "citations": cited[sid],
    } for sid, src in spec.sources.items()]
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "author": spec.author,
        "date": spec.date.isoformat() if spec.date else None,
        "summary": paragraphs(spec.summary),
        "sections": sections,
        "notes": notes,
        "sources": source_rows,
        "quote_count": len(notes),
        "source_count": sum(1 for row in source_rows if row["citations"]),
        "claims_sha256": hashlib.sha256(loaded.raw).hexdigest(),
        "claims_name": loaded.path.name,
        "version": __version__,
    }


def render_html(context: dict, templates: Path) -> str:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    try:
        return env.get_template(TEMPLATE).render(**context)
    except TemplateError as err:
        where = f"{getattr(err, 'filename', None) or TEMPLATE}:{getattr(err, 'lineno', None) or 1}"
        raise RenderError(f"{where}: template error: {err.message or err}") from None
