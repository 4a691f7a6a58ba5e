"""The footnote list briefing gives WeasyPrint's layout (render/footnote_index.py): a list in every
respect, whose ``in`` is by identity; and a document laid out with it is the same PDF, byte for byte."""

from __future__ import annotations

import pytest
from weasyprint import HTML
from weasyprint.layout import LayoutContext

from briefing.render.footnote_index import IdentityIndexedList, indexed_footnotes


class Box:  # like WeasyPrint's boxes: no equality of its own
    pass


def test_membership_follows_every_change_by_identity():
    a, b, c = Box(), Box(), Box()
    items = IdentityIndexedList([a])
    items.append(b)
    assert a in items and b in items and c not in items and None not in items
    copied = items.copy()
    items.remove(a)
    assert a not in items and a in copied and isinstance(copied, IdentityIndexedList)
    items.append(b)  # twice: one removal leaves it in
    items.remove(b)
    assert b in items
    items.insert(0, c)
    items += [a]
    assert items == [c, b, a] and all(x in items for x in (a, b, c))
    assert items.pop() is a and a not in items
    del items[0]
    assert c not in items and items == [b]
    items[0] = a
    assert a in items and b not in items
    items.extend([b, c])
    del items[1:]
    assert items == [a] and b not in items and c not in items
    items.clear()
    assert not items and a not in items
    with pytest.raises(ValueError):
        items.remove(a)


def test_a_document_with_footnotes_lays_out_the_same_with_the_index(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # fontTools stamps font subsets with the time otherwise
    notes = "".join(f'<p>Claim {k}<span class="fn">Note {k}, long enough to take a line or two of the foot of '
                    f"the page, so that notes move to the next page.</span></p>" for k in range(60))
    html = (f"<html><head><style>@page {{ size: A6 }} .fn {{ float: footnote }}</style></head>"
            f"<body>{notes}</body></html>")
    plain = HTML(string=html).write_pdf(pdf_identifier=b"t")
    original = LayoutContext.__init__
    with indexed_footnotes():
        assert LayoutContext.__init__ is not original
        indexed = HTML(string=html).write_pdf(pdf_identifier=b"t")
    assert LayoutContext.__init__ is original
    assert indexed == plain
    assert len(HTML(string=html).render().pages) > 5
