"""Reporters: turn a Report into text for people or data for machines. One module per format."""

from __future__ import annotations

from briefing.report import json_format, text

FORMATS = {"text": text.render, "json": json_format.render}
