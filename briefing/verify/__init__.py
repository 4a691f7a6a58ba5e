"""Verification: pure functions from citations and source texts to results. No I/O here."""

from briefing.verify.citation import verify_citation
from briefing.verify.corpus import Corpus
from briefing.verify.figures import unsupported_figures
from briefing.verify.results import CitationRef, CitationResult, Passage, Placement, Report, SourceDigest

__all__ = ["CitationRef", "CitationResult", "Corpus", "Passage", "Placement", "Report", "SourceDigest",
           "unsupported_figures", "verify_citation"]
