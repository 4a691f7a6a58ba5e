"""HTML to PDF bytes with WeasyPrint, through the locked-down fetcher, reproducibly.
(``briefing.files`` writes them.)"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from weasyprint import HTML, Attachment

from briefing.exceptions import RenderError
from briefing.render.fetcher import TemplatesOnlyFetcher


class Embedded(NamedTuple):
    name: str
    data: bytes
    description: str


def render_pdf(html: str, templates: Path, attachments: list[Embedded], stamp: datetime) -> bytes:
    """A tagged PDF (PDF/UA-1) whose bytes depend only on the inputs: ``stamp`` dates the
    attachments and the embedded fonts, the file identifier is a hash of the content."""
    fetcher = TemplatesOnlyFetcher(templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=templates.resolve().as_uri() + "/", url_fetcher=fetcher)
    files = [Attachment(string=a.data, name=a.name, description=a.description, created=stamp, modified=stamp,
                        relationship="Supplement", url_fetcher=fetcher) for a in attachments]
    try:
        with _source_date_epoch(stamp):
            return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"briefing", attachments=files)
    except Exception as err:  # WeasyPrint raises many kinds; none may escape as a traceback
        raise RenderError(f"PDF rendering failed: {type(err).__name__}: {err}") from None


@contextmanager
def _source_date_epoch(stamp: datetime):
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
