"""A verified quote as printed between the briefing's own marks: whitespace and nested quotations.
(The PDF read back is in test_pdf.py; these are the cases, one line each.)"""

from __future__ import annotations

import pytest

from briefing.render.model import web_link
from briefing.render.typeset import printed_quote


@pytest.mark.parametrize(("display", "printed"), [
    ("plain words", "plain words"),
    ("granted,    free of charge,\tto any\n   person", "granted, free of charge, to any person"),
    ("no\u00a0\u00a0break", "no break"),
    # starts inside the source's quotation: its opening mark was taken as framing
    ("we will go” today", "‘we will go’ today"),
    # stops inside it: the source's closing mark comes later
    ("were “utterly groundless.", "were ‘utterly groundless.’"),
    ("the “principle of non-refoulement” did not", "the ‘principle of non-refoulement’ did not"),
    ('he said "go" and "stay', "he said ‘go’ and ‘stay’"),
    ('ends here"', "‘ends here’"),
    ("a „Wort“ b", "a ‚Wort‘ b"),  # German marks: “ closes „
    # single marks and apostrophes are the source's and stay as they are
    ("Last month’s ‘criminals’ and men's", "Last month’s ‘criminals’ and men's"),
])
def test_printed_quote(display: str, printed: str):
    assert printed_quote(display) == printed


@pytest.mark.parametrize("display", ["we will go” today", "Then “they stayed", "“a” b “c", 'x" y "z'])
def test_double_marks_always_balance(display: str):
    printed = printed_quote(display)
    assert printed.count("‘") == printed.count("’") and not set("“”\"") & set(printed)


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
    ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
    ("  https://example.org/  ", "https://example.org/"),
    ("javascript:alert(1)", None),
    ("file:///etc/passwd", None),
    ("data:text/html,<b>x</b>", None),
    ("https:///no-host", None),
    ("http://[::1", None),
    ("https://example.org/a b", None),
    ("example.org", None),
    (None, None),
])
def test_only_http_urls_become_links(url, link):
    assert web_link(url) == link
