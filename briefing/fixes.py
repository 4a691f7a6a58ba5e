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

from briefing import codes
from briefing.codes import CODES, Fixable, describe
from briefing.findings import Location
from briefing.results import CitationResult, Placement, Report
from briefing.spec.model import LoadedSpec
from briefing.spec.yaml_edit import Splice, apply, compose, node_at, quoted, replace_value


@dataclass(frozen=True)
class Proposal:
    location: Location  # of the value to change
    path: tuple[str | int, ...]  # YAML path of the value
    field: Fixable  # the citation's value it replaces
    old: str
    new: str
    reason: str  # the finding code it answers

    @property
    def yaml_value(self) -> str:
        """The new value as it is written into the claims file."""
        return quoted(self.new) if self.field == "quote" else self.new


def propose(loaded: LoadedSpec, report: Report) -> list[Proposal]:
    """One proposal per citation that can be corrected from the sources: those whose every error
    (or, with none, every warning) is a code the catalogue marks fixable."""
    out = []
    for result in report.results:
        cid, ref = result.ref.id, result.ref
        found = [p.code for p in result.problems if p.is_error] or [p.code for p in result.problems]
        if cid is None or not found:  # verified cleanly, or not from this claims file
            continue
        found_in = next((p.details.get("found_in") for p in result.problems
                         if describe(p.code).fixable == "source"), None)
        if found_in:
            out.append(Proposal(loaded.citation_location(cid, "source"), (*cid.yaml_path(), "source"), "source",
                                ref.source_id, found_in, codes.WRONG_SOURCE))
        elif all(CODES[code].fixable == "quote" for code in found):
            new = _source_words(result)
            if new and new != ref.quote:
                out.append(Proposal(loaded.citation_location(cid, "quote"), (*cid.yaml_path(), "quote"), "quote",
                                    ref.quote, new, found[0]))
    return out


def _source_words(result: CitationResult) -> str | None:
    """What the source says where the quote was aimed: the verified placement's wording
    (a slip), or the closest passage (a failure), on one line."""
    closest = result.closest
    if result.verified and result.placements:
        wording = result.placements[0].printed
    elif isinstance(closest, Placement) and closest.source_id == result.ref.source_id:
        wording = closest.printed
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
