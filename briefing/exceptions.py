"""The project's own error types. Anything the user can cause ends up as one of these."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: an error the CLI reports as one line and exit code 2."""


class InputError(BriefingError):
    """Unusable input: one or more problems, each already a one-line message."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class RenderError(BriefingError):
    """The briefing could not be rendered (template or PDF engine failure)."""
