"""`watch` renders the PDF again only when what it shows changed: a save that changes nothing, or a
touched source, leaves the PDF as it was; an edit of the text, or a deleted PDF, renders it again.
The real command in a subprocess, on real files."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.conftest import MINIMAL_CLAIMS, watching, write_claims

SUMMARY = re.compile(r"\[watch\] \d+ citations?:")


def touch(path: Path) -> None:
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))


def test_watch_renders_again_only_when_what_the_pdf_shows_changed(project: Path):
    claims = write_claims(project, MINIMAL_CLAIMS)
    pdf = project / "build" / "briefing.pdf"
    with watching(project, "--interval", "0.1") as watch:

        def next_round(seen: int) -> str:
            """The first summary line after the first ``seen`` of them."""
            return watch.wait_for(lambda lines: next(iter([x for x in lines if SUMMARY.match(x)][seen:]), None),
                                  f"round {seen + 1}", timeout=120)

        assert "; wrote " in next_round(0)
        first = pdf.stat()

        touch(claims)  # saved again, unchanged
        assert "is up to date (nothing it shows changed)" in next_round(1)
        touch(project / "seeds" / "000_89247fba3eac04d8.txt")
        assert "is up to date" in next_round(2)
        assert pdf.stat().st_ino == first.st_ino and pdf.stat().st_mtime_ns == first.st_mtime_ns

        write_claims(project, MINIMAL_CLAIMS.replace("do not bind China.", "do not bind Beijing."))
        assert "; wrote " in next_round(3)
        assert pdf.stat().st_mtime_ns != first.st_mtime_ns

        pdf.unlink()  # the PDF is gone: written again at the next save, though the text is the same
        touch(claims)
        assert "; wrote " in next_round(4)
        assert pdf.is_file()
