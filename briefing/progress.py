"""A progress bar for long checks: on stderr, and only when stderr is a terminal, so logs,
pipes and CI output never see it."""

from __future__ import annotations

import sys
import time
from typing import IO

WIDTH = 30
REDRAW_EVERY = 0.1  # seconds


class ProgressBar:
    def __init__(self, label: str, stream: IO[str] | None = None):
        self.label = label
        self.stream = stream or sys.stderr
        self._drawn_at = 0.0
        self._shown = False

    @classmethod
    def for_terminal(cls, label: str, stream: IO[str] | None = None) -> ProgressBar | None:
        stream = stream or sys.stderr
        return cls(label, stream) if stream.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._drawn_at < REDRAW_EVERY:
            return
        self._drawn_at = now
        filled = WIDTH * done // max(total, 1)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the bar, so the report starts on a clean line."""
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
