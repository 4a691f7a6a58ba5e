"""Proposed corrections for failed citations, taken from the sources, and their application
to the claims file as surgical edits.

- A quote that is close to its passage but changes something (a number, a word, a name,
  a slip) is replaced by the passage's own words.
- A quote that verifies in another source gets that source.
- Nothing is proposed where the writer must decide: a splice, an ellipsis problem, a quote
  that is not there at all, a speaker who is not named.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.findings import Location
from briefing.spec import LoadedSpec, iter_citations
from briefing.verify import CitationResult, Placement, Report
from briefing.yamledit import Splice, apply, compose, node_at, quoted, replace_value

# failures whose closest passage is the quote the writer meant
_REPLACE_QUOTE = {"number-changed", "negation-changed", "name-changed", "word-changed", "too-many-slips",
                  "punctuation-changed", "slip"}


@dataclass(frozen=True)
class Proposal:
    location: Location  # of the value to change
    path: tuple  # YAML path of the value
    field: str  # "quote" | "source"
    old: str
    new: str
    reason: str  # the finding code it answers

    @property
    def yaml_value(self) -> str:
        """The new value as it is written into the claims file."""
        return quoted(self.new) if self.field == "quote" else self.new


def propose(loaded: LoadedSpec, report: Report) -> list[Proposal]:
    out = []
    for (s, c, _claim, k, cit), result in zip(iter_citations(loaded.spec), report.results, strict=True):
        path = ("sections", s, "claims", c, "citations", k)
        codes = [p.code for p in result.problems if p.is_error] or [p.code for p in result.problems]
        if not codes:
            continue
        found_in = next((p.details.get("found_in") for p in result.problems if p.code == "wrong-source"), None)
        if found_in:
            out.append(Proposal(loaded.location(*path, "source"), (*path, "source"), "source",
                                cit.source, found_in, "wrong-source"))
        elif all(code in _REPLACE_QUOTE for code in codes):
            new = _source_words(result)
            if new and new != cit.quote:
                out.append(Proposal(loaded.location(*path, "quote"), (*path, "quote"), "quote",
                                    cit.quote, new, codes[0]))
    return out


def _source_words(result: CitationResult) -> str | None:
    """What the source says where the quote was aimed: the verified placement's wording
    (a slip), or the closest passage (a failure), on one line."""
    closest = result.closest
    if result.verified and result.placements:
        wording = result.placements[0].display
    elif isinstance(closest, Placement) and closest.source_id == result.ref.source_id:
        wording = closest.display
    else:
        return None
    return " ".join(wording.split()) or None


def apply_proposals(text: str, display: str, proposals: list[Proposal]) -> str:
    root = compose(text, display)
    splices: list[Splice] = []
    for p in proposals:
        node = node_at(root, p.path)
        if node is not None:
            splices.append(replace_value(text, node, p.yaml_value))
    return apply(text, splices)
