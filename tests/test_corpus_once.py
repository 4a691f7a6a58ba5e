"""A source is folded once per run (issue 15): its tokens, made again after they were let go,
its words for the index and the resemblance check all start from the one normalised text."""

from __future__ import annotations

import pytest

import briefing.verify.corpus as corpus_module
from briefing.verify.corpus import KEEP_TOKENIZED, Corpus
from briefing.verify.normalize import Normalized, normalize
from briefing.verify.tokens import parse_quote


def _texts(count: int) -> dict[str, str]:
    return {f"s{k}": f"Source {k} says the “border” guards re-\nturned {k * 7} people on day {k}.\n\n"
                     f"Officials of place{k} did not comment." for k in range(count)}


def test_each_source_is_normalised_once_though_its_tokens_are_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    folded: list[str] = []

    def counting(text: str, join_breaks: bool = True) -> Normalized:
        folded.append(text)
        return normalize(text, join_breaks)

    monkeypatch.setattr(corpus_module, "normalize", counting)
    texts = _texts(KEEP_TOKENIZED + 6)
    corpus = Corpus(texts)
    first = corpus.text("s0")
    for sid in texts:  # more sources than are kept tokenised: s0's tokens are let go
        corpus.text(sid)
    again = corpus.text("s0")
    assert again is not first  # tokenised again ...
    assert again.norm is first.norm  # ... from the same folded text
    assert again.keys == first.keys
    quote = parse_quote("the border guards returned 21 people")
    assert corpus.candidates(quote, exclude="s0")[0] == "s3"  # the index: every source's words
    assert corpus.resembles(quote, "s3")
    assert not corpus.resembles(parse_quote("an entirely unrelated sentence about weather forecasts"), "s3")
    assert sorted(folded) == sorted(texts.values())  # one fold per source, whatever was asked


def test_folded_words_are_the_index_words() -> None:
    corpus = Corpus({"a": "Salmón and CAFÉ don't re-\nturn", "b": "   ", "c": "x"})
    words = {sid: corpus._folded_words(sid) for sid in corpus.ids}  # what the index is built from
    assert words == {"a": "salmon and cafe don t return", "b": "", "c": "x"}
