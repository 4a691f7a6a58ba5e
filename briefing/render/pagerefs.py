"""Page references ("p. 14") without CSS ``target-counter``: one layout, then the digits filled in.

WeasyPrint resolves ``target-counter`` by laying the document out again once the targets are
placed, and its bookkeeping for it grows with the square of the references: half the time of a
build went there. Instead the template prints each number as text, in a
``<span class="page-number" data-target="ID">``, and the document is laid out once with a guess
for every number. Each target's page is then read from the layout (``Page.anchors``, public
API) and the digits are replaced in the laid-out text boxes: the digits of the briefing's fonts
are all one width, so a number with as many digits as its guess takes the room the layout gave
it. A reference marked ``data-ends`` ends its line (a note's location, a table cell), so a
number with fewer digits than its guess may take less room, leaving space only at the line's
end; its guess has as many digits as the last page may have, so it is rarely too short.
Whenever a number does not fit its guess, or the text boxes cannot be changed (another
WeasyPrint), the document is laid out again with the numbers found, until they hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from briefing.exceptions import RenderError

NUMBER_CLASS = "page-number"
# measured on the bundled template with briefings of 21 to 114 pages; only the first guess uses it
HTML_CHARS_PER_PAGE = 6100
MAX_LAYOUTS = 6  # a number that moves a page break can move a target; WeasyPrint allows 8 loops
_REFERENCE = re.compile(r'<span class="page-number" data-target="([^"]+)"( data-ends)?>')
_ID = re.compile(r' id="([^"]+)"')

PageNumbers = Mapping[str, int]


def first_guess(html: str) -> dict[str, int]:
    """A number for every target, from where its id stands in the HTML. Only its number of
    digits matters: for a target referred to mid-line, the digits its page probably has; for
    one referred to only at line ends, as many digits as the last page probably has."""
    pages = max(1, len(html) // HTML_CHARS_PER_PAGE)
    widest = 10 ** (len(str(pages + pages // 4)) - 1)  # with room for a quarter more pages
    references = _REFERENCE.findall(html)
    mid_line = {target for target, ends in references if not ends}
    where = {m.group(1): m.start() for m in _ID.finditer(html) if m.group(1) in mid_line}
    return {target: 1 + pages * where.get(target, 0) // len(html) if target in mid_line else widest
            for target, _ in references}


def lay_out(html_for: Callable[[PageNumbers], str], render: Callable[[str], Any]) -> Any:
    """The laid-out document whose page references name the pages their targets are on.
    ``html_for`` gives the HTML with the numbers given; ``render`` lays it out."""
    numbers: PageNumbers = first_guess(html_for({}))
    for _ in range(MAX_LAYOUTS):
        document = render(html_for(numbers))
        found = anchor_pages(document)
        missing = sorted(set(numbers) - set(found))
        if missing:
            raise RenderError(f"page reference to #{missing[0]}, which the briefing does not hold")
        wanted = {target: found[target] for target in numbers}
        if wanted == numbers or fill_in(document, wanted):
            return document
        numbers = wanted
    raise RenderError(f"page references did not settle after {MAX_LAYOUTS} layouts")


def anchor_pages(document: Any) -> dict[str, int]:
    """Each id's page (1-based), as WeasyPrint placed it."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def fill_in(document: Any, numbers: PageNumbers) -> bool:
    """Put each page number's digits into its laid-out text box. False (the document must then
    be laid out again) if a number needs more room than its box has, or less room where that
    would show, or this WeasyPrint's boxes are not as expected. Nothing is drawn until the
    caller writes the document, so the boxes may change until then."""
    try:
        from weasyprint.formatting_structure.boxes import TextBox
        from weasyprint.text.line_break import line_size

        for page in document.pages:
            for span in _number_spans(page._page_box):
                if len(span.children) != 1 or not isinstance(span.children[0], TextBox):
                    return False
                box = span.children[0]
                text = str(numbers[span.element.get("data-target")]) + box.text.lstrip("0123456789")
                if text == box.text:
                    continue
                # WeasyPrint keeps a laid-out box's text and sets up its Pango layout again to draw it
                layout = box.pango_layout
                layout.text = text
                layout.reactivate(box.style)
                width, _ = line_size(layout.get_first_line()[0], box.style)
                layout.deactivate()
                ends_line = span.element.get("data-ends") is not None
                if width > box.width + 1e-3 or (not ends_line and width < box.width - 1e-3):
                    return False
                box.text = text  # its width stays: the room it had is kept at the end of the line
        return True
    except (ImportError, AttributeError, KeyError, TypeError, IndexError):
        return False


def _number_spans(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if (getattr(child, "element_tag", None) == "span" and element is not None
                and element.get("class") == NUMBER_CLASS and element.get("data-target")):
            yield child
        else:
            yield from _number_spans(child)
