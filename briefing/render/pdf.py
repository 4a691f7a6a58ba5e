"""HTML to PDF bytes with WeasyPrint, through the locked-down fetcher, reproducibly.
(``briefing.files`` writes them.)"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from weasyprint import HTML, Attachment

from briefing.exceptions import RenderError
from briefing.render.fetcher import TemplatesOnlyFetcher
from briefing.render.pagerefs import PageNumbers, lay_out


class Embedded(NamedTuple):
    name: str
    data: bytes
    description: str


def render_pdf(html: str | Callable[[PageNumbers], str], templates: Path, attachments: list[Embedded],
               stamp: datetime, amend: Callable[[bytes, list[str] | None], list[Embedded]] | None = None) -> bytes:
    """A tagged PDF (PDF/UA-1) whose bytes depend only on the inputs: ``stamp`` dates the
    attachments and the embedded fonts, the file identifier is a hash of the content.
    ``html`` is the document, or the document given its page numbers (render/pagerefs.py).
    ``amend``, given the PDF as first written and the text of each page (see ``page_texts``),
    returns the attachments to write it with instead: what each page shows can only be read
    from the pages. The layout is done once; the pages of both writes are the same."""
    fetcher = TemplatesOnlyFetcher(templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    base_url = templates.resolve().as_uri() + "/"
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": b"briefing"}

    def render(text: str) -> Any:
        return HTML(string=text, base_url=base_url, url_fetcher=fetcher).render(**options)

    def files(embedded: list[Embedded]) -> list[Attachment]:
        return [Attachment(string=a.data, name=a.name, description=a.description, created=stamp, modified=stamp,
                           relationship="Supplement", url_fetcher=fetcher) for a in embedded]

    try:
        with _source_date_epoch(stamp):
            laid_out = render(html) if isinstance(html, str) else lay_out(html, render)
            if amend is None:
                pdf: bytes = laid_out.write_pdf(attachments=files(attachments), **options)
                return pdf
            # Attachments the template declares (<link rel=attachment>) can be written once: they
            # wait for the second write, which is the one kept. The pages do not depend on them.
            declared, laid_out.metadata.attachments = laid_out.metadata.attachments, []
            first = laid_out.write_pdf(attachments=files(attachments), **options)
            laid_out.metadata.attachments = declared
            pdf = laid_out.write_pdf(attachments=files(amend(first, page_texts(laid_out))), **options)
            return pdf
    except RenderError:
        raise
    except Exception as err:  # noqa: BLE001 - WeasyPrint raises many kinds; none may escape as a traceback
        raise RenderError(f"PDF rendering failed: {type(err).__name__}: {err}") from None


def page_texts(document: Any) -> list[str] | None:
    """The text each page draws, from the layout: what a PDF reader extracts, but for where the
    spaces go, and some hundred times faster. None if this WeasyPrint lays pages out otherwise
    (the page box is not public API); the caller then reads the text back from the PDF."""
    try:
        from weasyprint.formatting_structure.boxes import LineBox, TextBox

        def text(box: Any) -> Iterator[str]:
            for child in getattr(box, "children", ()):
                if isinstance(child, TextBox):
                    yield child.text
                elif isinstance(child, LineBox):  # a line ends in a space the layout dropped
                    yield from (" ", *text(child), " ")
                else:
                    yield from text(child)

        return [" ".join("".join(text(page._page_box)).split()) for page in document.pages]
    except (ImportError, AttributeError):
        return None


@contextmanager
def _source_date_epoch(stamp: datetime) -> Iterator[None]:
    """fontTools stamps each font subset with the time unless SOURCE_DATE_EPOCH says otherwise."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
