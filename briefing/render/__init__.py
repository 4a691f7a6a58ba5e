"""Rendering: plain data -> HTML (jinja2) -> PDF (WeasyPrint), as bytes; ``briefing.build`` writes them.
Imported only to build."""

from __future__ import annotations

from datetime import date, datetime, timezone

from briefing.record.pages import record_pages
from briefing.record.verification import CLAIMS_ATTACHMENT, RECORD_ATTACHMENT, record_bytes
from briefing.render.html import render_html, templates_dir
from briefing.render.model import briefing_context
from briefing.render.pagerefs import PageNumbers
from briefing.render.pdf import Embedded, Late, render_pdf
from briefing.results import Report
from briefing.sources import SourceFile
from briefing.spec.model import LoadedSpec

# With no date in the spec, a fixed stamp (the ZIP epoch) rather than the clock: builds repeat exactly.
UNDATED = datetime(1980, 1, 1, tzinfo=timezone.utc)


def render_briefing(loaded: LoadedSpec, sources: dict[str, SourceFile], report: Report,
                    html: bool = False) -> tuple[bytes, bytes | None]:
    """The briefing's PDF, and its standalone HTML view when asked for."""
    templates = templates_dir(loaded)
    context = briefing_context(loaded, sources, report)
    claims = Embedded(CLAIMS_ATTACHMENT, loaded.raw,
                      f"The claims file ({loaded.path.name}) this briefing was built from")

    def page_record(pdf: bytes, texts: list[str] | None) -> bytes:
        """The record carries what each page shows: the pages do not depend on it."""
        return record_bytes(report, [page.as_dict() for page in record_pages(pdf, texts)])

    record = Late(RECORD_ATTACHMENT, "Verification report: every citation, where it was found, the SHA-256 of "
                  "the claims and of each source, and what each page shows", page_record)

    def numbered(page_of: PageNumbers) -> str:
        return render_html(context, templates, page_of=page_of)

    pdf = render_pdf(numbered, templates, [claims], build_stamp(loaded.spec.date), late=record)
    return pdf, render_html(context, templates, inline_css=True).encode("utf-8") if html else None


def build_stamp(day: date | None) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) if day else UNDATED
