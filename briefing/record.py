"""The verification record a PDF carries: the claims file and the JSON report, as attachments.

``build`` embeds them; ``audit`` reads them back. Both sides take the names from here.
"""

from __future__ import annotations

import json

from briefing.report.json_format import report_dict
from briefing.verify import Report

CLAIMS_ATTACHMENT = "claims.yaml"
RECORD_ATTACHMENT = "verification.json"


def record_bytes(report: Report) -> bytes:
    """The report as ``check --format json`` prints it, so a reader needs one parser for both."""
    return (json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
