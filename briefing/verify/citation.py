"""Verify one citation: find it in its source, judge it, and explain any failure."""

from __future__ import annotations

from briefing import codes
from briefing.codes import CodeName, finding
from briefing.findings import Finding
from briefing.results import FAILED, VERIFIED, CitationRef, CitationResult, MatchKind, Passage, Placement
from briefing.verify.align import MAX_GAP_CHARS, QUOTED_OPS, Alignment
from briefing.verify.budget import MAX_WORK, OverBudget, budgeted
from briefing.verify.corpus import Corpus
from briefing.verify.edits import Edit, compare, primary_code
from briefing.verify.match import SourceMatch, match_quote, verifies_verbatim
from briefing.verify.normalize import hidden_characters, normalize
from briefing.verify.speaker import speaker_miss
from briefing.verify.tokens import ELLIPSIS, ParsedQuote, SourceText, free_case_positions, parse_quote

CLOSE_ENOUGH = 0.5  # share of the quote's words matched for a failure to be judged edit by edit
SPLICE_MIN_TOKENS = 4  # pieces further apart than this many tokens are a splice, not a dropped word
# Bounds on the work one quote can cause: a quote longer than this is a reprint, not a quote,
# and its alignment cost grows with its length; each ellipsis adds a part to place.
MAX_QUOTE_CHARS = 3_000
MAX_ELLIPSES = 50
MAX_BRACKETS = 10
# allowed edits that leave a quote "normalized": the same words, set differently
TYPOGRAPHIC = frozenset({"typography", "framing", "case", "line-break-hyphen", "hyphen"})
FRAMING = " \t\r\n\"'‘’‚‛“”„«»‹›`´′″"


def verify_citation(ref: CitationRef, corpus: Corpus) -> CitationResult:
    try:
        with budgeted():
            return _verify(ref, corpus)
    except OverBudget:
        return _failed(ref, [_error(ref, codes.TOO_MUCH_WORK, f"checking this quote would take more than "
                                    f"{MAX_WORK:,} steps, the most one citation may cause")])


def _verify(ref: CitationRef, corpus: Corpus) -> CitationResult:
    hidden = hidden_characters(ref.quote) + hidden_characters(ref.speaker or "")
    if hidden:
        names = ", ".join(sorted({f"U+{ord(c):04X}" for _, c in hidden}))
        return _failed(ref, [_error(ref, codes.HIDDEN_TEXT, f"the citation holds invisible characters that change "
                                    f"how text is shown ({names}): a reader would see other text than the one "
                                    "verified")])
    if len(ref.quote) > MAX_QUOTE_CHARS:
        return _failed(ref, [_error(ref, codes.QUOTE_TOO_LONG, f"the quote has {len(ref.quote):,} characters; "
                                    f"at most {MAX_QUOTE_CHARS:,} are checked")])
    quote = parse_quote(ref.quote)
    ellipses = sum(1 for t in quote.tokens if t.kind == ELLIPSIS)
    if ellipses > MAX_ELLIPSES:
        return _failed(ref, [_error(ref, codes.TOO_MANY_ELLIPSES, f"the quote has {ellipses} ellipses; at most "
                                    f"{MAX_ELLIPSES} are allowed")])
    if quote.brackets > MAX_BRACKETS:
        return _failed(ref, [_error(ref, codes.TOO_MANY_BRACKETS, f"the quote has {quote.brackets} brackets; at "
                                    f"most {MAX_BRACKETS} are allowed")])
    if not quote.source_words:
        return _failed(ref, [_error(ref, codes.EMPTY_QUOTE)])
    source = corpus.text(ref.source_id)
    # First only where most of the quote's words line up: that finds every quote that verifies
    # (brackets aside, which shift the words), and is cheap when the quote is not there at all.
    thorough = quote.has_bracket
    own = match_quote(quote, source, likely_only=not thorough)
    if own.ok:
        return _verified(ref, quote, own, source, corpus)
    if quote.brackets:  # brackets the source prints itself ("can[not]", "[name redacted]") are its text
        literal = parse_quote(ref.quote, literal_brackets=True)
        found = match_quote(literal, source)
        if found.ok:
            return _verified(ref, literal, found, source, corpus)

    found_in, elsewhere = search_elsewhere(quote, corpus, exclude=ref.source_id)
    if found_in is not None:
        where = passage_of(corpus, found_in, elsewhere[found_in].verified[0])
        msg = (f'quote is not in source "{ref.source_id}" but is in "{found_in}" '
               f"at {where.path}:{where.line}:{where.column}")
        return _failed(ref, [_error(ref, codes.WRONG_SOURCE, msg, f"cite source: {found_in}",
                                    {"found_in": found_in})], where)
    if not thorough:  # look everywhere in the cited source, to explain the failure (or, rarely, verify)
        own = match_quote(quote, source, verbatim=False)
        if own.ok:
            return _verified(ref, quote, own, source, corpus)
    return _explain_failure(ref, quote, own, source, corpus, elsewhere)


def search_elsewhere(quote: ParsedQuote, corpus: Corpus, exclude: str) -> tuple[str | None, dict[str, SourceMatch]]:
    """Corpus-wide attribution: the first other source in which the quote verifies (or None),
    and the matches tried on the way (their best alignments help explain a failure)."""
    tried: dict[str, SourceMatch] = {}
    for sid in corpus.candidates(quote, exclude=exclude):
        if corpus.resembles(quote, sid):
            match = tried[sid] = match_quote(quote, corpus.text(sid), likely_only=True)
            if match.ok:
                return sid, tried
    return None, tried


# -- verified ------------------------------------------------------------------
def _verified(ref: CitationRef, quote: ParsedQuote, match: SourceMatch, source: SourceText,
              corpus: Corpus) -> CitationResult:
    placements = tuple(_placement(corpus, ref.source_id, a, quote, ref.quote) for a in match.verified)
    first = match.verified[0]
    edits = _allowed_edits(ref.quote, quote, first, source, placements[0].start, placements[0].end)
    kind: MatchKind = "exact" if not edits else (
        "normalized" if set(edits) <= TYPOGRAPHIC else "edited")
    problems: list[Finding] = []
    for e in first.edits:
        if e.code == codes.SLIP:
            problems.append(finding(codes.SLIP, f'slip of the pen: "{e.quote}" where the source has "{e.source}"; '
                                    "the briefing prints the source's word", ref.location, f'quote "{e.source}"'))
    misses = [speaker_miss(ref.speaker, source, p.start, p.end) for p in placements] if ref.speaker else [None]
    if None not in misses:  # one placement with the speaker named is enough
        p = placements[0]
        where = "anywhere in the source" if "not-near" not in misses else "in or next to the paragraph of the quote"
        problems.append(_error(ref, codes.SPEAKER_NOT_FOUND,
                               f'speaker "{ref.speaker}" is not named {where} (quote at {p.path}:{p.line}:{p.column})'))
        return CitationResult(ref, FAILED, kind, tuple(edits), (), tuple(problems), placements[0])
    return CitationResult(ref, VERIFIED, kind, tuple(edits), placements, tuple(problems))


def _allowed_edits(raw: str, quote: ParsedQuote, alignment: Alignment, source: SourceText,
                   start: int, end: int) -> list[str]:
    """The allowed edits a quote needed; empty when it is the source's text exactly."""
    core = raw.strip()
    if core and source.text.find(core, max(0, start - len(core)), end + len(core)) >= 0:
        return []
    kinds: list[str] = []
    for e in alignment.edits:
        if e.allowed and e.code not in kinds:
            kinds.append(e.code)
    if (quote.tokens and (quote.tokens[0].kind == ELLIPSIS or quote.tokens[-1].kind == ELLIPSIS)
            and "ellipsis" not in kinds):
        kinds.append("ellipsis")
    if quote.brackets and not quote.has_bracket and "bracket" not in kinds:  # [T]he: a bracket joined to a word
        kinds.append("bracket")
    if _has_framing(core, source.text, start, end):
        kinds.append("framing")
    if not kinds or set(kinds) <= TYPOGRAPHIC - {"typography"}:
        kinds.append("typography")
    return kinds


def _has_framing(core: str, text: str, start: int, end: int) -> bool:
    """Quotation marks around the quote that the source does not have around the passage."""
    lead = core[:len(core) - len(core.lstrip(FRAMING))]
    trail = core[len(core.rstrip(FRAMING)):]
    # folded, quotation marks of every kind compare equal
    return bool(lead and normalize(text[max(0, start - len(lead)):start]).text != normalize(lead).text) or \
        bool(trail and normalize(text[end:end + len(trail)]).text != normalize(trail).text)


def _placement(corpus: Corpus, sid: str, alignment: Alignment, quote: ParsedQuote, raw: str) -> Placement:
    p = passage_of(corpus, sid, alignment)
    source = corpus.text(sid)
    return Placement(**p.__dict__, printed=_printed(alignment, source, quote, raw),
                     fragments=tuple(source.char_span(lo, hi) for lo, hi in alignment.fragments()))


def passage_of(corpus: Corpus, sid: str, alignment: Alignment) -> Passage:
    source = corpus.text(sid)
    rng = alignment.source_range()
    start, end = source.char_span(*rng) if rng else (0, 0)
    line, col = source.line_col(start)
    return Passage(sid, corpus.paths[sid], start, end, line, col, source.text[start:end])


def _printed(alignment: Alignment, source: SourceText, quote: ParsedQuote, raw: str) -> str:
    """The source's own words for each quoted stretch; the writer's ellipses and brackets kept."""
    pieces: list[str] = []
    run: list[int] | None = None

    def flush() -> None:
        if run:
            pieces.append(source.text[slice(*source.char_span(*run))])

    if quote.tokens and quote.tokens[0].kind == ELLIPSIS:
        pieces.append("…")
    for st in alignment.steps:
        if (st.op in QUOTED_OPS or st.op == "source") and st.s_hi > st.s_lo:
            if run is None:
                run = [st.s_lo, st.s_hi]
            run[1] = st.s_hi
        elif st.op in ("gap", "bracket"):
            flush()
            run = None
            t = quote.tokens[st.qi]
            pieces.append("…" if st.op == "gap" else raw[t.start:t.end])
    flush()
    if len(quote.tokens) > 1 and quote.tokens[-1].kind == ELLIPSIS:
        pieces.append("…")
    return " ".join(pieces)


# -- failed --------------------------------------------------------------------
def _explain_failure(ref: CitationRef, quote: ParsedQuote, own: SourceMatch, source: SourceText,
                     corpus: Corpus, elsewhere: dict[str, SourceMatch]) -> CitationResult:
    best = own.best
    if best is not None and any(e.quote.casefold() == e.source.casefold() for e in best.forbidden):
        caseless = _case_only(ref, quote, source, corpus)
        if caseless is not None:
            return caseless
    close = best is not None and matched_share(best, quote) >= CLOSE_ENOUGH
    # the closest passage in the cited source, with the source's words in the quote's shape
    # (ellipses and brackets kept): what `briefing fix` proposes
    here: Passage | None = None
    if best and best.source_range():
        here = _placement(corpus, ref.source_id, best, quote, ref.quote)
        if not (close and _verifies(here.printed, source)):  # a fix that fails too is no fix: a passage only
            here = passage_of(corpus, ref.source_id, best)
    diff = _diff(best, source, quote) if best else None
    structural = _ellipsis_problem(ref, quote, source) if quote.has_ellipsis else _splice_problem(ref, quote, source)
    # one changed word explains a quote better than a splice of two passages that happen to fit
    if structural and not (close and best is not None and len(best.forbidden) == 1 and structural.code == "splice"):
        return _failed(ref, [structural], here, diff)
    if close and best is not None:
        return _failed(ref, _edit_findings(ref, best), here, diff)
    # not found: show the closest passage anywhere
    closest_id, closest = ref.source_id, best
    for other_id, match in elsewhere.items():
        other = match.best
        if other and (closest is None or matched_share(other, quote) > matched_share(closest, quote)):
            closest_id, closest = other_id, other
    passage = passage_of(corpus, closest_id, closest) if closest else None
    where = f"; closest passage: {passage.path}:{passage.line}:{passage.column}" if passage else ""
    if passage and closest_id != ref.source_id:
        where += f' in source "{closest_id}"'
    return _failed(ref, [_error(ref, codes.NOT_FOUND, f'quote not found in source "{ref.source_id}"{where}',
                                details={"closest_source": closest_id})],
                   passage, _diff(closest, corpus.text(closest_id), quote) if closest else None)


def _case_only(ref: CitationRef, quote: ParsedQuote, source: SourceText, corpus: Corpus) -> CitationResult | None:
    """A quote that would verify but for the case of its words: say so, rather than show a diff
    in which every word differs."""
    caseless = parse_quote(ref.quote)
    for t in caseless.tokens:
        t.anycase = True
    found = match_quote(caseless, source)
    if not found.ok:
        return None
    first = found.verified[0]
    changed = []  # the words whose case the rules do not let the writer change
    for st in first.steps:
        if st.op == "match":
            t, s = quote.tokens[st.qi], source.token(st.s_lo)
            judged = compare(t, s, st.qi in quote.free_case, False)
            if judged is not None and judged[1] is not None and judged[1].code == codes.NAME_CHANGED:
                changed.append(judged[1])
    words = "; ".join(f'"{e.quote}" for "{e.source}"' for e in changed[:3]) + ("; ..." if len(changed) > 3 else "")
    here = _placement(corpus, ref.source_id, first, caseless, ref.quote)
    return _failed(ref, [_error(ref, codes.NAME_CHANGED, f"only the case differs from the source: {words}",
                                "copy the source's capitals (only the first letter, and a word set all in "
                                "capitals, may differ)")], here, _diff(first, source, caseless))


def matched_share(alignment: Alignment, quote: ParsedQuote) -> float:
    words = quote.word_count or 1
    matched = sum(1 for st in alignment.steps if st.op in QUOTED_OPS and st.op != "literal" and
                  quote.tokens[st.qi].is_wordlike and (st.edit is None or st.edit.allowed))
    return matched / words


def _edit_findings(ref: CitationRef, alignment: Alignment) -> list[Finding]:
    forbidden = alignment.forbidden
    first = primary_code(forbidden)
    out = []
    for code in [first, *sorted({e.code for e in forbidden if codes.is_code(e.code)} - {first})]:
        edits = [e for e in forbidden if e.code == code]
        detail = "; ".join(_describe(e) for e in edits[:3]) + ("; ..." if len(edits) > 3 else "")
        out.append(_error(ref, code, f"{codes.CODES[code].message or code}: {detail}"))
    return out


def _describe(e: Edit) -> str:
    if e.code == codes.SPLICE:
        return f'"{e.source}" is left out; mark the omission with an ellipsis (…)'
    if e.code == codes.ELLIPSIS_HIDES_NEGATION:
        return f'the omitted text contains "{e.source}"'
    if e.code == codes.TOO_MANY_SLIPS:
        return e.source
    return e.describe()


def _ellipsis_problem(ref: CitationRef, quote: ParsedQuote, source: SourceText) -> Finding | None:
    """Fragments that each verify alone but cannot be placed together: out of order, or too far apart.
    None when some in-order placement keeps every gap short (the aligner then says what is wrong)."""
    frags = quote.fragments()
    if len(frags) < 2 or len(frags) > 20:
        return None
    spans: list[list[tuple[int, int]]] = []
    for frag in frags:
        part = ParsedQuote(frag, free_case_positions(frag), slip_words=quote.word_count)
        found = match_quote(part, source)
        if not found.ok:
            return None
        spans.append(sorted({source.char_span(*r) for a in found.verified if (r := a.source_range()) is not None}))
    in_order, short_gaps = _chains(spans)
    if not in_order:
        return _error(ref, codes.ELLIPSIS_ORDER)
    if not short_gaps:
        return _error(ref, codes.ELLIPSIS_GAP, f"an ellipsis leaves out more than {MAX_GAP_CHARS:,} characters "
                      "of the source")
    paragraphs = [[source.paragraph_of(a) for a, _ in options] for options in spans]
    if not _chains(spans, paragraphs)[1]:
        return _error(ref, codes.ELLIPSIS_GAP, "the parts around the ellipses do not lie within two adjacent "
                      "paragraphs of the source")
    return None


def _chains(spans: list[list[tuple[int, int]]],
            paragraphs: list[list[int]] | None = None) -> tuple[bool, bool]:
    """Whether the fragments can be placed in source order at all, and with every gap within the
    limit (and, given each option's paragraph, every part within the first's paragraph and the next)."""
    reach_any: set[int] = {-1}  # end offsets reachable by some in-order chain
    reach_short: set[tuple[int, int]] = {(-1, -1)}  # (end, first paragraph) where every gap so far is short
    for k, options in enumerate(spans):
        pars = paragraphs[k] if paragraphs else [0] * len(options)
        any_ok = {e for s, e in options if any(s >= r for r in reach_any)}
        short_ok = {(e, first if k else par) for (s, e), par in zip(options, pars, strict=True)
                    for r, first in reach_short
                    if s >= r and (k == 0 or (s - r <= MAX_GAP_CHARS and par <= first + 1))}
        reach_any, reach_short = any_ok, short_ok
    return bool(reach_any), bool(reach_short)


def _splice_problem(ref: CitationRef, quote: ParsedQuote, source: SourceText) -> Finding | None:
    """Two verbatim pieces of the source, far apart, joined without an ellipsis. (Pieces a word
    or two apart are a dropped word, which the aligner names more precisely.)"""
    toks = quote.tokens
    words = [i for i, t in enumerate(toks) if t.is_wordlike]
    if len(words) < 4 or quote.has_bracket:
        return None
    keys = [t.key for t in toks]
    for cut in words[2:-1]:
        left, right = source.find_sequence(keys[:cut]), source.find_sequence(keys[cut:])
        if left and right and not any(-1 <= b - (a + cut) <= SPLICE_MIN_TOKENS for a in left for b in right):
            at = source.line_col(source.token(right[0]).start)
            # suggest the ellipsis only where it would verify: never across paragraphs or a negation
            with_ellipsis = f"{ref.quote[:toks[cut].start].rstrip()} … {ref.quote[toks[cut].start:].lstrip()}"
            suggestion = ("insert an ellipsis (…) where text is left out" if _verifies(with_ellipsis, source)
                          else "the passages are too far apart for an ellipsis: cite them separately")
            return _error(ref, codes.SPLICE, f'the quote joins two separate passages at "{toks[cut].text}" '
                          f"(the second is at line {at[0]}:{at[1]}) without an ellipsis", suggestion)
    return None


def _verifies(text: str, source: SourceText) -> bool:
    """Whether ``text`` would itself verify against ``source``: what a suggestion must do. (A
    suggestion is the source's own words: without a bracket, the verbatim path decides.)"""
    quote = parse_quote(text)
    return verifies_verbatim(quote, source) if not quote.brackets else match_quote(quote, source).ok


def _diff(alignment: Alignment, source: SourceText, quote: ParsedQuote) -> str:
    """Word diff of quote against source: [-only in the quote-] {+only in the source+}."""
    parts: list[str] = []
    run: list[int] | None = None  # source tokens quoted unchanged, printed as the source has them

    def text(lo: int, hi: int) -> str:
        return source.text[slice(*source.char_span(lo, hi))] if hi > lo else ""

    for st in alignment.steps:
        plain = st.op in ("join", "split", "literal") or (
            st.op == "match" and (st.edit is None or st.edit.code in ("case", "typography")))
        if plain:
            if run is None:
                run = [st.s_lo, st.s_hi]
                parts.append("")
            run[1] = st.s_hi
            parts[-1] = text(*run)
            continue
        run = None
        q = quote.tokens[st.qi].text if 0 <= st.qi < len(quote.tokens) else ""
        if st.op == "match":
            parts.append(f"[-{q}-]{{+{text(st.s_lo, st.s_hi)}+}}")
        elif st.op == "quote":
            parts.append(f"[-{q}-]")
        elif st.op == "source":
            parts.append(f"{{+{text(st.s_lo, st.s_hi)}+}}")
        elif st.op == "gap":
            parts.append("…" if st.edit is None or st.edit.allowed else f"…{{+{_clip(text(st.s_lo, st.s_hi))}+}}")
        elif st.op == "bracket":
            parts.append(f"[{q}]")
    return " ".join(p for p in parts if p)


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width // 2] + " … " + text[-width // 2:]


def _error(ref: CitationRef, code: CodeName, message: str | None = None, suggestion: str | None = None,
           details: dict | None = None) -> Finding:
    """A finding of ``code`` at the quote: the catalogue gives its severity, and its message and
    suggestion where they are fixed."""
    return finding(code, message, ref.location, suggestion, details)


def _failed(ref: CitationRef, problems: list[Finding], closest: Passage | None = None,
            diff: str | None = None) -> CitationResult:
    return CitationResult(ref, FAILED, problems=tuple(problems), closest=closest, diff=diff)

