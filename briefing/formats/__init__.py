"""Reporters: turn a Report into text for people or data for machines. One module per format,
each with ``render(report, color=False) -> str``.

``FORMATS`` is the one registry of them: the CLI's ``--format`` choices and ``$BRIEFING_FORMAT``
are read from it. It names each reporter's module rather than importing it, so that building
the command line (for every command) loads no reporter and no verifier.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.results import Report

Reporter = Callable[..., str]  # render(report, color=False, ...)

FORMATS: dict[str, str] = {  # --format name -> its module in briefing/formats/
    "text": "text",
    "json": "json_format",
    "github": "github",
    "junit": "junit",
    "sarif": "sarif",
}


def reporter(name: str) -> Reporter:
    """The render function of format ``name`` (one of ``FORMATS``)."""
    render: Callable[..., str] = import_module(f"{__name__}.{FORMATS[name]}").render
    return render


def render(name: str, report: Report, color: bool = False) -> str:
    return reporter(name)(report, color=color)
