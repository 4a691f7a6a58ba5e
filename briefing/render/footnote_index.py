"""WeasyPrint's list of footnotes still to place, with membership found in constant time.

While any footnote waits to be placed, WeasyPrint (70) asks of every box on every line whether
its footnote is in that list (``layout/block.py``), and the list holds every footnote of the
document not yet placed: work that grows with the square of the footnotes, which made a build of
10,000 claims run for hours. ``indexed_footnotes`` gives each layout context a list that is a
list in every respect (WeasyPrint appends, removes, copies and tests it) and also counts its
items by identity, which is what ``in`` means for boxes (they define no equality). The layout,
and so the PDF, is the same; only the question is answered without a scan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, SupportsIndex


class IdentityIndexedList(list):  # of WeasyPrint's boxes, whatever their type
    """A list whose ``in`` counts items by identity, kept up to date by every way of changing it."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._count = Counter(id(item) for item in self)

    def __contains__(self, item: object) -> bool:
        return self._count[id(item)] > 0

    def append(self, item: Any) -> None:
        super().append(item)
        self._count[id(item)] += 1

    def remove(self, item: Any) -> None:
        super().remove(item)  # boxes define no equality: the item removed is this very one
        self._count[id(item)] -= 1

    def copy(self) -> IdentityIndexedList:
        return IdentityIndexedList(self)

    # every other change rebuilds the count: WeasyPrint makes none of them, a later one might
    def _recount(self) -> None:
        self._count = Counter(id(item) for item in self)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        if isinstance(index, slice):
            super().__delitem__(index)
            self._recount()
        else:
            item = self[index]
            super().__delitem__(index)
            self._count[id(item)] -= 1

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._recount()

    def __iadd__(self, items: Iterable[Any]) -> IdentityIndexedList:  # type: ignore[misc]  # list's own says Self
        super().__iadd__(items)
        self._recount()
        return self

    def extend(self, items: Iterable[Any]) -> None:
        super().extend(items)
        self._recount()

    def insert(self, index: SupportsIndex, item: Any) -> None:
        super().insert(index, item)
        self._count[id(item)] += 1

    def pop(self, index: SupportsIndex = -1) -> Any:
        item = super().pop(index)
        self._count[id(item)] -= 1
        return item

    def clear(self) -> None:
        super().clear()
        self._count.clear()


@contextmanager
def indexed_footnotes() -> Iterator[None]:
    """While it lasts, every WeasyPrint layout context keeps its footnotes in an
    ``IdentityIndexedList``. Without the attribute (another WeasyPrint), nothing changes."""
    try:
        from weasyprint.layout import LayoutContext
    except ImportError:
        yield
        return
    original = LayoutContext.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if type(getattr(self, "footnotes", None)) is list:
            self.footnotes = IdentityIndexedList(self.footnotes)

    LayoutContext.__init__ = init
    try:
        yield
    finally:
        LayoutContext.__init__ = original
