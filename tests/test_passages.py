"""A cited passage in context: sentence boundaries, the quoted stretches, trimming."""

from __future__ import annotations

from briefing.render.html import unbroken_hyphens
from briefing.render.passages import MAX_CONTEXT_CHARS, in_context, sentence_starts

TEXT = ("HEADLINE WITHOUT A STOP\n\n"
        "Mr. Kim spoke first. The U.N. Committee met on Oct. 5 in Geneva. "
        "It said 600 people were sent back. “They face torture,” it added. Nothing else was said.\n")


def context(quote: str, fragments=None):
    start = TEXT.index(quote)
    end = start + len(quote)
    return in_context(TEXT, sentence_starts(TEXT), start, end, fragments or ())


def test_sentences_do_not_end_at_abbreviations_or_initials():
    starts = sentence_starts(TEXT)
    sentences = [TEXT[a:b].strip() for a, b in zip(starts, [*starts[1:], len(TEXT)], strict=True)]
    assert sentences == ["HEADLINE WITHOUT A STOP", "Mr. Kim spoke first.",
                         "The U.N. Committee met on Oct. 5 in Geneva.", "It said 600 people were sent back.",
                         "“They face torture,” it added.", "Nothing else was said."]


def test_one_sentence_either_side_and_the_quote_marked():
    segments = context("600 people were sent back")
    assert [s.kind for s in segments] == ["context", "quoted", "context"]
    assert segments[0].text == "The U.N. Committee met on Oct. 5 in Geneva. It said "
    assert segments[1].text == "600 people were sent back"
    assert segments[2].text == ". “They face torture,” it added."


def test_words_left_out_by_an_ellipsis_are_elided_not_quoted():
    start = TEXT.index("It said")
    mid = TEXT.index("were sent back")
    segments = in_context(TEXT, sentence_starts(TEXT), start, mid + len("were sent back"),
                          ((start, start + len("It said")), (mid, mid + len("were sent back"))))
    assert [(s.kind, s.text) for s in segments[1:4]] == [
        ("quoted", "It said"), ("elided", " 600 people "), ("quoted", "were sent back")]


def test_first_sentence_has_the_headline_before_it_on_its_own_line():
    segments = context("Mr. Kim spoke first.")
    assert segments[0].text == "HEADLINE WITHOUT A STOP\n"
    assert segments[-1].text == " The U.N. Committee met on Oct. 5 in Geneva."


def test_last_sentence_has_nothing_after_it():
    segments = context("Nothing else was said.")
    assert segments[-1].kind == "quoted"


def test_long_neighbouring_sentences_are_cut_at_a_word():
    words = " ".join(f"Word{i}" for i in range(200))
    text = f"{words}. The quoted sentence is here. {words}."
    start = text.index("The quoted")
    end = start + len("The quoted sentence is here.")
    before, quoted, after = in_context(text, sentence_starts(text), start, end)
    assert before.text.startswith("… Word") and len(before.text) <= MAX_CONTEXT_CHARS + 3
    assert after.text.endswith(" …") and len(after.text) <= MAX_CONTEXT_CHARS + 3
    assert quoted.text == "The quoted sentence is here."


def test_a_quote_inside_a_huge_sentence_keeps_its_context_bounded():
    words = " ".join(f"word{i}" for i in range(2000))  # no sentence ends anywhere
    start = words.index("word1000")
    end = start + len("word1000 word1001")
    before, quoted, after = in_context(words, sentence_starts(words), start, end)
    assert quoted.text == "word1000 word1001"
    assert len(before.text) <= 2 * MAX_CONTEXT_CHARS + 3 and len(after.text) <= 2 * MAX_CONTEXT_CHARS + 3


def test_hyphenated_words_are_kept_whole_and_everything_is_escaped():
    html = str(unbroken_hyphens("“illegal border-crossing” <b>&</b>"))
    assert '<span class="unbroken">border-crossing”</span>' in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html
    assert "<span" not in str(unbroken_hyphens("x" * 30 + "-" + "y" * 30))  # too long to keep whole
