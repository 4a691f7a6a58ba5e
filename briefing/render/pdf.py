"""HTML to PDF bytes with WeasyPrint, through the locked-down fetcher, reproducibly.
(``briefing.files`` writes them.)"""

from __future__ import annotations

import copy
import hashlib
import io
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
from briefing.render.footnote_area import incremental_footnote_area
from briefing.render.footnote_index import indexed_footnotes
from briefing.render.pagerefs import PageNumbers, lay_out


class Embedded(NamedTuple):
    name: str
    data: bytes
    description: str


class Late(NamedTuple):
    """An attachment made from the PDF itself: ``make`` gets the PDF as written without it
    and the text of each page (see ``page_texts``), and returns the attachment's bytes."""

    name: str
    description: str
    make: Callable[[bytes, list[str] | None], bytes]


# What the late attachment holds until it is made; found again by it in WeasyPrint's PDF objects
_PLACEHOLDER = b"briefing: this attachment is made from the pages, once they are written"


def render_pdf(html: str | Callable[[PageNumbers], str], templates: Path, attachments: list[Embedded],
               stamp: datetime, late: Late | None = None) -> bytes:
    """A tagged PDF (PDF/UA-1) whose bytes depend only on the inputs: ``stamp`` dates the
    attachments and the embedded fonts, the file identifier is a hash of the content.
    ``html`` is the document, or the document given its page numbers (render/pagerefs.py).
    ``late`` is an attachment made from the written pages (the page record): the pages are laid
    out and drawn once, written once without compression to read them, and the attachment is
    filled in before the PDF is written; the pages do not depend on it."""
    fetcher = TemplatesOnlyFetcher(templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    base_url = templates.resolve().as_uri() + "/"
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": b"briefing"}

    def laid_out() -> Any:
        def render(text: str) -> Any:
            return HTML(string=text, base_url=base_url, url_fetcher=fetcher).render(**options)
        return render(html) if isinstance(html, str) else lay_out(html, render)

    def files(embedded: list[Embedded]) -> list[Attachment]:
        return [Attachment(string=a.data, name=a.name, description=a.description, created=stamp, modified=stamp,
                           relationship="Supplement", url_fetcher=fetcher) for a in embedded]

    try:
        with _source_date_epoch(stamp), indexed_footnotes(), incremental_footnote_area():
            document = laid_out()
            if late is None:
                pdf: bytes = document.write_pdf(attachments=files(attachments), **options)
                return pdf
            placeholder = Embedded(late.name, _PLACEHOLDER, late.description)
            pdf = document.write_pdf(attachments=files([*attachments, placeholder]),
                                     finisher=lambda doc, objects: _fill_in_late(doc, objects, late), **options)
            return pdf
    except RenderError:
        raise
    except Exception as err:  # noqa: BLE001 - WeasyPrint raises many kinds; none may escape as a traceback
        raise RenderError(f"PDF rendering failed: {type(err).__name__}: {err}") from None


def _fill_in_late(document: Any, pdf: Any, late: Late) -> None:
    """WeasyPrint's finisher: the PDF objects are complete but not yet written. Write them once
    as they are (uncompressed: the record hashes decoded streams, and this write is only read),
    make the late attachment from that, and put it in place of its placeholder."""
    streams = [obj for obj in pdf.objects if isinstance(getattr(obj, "extra", None), dict)
               and obj.extra.get("Type") == "/EmbeddedFile" and obj.stream == [_PLACEHOLDER]]
    if len(streams) != 1 or not isinstance(streams[0].extra.get("Params"), dict):
        # WeasyPrint 70 (pyproject holds it there) writes each attachment as one such stream
        raise RenderError("PDF rendering failed: WeasyPrint wrote the page record's attachment otherwise")
    data = late.make(_written(pdf), page_texts(document))
    stream = streams[0]
    stream.stream = [data]
    stream.extra["Params"]["CheckSum"] = f"<{hashlib.md5(data, usedforsecurity=False).hexdigest()}>"
    stream.extra["Params"]["Size"] = len(data)


def _written(pdf: Any) -> bytes:
    """The bytes of a pydyf PDF, leaving it as it was: ``write`` appends its trailer objects to
    the object list, so a copy with a list of its own is written."""
    copied = copy.copy(pdf)
    copied.objects = list(pdf.objects)
    out = io.BytesIO()
    copied.write(out, b"1.7", False, False)
    return out.getvalue()


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
