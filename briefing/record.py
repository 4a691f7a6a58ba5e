"""The verification record a PDF carries: the claims file and the JSON report, as attachments.

``build`` embeds them; ``audit`` reads them back. Both sides take the names from here.
"""

from __future__ import annotations

from briefing.report import json_format
from briefing.verify import Report

CLAIMS_ATTACHMENT = "claims.yaml"
RECORD_ATTACHMENT = "verification.json"


def record_bytes(report: Report) -> bytes:
    """The report as ``check --format json`` prints it, so a reader needs one parser for both."""
    return json_format.render(report).encode("utf-8")
