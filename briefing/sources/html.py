"""Web pages: the text a reader of the page sees, main article first.

lxml parses the page as a browser would forgive it; scripts, styles, templates and hidden
elements are left out, entities are decoded, whitespace runs collapse as a browser shows
them, block elements become paragraphs (``<br>`` a line break, ``<pre>`` kept as written).
trafilatura, made to find the article in a news page, says which paragraphs are the main
text: those come first, in page order, then every other paragraph of the page (menus,
captions, related links), so every sentence a reader sees stays quotable while ``find``, the
closest passage and the appendix meet the article first.

Title, publisher, author and date come from the page's own metadata (``<meta>``, Open Graph,
JSON-LD, ``<title>``), never from guessing at its text.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from typing import Any

from briefing.exceptions import InputError
from briefing.sources.provenance import Extraction, Metadata

# left out with everything inside: never shown as text
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "title", "meta", "link", "svg", "math",
                   "iframe", "object", "embed", "canvas", "audio", "video", "source", "track", "map", "select",
                   "datalist", "dialog", "button", "input", "textarea"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
                    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
                    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
                    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
                    "ul"})
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; a no-break space is text
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MAX_MAIN_SHARE = 0.98  # a "main text" that is nearly the whole page marks nothing


def read_html(data: bytes, written: str) -> Extraction:
    import lxml.html
    from lxml import etree

    markup = _decode(data, written)
    if "<" not in markup:
        raise InputError([f"'{written}' is not an HTML page: it has no markup"])
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1), parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise InputError([f"'{written}' is not a readable HTML page: {err}"]) from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 drops what lies deeper than 255 elements: say so rather than lose text unseen
        raise InputError([f"'{written}' nests its elements more than 255 deep, deeper than the HTML reader follows"])
    meta = _metadata(root)
    paragraphs = [p for p in _paragraphs(root) if p.strip()]
    if not paragraphs:
        raise InputError([f"'{written}' is a web page with no visible text"])
    main = _main_flags(markup, paragraphs)
    ordered = [p for p, m in zip(paragraphs, main, strict=True) if m] + [
        p for p, m in zip(paragraphs, main, strict=True) if not m]
    return Extraction("\n\n".join(ordered) + "\n", "html", "lxml+trafilatura",
                      f"lxml {version('lxml')}, trafilatura {version('trafilatura')}", (), meta)


def _decode(data: bytes, written: str) -> str:
    """As a browser would: a byte-order mark, else the page's <meta charset>, else UTF-8 (Windows-1252
    if it is not UTF-8, which is what browsers assume of an undeclared Western page)."""
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, name in boms:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            return data.decode("cp1252" if name == "latin-1" else name, errors="replace")  # as browsers do
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise InputError([f"'{written}' is not an HTML page: it holds binary data"]) from None
        return data.decode("cp1252", errors="replace")


def _hidden(el: Any) -> bool:
    get = el.get  # an lxml element
    return get("hidden") is not None or bool(_HIDDEN_STYLE.search(get("style") or "")) or (
        (get("type") or "").lower() == "hidden")


def _paragraphs(root: Any) -> list[str]:
    """The visible text, one string per block; line breaks inside a block as ``\\n``."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current)
        lines = [re.sub(" {2,}", " ", line).strip(" ") for line in text.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
        current.clear()

    for kind, value in _walk(root):
        if kind == "block":
            flush()
        elif kind == "br":
            current.append("\n")
        elif kind == "pre":
            flush()
            out.append(value.strip("\n"))
        else:
            current.append(_SPACE.sub(" ", value))
    flush()
    return out


def _walk(root: Any) -> Iterator[tuple[str, str]]:
    """("text", s), ("br", ""), ("block", "") or ("pre", s), in reading order. With a stack of its own,
    not recursion: a page may nest elements thousands deep."""
    stack: list[tuple[str, Any]] = [("open", root)]
    while stack:
        action, el = stack.pop()
        if action != "open":  # what comes after an element: its end, then its tail
            yield action, el
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or _hidden(el):  # a comment or processing instruction has a non-str tag
            continue
        if tag in ("br", "pre", "img"):
            yield ("br", "") if tag == "br" else ("pre", el.text_content()) if tag == "pre" else ("text", "")
            continue
        block = tag in _BLOCK
        if block:
            yield "block", ""
            stack.append(("block", ""))
        if el.text:
            yield "text", el.text
        for child in reversed(el):
            if child.tail:
                stack.append(("text", child.tail))
            stack.append(("open", child))


def _main_flags(markup: str, paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are the article: those whose words trafilatura keeps as its main text."""
    import trafilatura

    try:
        main = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True,
                                   deduplicate=False) or ""
    except Exception:  # noqa: BLE001 - a page trafilatura cannot read has no main text; the whole page is kept
        main = ""
    kept = " ".join(main.split())
    if not kept:
        return [False] * len(paragraphs)
    flags = [" ".join(p.split()) in kept for p in paragraphs]
    total = sum(len(p) for p in paragraphs)
    if sum(len(p) for p, f in zip(paragraphs, flags, strict=True) if f) > _MAX_MAIN_SHARE * total:
        return [False] * len(paragraphs)
    return flags


def _metadata(root: Any) -> Metadata:
    metas: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = " ".join((m.get("content") or "").split())
        if key and value and key not in metas:
            metas[key] = value
    ld = _json_ld(root)
    title_el = root.find(".//title")
    page_title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    author = metas.get("author") or _ld_name(ld.get("author")) or metas.get("article:author", "")
    if author.startswith(("http://", "https://")):  # a profile link, not a name
        author = ""
    published = next((d for d in (_iso_date(metas.get(k, "")) for k in (
        "article:published_time", "datepublished", "date", "dc.date.issued", "dc.date", "pubdate",
        "og:published_time", "sailthru.date", "parsely-pub-date")) if d), None) or _iso_date(
        str(ld.get("datePublished", "")))
    return Metadata(title=metas.get("og:title") or metas.get("twitter:title") or str(ld.get("headline") or "")
                    or page_title or None,
                    publisher=metas.get("og:site_name") or _ld_name(ld.get("publisher")) or None,
                    author=author or None, published=published)


def _json_ld(root: Any) -> dict:
    """The first JSON-LD object that describes an article (or any with a headline)."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _ld_name(value: object) -> str:
    if isinstance(value, list):
        names = [_ld_name(v) for v in value]
        return ", ".join(n for n in names if n)
    if isinstance(value, dict):
        return " ".join(str(value.get("name") or "").split())
    return " ".join(value.split()) if isinstance(value, str) and not value.startswith("http") else ""


def _iso_date(value: str) -> str | None:
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
