"""briefing: citation-checked briefings. Every quote is verified against its source."""

__version__ = "0.1.0"
