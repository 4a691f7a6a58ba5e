"""``briefing add``: bring a source into the project, from a file or a URL, and describe it.

A URL is fetched over HTTP or HTTPS only (redirects followed, each recorded, and only to
HTTP or HTTPS), within a size and a time limit; what arrives must be a web page, a PDF or
UTF-8 text, and must read as one (the reader that `check` will use reads it here first).
The file is written into the project's sources folder under a name made from its id, and
the entry for ``claims.yaml`` carries its SHA-256 pin, title and publisher from its own
metadata, and, for a URL, the address, the redirects and when it was retrieved.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message
from http.client import HTTPMessage
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from briefing import __version__
from briefing.exceptions import InputError
from briefing.sources import MAX_SOURCE_BYTES, Extraction, ReaderName, extract, reader_for

TIMEOUT_SECONDS = 30.0  # for the connection and for each read
MAX_REDIRECTS = 10
_SUFFIX: dict[ReaderName, str] = {"html": ".html", "pdf": ".pdf", "text": ".txt"}
_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Acquired:
    data: bytes
    reader: ReaderName
    extraction: Extraction
    name: str  # a file name to suggest: the URL's or the file's last part
    url: str | None = None  # as asked for
    redirects: tuple[str, ...] = ()  # every address it was sent on to, in order
    retrieved: str | None = None  # UTC, ISO 8601, when fetched


def is_url(target: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", target))


def from_file(path: Path, display: str) -> Acquired:
    from briefing.files import read_input

    data = read_input(path, display, MAX_SOURCE_BYTES, "source")
    reader = reader_for(path)
    return Acquired(data, reader, extract(data, display, reader), path.name)


def from_url(url: str) -> Acquired:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError([f"{url}: only http:// and https:// addresses can be fetched"])
    redirects: list[str] = []
    opener = urllib.request.build_opener(_Redirects(redirects))
    request = urllib.request.Request(url, headers={"User-Agent": f"briefing/{__version__} (source add)",
                                                   "Accept": "text/html, application/pdf, text/plain;q=0.5"})
    retrieved = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_SOURCE_BYTES:
                raise InputError([f"{url}: is {int(declared):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit"])
            data = response.read(MAX_SOURCE_BYTES + 1)
            headers: Message = response.headers
    except urllib.error.HTTPError as err:
        raise InputError([f"{url}: the server answered {err.code} {_reason(err.reason)}"]) from None
    except urllib.error.URLError as err:
        raise InputError([f"{url}: cannot fetch: {_reason(err.reason)}"]) from None
    except TimeoutError:
        raise InputError([f"{url}: no answer within {TIMEOUT_SECONDS:.0f} s"]) from None
    except (OSError, ValueError) as err:  # a connection reset, a malformed answer
        raise InputError([f"{url}: cannot fetch: {_reason(err)}"]) from None
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError([f"{url}: is over the {MAX_SOURCE_BYTES:,}-byte limit"])
    if not data:
        raise InputError([f"{url}: the server sent nothing"])
    reader = _reader_of(headers.get_content_type(), data, url)
    name = PurePosixPath(urlsplit(redirects[-1] if redirects else url).path).name or parts.hostname
    return Acquired(data, reader, extract(data, url, reader), name, url, tuple(redirects), retrieved)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http or https, at most MAX_REDIRECTS times, noting each address."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputError([f"{req.full_url}: redirected to {newurl}, which is not an http or https address"])
        if len(self.seen) >= MAX_REDIRECTS:
            raise InputError([f"{self.seen[0]}: more than {MAX_REDIRECTS} redirects"])
        self.seen.append(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _reason(reason: object) -> str:
    """On one line: urllib's messages may run over several."""
    return " ".join(str(getattr(reason, "strerror", None) or reason).split())


def _reader_of(content_type: str, data: bytes, url: str) -> ReaderName:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type == "application/pdf" or data.startswith(b"%PDF-"):
        return "pdf"
    if content_type == "text/plain":
        return "text"
    raise InputError([f"{url}: is {content_type}, not a web page, a PDF or plain text"])


def source_id(acquired: Acquired, taken: set[str]) -> str:
    """An id from the URL's host and last part, or the file's name: lowercase words joined by hyphens,
    made unique with a number."""
    if acquired.url:
        host = (urlsplit(acquired.url).hostname or "").removeprefix("www.").split(".")[0]
        stem = PurePosixPath(acquired.name).stem if acquired.name != urlsplit(acquired.url).hostname else ""
        base = f"{host}-{stem}" if stem else host
    else:
        base = PurePosixPath(acquired.name).stem
    base = _ID.sub("-", base.lower()).strip("-")[:40].strip("-") or "source"
    if not base[0].isalpha():
        base = "s-" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def file_name(sid: str, reader: ReaderName) -> str:
    return sid + _SUFFIX[reader]
