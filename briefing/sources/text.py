"""Plain-text sources: the file is its text, once decoded as UTF-8."""

from __future__ import annotations

import platform
import re

from briefing.exceptions import InputError
from briefing.findings import offset_position
from briefing.sources.provenance import Extraction

# NUL and the like mean a binary file or a broken conversion; tab, line breaks and form feed are text
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LONE_CR = re.compile("\r(?!\n)")


def read_text(data: bytes, written: str) -> Extraction:
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
    return Extraction(text, "text", "python", platform.python_version())
