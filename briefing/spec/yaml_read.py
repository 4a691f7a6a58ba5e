"""Reading a YAML file that may be hostile, so that every problem is one line with
file:line:col: the size limit, a FIFO or device in place of a file, UTF-8, control characters,
invisible characters that change how text is shown (bidirectional overrides: what the PDF shows
would not be what was verified), nesting depth, duplicate keys, and YAML aliases that would
expand without end ("billion laughs").

libyaml (PyYAML's C parser) composes the document into nodes that carry the line and column
of every key and value; this module turns them into plain dicts, lists and strings for
validation, resolving plain scalars by YAML 1.2's core schema (``yes`` is a string, as it was
when ruamel.yaml read the file), and keeps a tree of positions beside them. (ruamel.yaml's
round-trip loader did both in pure Python, 20 times slower; it still writes, in ``yaml_edit``.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from yaml import MarkedYAMLError, YAMLError
from yaml._yaml import CParser  # libyaml; the pure-Python parser would cost what ruamel did
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

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
_TAG = "tag:yaml.org,2002:"
_PLAIN = "?plain"  # a plain scalar's tag until this module resolves it (YAML 1.2 core schema)
# YAML 1.2 core schema, as ruamel.yaml resolves it
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                        |[-+]?\.(?:inf|Inf|INF)
                        |\.(?:nan|NaN|NAN))$""", re.X)
_TIMESTAMP = re.compile(r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
                            |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
                             (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""", re.X)


@dataclass
class Located:
    """Where a value stands (1-based line, column), and where its keys and items stand."""

    at: tuple[int, int]
    keys: dict[Any, tuple[int, int]] = field(default_factory=dict)  # a mapping's keys
    values: dict[Any, Located] = field(default_factory=dict)  # a mapping's values
    items: list[Located] = field(default_factory=list)  # a sequence's items


def position(tree: Located, loc: tuple, key: bool = False) -> tuple[int, int]:
    """1-based line:col of the value at path ``loc`` (of its key, with ``key``); the nearest
    enclosing value when the path does not exist."""
    node, (line, col) = tree, tree.at
    for k, part in enumerate(loc):
        if isinstance(part, int) and not isinstance(part, bool) and not node.values and 0 <= part < len(node.items):
            node = node.items[part]
            line, col = node.at
        elif not isinstance(part, list) and part in node.values:
            line, col = node.keys[part] if key and k == len(loc) - 1 else node.values[part].at
            node = node.values[part]
        else:
            break
    return line, col


def read_claims(path: Path, display: str) -> bytes:
    return read_input(path, display, MAX_CLAIMS_BYTES, "claims file", missing="no such file (pass --claims PATH)")


def check_size(size: int, display: str) -> None:
    if size > MAX_CLAIMS_BYTES:
        raise InputError([f"{display}: {size:,} bytes is over the {MAX_CLAIMS_BYTES:,}-byte limit for a claims file"])


class _Composer(CParser, BaseResolver):
    """libyaml's composer, leaving plain scalars for ``_Builder`` to resolve."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return str(BaseResolver.resolve(self, kind, value, implicit))


def parse(raw: bytes, display: str) -> tuple[dict, Located]:
    """The document as plain data (for validation), and where each of its values stands."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError([f"{display}: not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})"]) from None
    _refuse_characters(text, display)
    try:
        composer = _Composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
        if root is not None:
            _check_expansion(root, display)
        value, where = _Builder(display).build(root)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where_ = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        what = " ".join(str(err.problem or err.context or "invalid YAML").split())
        raise InputError([f"{where_}: YAML error: {what}"]) from None
    except YAMLError as err:
        offset = getattr(err, "position", None)  # a reader error: a character YAML does not accept
        if offset is not None:  # libyaml counts bytes of UTF-8
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        where_ = f"{display}:{':'.join(map(str, offset_position(text, offset)))}" if offset is not None else display
        what = getattr(err, "reason", None) or " ".join(str(err).split())
        char = getattr(err, "character", None)
        if char is not None:
            code = char if isinstance(char, int) else ord(str(char)[:1] or "\0")
            what = f"character U+{code:04X} is not allowed ({what})"
        raise InputError([f"{where_}: YAML error: {what}"]) from None
    except RecursionError:
        raise InputError([f"{display}: YAML error: nested too deeply to read"]) from None
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - a value YAML's grammar allows but no calendar does
        # (2024-02-30), or whatever else the parser raises: the user gets one line
        raise InputError([f"{display}: YAML error: cannot read this YAML ({type(err).__name__}: {err})"]) from None
    if not isinstance(value, dict):
        kind = "empty" if value is None else type(value).__name__
        raise InputError([f"{display}:1:1: the top level must be a mapping with title, sources and sections "
                          f"(got {kind})"])
    return value, where


class _Builder:
    """Nodes to plain values with their positions. Refuses duplicate keys, nesting past
    MAX_DEPTH, more than MAX_VALUES values, unknown tags, and control or invisible characters
    that escapes (``"\\a"``) put into strings."""

    def __init__(self, display: str):
        self.display, self.count = display, 0

    def build(self, node: Node | None) -> tuple[Any, Located]:
        if node is None:
            return None, Located((1, 1))
        return self._value(node, ())

    def _where(self, node: Node) -> str:
        return f"{self.display}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    def _value(self, node: Node, loc: tuple) -> tuple[Any, Located]:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _too_many_values(self.display)
        if len(loc) > MAX_DEPTH:
            raise InputError([f"{self._where(node)}: nested more than {MAX_DEPTH} levels deep"])
        at = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, at)
        if isinstance(node, SequenceNode):
            items = [self._value(child, (*loc, i)) for i, child in enumerate(node.value)]
            return [v for v, _ in items], Located(at, items=[w for _, w in items])
        value = self._scalar(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, str):
            bad = _CONTROL.search(value)
            if bad:
                raise InputError([f"{self._where(node)}: '{'/'.join(map(str, loc))}' contains the control character "
                                  f"U+{ord(bad.group()):04X}; remove it"])
            hidden = hidden_characters(value)  # written as an escape ("\u202e"): the raw text does not show it
            if hidden:
                raise InputError([f"{self._where(node)}: '{'/'.join(map(str, loc))}' holds an "
                                  f"{_invisible(hidden[0][1])}"])
        return value, Located(at)

    def _mapping(self, node: MappingNode, loc: tuple, at: tuple[int, int]) -> tuple[dict, Located]:
        out: dict = {}
        where = Located(at)
        merged: list[tuple[Any, Any, Located, tuple[int, int]]] = []
        for key_node, value_node in node.value:
            if key_node.tag in (_PLAIN, _TAG + "merge") and key_node.value == "<<" and isinstance(key_node, ScalarNode):
                merged += self._merge(value_node, loc)
                continue
            key = self._key(key_node)
            if key in out:
                mark = key_node.start_mark
                raise InputError([f"{self.display}:{mark.line + 1}:{mark.column + 1}: YAML error: "
                                  f'duplicate key "{key}"'])
            out[key], where.values[key] = self._value(value_node, (*loc, key))
            where.keys[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        for key, value, located, key_at in merged:  # a merge (<<: *defaults) never overrides a key written out
            if key not in out:
                out[key], where.values[key], where.keys[key] = value, located, key_at
        return out, where

    def _merge(self, node: Node, loc: tuple) -> list[tuple[Any, Any, Located, tuple[int, int]]]:
        maps = node.value if isinstance(node, SequenceNode) else [node]
        out = []
        for m in maps:
            if not isinstance(m, MappingNode):
                raise InputError([f"{self._where(m)}: YAML error: a merge (<<) takes a mapping or a list of mappings"])
            value, where = self._mapping(m, loc, (m.start_mark.line + 1, m.start_mark.column + 1))
            out += [(k, v, where.values[k], where.keys[k]) for k, v in value.items()]
        return out

    def _key(self, node: Node) -> Any:
        """A key as validation sees it: strings and integers as they are, anything else as text."""
        key = self._scalar(node) if isinstance(node, ScalarNode) else _Builder(self.display).build(node)[0]
        return key if isinstance(key, (str, int)) else str(key)

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _PLAIN:
            tag = _TAG + _resolve(text)
        if tag in (_TAG + "str", "!"):
            return text
        kind = tag[len(_TAG):] if tag.startswith(_TAG) else ""
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int":
            return _int(text)
        if kind == "float":
            return _float(text)
        if kind == "timestamp":
            return _timestamp(text)
        raise InputError([f"{self._where(node)}: YAML error: the tag {tag} is not supported here; remove it"])


def _resolve(text: str) -> str:
    """The YAML 1.2 core schema's type for a plain scalar."""
    first = text[:1]
    if first in "tTfF" and _BOOL.match(text):
        return "bool"
    if first in "~nN" and _NULL.match(text):
        return "null"
    if first in "-+0123456789.":
        if _INT.match(text):
            return "int"
        if _FLOAT.match(text):
            return "float"
        if _TIMESTAMP.match(text):
            return "timestamp"
    return "str"


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    if digits[:2] in ("0b", "0x", "0o"):
        return sign * int(digits[2:], {"0b": 2, "0x": 16, "0o": 8}[digits[:2]])
    return sign * int(digits)


def _float(text: str) -> float:
    folded = text.replace("_", "").lower()
    if folded.endswith(".inf"):
        return float("-inf") if folded.startswith("-") else float("inf")
    if folded == ".nan":
        return float("nan")
    return float(folded)


def _timestamp(text: str) -> date | datetime:
    if len(text) == 10:
        return date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?"
                 r"[ \t]*(Z|[-+]\d{1,2}(?::\d{2})?)?$", text)
    if m is None:  # the resolver's pattern guarantees a match
        raise ValueError(f"not a timestamp: {text}")
    y, mo, d, h, mi, s, frac, zone = m.groups()
    stamp = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), int((frac or "0")[:6].ljust(6, "0")))
    if zone and zone != "Z":
        hours, _, minutes = zone.partition(":")
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0) * (-1 if hours.startswith("-") else 1))
        stamp = stamp.replace(tzinfo=timezone(offset))
    return stamp


def _invisible(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    return (f"invisible character U+{ord(char):04X}{f' ({name})' if name else ''}, which changes how the text "
            "around it is shown; delete it")


def _check_expansion(root: Node, display: str) -> None:
    """Refuse, before anything expands them, aliases that stand for too many values or for
    themselves. (An alias is the very node its anchor named, so sizes are counted once per node.)"""
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


