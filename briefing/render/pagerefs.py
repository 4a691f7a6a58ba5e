"""Page references ("p. 14") without CSS ``target-counter``: one layout, then the digits filled in.

WeasyPrint resolves ``target-counter`` by laying the document out again once the targets are
placed, and its bookkeeping for it grows with the square of the references: half the time of a
build went there. Instead the template prints each number as text, in a
``<span class="page-number" data-target="ID">``, and the document is laid out once with every
number as wide as the widest page number is likely to be. Each target's page is then read from
the layout (``Page.anchors``, public API), and its digits are put into the laid-out text box;
what follows the number on its line moves left by the room the number no longer needs, as a
layout with that number would have placed it (lines are set ragged right). The digits of the
briefing's fonts are all one width. Only if a number needs more room than it was given (more
pages than foreseen), or the boxes are not as this module expects (another WeasyPrint), is the
document laid out again, with the numbers found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from typing import Any

from briefing.exceptions import RenderError

NUMBER_CLASS = "page-number"
# HTML characters a page of the bundled template holds at the least (its notes, passages and
# table rows give 7,400 on average): the first layout gives every number the digits of a page
# count estimated from it, with a quarter more, so that it is rarely too short
FEWEST_HTML_CHARS_PER_PAGE = 5000
MAX_LAYOUTS = 6  # a number that moves a page break can move a target; WeasyPrint allows 8 loops
EPSILON = 1e-3  # CSS pixels: widths measured twice by Pango agree to far less
_TARGET = re.compile(r'<span class="page-number" data-target="([^"]+)">')

PageNumbers = Mapping[str, int]


def widest(html: str) -> int:
    """A number with the digits the briefing's last page will most likely not exceed."""
    pages = max(1, len(html) // FEWEST_HTML_CHARS_PER_PAGE)
    return 10 ** (len(str(pages + pages // 4)) - 1)


def lay_out(html_for: Callable[[PageNumbers], str], render: Callable[[str], Any]) -> Any:
    """The laid-out document whose page references name the pages their targets are on.
    ``html_for`` gives the HTML with the numbers given; ``render`` lays it out."""
    first = html_for({})
    numbers: PageNumbers = dict.fromkeys(_TARGET.findall(first), widest(first))
    for _ in range(MAX_LAYOUTS):
        document = render(html_for(numbers))
        found = anchor_pages(document)
        if {target: found.get(target) for target in numbers} == numbers or fill_in(document, found):
            return document  # its HTML held the right numbers already, or they are filled in now
        numbers = found
    raise RenderError(f"page references did not settle after {MAX_LAYOUTS} layouts")


def anchor_pages(document: Any) -> dict[str, int]:
    """Each id's page (1-based), as WeasyPrint placed it."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def fill_in(document: Any, pages: Mapping[str, int]) -> bool:
    """Put each page number's digits into its laid-out text box, and close up the room it no
    longer needs. False (the document must be laid out again) if a number needs more room than
    it has, or its line is not set flush left, or the boxes are not as expected. Nothing is drawn
    until the caller writes the document, so the boxes may change until then."""
    try:
        from weasyprint.anchors import gather_anchors
        from weasyprint.formatting_structure.boxes import LineBox, TextBox
        from weasyprint.text.line_break import line_size

        for page in document.pages:
            changed = False
            for path in _number_paths(page._page_box, []):
                span, line = path[-1], next(box for box in reversed(path) if isinstance(box, LineBox))
                if len(span.children) != 1 or not isinstance(span.children[0], TextBox):
                    return False
                box = span.children[0]
                target = span.element.get("data-target")
                if target not in pages:
                    raise RenderError(f"page reference to #{target}, which the briefing does not hold")
                text = str(pages[target])
                if text == box.text:
                    continue
                # WeasyPrint keeps a laid-out box's text, and sets its Pango layout up again to draw it
                layout = box.pango_layout
                layout.text = text
                layout.reactivate(box.style)
                width, _ = line_size(layout.get_first_line()[0], box.style)
                layout.deactivate()
                spare = box.width - width
                if spare < -EPSILON or (spare > EPSILON and line.style["text_align_all"] not in ("start", "left")):
                    return False
                box.text, box.width = text, width
                _close_up([*path[path.index(line):], box], spare)
                changed = True
            if changed:  # links are rectangles taken from the boxes when the page was made
                page.anchors, page.links, page.bookmarks, page.forms = {}, [], [], {None: []}
                gather_anchors(page._page_box, page.anchors, page.links, page.bookmarks, page.forms)
        return True
    except (ImportError, AttributeError, KeyError, TypeError, IndexError, StopIteration):
        return False


def _close_up(path: list[Any], spare: float) -> None:
    """Move what follows the last box of ``path`` on its line left by ``spare``, and narrow the
    inline boxes that hold it. ``path`` runs from the line box down to the text box."""
    if spare <= EPSILON:
        return
    for parent, child in pairwise(path):
        siblings = parent.children
        for sibling in siblings[siblings.index(child) + 1:]:
            sibling.translate(dx=-spare)
    for inline in path[1:-1]:
        inline.width -= spare


def _number_paths(box: Any, above: list[Any]) -> Iterator[list[Any]]:
    """For each page-number span under ``box``: the boxes from the page down to it."""
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if (getattr(child, "element_tag", None) == "span" and element is not None
                and element.get("class") == NUMBER_CLASS and element.get("data-target")):
            yield [*above, box, child]
        else:
            yield from _number_paths(child, [*above, box])
