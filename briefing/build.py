"""The build stage: check where a briefing will be written, then render it and write it.

Shared by ``briefing build`` and ``briefing watch``, so that no command imports another.
WeasyPrint is imported only when a briefing is actually rendered.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.results import Report
    from briefing.sources import SourceFile
    from briefing.spec.model import LoadedSpec


def check_outputs(project: tuple[LoadedSpec, dict[str, SourceFile]], outputs: list[Path | None]) -> None:
    """Each output can be written and is none of the command's inputs, nor another output."""
    from briefing.exceptions import InputError
    from briefing.files import check_output
    from briefing.render.html import template_files

    loaded, sources = project
    inputs = {loaded.path: "the claims file", **{f.path: f"source '{sid}'" for sid, f in sources.items()},
              **{t: f"the template {t.name}" for t in template_files(loaded)}}
    given = [o for o in outputs if o is not None]
    for output in given:
        check_output(output, inputs)
    if len({o.absolute() for o in given}) < len(given):
        raise InputError([f"{given[-1]}: the PDF and the HTML cannot be the same file"])


def build_outputs(loaded: LoadedSpec, sources: dict[str, SourceFile], report: Report, output: Path | None,
                  html: Path | None) -> list[Path]:
    """Render everything first, then write both or neither: a failure leaves no file behind."""
    from briefing.files import write_outputs
    from briefing.render import render_briefing  # WeasyPrint is imported only to build

    pdf, page = render_briefing(loaded, sources, report, html=html is not None)
    outputs = [(output or default_output(loaded), pdf)]
    if html is not None and page is not None:
        outputs.append((html, page))
    write_outputs(outputs)
    return [path for path, _ in outputs]


def default_output(loaded: LoadedSpec) -> Path:
    return loaded.path.parent / "build" / "briefing.pdf"


def rendered_from(loaded: LoadedSpec, sources: dict[str, SourceFile], output: Path) -> str:
    """A digest of everything a build's PDF shows: the claims file, the text of every source, the
    templates and where it goes. Equal digests give the same verdicts and the same bytes, so
    ``watch`` renders again only when it changes (a save that changed nothing renders nothing)."""
    from briefing.render.html import template_files

    h = hashlib.sha256(loaded.raw)
    for sid, file in sources.items():
        h.update(f"\0{sid}\0{file.path}\0{file.sha256}".encode("utf-8", "surrogatepass"))
    for template in template_files(loaded):
        h.update(f"\0{template}\0".encode("utf-8", "surrogatepass") + template.read_bytes())
    h.update(f"\0{output.absolute()}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def file_state(path: Path) -> tuple[int, int, int] | None:
    """Which file is at ``path``, and when it last changed: a PDF replaced or deleted since it was
    written is written again."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
