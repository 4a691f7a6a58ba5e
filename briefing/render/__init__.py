"""Rendering: plain data -> HTML (jinja2) -> PDF (WeasyPrint). Imported only by ``build``."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from briefing.files import write_outputs
from briefing.pages import record_pages
from briefing.record import CLAIMS_ATTACHMENT, RECORD_ATTACHMENT, record_bytes
from briefing.render.html import render_html, templates_dir
from briefing.render.model import briefing_context
from briefing.render.pagerefs import PageNumbers
from briefing.render.pdf import Embedded, Late, render_pdf
from briefing.results import Report
from briefing.sources import SourceFile
from briefing.spec.model import LoadedSpec

# With no date in the spec, a fixed stamp (the ZIP epoch) rather than the clock: builds repeat exactly.
UNDATED = datetime(1980, 1, 1, tzinfo=timezone.utc)


def render_briefing(loaded: LoadedSpec, sources: dict[str, SourceFile], report: Report, output: Path,
                    html_path: Path | None = None) -> list[Path]:
    """Render everything first, then write: a failure leaves no file behind."""
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
    outputs = [(output, pdf)]
    if html_path is not None:
        outputs.append((html_path, render_html(context, templates, inline_css=True).encode("utf-8")))
    write_outputs(outputs)  # both or neither
    return [path for path, _ in outputs]


def build_stamp(day: date | None) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) if day else UNDATED
