"""Writing output files: to a temporary file beside the target, then an atomic rename, so a
reader (or a crash) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.exceptions import InputError


def write_atomically(output: Path, data: bytes) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(output: Path, data: bytes) -> None:
    """``write_atomically``, with an unwritable path reported as unusable input."""
    try:
        write_atomically(output, data)
    except OSError as err:
        raise InputError([f"{output}: cannot write: {err.strerror or err}"]) from None
