"""Load and validate ``claims.yaml``. Every problem is reported with file:line:col.

ruamel.yaml keeps the position of every key and item; pydantic checks types and
required fields; its error paths are mapped back to those positions. Checks that
span the file (unique claim ids, known source ids) come after.
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from briefing.exceptions import InputError
from briefing.findings import Location, offset_position

MAX_CLAIMS_BYTES = 5 * 1024 * 1024
# YAML aliases let a few lines stand for billions of values ("billion laughs"); a real
# claims file has a few thousand. Expansion stops, with an error, past this many.
MAX_VALUES = 200_000
MAX_DEPTH = 64
# C0 controls other than tab and line breaks, DEL and C1 controls: never part of a quote
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    source: Identifier = Field(description="Key of the cited source in `sources`.")
    quote: Text = Field(description="The words quoted, verbatim from the source.")
    speaker: Text | None = Field(None, description="Who is quoted; must be named near the quote.")


class Claim(_Strict):
    id: Identifier = Field(description="Unique id of the claim across the file.")
    text: Text = Field(description="The analyst's claim.")
    citations: list[Citation] = Field(min_length=1)


class Section(_Strict):
    title: Text
    claims: list[Claim] = Field(min_length=1)


class Source(_Strict):
    path: Text = Field(description="Path of the source text, relative to the claims file.")
    title: Text
    publisher: Text | None = None
    published: Date | None = None
    url: Text | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$")] | None = Field(
        None, description="Pin: check fails with source-changed if the file no longer has this hash.")


class Spec(_Strict):
    title: Text
    subtitle: Text | None = None
    author: Text | None = Field(None, description="Who wrote the briefing; goes into the PDF metadata.")
    date: Date | None = Field(None, description="The briefing's date; also dates the PDF, so builds repeat exactly.")
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")] = Field(
        "en", description="BCP 47 language tag of the briefing (PDF /Lang, HTML lang).")
    keywords: list[Text] = Field(default_factory=list, description="PDF metadata keywords.")
    summary: Text | None = Field(None, description="Key judgments: paragraphs separated by blank lines.")
    sources: dict[Identifier, Source] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedSpec:
    spec: Spec
    path: Path  # the claims file
    display: str  # how to name the claims file in messages
    tree: CommentedMap  # the parsed YAML, for positions
    raw: bytes

    def location(self, *loc: Any, key: bool = False) -> Location:
        line, col = position(self.tree, loc, key)
        return Location(self.display, line, col)


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


def load_spec(path: Path, display: str | None = None, raw: bytes | None = None) -> LoadedSpec:
    """``raw``, when given, is used instead of reading ``path``; sources still resolve beside ``path``."""
    display = display or str(path)
    if raw is None:
        raw = _read(path, display)
    else:
        _check_size(len(raw), display)
    tree = _parse(raw, display)
    try:
        spec = Spec.model_validate(_Plain(tree, display).value)
    except ValidationError as err:
        raise InputError(sorted(set(_describe(err, tree, display)), key=_line_order)) from None
    loaded = LoadedSpec(spec, path, display, tree, raw)
    problems = _cross_checks(loaded)
    if problems:
        raise InputError(problems)
    return loaded


def _read(path: Path, display: str) -> bytes:
    try:
        if path.is_dir():
            raise InputError([f"{display}: is a directory, not a claims file"])
        _check_size(path.stat().st_size, display)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([f"{display}: no such file (pass --claims PATH)"]) from None
    except OSError as err:
        raise InputError([f"{display}: cannot read: {err.strerror or err}"]) from None


def _check_size(size: int, display: str) -> None:
    if size > MAX_CLAIMS_BYTES:
        raise InputError([f"{display}: {size:,} bytes is over the {MAX_CLAIMS_BYTES:,}-byte limit for a claims file"])


def _parse(raw: bytes, display: str) -> CommentedMap:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError([f"{display}: not UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})"]) from None
    deep = _too_deep(text)
    if deep is not None:
        line, col = offset_position(text, deep)
        raise InputError([f"{display}:{line}:{col}: YAML error: nested more than {MAX_DEPTH} levels deep"])
    bad = _CONTROL.search(text)
    if bad:
        line, col = offset_position(text, bad.start())
        raise InputError([f"{display}:{line}:{col}: control character U+{ord(bad.group()):04X}; remove it"])
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
    if not isinstance(tree, CommentedMap):
        kind = "empty" if tree is None else type(tree).__name__
        raise InputError([f"{display}:1:1: the top level must be a mapping with title, sources and sections (got {kind})"])
    return tree


_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")


def _check_expansion(root, display: str) -> None:
    """Refuse, before anything expands them, aliases that stand for too many values or for
    themselves. (Constructing such a document is slow already: a duplicate key's error
    message alone prints the whole expanded value.)"""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node) -> int:
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


class _Plain:
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
            return {str(k) if not isinstance(k, (str, int)) else k: self._plain(v, loc + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [self._plain(v, loc + (i,)) for i, v in enumerate(node)]
        if isinstance(node, str):
            bad = _CONTROL.search(node)
            if bad:
                raise InputError([f"{self._where(loc)}: '{'/'.join(map(str, loc))}' contains the control character "
                                  f"U+{ord(bad.group()):04X}; remove it"])
            return str(node)
        return node

    def _where(self, loc: tuple) -> str:
        line, col = position(self.tree, loc)
        return f"{self.display}:{line}:{col}"


def _model_at(loc: tuple) -> type[BaseModel]:
    """Which model a pydantic error path points into."""
    model: type[BaseModel] = Spec
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if model is Spec and part == "sources" and parts:
            parts.pop(0)
            model = Source
        elif model is Spec and part == "sections":
            model = Section
            if parts and isinstance(parts[0], int):
                parts.pop(0)
        elif model is Section and part == "claims":
            model = Claim
            if parts and isinstance(parts[0], int):
                parts.pop(0)
        elif model is Claim and part == "citations":
            model = Citation
            if parts and isinstance(parts[0], int):
                parts.pop(0)
        else:
            break
    return model


def _describe(err: ValidationError, tree: CommentedMap, display: str) -> list[str]:
    out = []
    errors = err.errors()
    # did-you-mean for each unknown key; a misspelt key also makes the real one "missing",
    # and only the misspelling is reported
    meant = {tuple(e["loc"]): difflib.get_close_matches(str(e["loc"][-1]),
                                                        list(_model_at(tuple(e["loc"][:-1])).model_fields), n=1)
             for e in errors if e["type"] == "extra_forbidden" and e["loc"]}
    misspelt = {(loc[:-1], close[0]) for loc, close in meant.items() if close}
    for e in errors:
        loc = tuple(e["loc"])
        kind = e["type"]
        field = loc[-1] if loc else ""
        where = "/".join(str(p) for p in loc[:-1]) or "top level"
        if kind == "extra_forbidden":
            line, col = position(tree, loc, key=True)
            close = meant[loc]
            hint = (f"; did you mean '{close[0]}'?" if close
                    else f"; allowed keys: {', '.join(_model_at(loc[:-1]).model_fields)}")
            out.append(f"{display}:{line}:{col}: unknown key '{field}' in {where}{hint}")
            continue
        if kind == "missing":
            if (loc[:-1], field) in misspelt:
                continue
            line, col = position(tree, loc[:-1])
            out.append(f"{display}:{line}:{col}: missing required key '{field}' in {where}")
            continue
        line, col = position(tree, loc)
        value = e.get("input")
        if kind == "too_short":
            msg = "must not be empty"
        elif kind == "string_pattern_mismatch" and field == "sha256":
            msg = "must be 64 hexadecimal characters (a SHA-256 digest)"
        elif kind == "string_pattern_mismatch" and e.get("ctx", {}).get("pattern", "").startswith("^[A-Za-z0-9]"):
            msg = f"{value!r} is not a valid id: use letters, digits and - _ . : (no spaces)"
        elif kind in ("string_pattern_mismatch", "string_too_short"):
            msg = "must not be empty"
        elif kind == "string_type":
            msg = f"must be a string, not {_type_name(value)}"
        elif kind in ("list_type", "dict_type", "model_type"):
            want = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
            msg = f"must be {want}, not {_type_name(value)}"
        elif kind.startswith("date"):
            msg = f"must be an ISO date like 2026-11-23, not {value!r}"
        else:
            msg = e["msg"]
        out.append(f"{display}:{line}:{col}: '{'/'.join(str(p) for p in loc)}' {msg}")
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number", bool: "true/false",
            Date: "a date"}.get(type(value), type(value).__name__)


def _line_order(message: str) -> tuple[int, int, str]:
    m = re.match(r".*?:(\d+):(\d+):", message)
    return (int(m.group(1)), int(m.group(2)), message) if m else (0, 0, message)


def _cross_checks(loaded: LoadedSpec) -> list[str]:
    spec, problems = loaded.spec, []
    seen: dict[str, Location] = {}
    known = list(spec.sources)
    for s, section in enumerate(spec.sections):
        for c, claim in enumerate(section.claims):
            here = loaded.location("sections", s, "claims", c, "id")
            if claim.id in seen:
                problems.append(f"{here}: duplicate claim id '{claim.id}' (first used at line {seen[claim.id].line})")
            else:
                seen[claim.id] = here
            for k, cit in enumerate(claim.citations):
                if cit.source not in spec.sources:
                    close = difflib.get_close_matches(cit.source, known, n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else f"; known sources: {', '.join(known)}"
                    where = loaded.location("sections", s, "claims", c, "citations", k, "source")
                    problems.append(f"{where}: unknown source id '{cit.source}'{hint}")
    return problems


def iter_citations(spec: Spec):
    """(section index, claim index, claim, citation index, citation) in file order."""
    for s, section in enumerate(spec.sections):
        for c, claim in enumerate(section.claims):
            for k, cit in enumerate(claim.citations):
                yield s, c, claim, k, cit
