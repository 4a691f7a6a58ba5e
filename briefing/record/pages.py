"""What each page of a built PDF shows, read back from the PDF itself.

``build`` records, for every page it wrote, a digest of everything that draws the page (its
content stream, fonts and other resources, annotations and page boxes, each stream taken
decoded, so that recompressing changes nothing) and the page's text. ``audit`` reads the
pages of the PDF it is given the same way and compares them with that record: a page whose
text or drawing was edited, a page taken from another build, a blanked or an unreadable page
each get their own finding. Only ``build`` and ``audit`` import this module (it reads PDFs).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from pypdf import PageObject, PdfReader, apply_configuration
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from briefing.exceptions import RenderError

# back-references that lead out of the page (to its parent, or from an annotation to its page),
# and its keys into the document's structure tree (for assistive technology; nothing is drawn)
_LINKS_OUT = frozenset({"/Parent", "/P", "/StructParents", "/StructParent"})
# how a stream is stored, not what it holds: its decoded bytes are hashed instead
_STORAGE = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})
MAX_NESTING = 64  # a built page nests a handful of levels; a hostile one could nest until the stack breaks
# The longest array a build writes grows with the briefing: the structure tree's /ParentTree
# /Nums holds two elements per page and per link (49,680 for 1,000 claims citing 1,500 quotes,
# about 33 a citation), and pypdf reads it with the catalog, which shares its object stream.
# pypdf refuses an array of more than 100,000 elements, so a briefing of some 2,000 claims could
# not be audited. This bound is ten times the array of a 10,000-claim briefing, and holds what a
# claims file at its 5 MB limit gives at 50 bytes a citation (3.3 million). It gives up no guard
# on resources: those are pypdf's other limits (a stream decompresses to 75 MB at most, which
# could hold as many arrays of 100,000 elements as fit), all kept.
MAX_ARRAY_ELEMENTS = 5_000_000

PageCode = Literal["page-changed", "page-foreign", "page-blank", "page-unreadable", "page-count"]


@dataclass(frozen=True)
class PageRecord:
    """One page as the build wrote it."""

    sha256: str  # everything that draws the page
    resources: str  # its fonts and other resources: one build's pages share them
    text: str  # the text it draws, runs of whitespace as one space (compared without them)

    def as_dict(self) -> dict[str, str]:
        return {"sha256": self.sha256, "resources": self.resources, "text": self.text}


class UnreadablePage(Exception):
    """A page whose content cannot be decoded or read."""


class PageRead:
    """A page of a PDF at hand: its digests, and its text when asked (extraction is slow, and
    needed only for a page that is not as built)."""

    def __init__(self, page: PageObject, sha256: str, resources: str) -> None:
        self.page, self.sha256, self.resources = page, sha256, resources
        self._text: str | None = None

    @property
    def text(self) -> str:
        """Raises UnreadablePage when pypdf cannot read the page's text."""
        if self._text is None:
            try:
                with briefing_limits():
                    self._text = " ".join(self.page.extract_text().split())
            except Exception as err:  # noqa: BLE001 - a hostile page fails pypdf in many ways; each is one finding
                raise UnreadablePage(f"{type(err).__name__}: {err}") from None
        return self._text


@dataclass(frozen=True)
class PageProblem:
    code: PageCode
    message: str


class _DecodingComplaints(logging.Handler):
    """pypdf decodes a damaged stream as far as it can and only logs the damage: kept here, so
    that such a page is reported as unreadable (once, by us) rather than read as blank."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("pypdf.filters"):
            self.messages.append(record.getMessage())


_COMPLAINTS = _DecodingComplaints()


@contextmanager
def briefing_limits() -> Iterator[None]:
    """pypdf's limits against hostile files, but for the length of an array (see
    MAX_ARRAY_ELEMENTS): pypdf parses lazily, so everything that reads a briefing runs in here."""
    with apply_configuration(array_maximum_element_count=MAX_ARRAY_ELEMENTS):
        yield


def open_pdf(pdf: bytes) -> PdfReader:
    """Raises pypdf's errors when the file cannot be read as a PDF at all."""
    log = logging.getLogger("pypdf")
    log.setLevel(logging.WARNING)
    log.propagate = False  # its warnings are ours to report, once, as findings
    if _COMPLAINTS not in log.handlers:
        log.addHandler(_COMPLAINTS)
    return PdfReader(io.BytesIO(pdf))


def read_pages(reader: PdfReader) -> list[PageRead | UnreadablePage]:
    """Every page of the PDF, or what made it unreadable. Call it within briefing_limits()."""
    memo: dict[tuple[int, int], bytes] = {}  # the fonts every page shares are hashed once
    out: list[PageRead | UnreadablePage] = []
    for page in reader.pages:
        _COMPLAINTS.messages.clear()
        try:
            resources = _digest(page.raw_get("/Resources") if "/Resources" in page else None, memo, set(), 0)
            drawn = _digest(page, memo, set(), 0)
            if _COMPLAINTS.messages:
                raise UnreadablePage(f"damaged stream: {_COMPLAINTS.messages[0]}")
            out.append(PageRead(page, drawn.hex(), resources.hex()))
        except UnreadablePage as err:
            out.append(err)
        except Exception as err:  # noqa: BLE001 - a hostile page fails pypdf in many ways; each is one finding
            out.append(UnreadablePage(f"{type(err).__name__}: {err}"))
    return out


def record_pages(pdf: bytes, texts: list[str] | None = None) -> list[PageRecord]:
    """What each page of a PDF just built shows, for its record. ``texts`` is the text of each
    page from the layout, when the renderer can say (reading it back is slower); RenderError
    if the build's own PDF cannot be read back."""
    with briefing_limits():
        pages = read_pages(open_pdf(pdf))
    if texts is not None and len(texts) != len(pages):
        texts = None
    out = []
    for number, page in enumerate(pages):
        try:
            if isinstance(page, UnreadablePage):
                raise page
            out.append(PageRecord(page.sha256, page.resources, texts[number] if texts is not None else page.text))
        except UnreadablePage as err:
            raise RenderError(f"the PDF just written cannot be read back: page {number + 1}: {err}") from None
    return out


def active_content(reader: PdfReader) -> list[str]:
    """What the document holds that a build never writes and that can change what a reader
    sees without touching a page: scripts, actions on opening, form fields, layers."""
    catalog = reader.root_object
    found = [_ACTIVE[key] for key in _ACTIVE if key in catalog]
    names = catalog.get("/Names")
    if isinstance(names, DictionaryObject) and "/JavaScript" in names:
        found.append("document scripts")
    return found


_ACTIVE = {"/OpenAction": "an action run on opening", "/AA": "actions run on events",
           "/AcroForm": "form fields", "/OCProperties": "optional content (layers)"}


def _digest(obj: Any, memo: dict[tuple[int, int], bytes], open_refs: set[tuple[int, int]], depth: int) -> bytes:
    """A digest of a PDF object and everything it refers to, independent of object numbers."""
    if depth > MAX_NESTING:
        raise UnreadablePage(f"objects nested more than {MAX_NESTING} levels deep")
    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key in memo:
            return memo[key]
        if key in open_refs:  # a cycle: the object refers back to itself
            return b"cycle"
        open_refs.add(key)
        value = _digest(obj.get_object(), memo, open_refs, depth + 1)
        open_refs.discard(key)
        memo[key] = value
        return value
    h = hashlib.sha256()
    if isinstance(obj, StreamObject):
        h.update(b"stream")
        h.update(_digest_items(obj, memo, open_refs, depth, _LINKS_OUT | _STORAGE))
        h.update(hashlib.sha256(obj.get_data()).digest())
    elif isinstance(obj, DictionaryObject):
        h.update(b"dict")
        h.update(_digest_items(obj, memo, open_refs, depth, _LINKS_OUT))
    elif isinstance(obj, ArrayObject):
        h.update(b"array")
        for item in obj:
            h.update(_digest(item, memo, open_refs, depth + 1))
    else:
        h.update(_scalar(obj))
    return h.digest()


def _digest_items(obj: DictionaryObject, memo: dict[tuple[int, int], bytes], open_refs: set[tuple[int, int]],
                  depth: int, skip: frozenset[str]) -> bytes:
    h = hashlib.sha256()
    for key in sorted(str(k) for k in obj):
        if key not in skip:
            h.update(key.encode("utf-8", "surrogatepass") + b"\0")
            h.update(_digest(obj.raw_get(key), memo, open_refs, depth + 1))
    return h.digest()


def _scalar(obj: Any) -> bytes:
    if isinstance(obj, BooleanObject):
        return b"bool:" + (b"1" if obj.value else b"0")
    if isinstance(obj, NullObject) or obj is None:
        return b"null"
    if isinstance(obj, NameObject):
        return b"name:" + str(obj).encode("utf-8", "surrogatepass")
    if isinstance(obj, NumberObject):
        return b"int:" + str(int(obj)).encode()
    if isinstance(obj, FloatObject):
        return b"real:" + repr(float(obj)).encode()
    if isinstance(obj, ByteStringObject):
        return b"bytes:" + bytes(obj)
    if isinstance(obj, TextStringObject):
        return b"text:" + (obj.original_bytes if obj.original_bytes else str(obj).encode("utf-8", "surrogatepass"))
    return f"{type(obj).__name__}:{obj!r}".encode("utf-8", "surrogatepass")


def compare_pages(recorded: list[PageRecord], actual: list[PageRead | UnreadablePage]) -> list[PageProblem]:
    """A problem for every page that is not as the build wrote it, and one for pages added or
    missing."""
    problems: list[PageProblem] = []
    where_built = {page.sha256: number for number, page in enumerate(recorded, start=1)}
    resources = {page.resources for page in recorded}
    seen: set[str] = set()
    for number, page in enumerate(actual, start=1):
        built = recorded[number - 1] if number <= len(recorded) else None
        if isinstance(page, PageRead):
            seen.add(page.sha256)
            if built is not None and page.sha256 == built.sha256:
                continue
        try:
            if isinstance(page, UnreadablePage):
                raise page
            problems.append(_classify(number, page, built, where_built.get(page.sha256), resources))
        except UnreadablePage as err:
            problems.append(PageProblem("page-unreadable", f"page {number} cannot be read ({err})"[:500]))
    if len(actual) != len(recorded):
        missing = [n for n, page in enumerate(recorded, start=1) if page.sha256 not in seen]
        lost = f"; not in it: the build's page{'s' if len(missing) > 1 else ''} {_numbers(missing)}" if missing else ""
        problems.insert(0, PageProblem("page-count", f"the PDF has {len(actual)} pages, the build wrote "
                                                     f"{len(recorded)}{lost}"))
    return problems


def _classify(number: int, page: PageRead, built: PageRecord | None, built_as: int | None,
              resources: set[str]) -> PageProblem:
    if built_as is not None:
        return PageProblem("page-changed", f"page {number} is the build's page {built_as}: pages were moved")
    if page.resources not in resources:
        return PageProblem("page-foreign", f"page {number} is not from this build: it is drawn with fonts and "
                                           f"resources the build did not write (it reads “{_excerpt(page.text)}”)")
    if built is None:
        return PageProblem("page-changed", f"page {number} was added: it reads “{_excerpt(page.text)}”")
    now, then = _words(page.text), _words(built.text)
    if not now and then:
        return PageProblem("page-blank", f"page {number} shows no text; the build printed “{_excerpt(built.text)}”")
    if now == then:
        return PageProblem("page-changed", f"page {number} shows the text the build printed, but draws something "
                                           "else too (its content, annotations or page boxes were changed)")
    return PageProblem("page-changed", f"page {number} does not say what the build printed: {text_diff(then, now)}")


def _words(text: str) -> list[str]:
    """Words and punctuation marks, whatever the spacing: a layout's text and the text read
    back from the PDF differ only in where they put spaces ("China. 5" / "China.5")."""
    return _TOKEN.findall(text)


_TOKEN = re.compile(r"\w+|[^\w\s]")


def text_diff(old: list[str], new: list[str], limit: int = 3) -> str:
    """The first few changes from the words ``old`` to ``new``, each with a little context."""
    changes = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    shown = []
    for tag, i1, i2, j1, j2 in changes[:limit]:
        context = " ".join(old[max(i1 - 4, 0):i1])
        lead = f"…{context} " if context else ""
        if tag == "replace":
            shown.append(f"{lead}“{_clip(old[i1:i2])}” is now “{_clip(new[j1:j2])}”")
        elif tag == "delete":
            shown.append(f"{lead}“{_clip(old[i1:i2])}” is gone")
        else:
            shown.append(f"{lead}“{_clip(new[j1:j2])}” was added")
    more = f" (and {len(changes) - limit} more changes)" if len(changes) > limit else ""
    return "; ".join(shown) + more


def _clip(words: list[str], most: int = 12) -> str:
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def _excerpt(text: str, most: int = 12) -> str:
    return _clip(text.split(), most)


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
