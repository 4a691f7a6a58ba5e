"""Reading a YAML file that may be hostile, so that every problem is one line with
file:line:col: the size limit, a FIFO or device in place of a file, UTF-8, control characters,
invisible characters that change how text is shown (bidirectional overrides: what the PDF shows
would not be what was verified), nesting depth, and YAML aliases that would expand without end
("billion laughs"). Produces ruamel's round-trip tree, which
keeps the position of every key and item, and its plain-data copy for validation.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node

from briefing.exceptions import InputError
from briefing.files import read_input
from briefing.findings import offset_position
from briefing.verify.normalize import hidden_characters

MAX_CLAIMS_BYTES = 5 * 1024 * 1024
# YAML aliases let a few lines stand for billions of values ("billion laughs"); a real
# claims file has a few thousand. Expansion stops, with an error, past this many.
MAX_VALUES = 200_000
MAX_DEPTH = 64
# C0 controls other than tab and line breaks, and DEL: never part of a quote. (C1 controls
# such as NEL are left to YAML, which reads some of them as line breaks.)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def position(tree: Any, loc: tuple, key: bool = False) -> tuple[int, int]:
    """1-based line:col of the node at path ``loc`` (of its key, with ``key``); the nearest
    enclosing node when the path does not exist."""
    node, line, col = tree, 1, 1
    if isinstance(tree, (CommentedMap, CommentedSeq)):
        line, col = tree.lc.line + 1, tree.lc.col + 1
    for k, part in enumerate(loc):
        last = k == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            kl, kc = node.lc.key(part)
            vl, vc = node.lc.value(part)
            line, col = (kl + 1, kc + 1) if key and last else (vl + 1, vc + 1)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            il, ic = node.lc.item(part)
            line, col = il + 1, ic + 1
            node = node[part]
        else:
            break
    return line, col


def read_claims(path: Path, display: str) -> bytes:
    return read_input(path, display, MAX_CLAIMS_BYTES, "claims file", missing="no such file (pass --claims PATH)")


def check_size(size: int, display: str) -> None:
    if size > MAX_CLAIMS_BYTES:
        raise InputError([f"{display}: {size:,} bytes is over the {MAX_CLAIMS_BYTES:,}-byte limit for a claims file"])


def parse(raw: bytes, display: str) -> CommentedMap:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError([f"{display}: not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})"]) from None
    _refuse_characters(text, display)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a reused anchor: legal YAML, and never our user's problem
            if _ALIAS.search(text):
                _check_expansion(YAML(typ="rt").compose(text), display)
            tree = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        what = " ".join(str(err.problem or err.context or "invalid YAML").split())
        if "duplicate key" in what or "found duplicate key" in str(err):
            what = "duplicate key " + _duplicate_key(str(err))
        raise InputError([f"{where}: YAML error: {what}"]) from None
    except YAMLError as err:
        position = getattr(err, "position", None)  # a reader error: a character YAML does not accept
        where = f"{display}:{':'.join(map(str, offset_position(text, position)))}" if position is not None else display
        what = getattr(err, "reason", None) or " ".join(str(err).split())
        char = getattr(err, "character", None)
        if char is not None:
            code = char if isinstance(char, int) else ord(str(char)[:1] or "\0")
            what = f"character U+{code:04X} is not allowed ({what})"
        raise InputError([f"{where}: YAML error: {what}"]) from None
    except RecursionError:
        raise InputError([f"{display}: YAML error: nested too deeply to read"]) from None
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - ruamel itself fails on some inputs (a ValueError for
        # the scalar '._', found by fuzzing); whatever it raises, the user gets one line
        raise InputError([f"{display}: YAML error: cannot read this YAML ({type(err).__name__}: {err})"]) from None
    if not isinstance(tree, CommentedMap):
        kind = "empty" if tree is None else type(tree).__name__
        raise InputError([f"{display}:1:1: the top level must be a mapping with title, sources and sections "
                          f"(got {kind})"])
    return tree


def _invisible(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    return (f"invisible character U+{ord(char):04X}{f' ({name})' if name else ''}, which changes how the text "
            "around it is shown; delete it")


_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")


def _check_expansion(root: Node | None, display: str) -> None:
    """Refuse, before anything expands them, aliases that stand for too many values or for
    themselves. (Constructing such a document is slow already: a duplicate key's error
    message alone prints the whole expanded value.)"""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            mark = node.start_mark
            raise InputError([f"{display}:{mark.line + 1}:{mark.column + 1}: YAML error: an alias refers to itself"])
        open_nodes.add(key)
        children = node.value if isinstance(node.value, list) else []
        total = 1
        for child in children:
            total += sum(size(n) for n in child) if isinstance(child, tuple) else size(child)
            if total > MAX_VALUES:
                raise _too_many_values(display)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def _too_many_values(display: str) -> InputError:
    return InputError([f"{display}: more than {MAX_VALUES:,} values once YAML aliases are expanded; "
                       "write the file out without aliases (&anchor / *alias)"])


_FLOW = re.compile(r"""[\[\]{}"'#\n]""")


def _refuse_characters(text: str, display: str) -> None:
    """What the YAML parser would choke on (brackets nested past the limit), and characters no
    claims file needs: control characters, and invisible ones that change how text is shown."""
    deep = _too_deep(text)
    if deep is not None:
        line, col = offset_position(text, deep)
        raise InputError([f"{display}:{line}:{col}: YAML error: nested more than {MAX_DEPTH} levels deep"])
    bad = _CONTROL.search(text)
    if bad:
        line, col = offset_position(text, bad.start())
        raise InputError([f"{display}:{line}:{col}: control character U+{ord(bad.group()):04X}; remove it"])
    hidden = hidden_characters(text)
    if hidden:
        line, col = offset_position(text, hidden[0][0])
        more = f" ({len(hidden) - 1} more in the file)" if len(hidden) > 1 else ""
        raise InputError([f"{display}:{line}:{col}: {_invisible(hidden[0][1])}{more}"])


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than MAX_DEPTH, or None. The parser would
    find out only by recursing until Python's stack runs out, which is slow; this is a scan
    of brackets outside quotes and comments (an unbalanced bracket in plain text counts once)."""
    depth, quote, comment = 0, None, False
    for m in _FLOW.finditer(text):
        ch, at = m.group(), m.start()
        if comment:
            comment = ch != "\n"
        elif quote:
            if ch == quote and not (quote == '"' and _escaped(text, at)):
                quote = None
        elif ch in "\"'":
            quote = ch if at == 0 or not text[at - 1].isalnum() else None
        elif ch == "#":
            comment = at == 0 or text[at - 1] in " \t\n"
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return at
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return None


def _escaped(text: str, at: int) -> bool:
    k = at
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (at - k) % 2 == 1


def _duplicate_key(message: str) -> str:
    m = re.search(r'found duplicate key "([^"]*)"', message)
    return f'"{m.group(1)}"' if m else ""


class Plain:
    """The parsed YAML as plain dicts, lists and strings, for pydantic. Refuses alias bombs,
    absurd nesting, and control characters that escapes (``"\\a"``) put into strings."""

    def __init__(self, tree: CommentedMap, display: str):
        self.tree, self.display, self.count = tree, display, 0
        self.value = self._plain(tree, ())

    def _plain(self, node: Any, loc: tuple) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _too_many_values(self.display)
        if len(loc) > MAX_DEPTH:
            raise InputError([f"{self._where(loc)}: nested more than {MAX_DEPTH} levels deep"])
        if isinstance(node, dict):
            return {str(k) if not isinstance(k, (str, int)) else k: self._plain(v, (*loc, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [self._plain(v, (*loc, i)) for i, v in enumerate(node)]
        if isinstance(node, str):
            bad = _CONTROL.search(node)
            if bad:
                raise InputError([f"{self._where(loc)}: '{'/'.join(map(str, loc))}' contains the control character "
                                  f"U+{ord(bad.group()):04X}; remove it"])
            hidden = hidden_characters(node)  # written as an escape ("\u202e"): the raw text does not show it
            if hidden:
                raise InputError([f"{self._where(loc)}: '{'/'.join(map(str, loc))}' holds an "
                                  f"{_invisible(hidden[0][1])}"])
            return str(node)
        return node

    def _where(self, loc: tuple) -> str:
        line, col = position(self.tree, loc)
        return f"{self.display}:{line}:{col}"
