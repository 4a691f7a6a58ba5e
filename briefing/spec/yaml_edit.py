"""Surgical edits to a YAML file: change one value, or add one key, and leave every other
byte alone (comments, quoting, indentation, blank lines).

ruamel.yaml's composer gives each node its exact start and end offsets; edits are spliced
into the original text there, last first, so earlier offsets stay valid.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from briefing.exceptions import InputError


class Splice(NamedTuple):
    start: int
    end: int
    text: str


def compose(text: str, display: str) -> Node:
    try:
        return YAML(typ="rt").compose(text)
    except YAMLError as err:
        raise InputError([f"{display}: cannot edit: {err}"]) from None


def node_at(root: Node, path: tuple) -> Node | None:
    node: Node | None = root
    for part in path:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string escapes are YAML's too."""
    return json.dumps(value, ensure_ascii=False)


def replace_value(text: str, node: Node, rendered: str) -> Splice:
    """Replace a scalar's text. A block scalar's trailing line breaks belong to the layout; they stay."""
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    return Splice(start, end, rendered + old[len(old.rstrip()):])


def add_key(text: str, mapping: MappingNode, after: str, key: str, rendered: str) -> Splice:
    """Add ``key: rendered`` to ``mapping`` right after the entry ``after``, in the mapping's own style."""
    pair = next((k, v) for k, v in mapping.value if k.value == after)
    if mapping.flow_style:
        return Splice(pair[1].end_mark.index, pair[1].end_mark.index, f", {key}: {rendered}")
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"  # the file's own line end
    indent = " " * pair[0].start_mark.column
    end = pair[1].end_mark.index
    if text[end - 1:end] in ("\n", "\r"):  # a block scalar ends at the start of the next line
        return Splice(end, end, f"{indent}{key}: {rendered}{newline}")
    line_end = text.find(newline, end)
    line_end = len(text) if line_end < 0 else line_end
    return Splice(line_end, line_end, f"{newline}{indent}{key}: {rendered}")


def apply(text: str, splices: list[Splice]) -> str:
    for s in sorted(splices, key=lambda s: s.start, reverse=True):
        text = text[:s.start] + s.text + text[s.end:]
    return text


def add_entry(text: str, mapping: MappingNode, key: str, fields: list[tuple[str, str]],
              comments: Sequence[str] = ()) -> Splice:
    """Add ``key:`` with a nested mapping of ``fields`` (rendered values) as the last entry of the block
    ``mapping``, indented as its other entries are, each comment line above it. Everything else stays."""
    if mapping.flow_style or not mapping.value:
        raise InputError(["cannot add an entry to a mapping written in flow style ({...}) or empty: "
                          "write it in block style, one entry a line"])
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    first_key, _ = mapping.value[0]
    indent = " " * first_key.start_mark.column
    child = indent + " " * _child_indent(mapping)
    lines = [f"{indent}# {c}" for c in comments] + [f"{indent}{key}:"] + [f"{child}{k}: {v}" for k, v in fields]
    block = newline.join(lines) + newline
    end = mapping.value[-1][1].end_mark.index
    if text[end - 1:end] in ("\n", "\r"):  # a block value ends at the start of the next line
        return Splice(end, end, block)
    line_end = text.find(newline, end)
    if line_end < 0:
        return Splice(len(text), len(text), newline + block)
    return Splice(line_end + len(newline), line_end + len(newline), block)


def _child_indent(mapping: MappingNode) -> int:
    """How far the file indents a nested mapping under a key (two spaces when it shows none)."""
    for k, v in mapping.value:
        if isinstance(v, MappingNode) and not v.flow_style and v.value:
            return max(1, v.value[0][0].start_mark.column - k.start_mark.column)
    return 2
