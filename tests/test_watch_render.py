"""`watch` renders the PDF again only when what it shows changed: a save that changes nothing, or a
touched source, leaves the PDF as it was; an edit of the text, or a deleted PDF, renders it again.
The real command in a subprocess, on real files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import MINIMAL_CLAIMS, write_claims


def test_watch_renders_again_only_when_what_the_pdf_shows_changed(project: Path):
    claims = write_claims(project, MINIMAL_CLAIMS)
    pdf = project / "build" / "briefing.pdf"
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--interval", "0.1"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    output = proc.stdout
    assert output is not None
    threading.Thread(target=lambda: lines.extend(iter(output.readline, "")), daemon=True).start()

    def next_round(seen: int, timeout: float = 120) -> str:
        """The first summary line after the first ``seen`` of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rounds = [line for line in lines if re.match(r"\[watch\] \d+ citations?:", line)]
            if len(rounds) > seen:
                return rounds[seen]
            time.sleep(0.05)
        raise AssertionError(f"no round {seen + 1} in {lines}")

    def touch(path: Path) -> None:
        later = path.stat().st_mtime_ns + 2_000_000_000
        os.utime(path, ns=(later, later))

    try:
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
    finally:
        proc.terminate()
        proc.wait(timeout=10)
