"""Reporters: turn a Report into text for people or data for machines. One module per format."""

from __future__ import annotations

from briefing.report import github, json_format, junit, sarif, text

FORMATS = {"text": text.render, "json": json_format.render, "github": github.render,
           "junit": junit.render, "sarif": sarif.render}
