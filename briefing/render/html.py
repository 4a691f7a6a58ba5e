"""The briefing as HTML: a jinja2 template with autoescaping, fed only plain data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from markupsafe import Markup, escape

from briefing.exceptions import RenderError
from briefing.spec.model import LoadedSpec
from briefing.verify.normalize import HIDDEN

TEMPLATE = "briefing.html.j2"
STYLESHEET = "briefing.css"
# templates/ at the top of the repository, installed as the package briefing.templates: found
# through the import system, so alike in a checkout and in a wheel (pyproject.toml maps it)
BUNDLED_TEMPLATES = Path(str(resources.files("briefing.templates")))
_HYPHENATED = re.compile(r"(\S*\w[-‐]\w\S*)")
MAX_UNBROKEN = 40  # a longer hyphenated run may break, or it would overflow the line


def templates_dir(loaded: LoadedSpec) -> Path:
    """A ``templates/`` folder beside the claims file wins over the bundled one."""
    local = loaded.path.resolve().parent / "templates"
    return local if (local / TEMPLATE).is_file() else BUNDLED_TEMPLATES


def template_files(loaded: LoadedSpec) -> list[Path]:
    """The files of the templates folder in use: inputs of a build, never written over."""
    return sorted(p for p in templates_dir(loaded).iterdir() if p.is_file())


def render_html(context: dict, templates: Path, inline_css: bool = False,
                page_of: Mapping[str, int] | None = None) -> str:
    """``inline_css`` gives one self-contained file; otherwise the stylesheet is linked, and
    WeasyPrint loads it through the templates-only fetcher. ``page_of`` (the PDF's) prints the
    page references, with these numbers (see render/pagerefs.py); the screen has none."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=shown_as_verified)
    env.filters["unbroken_hyphens"] = unbroken_hyphens
    try:
        stylesheet = (templates / STYLESHEET).read_text(encoding="utf-8") if inline_css else None
        return env.get_template(TEMPLATE).render(**context, stylesheet=STYLESHEET, inline_stylesheet=stylesheet,
                                                 page_of=page_of)
    except TemplateError as err:
        where = f"{getattr(err, 'filename', None) or TEMPLATE}:{getattr(err, 'lineno', None) or 1}"
        raise RenderError(f"{where}: template error: {err.message or err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise RenderError(f"{templates / STYLESHEET}: cannot read the stylesheet: {err}") from None


def shown_as_verified(value: object) -> object:
    """Every value the template prints, without the invisible characters that change how text is
    shown (bidirectional overrides and the like, ``normalize.HIDDEN``). The claims file may hold
    none; a source may, and the briefing prints the source's own words: with an override left in,
    "006" as verified would show as "600". Without it, the reader sees the characters verified."""
    if isinstance(value, Markup):  # already escaped: removing characters adds no markup
        return Markup(HIDDEN.sub("", str(value)))
    return HIDDEN.sub("", value) if isinstance(value, str) else value


def unbroken_hyphens(text: str) -> Markup:
    """Escape ``text`` and keep each hyphenated word on one line: a line break after a hyphen
    would put "border- crossing" into the text a reader copies out of the PDF."""
    parts = _HYPHENATED.split(str(text))
    return Markup("").join(Markup('<span class="unbroken">{}</span>').format(part)
                           if k % 2 and len(part) <= MAX_UNBROKEN else escape(part)
                           for k, part in enumerate(parts))
