"""PDF reports: the text layer, page by page, as a reader reads it.

pypdfium2 (PDFium, the PDF engine of Chromium; Apache-2.0/BSD) gives each page's characters
in the order they are drawn, which is reading order for the typesetters that write reports
(LaTeX, groff, Word, WeasyPrint: column after column), with the line breaks it infers and
every line-end hyphen it recognises flagged. From the position and size of a few characters
per line this module then:

- leaves out the running heads and feet: lines in the top or bottom band of a page that recur
  on other pages (page numbers aside), and lines there that are only a page number;
- leaves out footnote markers: digits and marks set smaller and raised after a word (never
  after a digit, where a raised figure is an exponent);
- moves footnotes (smaller lines at the foot of a page) to the end of the text, so a sentence
  that runs on to the next page reads on, and the footnotes stay quotable, on their own page;
- keeps line-end hyphens as ``-`` before the line break, which the verifier rejoins;
- ends a paragraph at a short line, a gap or a change of size.

The page map records, for every stretch of text, the page it is printed on.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from itertools import pairwise
from statistics import median
from typing import Any

from briefing.exceptions import InputError
from briefing.sources.provenance import Extraction, Metadata

BAND = 0.09  # the top and bottom 9 % of a page: where running heads and feet stand
MARKS = frozenset("0123456789*\u2020\u2021\u00a7\u00b6")  # what footnote markers are set from
_NUMBERS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"(?i)^\W*(?:page\s+)?(?:\d+|[ivxlc]+)(?:\s*(?:of|/)\s*\d+)?\W*$")
_LINE_END = re.compile("\r\n|\n|\r|\ufffe")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
MIN_TEXT_CHARS = 20  # fewer in the whole document: a scan without a text layer


@dataclass
class _Line:
    text: str
    left: float
    right: float
    base: float  # baseline y, up is larger
    size: float  # font size, in points
    page: int

    @property
    def key(self) -> tuple[str, int]:
        """What a running line keeps from page to page: its text with the numbers out, and its height."""
        return _NUMBERS.sub("#", " ".join(self.text.split())), round(self.base / 3)


def read_pdf(data: bytes, written: str) -> Extraction:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        text = str(err).lower()
        if "password" in text:
            raise InputError([f"'{written}' is an encrypted PDF: save a copy without a password, or quote "
                              "a text version of it"]) from None
        raise InputError([f"'{written}' is not a readable PDF ({err})"]) from None
    try:
        pages = [_page_lines(doc, k) for k in range(len(doc))]
        meta = _metadata(doc)
    except pdfium.PdfiumError as err:
        raise InputError([f"'{written}' is not a readable PDF ({err})"]) from None
    finally:
        doc.close()
    if not pages:
        raise InputError([f"'{written}' is a PDF without pages"])
    running = _running_keys(pages)
    text, starts = _assemble(pages, running)
    if sum(not c.isspace() for c in text) < MIN_TEXT_CHARS:
        raise InputError([f"'{written}' has no text layer (a scanned or image-only PDF): run OCR on it first, "
                          "or quote a text version of it"])
    return Extraction(text, "pdf", "pypdfium2", f"pypdfium2 {version('pypdfium2')}", tuple(starts), meta)


def _page_lines(doc: Any, index: int) -> list[_Line]:
    import pypdfium2.raw as pdfium_c

    page = doc[index]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters outside the BMP: two code units for one index; read one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
        probe = _Probe(raw)
        lines: list[_Line] = []
        start = 0
        # PDFium joins a line that ends in a hyphen it takes for a word break to the next, marking
        # the hyphen U+FFFE: that ends a line too
        for m in _LINE_END.finditer(text + "\n"):
            end = m.end() if m.group() == "\ufffe" else m.start()
            if end > start:
                line = probe.line(text, start, end, index + 1)
                if line is not None:
                    lines.append(line)
            start = m.end()
        return _merge_same_line(lines)
    finally:
        textpage.close()
        page.close()


def _merge_same_line(lines: list[_Line]) -> list[_Line]:
    """PDFium breaks a line where a raised mark interrupts it; what stands on one baseline, left to
    right, is one line."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and _is_marker(ln, prev):
            continue
        if prev is not None and abs(ln.base - prev.base) < 0.35 * prev.size and prev.right - 1 <= ln.left < (
                prev.right + 3 * prev.size):
            space = "" if ln.left - prev.right < 0.12 * prev.size else " "
            out[-1] = _Line(prev.text + space + ln.text, prev.left, ln.right, prev.base, max(prev.size, ln.size),
                            prev.page)
        else:
            out.append(ln)
    return out


def _is_marker(line: _Line, prev: _Line) -> bool:
    """A footnote marker PDFium set on a line of its own: small, raised, right after a word."""
    return (len(line.text) <= 3 and all(c in MARKS for c in line.text) and line.size < 0.85 * prev.size
            and prev.base < line.base < prev.base + prev.size and prev.right - 1 <= line.left < prev.right + prev.size
            and not prev.text[-1:].isdigit())


class _Probe:
    """Position and size of single characters, through PDFium's C API (a few calls per line)."""

    def __init__(self, raw: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.raw = raw
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.m = pdfium_c.FS_MATRIX()

    def origin(self, i: int) -> tuple[float, float]:
        self.c.FPDFText_GetCharOrigin(self.raw, i, ctypes.byref(self.x), ctypes.byref(self.y))
        return self.x.value, self.y.value

    def box(self, i: int) -> tuple[float, float]:
        self.c.FPDFText_GetCharBox(self.raw, i, ctypes.byref(self.l), ctypes.byref(self.r), ctypes.byref(self.b),
                                   ctypes.byref(self.t))
        return self.l.value, self.r.value

    def size(self, i: int) -> float:
        """The size a character is shown at: its font size times the text matrix's vertical scale."""
        self.c.FPDFText_GetMatrix(self.raw, i, ctypes.byref(self.m))
        scale = math.hypot(self.m.c, self.m.d) or 1.0
        return self.c.FPDFText_GetFontSize(self.raw, i) * scale

    def _raised(self, i: int, size: float, base: float) -> bool:
        return self.size(i) < 0.85 * size and self.origin(i)[1] > base + 0.15 * size

    def line(self, text: str, a: int, b: int, page: int) -> _Line | None:
        chars = [i for i in range(a, b) if not text[i].isspace() and text[i] != "\ufffe"]
        if not chars:
            return None
        # the line's own size and baseline: the most common among a few of its characters
        probes = sorted({chars[0], chars[len(chars) // 2], chars[-1], chars[len(chars) // 4],
                         chars[3 * len(chars) // 4]})
        sizes = {i: self.size(i) for i in probes}
        bases = {i: self.origin(i)[1] for i in probes}
        size = max(sizes.values())
        base = median(bases[i] for i in probes if sizes[i] >= 0.9 * size)
        drop: set[int] = set()
        for i in range(a, b):  # raised small marks: footnote markers, not text
            # after a figure, a raised digit is an exponent (10 to the 6th), never dropped
            after_figure = i > a and text[i - 1].isdigit() and i - 1 not in drop
            if text[i] in MARKS and not after_figure and self._raised(i, size, base):
                drop.add(i)
        if drop and all(i in drop for i in chars):
            return None
        kept = "".join(("-" if text[i] == "\ufffe" else text[i]) for i in range(a, b) if i not in drop)
        kept = _CONTROL.sub("", kept).strip()
        if not kept:
            return None
        first = next(i for i in chars if i not in drop)
        return _Line(kept, self.box(first)[0], self.box(chars[-1])[1], base, size, page)


def _running_keys(pages: list[list[_Line]]) -> set[tuple[str, int]]:
    """Lines of the top and bottom bands that recur on at least two pages (or on a third of them)."""
    seen: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        seen.update({ln.key for ln in _bands(lines)})
    need = max(2, len(pages) // 3)
    return {k for k, n in seen.items() if n >= need}


def _bands(lines: list[_Line]) -> list[_Line]:
    if not lines:
        return []
    top = max(ln.base + ln.size for ln in lines)
    bottom = min(ln.base for ln in lines)
    height = max(top - bottom, 1.0)
    # a page's own text spans most of it; the band is measured on the page's text, not its paper
    return [ln for ln in lines if ln.base + ln.size >= top - BAND * height * 1.2 or ln.base <= bottom + BAND * height]


def _is_running(line: _Line, banded: set[int], running: set[tuple[str, int]]) -> bool:
    return id(line) in banded and (line.key in running or bool(_PAGE_NUMBER.match(line.text)))


def _assemble(pages: list[list[_Line]], running: set[tuple[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The body text of every page in order, then the footnotes, with the page of every stretch."""
    body_parts: list[tuple[str, int]] = []  # (text, page), joined later
    notes: list[tuple[str, int]] = []
    for lines in pages:
        banded = {id(ln) for ln in _bands(lines)}
        kept = [ln for ln in lines if not _is_running(ln, banded, running)]
        if not kept:
            continue
        body, foot = _split_footnotes(kept)
        body_parts.append((_paragraphs(body), kept[0].page))
        if foot:
            notes.append((_paragraphs(foot), kept[0].page))
    text, starts = "", []
    for k, (part, page) in enumerate(body_parts + notes):
        if not part:
            continue
        if text:
            # a page that ends mid-paragraph goes on to the next; the footnotes are paragraphs of their own
            text += "\n\n" if k >= len(body_parts) or text.endswith("\n\n") else "\n"
        starts.append((len(text), page))
        text += part
    return text.strip("\n") + "\n", starts


def _split_footnotes(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The lines set smaller than the page's text at the foot of a column are footnotes (a two-column
    page may have them under each column)."""
    body_size = Counter(round(ln.size) for ln in lines).most_common(1)[0][0]
    body: list[_Line] = []
    notes: list[_Line] = []
    run: list[_Line] = []
    for ln in [*lines, None]:
        if ln is None or (run and ln.base > run[-1].base + 2 * run[-1].size):  # back up the page: a new column
            k = len(run)
            while k > 0 and run[k - 1].size < 0.9 * body_size:
                k -= 1
            if k == 0:  # a column all in small type (a table, a list of notes) is text, not notes
                k = len(run)
            body += run[:k]
            notes += run[k:]
            run = []
        if ln is not None:
            run.append(ln)
    return body, notes


def _paragraphs(lines: list[_Line]) -> str:
    """Lines joined by line breaks, and a blank line where a paragraph ends."""
    if not lines:
        return ""
    sizes = Counter(round(ln.size) for ln in lines)
    pitch = _line_pitch(lines)
    out = [lines[0].text]
    for prev, ln in pairwise(lines):
        right = _column_right(lines, prev)
        gap = prev.base - ln.base
        ends = ((prev.right < right - 2.5 * prev.size and not prev.text.endswith("-"))
                or abs(ln.size - prev.size) > 0.15 * prev.size
                or (pitch and gap > 0 and gap > 1.6 * pitch and sizes))
        out.append(("\n\n" if ends else "\n") + ln.text)
    return "".join(out)


def _line_pitch(lines: list[_Line]) -> float:
    gaps = [a.base - b.base for a, b in pairwise(lines) if 0 < a.base - b.base < 3 * a.size]
    return median(gaps) if gaps else 0.0


def _column_right(lines: list[_Line], line: _Line) -> float:
    """The right edge of the column ``line`` stands in: the furthest right of the lines that start near it."""
    width = max(ln.right for ln in lines) - min(ln.left for ln in lines)
    near = [ln.right for ln in lines if abs(ln.left - line.left) < 0.25 * width]
    return max(near) if near else line.right


def _metadata(doc: Any) -> Metadata:
    info = doc.get_metadata_dict(skip_empty=True)
    # the CreationDate is when the file was written, not when the report was published: not used
    title = " ".join(info.get("Title", "").split()) or None
    author = " ".join(info.get("Author", "").split()) or None
    return Metadata(title=title, author=author)
