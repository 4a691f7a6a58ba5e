"""Read the source texts a spec names. All file access for sources happens here.

A source must be a readable, non-empty UTF-8 file inside the project (the folder of
the claims file): no ``..``, no absolute path elsewhere, no symlink that escapes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefing.exceptions import InputError
from briefing.findings import offset_position
from briefing.spec import LoadedSpec
from briefing.verify import Corpus

MAX_SOURCE_BYTES = 50 * 1024 * 1024
# NUL and the like mean a binary file or a broken conversion; tab, line breaks and form feed are text
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LONE_CR = re.compile("\r(?!\n)")


@dataclass(frozen=True)
class SourceFile:
    id: str
    path: Path  # resolved
    display: str  # as written in the spec; check.load_project makes it the path from the current folder
    text: str
    sha256: str
    size: int


PinState = Literal["unpinned", "pinned", "changed"]


def pin_state(pin: str | None, file: SourceFile) -> PinState:
    """"unpinned", "pinned" (the file has the pinned SHA-256) or "changed"."""
    if not pin:
        return "unpinned"
    return "pinned" if pin.lower() == file.sha256 else "changed"


def source_corpus(sources: dict[str, SourceFile]) -> Corpus:
    """The texts to verify against, each named by its path as the spec writes it."""
    return Corpus({sid: s.text for sid, s in sources.items()}, {sid: s.display for sid, s in sources.items()})


def read_sources(loaded: LoadedSpec) -> dict[str, SourceFile]:
    root = loaded.path.resolve().parent
    out: dict[str, SourceFile] = {}
    problems: list[str] = []
    for sid, src in loaded.spec.sources.items():
        where = loaded.location("sources", sid, "path")
        try:
            out[sid] = _read_one(sid, src.path, root)
        except InputError as err:
            problems.extend(f"{where}: source '{sid}': {p}" for p in err.problems)
    if problems:
        raise InputError(problems)
    return out


def _read_one(sid: str, written: str, root: Path) -> SourceFile:
    candidate = Path(written)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise InputError([f"path '{written}' must be relative and stay inside the project folder"])
    full = root / candidate
    try:
        resolved = full.resolve(strict=True)
    except FileNotFoundError:
        raise InputError([f"file '{written}' does not exist"]) from None
    except (OSError, RuntimeError) as err:
        raise InputError([f"cannot open '{written}': {err}"]) from None
    if not resolved.is_relative_to(root):
        raise InputError([f"'{written}' resolves outside the project folder (a symlink?)"])
    if resolved.is_dir():
        raise InputError([f"'{written}' is a directory, not a text file"])
    if not resolved.is_file():  # a FIFO or a device would block or never end
        raise InputError([f"'{written}' is not a regular file"])
    try:
        size = resolved.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputError([f"'{written}' is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit"])
        data = resolved.read_bytes()
    except OSError as err:
        raise InputError([f"cannot read '{written}': {err.strerror or err}"]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError([f"'{written}' is not UTF-8: byte {err.start} is {data[err.start:err.start + 1]!r}"]) from None
    # A byte-order mark is not text: offsets and columns start after it. A line break written as
    # a lone CR (old Mac files) becomes LF, one character for one, so offsets stay as written
    # and every location, paragraph and line-break hyphen is found as in any other file.
    text = _LONE_CR.sub("\n", text.removeprefix("\ufeff"))
    if not text.strip():
        raise InputError([f"'{written}' is empty"])
    bad = _CONTROL.search(text)
    if bad:
        line, col = offset_position(text, bad.start())
        byte = len(text[:bad.start()].encode("utf-8"))
        raise InputError([f"'{written}' has the control character U+{ord(bad.group()):04X} at {line}:{col} "
                          f"(byte {byte}): is it a text file?"])
    return SourceFile(sid, resolved, written, text, hashlib.sha256(data).hexdigest(), size)
