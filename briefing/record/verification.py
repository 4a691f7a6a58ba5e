"""The verification record a PDF carries: the claims file and the JSON report, as attachments.

``build`` embeds them; ``audit`` reads them back. Both sides take the names from here, and
``audit`` reads the record through the typed model below: a record is untrusted input (it
arrives inside a PDF someone sent), so every field the audit uses is checked for its type
and size before it is used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from briefing.exceptions import InputError
from briefing.formats import json_format
from briefing.results import Report

CLAIMS_ATTACHMENT = "claims.yaml"
RECORD_ATTACHMENT = "verification.json"
MAX_RECORD_BYTES = 64 * 1024 * 1024  # the record of 10,000 citations is a few MB

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Name = Annotated[str, StringConstraints(max_length=4096)]  # ids and paths: nothing longer is real


def record_bytes(report: Report, pages: Sequence[Mapping[str, str]] = ()) -> bytes:
    """The report as ``check --format json`` prints it, so a reader needs one parser for both,
    with what each page of the PDF shows (see ``briefing.record.pages``)."""
    data = json_format.report_dict(report)
    # how each source's text was read, so an audit tells a changed file from a changed reading of it
    provenance = {digest.id: digest.provenance() for digest in report.sources}
    for entry in data["sources"]:
        entry.update(provenance[entry["id"]])
    data["pages"] = list(pages)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class _Part(BaseModel):
    # strict: "3" is not 3, and a list is not a string; extra keys belong to `check --format json`
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class RecordedSpan(_Part):
    start: int
    end: int
    path: Name | None = None
    line: int | None = None
    column: int | None = None


class RecordedCitation(_Part):
    claim: Name
    index: int = Field(ge=0)
    source: Name
    span: RecordedSpan | None = None


class RecordedSource(_Part):
    id: Name
    sha256: Digest
    # provenance: absent from the records of builds before readers for web pages and PDFs
    reader: Name | None = None
    library: Name | None = None
    library_version: Name | None = None
    text_sha256: Digest | None = None


class RecordedPage(_Part):
    sha256: Digest
    resources: Digest
    text: str


class Record(_Part):
    claims: Name
    claims_sha256: Digest
    sources: list[RecordedSource]
    citations: list[RecordedCitation]
    pages: list[RecordedPage] | None = None  # absent from the records of briefing 0.1.0's first builds


def parse_record(data: bytes, display: str) -> Record:
    """The record, or InputError with one line saying what is wrong with it."""
    what = f"{display}: the embedded {RECORD_ATTACHMENT}"
    if len(data) > MAX_RECORD_BYTES:
        raise InputError([f"{what} is {len(data):,} bytes, over the {MAX_RECORD_BYTES:,}-byte limit"])
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError([f"{what} is not valid JSON: {err}"]) from None
    except RecursionError:
        raise InputError([f"{what} is nested too deeply to be a verification record"]) from None
    try:
        return Record.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = "/".join(str(p) for p in first["loc"]) or "the top level"
        more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
        raise InputError([f"{what} is not a verification record: {where}: {first['msg']}{more}"]) from None
