"""The only way WeasyPrint may load anything: files inside the templates folder. Nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class TemplatesOnlyFetcher(URLFetcher):
    """Serves ``file://`` URLs that resolve inside ``root``; refuses every other URL
    (other files, http(s), data:, ftp, ...). A refused resource is simply left out."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return self._refuse(url)
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return self._refuse(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})

    def _refuse(self, url: str) -> NoReturn:
        self.refused.append(url)
        raise ValueError(f"briefing refuses to fetch {url[:80]!r}: only files in the templates folder load")


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ttf": "font/ttf",
            ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}.get(path.suffix.lower(),
                                                                                "application/octet-stream")
