"""The height of a page's footnote area, found without laying out every footnote again.

Each time a footnote is placed on a page, WeasyPrint (70) lays out the page's whole footnote area
again, with every footnote already on it, to learn how much room is left for the text: a page of
k footnotes lays out k(k+1)/2 of them. The shipped briefing laid out 425 footnotes for its 67, a
quarter of the build's time. The area's height is only used to decide where the page ends; the
area that is drawn is laid out afresh when the page is finished.

A footnote area is a block container whose footnotes are blocks stacked one under the other, laid
out without a page break (``bottom_space=-inf``): a footnote's own layout does not depend on where
it stands, and margins collapse only between neighbours and at the area's edges. So the area with
footnotes 1..k is as high as the area with 1..k-1, plus what k adds after k-1: the area with k-1
and k, less the area with k-1 alone (the area's edges and k-1's top cancel). What k-1 is to k is
only its bottom margin, so an empty block of its style one pixel high stands in for it: one
footnote is laid out, whatever k. The area with a few footnotes is laid out whole, as WeasyPrint
does, and so is any case this reasoning does not cover (a footnote that is not a block, a footnote
with no height or a negative margin, an area with a minimum or maximum height, footnotes taken
away or reordered).

Where the sum is used, the area overflows only when it is taller than the page. WeasyPrint's own
test (is the last footnote's bottom below the area's?) compares two sums of the same lengths and
is true at random, by a rounding error, when footnotes have bottom margins: it then moves a
footnote that fits to the next page, and footnotes can pile up over a later page's text. The
shipped briefing (67 notes) and one of 150 claims are byte-identical with and without this
module; the shipped one lays out 105 footnotes to size its areas instead of 425.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from math import inf
from typing import Any, NamedTuple

WHOLE_UP_TO = 3  # footnotes on the page: up to this many, the area is laid out whole (it costs little more)
_STATE = "_briefing_footnote_area"  # the layout context's attribute for the last area's heights


class _Laid(NamedTuple):
    height: float  # the area's content height
    outer: float  # its margin height: what the page loses to it
    overflow: bool  # its last footnote reaches below the area (WeasyPrint then moves it on)
    additive: bool  # the area is what its footnotes make it: blocks with height and margins of 0 or more


class _State(NamedTuple):
    area: Any  # the page's footnote area (a new one for each page, and each time a page is made again)
    notes: tuple[Any, ...]  # its footnotes, in order
    height: float
    outer: float


@contextmanager
def incremental_footnote_area() -> Iterator[None]:
    """While it lasts, WeasyPrint finds the footnote area's height as the module says. Without the
    method this replaces (another WeasyPrint), nothing changes."""
    try:
        from weasyprint.layout import LayoutContext
    except ImportError:
        yield
        return
    original = getattr(LayoutContext, "_update_footnote_area", None)
    if original is None:
        yield
        return

    def update(self: Any) -> bool:
        return _update(self, original)

    LayoutContext._update_footnote_area = update
    try:
        yield
    finally:
        LayoutContext._update_footnote_area = original


def _update(self: Any, original: Callable[[Any], Any]) -> bool:
    """WeasyPrint's ``LayoutContext._update_footnote_area``: the page's room for text is what the
    footnote area with the page's footnotes leaves; True if the area overflows."""
    from weasyprint.formatting_structure.boxes import BlockBox

    area, notes = self.current_footnote_area, self.current_page_footnotes
    state: _State | None = self.__dict__.pop(_STATE, None)
    if not notes or not all(type(note) is BlockBox for note in notes):
        return bool(original(self))
    if area.height != "auto" and not self.in_column:
        self.page_bottom += area.margin_height()
    area.children = notes
    found: tuple[float, float, bool] | None = None
    if (state is not None and state.area is area and len(notes) == len(state.notes) + 1
            and len(notes) > WHOLE_UP_TO and all(a is b for a, b in zip(state.notes, notes, strict=False))):
        stand_in = _stand_in(notes[-2])
        before, pair = _lay_out(self, area, [stand_in]), _lay_out(self, area, [stand_in, notes[-1]])
        if before.additive and pair.additive:
            found = (state.height + (pair.height - before.height), state.outer + (pair.outer - before.outer),
                     pair.overflow)
    additive = True
    if found is None:
        whole = _lay_out(self, area, notes)
        found, additive = (whole.height, whole.outer, whole.overflow), whole.additive
    height, outer, overflow = found
    if additive:
        # An area of auto height holds its footnotes: WeasyPrint's test (is the last one's bottom
        # below the area's?) compares two sums of the same lengths, and a rounding error of
        # 1e-13 px can make it true, moving a footnote that fits to the next page. What does
        # not fit is an area taller than the page.
        overflow = not self.in_column and self.page_bottom - outer < area.page.content_box_y()
    area.height = height
    if not self.in_column:
        self.page_bottom -= outer
    if additive:  # otherwise the next footnote's area is laid out whole too
        self.__dict__[_STATE] = _State(area, tuple(notes), height, outer)
    return overflow


def _stand_in(note: Any) -> Any:
    """What ``note`` is to the footnote after it: a block of its style (its margins, which collapse
    with the next one's), one pixel high and empty, so that laying it out costs next to nothing."""
    from weasyprint.css.properties import Dimension

    box = note.copy()  # not copy_with_children: it resets the original's decorations
    box.children = []
    box.style = note.style.copy()
    box.style["height"] = Dimension(1, "px")
    return box


def _lay_out(context: Any, area: Any, notes: Sequence[Any]) -> _Laid:
    """The area with these footnotes, laid out as WeasyPrint lays out the page's."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout.block import block_level_layout

    children, area.children = area.children, list(notes)
    try:
        copy = build.create_anonymous_boxes(area.deepcopy())
    finally:
        area.children = children
    laid = block_level_layout(context, copy, -inf, None, area.page)[0]
    last = laid.children[-1]
    overflow = (last.position_y + last.margin_height() - last.margin_bottom
                > laid.position_y + laid.margin_height() - laid.margin_bottom)
    additive = (len(laid.children) == len(notes) and laid.min_height == 0 and laid.max_height == inf
                and all(child.height > 0 and child.margin_top >= 0 and child.margin_bottom >= 0
                        for child in laid.children))
    return _Laid(laid.height, laid.margin_height(), overflow, additive)
