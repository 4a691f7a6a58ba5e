"""Verification: pure functions from citations and source texts to results (``briefing.results``).
No I/O here."""

from briefing.verify.citation import verify_citation
from briefing.verify.corpus import Corpus
from briefing.verify.figures import unsupported_figures

__all__ = ["Corpus", "unsupported_figures", "verify_citation"]
