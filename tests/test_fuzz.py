"""Fuzzing: the loader and the verifier, fed anything, raise nothing but briefing's own errors.

Inputs that once broke them (found by these tests or by benchmarks/fuzz_atheris.py) live in
tests/fuzz_corpus/ and are replayed on every run.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from briefing.exceptions import BriefingError
from briefing.findings import Location
from briefing.results import CitationRef
from briefing.spec.model import load_spec
from briefing.verify import Corpus, verify_citation
from tests.conftest import ROOT

CORPUS_DIR = ROOT / "tests" / "fuzz_corpus"
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


def load(raw: bytes, folder: Path) -> None:
    """Only BriefingError may escape; anything else fails the test with its traceback."""
    with contextlib.suppress(BriefingError):
        load_spec(folder / "claims.yaml", "claims.yaml", raw)


def verify(quote: str, source: str) -> None:
    corpus = Corpus({"s": source or " ", "t": "Another source entirely, with its own words."})
    result = verify_citation(CitationRef("c", 0, "s", quote, None, Location("claims.yaml", 1, 1)), corpus)
    assert result.status in ("verified", "failed")


@given(st.binary(max_size=600))
@settings(max_examples=150)
def test_loader_survives_arbitrary_bytes(tmp_path_factory, raw):
    load(raw, tmp_path_factory.getbasetemp())


@given(TEXT)
@settings(max_examples=150)
def test_loader_survives_arbitrary_unicode(tmp_path_factory, text):
    load(text.encode("utf-8"), tmp_path_factory.getbasetemp())


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT, st.dates())
KEYS = st.sampled_from(["title", "subtitle", "author", "date", "summary", "sources", "sections", "path", "id",
                        "text", "claims", "citations", "source", "quote", "speaker", "sha256", "keywords",
                        "language", "publisher", "published", "url", "voa", "x"])
YAML_VALUES = st.recursive(SCALARS,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                           max_leaves=25)


@given(st.dictionaries(KEYS, YAML_VALUES, max_size=7))
@settings(max_examples=150)
def test_loader_survives_arbitrary_yaml_shapes(tmp_path_factory, document):
    out = io.StringIO()
    YAML(typ="safe").dump(document, out)
    load(out.getvalue().encode("utf-8"), tmp_path_factory.getbasetemp())


@given(TEXT, TEXT)
@settings(max_examples=150)
def test_verifier_survives_arbitrary_quote_and_source(quote, source):
    verify(quote, source)


PIECES = st.sampled_from(["…", "...", "[", "]", "[…]", "not", "n't", "600", "six", "-", "\n", "\n\n", "“", "”",
                          "'", "U.N.", "Beijing", "the", "was", "un", "\u00ad", "\u200b", " ", ".", ",", "?"])


@given(st.lists(PIECES, max_size=40).map(" ".join), st.lists(PIECES, max_size=80).map(" ".join))
@settings(max_examples=150)
def test_verifier_survives_quotes_made_of_its_own_special_cases(quote, source):
    verify(quote, source)


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*")), ids=lambda p: p.name)
def test_recorded_fuzz_findings_stay_fixed(path: Path, tmp_path: Path):
    """Each file: for loader-*, the bytes of a claims file; for verify-*, quote and source
    separated by a line holding only '----'."""
    data = path.read_bytes()
    if path.name.startswith("loader-"):
        load(data, tmp_path)
    else:
        quote, _, source = data.decode("utf-8").partition("\n----\n")
        verify(quote, source)
