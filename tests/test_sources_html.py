"""Web pages as sources: the text a reader sees, the article first, metadata from the page itself.

Real pages from ../shared/pages (as their sites served them) where the tests need one; small
pages written here for each rule."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.exceptions import InputError
from briefing.findings import Location
from briefing.results import CitationRef
from briefing.sources import extract
from briefing.verify import Corpus, verify_citation
from tests.conftest import ROOT, run_cli, run_cli_process

PAGES = ROOT.parent / "shared" / "pages"


def verifies(quote: str, text: str) -> bool:
    return verify_citation(CitationRef("c", 0, "s", quote, None, Location("t", 1, 1)), Corpus({"s": text})).verified


def read(markup: str) -> str:
    return extract(markup.encode("utf-8"), "page.html").text


def test_scripts_styles_templates_and_hidden_elements_are_not_text():
    text = read("<html><head><title>T</title><style>p{color:red}</style><script>var secret = 1;</script></head>"
                "<body><p>The minister resigned on Friday.</p><template><p>template words</p></template>"
                "<div hidden>hidden words</div><p style='display: none'>styled away</p>"
                "<noscript>enable scripts</noscript><p>The vote is on Monday.</p></body></html>")
    assert "resigned on Friday" in text and "vote is on Monday" in text
    for gone in ("color:red", "secret", "template words", "hidden words", "styled away", "enable scripts"):
        assert gone not in text


def test_entities_are_decoded_and_blocks_are_paragraphs():
    text = read("<body><h1>Talks &amp; votes</h1><p>It cost &euro;5&nbsp;million, &ldquo;a record&rdquo;.</p>"
                "<ul><li>first item</li><li>second item</li></ul><p>one<br>two</p></body>")
    assert "Talks & votes" in text.strip().split("\n\n") and "It cost €5\u00a0million, “a record”." in text
    assert "first item\n\nsecond item" in text and "one\ntwo" in text
    # a quote may not run from one block into the next as if they were one sentence of the page
    assert verifies("It cost €5 million, “a record”.", text)
    assert not verifies("It cost €6 million", text)


def test_inline_markup_inside_a_sentence_does_not_break_it():
    text = read("<p>The <a href='/x'>committee</a> said it was <em>deeply</em> concerned.</p>")
    assert verifies("The committee said it was deeply concerned.", text)


def test_metadata_comes_from_the_page_and_is_never_guessed():
    page = ('<html><head><title>Fallback title</title><meta property="og:title" content="Real headline">'
            '<meta property="og:site_name" content="Daily Paper"><meta name="author" content="A. Writer">'
            '<meta property="article:published_time" content="2019-11-20T10:00:00Z"></head>'
            "<body><p>Text of the article, long enough to be one.</p></body></html>")
    meta = extract(page.encode(), "p.html").metadata
    assert (meta.title, meta.publisher, meta.author, meta.published) == (
        "Real headline", "Daily Paper", "A. Writer", "2019-11-20")
    bare = extract(b"<p>No metadata here, and a date 2019-11-20 in the text.</p>", "p.html").metadata
    assert (bare.title, bare.publisher, bare.author, bare.published) == (None, None, None, None)


def test_an_undeclared_latin_1_page_reads_as_browsers_read_it():
    assert "café crème" in extract("<p>café crème</p>".encode("cp1252"), "p.html").text


@pytest.mark.parametrize("data, says", [(b"", "no markup"), (b"just words, no markup at all", "no markup"),
                                        (b"<html><body><script>x()</script></body></html>", "no visible text"),
                                        (b"\x89PNG\r\n\x1a\n\x00\x00<", "binary"),
                                        (b"<div>" * 300 + b"<p>deep</p>", "more than 255 deep")])
def test_a_page_that_is_not_html_is_one_clear_error(data: bytes, says: str):
    with pytest.raises(InputError) as err:
        extract(data, "p.html")
    assert len(err.value.problems) == 1 and says in err.value.problems[0]


@pytest.mark.skipif(not PAGES.is_dir(), reason="needs ../shared/pages")
@pytest.mark.parametrize("stem", ["833caf3bdba53dcf", "8634d1211c3f2b73", "c58aa507c4deebd6"])
def test_every_sentence_of_a_real_article_verifies_and_the_article_comes_first(stem: str):
    article = json.loads((PAGES / "articles.json").read_text(encoding="utf-8"))[stem]["article_text"]
    text = extract((PAGES / f"{stem}.html").read_bytes(), f"{stem}.html").text
    sentences = [s for p in article.split("\n") for s in re.split(r"(?<=[a-z][.!?])\s+(?=[A-Z])", p)
                 if len(s.split()) >= 4]
    assert sentences
    for s in sentences:
        assert verifies(s, text), s
    # the article's first paragraph is at the start (after its headline, at most): menus come after it
    assert 0 <= text.find(article.split("\n")[0][:40]) < 300


@pytest.mark.skipif(not PAGES.is_dir(), reason="needs ../shared/pages")
def test_check_json_verifies_a_quote_from_a_real_page(tmp_path: Path):
    (tmp_path / "page.html").write_bytes((PAGES / "833caf3bdba53dcf.html").read_bytes())
    (tmp_path / "claims.yaml").write_text(
        "title: T\nsources:\n  afp:\n    path: page.html\n    title: AFP\nsections:\n  - title: S\n    claims:\n"
        "      - id: c\n        text: Israel's courts call most settlements legal.\n        citations:\n"
        "          - source: afp\n            quote: Israeli courts, however, have declared most major settlements "
        "legal.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    row = json.loads(result.stdout)["citations"][0]
    assert row["status"] == "verified" and "page" not in row["locations"][0]  # a web page has no pages


def test_a_page_nested_200_deep_keeps_its_words_and_any_bytes_are_text_or_one_error():
    deep = b"<body>" + b"<div><span>" * 100 + b"<p>Deep words are still words.</p>" + b"</span></div>" * 100
    assert "Deep words are still words." in extract(deep + b"<p>After it.</p>", "p.html").text


@settings(max_examples=80)
@given(st.binary(max_size=400) | st.text(alphabet="<>/ap =\"'&;#x0-9div!b\n", max_size=300).map(str.encode))
def test_the_html_reader_gives_text_or_one_input_error_for_any_bytes(data: bytes):
    try:
        text = extract(data, "p.html").text
    except InputError as err:
        assert len(err.problems) == 1 and "\n" not in err.problems[0]
    else:
        assert text.strip()


def test_a_dependency_that_cannot_load_is_one_clear_line_not_a_traceback(tmp_path: Path):
    """A real process with a broken install: a trafilatura first on the path that fails to import, as
    jusText does when a pip older than 24 left out lxml's HTML cleaner. Exit 2 and one line."""
    broken = tmp_path / "broken" / "trafilatura"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("lxml.html.clean module is now a separate project '
                                        'lxml_html_clean.\\nInstall lxml[html-clean].")\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "page.html").write_text("<html><body><p>Courts have declared the settlements legal.</p></body></html>",
                                       encoding="utf-8")
    (project / "claims.yaml").write_text(
        "title: T\nsources:\n  p:\n    path: page.html\n    title: P\nsections:\n  - title: S\n    claims:\n"
        "      - id: c\n        text: The courts call them legal.\n        citations:\n"
        "          - source: p\n            quote: Courts have declared the settlements legal.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken.parent), str(ROOT)])}
    result = run_cli_process("check", cwd=project, env=env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert "lxml_html_clean" in result.stderr and "reinstall" in result.stderr
