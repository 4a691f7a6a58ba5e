"""HTML to PDF with WeasyPrint, through the locked-down fetcher, written atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from weasyprint import HTML

from briefing.exceptions import RenderError
from briefing.render.fetcher import TemplatesOnlyFetcher


def write_pdf(html: str, templates: Path, output: Path) -> None:
    fetcher = TemplatesOnlyFetcher(templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=templates.resolve().as_uri() + "/", url_fetcher=fetcher)
    try:
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"briefing", uncompressed_pdf=False)
    except Exception as err:  # WeasyPrint raises many kinds; none may escape as a traceback
        raise RenderError(f"{output}: PDF rendering failed: {type(err).__name__}: {err}") from None
    write_atomically(output, pdf)


def write_atomically(output: Path, data: bytes) -> None:
    """Write to a temporary file beside ``output``, then rename: readers see the old file or the new one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
