"""Every finding code briefing can report, one catalogue entry each, holding everything about it:
its severity, a one-line description, help that says what to do, where it ranks among the
verifier's edit failures, whether `briefing fix` can correct it, its message where that is a
fixed string, the suggestion its findings carry by default, and its row in the rules doc.

Emitters name a code by its constant here (``codes.NUMBER_CHANGED``), never by a string of their
own; reporters that describe their rules (SARIF, the GitHub summary) read them from here, and
the table of failure codes in docs/quotation-rules.md is printed by ``failure_table`` (a test
keeps the committed table equal to it). This module imports nothing of briefing's but findings.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple, TypeGuard, cast, get_args

from briefing.findings import Finding, Location, Severity

CodeName = Literal[
    "number-changed", "negation-changed", "ellipsis-hides-negation", "name-changed", "word-changed",
    "too-many-slips", "splice", "ellipsis-order", "ellipsis-gap", "punctuation-changed", "wrong-source",
    "not-found", "speaker-not-found", "hidden-text", "empty-quote", "quote-too-long", "too-many-ellipses",
    "too-much-work", "too-many-brackets", "figure-unsupported", "figure-mark-stale", "source-changed",
    "extraction-changed", "claims-mismatch", "record-mismatch", "page-changed", "page-foreign", "page-blank",
    "page-unreadable", "page-count", "pages-unrecorded", "document-changed", "input-error",
    "figure-mark-unneeded", "slip",
]

NUMBER_CHANGED: Final = "number-changed"
NEGATION_CHANGED: Final = "negation-changed"
ELLIPSIS_HIDES_NEGATION: Final = "ellipsis-hides-negation"
NAME_CHANGED: Final = "name-changed"
WORD_CHANGED: Final = "word-changed"
TOO_MANY_SLIPS: Final = "too-many-slips"
SPLICE: Final = "splice"
ELLIPSIS_ORDER: Final = "ellipsis-order"
ELLIPSIS_GAP: Final = "ellipsis-gap"
PUNCTUATION_CHANGED: Final = "punctuation-changed"
WRONG_SOURCE: Final = "wrong-source"
NOT_FOUND: Final = "not-found"
SPEAKER_NOT_FOUND: Final = "speaker-not-found"
HIDDEN_TEXT: Final = "hidden-text"
EMPTY_QUOTE: Final = "empty-quote"
QUOTE_TOO_LONG: Final = "quote-too-long"
TOO_MANY_ELLIPSES: Final = "too-many-ellipses"
TOO_MUCH_WORK: Final = "too-much-work"
TOO_MANY_BRACKETS: Final = "too-many-brackets"
FIGURE_UNSUPPORTED: Final = "figure-unsupported"
FIGURE_MARK_STALE: Final = "figure-mark-stale"
SOURCE_CHANGED: Final = "source-changed"
EXTRACTION_CHANGED: Final = "extraction-changed"
CLAIMS_MISMATCH: Final = "claims-mismatch"
RECORD_MISMATCH: Final = "record-mismatch"
PAGE_CHANGED: Final = "page-changed"
PAGE_FOREIGN: Final = "page-foreign"
PAGE_BLANK: Final = "page-blank"
PAGE_UNREADABLE: Final = "page-unreadable"
PAGE_COUNT: Final = "page-count"
PAGES_UNRECORDED: Final = "pages-unrecorded"
DOCUMENT_CHANGED: Final = "document-changed"
INPUT_ERROR: Final = "input-error"  # what the machine formats call unusable input (exit 2)
FIGURE_MARK_UNNEEDED: Final = "figure-mark-unneeded"
SLIP: Final = "slip"

Fixable = Literal["quote", "source"]  # what `briefing fix` replaces: the quote, or the cited source


class Code(NamedTuple):
    name: CodeName
    severity: Severity
    description: str  # what went wrong, in one line
    help: str  # what to do about it
    # rank among the verifier's edit failures, 1 the most serious: the first present names the failure
    priority: int | None = None
    fixable: Fixable | None = None
    message: str | None = None  # the message, or its head before ": details", where it is a fixed string
    fix: str | None = None  # the suggestion its findings carry unless the emitter has a more precise one
    example: str = ""  # its row in docs/quotation-rules.md's "What always fails": what fails
    why: str = ""  # and why, or what else to know


_REPRINT = "Do not trust this copy: rebuild the PDF from the claims and sources, or get the original."
_EXACT = "quote the source's exact words"
# where the help says no more than the fix, it is written once
_STALE_MARK_FIX = "remove the mark, or write the figure as the text has it"
_REVIEW_FIX = "rebuild and re-review the PDF"


def _sentence(fix: str) -> str:
    return fix[:1].upper() + fix[1:] + "."


CODES: dict[str, Code] = {c.name: c for c in (
    Code(NUMBER_CHANGED, Severity.ERROR, "A number differs from the source.",
         "Quote the source's figure exactly: digits, number words, years and percentages never change.",
         priority=3, fixable="quote", message="number changed", fix=_EXACT,
         example="`that 60 refugees`, `six hundred refugees`, `1,700` for `1,170`, `1980s` for `1990s`, `1` for "
                 "`-1`, `25` for `2.5`, `[tenfold]` for `ten times`, `[the nineties]` for `the 1990s`",
         why="digits, number words, ordinals, years, decades, percentages, fractions, multipliers; a number's "
             "sign, decimal point and range dash belong to it"),
    Code(NEGATION_CHANGED, Severity.ERROR, "A negation was added, dropped or changed.",
         "Quote the source's words; 'not', 'never', 'cannot', 'fail', 'deny' and non-/un-/il-/ir- prefixes change "
         "the meaning, and a quote may not begin right after or end right before one.",
         priority=2, fixable="quote", message="negation changed", fix=_EXACT,
         example="`It is \"acceptable\"` (dropped `not`), `can` for `cannot`, `acceptable` for `unacceptable`, "
                 "`were not returned`, `to deport them` cut from \"not to deport them\"",
         why="see [Negations](#negations)"),
    Code(ELLIPSIS_HIDES_NEGATION, Severity.ERROR, "An ellipsis leaves out a negation.",
         "Keep the negation in the quote, or end the quote before it.",
         priority=1, message="an ellipsis hides a negation", fix=_EXACT,
         example="`It is … acceptable`", why="the omitted text holds a negation"),
    Code(NAME_CHANGED, Severity.ERROR, "A capitalized word differs from the source.",
         "Names and other capitalized words must be quoted exactly (diacritics aside).",
         priority=4, fixable="quote", message="name changed", fix=_EXACT,
         example="`Ana Salmin`, `Officials in Shanghai`, `beijing` mid-quote",
         why="any change to a capitalized word after the first (diacritics, typography and capitals aside); when "
             "only the case differs, the message says so"),
    Code(WORD_CHANGED, Severity.ERROR, "A word was added, removed or replaced.",
         "Copy the wording from the source; mark left-out words with an ellipsis and your own words "
         "with [brackets].",
         priority=6, fixable="quote", message="wording differs from the source", fix=_EXACT,
         example="`they claimed` for `they said`; a dropped `towards`; a list item left out; `loves` for `lives`; "
                 "`can not` for `cannot`",
         why="any other word added, removed or replaced beyond the slip allowance"),
    Code(TOO_MANY_SLIPS, Severity.ERROR, "More slips of the pen than the quote's length allows.",
         "Correct the misspelt words: one slip is allowed per ten words, none under three words.",
         priority=8, fixable="quote", message="too many slips of the pen", fix=_EXACT,
         example="two slips in a 6-word quote"),
    Code(SPLICE, Severity.ERROR, "The quote joins separate passages without an ellipsis.",
         "Mark the join with an ellipsis (…), or split the quote into two citations.",
         priority=5, message="text left out without an ellipsis (a splice)", fix=_EXACT,
         example="`The minister said on Tuesday that the reports were unacceptable`",
         why="text joined from separate places without an ellipsis. The suggested ellipsis is offered only where "
             "it would verify"),
    Code(ELLIPSIS_ORDER, Severity.ERROR, "The parts around the ellipses are in the source, but not in this order.",
         "Quote the parts in the order the source has them, or cite them separately.",
         message="every part around the ellipses is in the source, but not in this order",
         fix="put the parts in source order, or quote them separately",
         example="`600 refugees were returned … The minister said`", why="the parts exist, but not in this order"),
    Code(ELLIPSIS_GAP, Severity.ERROR, "An ellipsis leaves out too much text.",
         "An ellipsis may leave out at most 1,000 characters; split the quote into two citations.",
         fix="quote the passages separately",
         example="an ellipsis spanning more than 1,000 characters, or parts more than two adjacent paragraphs apart",
         why="whose words they are may change between paragraphs"),
    Code(PUNCTUATION_CHANGED, Severity.ERROR,
         "Punctuation that carries meaning differs: ?, ! or the source's own ellipsis.",
         "Quote the source's punctuation.",
         priority=7, fixable="quote", message="sentence punctuation changed", fix=_EXACT,
         example="a `?` or `!` added or changed anywhere; the source's own `...` changed inside the quote",
         why="these change what a sentence says"),
    Code(WRONG_SOURCE, Severity.ERROR, "The quote verifies, but in another source.",
         "Change the citation's source to the one the message names.", fixable="source",
         example="a quote that verifies in another source",
         why="the message names that source and its `line:col`; change `source:`"),
    Code(NOT_FOUND, Severity.ERROR, "The quote is not in the source.",
         "Copy the wording from the source; `briefing find` shows where a phrase is.",
         fix="copy the wording from the source",
         example="anything the other codes do not explain", why="the message shows the closest passage in any source"),
    Code(SPEAKER_NOT_FOUND, Severity.ERROR, "The speaker is not named in the source, or not near the quote.",
         "Check who is speaking: the name must be in the source, and one of its words in the quote's "
         "paragraph or next to it (a role, such as 'a UN spokesperson', whole near the quote).",
         fix="check the speaker, or remove it if the source does not say who spoke",
         example="`speaker: George W. Bush` where the source names only George Tugushi",
         why="see [Speakers](#speakers)"),
    Code(HIDDEN_TEXT, Severity.ERROR, "The citation holds invisible characters that change how text is shown.",
         "Delete the bidirectional controls and other invisible format characters: retype the quote.",
         fix="delete them: retype the quote, or paste it as plain text",
         example="a bidirectional override (U+202A–U+202E, U+2066–U+2069) or another invisible character that "
                 "changes how text is shown, in the quote or the speaker",
         why="the reader would see other text than the one verified"),
    Code(EMPTY_QUOTE, Severity.ERROR, "The quote has no words of the source outside its brackets.",
         "Give the words quoted.", message="the quote has no words of the source outside its brackets",
         example="`quote: \"…\"`, `quote: \"[They]\"`",
         why="a quote needs at least one source word outside its brackets"),
    Code(QUOTE_TOO_LONG, Severity.ERROR, "The quote is longer than 3,000 characters.",
         "Quote less, or split the quote into several citations.",
         fix="quote less, or split it into several citations", example="a quote of more than 3,000 characters",
         why="a reprint, not a quote; split it. This bounds the work one quote can cause"),
    Code(TOO_MANY_ELLIPSES, Severity.ERROR, "The quote has more than 50 ellipses.",
         "Split the quote into several citations.", fix="split it into several citations",
         example="more than 50 ellipses in one quote", why="split it into several citations"),
    Code(TOO_MUCH_WORK, Severity.ERROR, "Checking the quote would take more work than one citation may cause.",
         "Quote fewer parts, or parts with rarer words, or split the quote into several citations.",
         fix="quote fewer parts, or parts with rarer words; or split the quote",
         example="fifty ellipses of `the` against a source of megabytes",
         why="each citation may cause at most 2,000,000 steps of matching (alignment cells, placements tried): a "
             "few seconds at worst. A quote that would need more fails rather than run for minutes"),
    Code(TOO_MANY_BRACKETS, Severity.ERROR, "The quote has more than 10 bracketed insertions.",
         "Quote the source's own words, or split the quote into several citations.",
         fix="quote the source's words, or split the quote",
         example="more than 10 brackets in one quote (annotations such as `[sic]` count; `[...]` is an ellipsis)",
         why="quote the source's words"),
    Code(FIGURE_UNSUPPORTED, Severity.ERROR,
         "The claim (or the title, subtitle or summary) states a figure that no verified quote gives.",
         "Cite a quote that gives the figure, correct the text, or mark the figure under `unsupported_figures` "
         "with a reason."),
    Code(FIGURE_MARK_STALE, Severity.ERROR,
         "A figure is marked as needing no support, but the text does not state it.",
         _sentence(_STALE_MARK_FIX), fix=_STALE_MARK_FIX),
    Code(SOURCE_CHANGED, Severity.ERROR, "A source file is not the one that was pinned or verified.",
         "Re-verify the quotes against the new text, then update the pin (`briefing lock`)."),
    Code(EXTRACTION_CHANGED, Severity.ERROR,
         "A source file is the one the PDF was verified against, but its text reads differently now: the reader "
         "or its library changed.",
         "Rebuild and re-review the PDF, or audit with the reader's library at the version the record names."),
    Code(CLAIMS_MISMATCH, Severity.ERROR,
         "A PDF's embedded claims are not the ones its verification record was made from.",
         "Rebuild the PDF from the claims file it is meant to carry."),
    Code(RECORD_MISMATCH, Severity.ERROR, "A quote is no longer where a PDF's verification record places it.",
         _sentence(_REVIEW_FIX), fix=_REVIEW_FIX),
    Code(PAGE_CHANGED, Severity.ERROR,
         "A page of the PDF does not show what the build printed on it: its text or drawing was edited, or pages "
         "were moved.", _REPRINT),
    Code(PAGE_FOREIGN, Severity.ERROR,
         "A page of the PDF is not from this build: it is drawn with fonts and resources the build did not write "
         "(a page swapped in from another document).", _REPRINT),
    Code(PAGE_BLANK, Severity.ERROR,
         "A page of the PDF shows no text where the build printed some: its content was blanked.", _REPRINT),
    Code(PAGE_UNREADABLE, Severity.ERROR,
         "A page of the PDF cannot be read: its content is damaged or not valid PDF.",
         "Get an undamaged copy, or rebuild the PDF from the claims and sources."),
    Code(PAGE_COUNT, Severity.ERROR, "The PDF has more or fewer pages than the build wrote.", _REPRINT),
    Code(PAGES_UNRECORDED, Severity.ERROR,
         "The PDF's verification record does not say what each page shows, so its pages cannot be checked.",
         "Rebuild the PDF with this version of briefing.",
         message="the verification record does not say what each page shows, so the pages cannot be checked"),
    Code(DOCUMENT_CHANGED, Severity.ERROR,
         "The PDF holds scripts, form fields, layers or actions, which `briefing build` never writes and which can "
         "change what a reader sees.", _REPRINT),
    Code(INPUT_ERROR, Severity.ERROR,
         "The claims file or a source cannot be used as it stands: a YAML error, an unknown key or source id, a "
         "missing or unreadable file.",
         "Correct the input at the place given; nothing is verified until every input is usable."),
    Code(FIGURE_MARK_UNNEEDED, Severity.WARNING,
         "A figure is marked as needing no support, but a verified quote gives it.",
         "Remove the mark: the record should list only the figures that lack a quote.", fix="remove the mark"),
    Code(SLIP, Severity.WARNING, "A slip of the pen: one letter off in a longer lowercase word.",
         "Allowed, and the PDF prints the source's word; correct the quote to silence the warning.",
         fixable="quote"),
)}

if set(CODES) != set(get_args(CodeName)):  # the closed set and the catalogue are one list, entry by entry
    raise ImportError(f"briefing.codes: CodeName and CODES differ: {set(CODES) ^ set(get_args(CodeName))}")

# The verifier's edit failures, most serious first: the first one present names a failure.
CODE_PRIORITY: tuple[CodeName, ...] = tuple(
    c.name for c in sorted((c for c in CODES.values() if c.priority is not None), key=lambda c: c.priority or 0))


def is_code(name: str) -> TypeGuard[CodeName]:
    """Whether ``name`` is a catalogued code (an edit's kind may also be an allowed edit)."""
    return name in CODES


def describe(name: str) -> Code:
    """The catalogue entry; an unknown code still gets a usable one."""
    if is_code(name):
        return CODES[name]
    # a name no entry has (from an old PDF's record, say) is described by itself
    return Code(cast(CodeName, name), Severity.ERROR, name.replace("-", " ").capitalize() + ".",
                "See docs/quotation-rules.md.")


def finding(code: CodeName, message: str | None = None, location: Location | None = None,
            suggestion: str | None = None, details: dict | None = None) -> Finding:
    """A finding of ``code`` with the catalogue's severity; its message, or the catalogue's fixed
    one, and its suggestion, or the catalogue's default fix."""
    entry = CODES[code]
    text = message if message is not None else entry.message
    if text is None:
        raise ValueError(f"{code} has no fixed message: its emitter must give one")
    return Finding(code, entry.severity, text, location, suggestion or entry.fix, details or {})


def failure_table() -> str:
    """The table "What always fails" in docs/quotation-rules.md: one row per code that has one."""
    rows = ["| code | example | |", "| --- | --- | --- |"]
    rows += [f"| `{c.name}` | {c.example} |" + (f" {c.why} |" if c.why else " |") for c in CODES.values() if c.example]
    return "\n".join(rows) + "\n"
