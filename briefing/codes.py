"""Every finding code briefing can report, with a one-line description and help.

Reporters that describe their rules (SARIF, the GitHub summary) read them from here;
docs/quotation-rules.md explains them at length, and a test keeps the two in step.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.findings import Severity


class Code(NamedTuple):
    name: str
    severity: Severity
    description: str  # what went wrong, in one line
    help: str  # what to do about it


def _error(name: str, description: str, help: str) -> Code:
    return Code(name, Severity.ERROR, description, help)


CODES: dict[str, Code] = {c.name: c for c in (
    _error("number-changed", "A number differs from the source.",
           "Quote the source's figure exactly: digits, number words, years and percentages never change."),
    _error("negation-changed", "A negation was added, dropped or changed.",
           "Quote the source's words; 'not', 'never', 'cannot', 'fail', 'deny' and non-/un-/il-/ir- prefixes change "
           "the meaning, and a quote may not begin right after or end right before one."),
    _error("ellipsis-hides-negation", "An ellipsis leaves out a negation.",
           "Keep the negation in the quote, or end the quote before it."),
    _error("name-changed", "A capitalized word differs from the source.",
           "Names and other capitalized words must be quoted exactly (diacritics aside)."),
    _error("word-changed", "A word was added, removed or replaced.",
           "Copy the wording from the source; mark left-out words with an ellipsis and your own words "
           "with [brackets]."),
    _error("too-many-slips", "More slips of the pen than the quote's length allows.",
           "Correct the misspelt words: one slip is allowed per ten words, none under three words."),
    _error("splice", "The quote joins separate passages without an ellipsis.",
           "Mark the join with an ellipsis (…), or split the quote into two citations."),
    _error("ellipsis-order", "The parts around the ellipses are in the source, but not in this order.",
           "Quote the parts in the order the source has them, or cite them separately."),
    _error("ellipsis-gap", "An ellipsis leaves out too much text.",
           "An ellipsis may leave out at most 1,000 characters; split the quote into two citations."),
    _error("punctuation-changed", "Punctuation that carries meaning differs: ?, ! or the source's own ellipsis.",
           "Quote the source's punctuation."),
    _error("wrong-source", "The quote verifies, but in another source.",
           "Change the citation's source to the one the message names."),
    _error("not-found", "The quote is not in the source.",
           "Copy the wording from the source; `briefing find` shows where a phrase is."),
    _error("speaker-not-found", "The speaker is not named in the source, or not near the quote.",
           "Check who is speaking: the name must be in the source, and one of its words in the quote's "
           "paragraph or next to it (a role, such as 'a UN spokesperson', whole near the quote)."),
    _error("hidden-text", "The citation holds invisible characters that change how text is shown.",
           "Delete the bidirectional controls and other invisible format characters: retype the quote."),
    _error("empty-quote", "The quote has no words of the source outside its brackets.", "Give the words quoted."),
    _error("quote-too-long", "The quote is longer than 3,000 characters.",
           "Quote less, or split the quote into several citations."),
    _error("too-many-ellipses", "The quote has more than 50 ellipses.", "Split the quote into several citations."),
    _error("too-much-work", "Checking the quote would take more work than one citation may cause.",
           "Quote fewer parts, or parts with rarer words, or split the quote into several citations."),
    _error("too-many-brackets", "The quote has more than 10 bracketed insertions.",
           "Quote the source's own words, or split the quote into several citations."),
    _error("figure-unsupported", "The claim (or the title, subtitle or summary) states a figure that no verified "
                                 "quote gives.",
           "Cite a quote that gives the figure, correct the text, or mark the figure under `unsupported_figures` "
           "with a reason."),
    _error("figure-mark-stale", "A figure is marked as needing no support, but the text does not state it.",
           "Remove the mark, or write the figure as the text has it."),
    _error("source-changed", "A source file is not the one that was pinned or verified.",
           "Re-verify the quotes against the new text, then update the pin (`briefing lock`)."),
    _error("extraction-changed", "A source file is the one the PDF was verified against, but its text reads "
                                 "differently now: the reader or its library changed.",
           "Rebuild and re-review the PDF, or audit with the reader's library at the version the record names."),
    _error("claims-mismatch", "A PDF's embedded claims are not the ones its verification record was made from.",
           "Rebuild the PDF from the claims file it is meant to carry."),
    _error("record-mismatch", "A quote is no longer where a PDF's verification record places it.",
           "Rebuild and re-review the PDF."),
    _error("page-changed", "A page of the PDF does not show what the build printed on it: its text or drawing was "
                           "edited, or pages were moved.",
           "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."),
    _error("page-foreign", "A page of the PDF is not from this build: it is drawn with fonts and resources the build "
                           "did not write (a page swapped in from another document).",
           "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."),
    _error("page-blank", "A page of the PDF shows no text where the build printed some: its content was blanked.",
           "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."),
    _error("page-unreadable", "A page of the PDF cannot be read: its content is damaged or not valid PDF.",
           "Get an undamaged copy, or rebuild the PDF from the claims and sources."),
    _error("page-count", "The PDF has more or fewer pages than the build wrote.",
           "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."),
    _error("pages-unrecorded", "The PDF's verification record does not say what each page shows, so its pages "
                               "cannot be checked.",
           "Rebuild the PDF with this version of briefing."),
    _error("document-changed", "The PDF holds scripts, form fields, layers or actions, which `briefing build` never "
                               "writes and which can change what a reader sees.",
           "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."),
    _error("input-error", "The claims file or a source cannot be used as it stands: a YAML error, an unknown "
           "key or source id, a missing or unreadable file.",
           "Correct the input at the place given; nothing is verified until every input is usable."),
    Code("figure-mark-unneeded", Severity.WARNING,
         "A figure is marked as needing no support, but a verified quote gives it.",
         "Remove the mark: the record should list only the figures that lack a quote."),
    Code("slip", Severity.WARNING, "A slip of the pen: one letter off in a longer lowercase word.",
         "Allowed, and the PDF prints the source's word; correct the quote to silence the warning."),
)}


INPUT_ERROR = "input-error"  # what the machine formats call unusable input (exit 2)


def describe(name: str) -> Code:
    """The catalogue entry; an unknown code still gets a usable one."""
    return CODES.get(name) or _error(name, name.replace("-", " ").capitalize() + ".", "See docs/quotation-rules.md.")
