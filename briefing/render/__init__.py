"""Rendering: plain data -> HTML (jinja2) -> PDF (WeasyPrint). Imported only by ``build``."""

from __future__ import annotations

from pathlib import Path

from briefing.render.html import briefing_context, render_html, templates_dir
from briefing.render.pdf import write_atomically, write_pdf


def render_briefing(loaded, sources, report, output: Path, html_path: Path | None = None) -> list[Path]:
    templates = templates_dir(loaded)
    html = render_html(briefing_context(loaded, sources, report), templates)
    write_pdf(html, templates, output)
    written = [output]
    if html_path is not None:
        write_atomically(html_path, _inline_css(html, templates).encode("utf-8"))
        written.append(html_path)
    return written


def _inline_css(html: str, templates: Path) -> str:
    """A single self-contained HTML file: the stylesheet goes inline."""
    css = (templates / "briefing.css").read_text(encoding="utf-8")
    return html.replace('<link rel="stylesheet" href="briefing.css">', f"<style>\n{css}\n</style>")
