"""Load and validate ``claims.yaml``. Every problem is reported with file:line:col.

``briefing.spec.yaml_read`` reads the file safely and keeps the position of every key and item;
pydantic checks types and required fields, and its error paths are mapped back to those
positions. Checks that span the file (unique claim ids, known source ids) come after.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from briefing.exceptions import InputError
from briefing.findings import CitationId, Location
from briefing.spec.yaml_read import Located, check_size, parse, position, read_claims

Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"\S")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    source: Identifier = Field(description="Key of the cited source in `sources`.")
    quote: Text = Field(description="The words quoted, verbatim from the source.")
    speaker: Text | None = Field(None, description="Who is quoted; must be named near the quote.")


class UnsupportedFigure(_Strict):
    """A figure stated on purpose without a quote that gives it: shown in the PDF's verification record."""

    figure: Text = Field(description="The figure as the text writes it: \"2021\", \"seven\", \"2012–2023\" "
                                     "(quote digits, so that YAML reads a string).")
    reason: Text = Field(description="Why no quote needs to give it; printed beside the figure in the record.")


class Claim(_Strict):
    id: Identifier = Field(description="Unique id of the claim across the file.")
    text: Text = Field(description="The analyst's claim.")
    unsupported_figures: list[UnsupportedFigure] = Field(
        default_factory=list, description="Figures in `text` that no quote needs to give, each with a reason. "
                                          "Every other figure must be in one of the claim's verified quotes.")
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
    unsupported_figures: list[UnsupportedFigure] = Field(
        default_factory=list, description="Figures in the title, subtitle or summary that no quote needs to give, "
                                          "each with a reason. Every other figure there must be in some verified "
                                          "quote of the briefing.")
    sources: dict[Identifier, Source] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedSpec:
    spec: Spec
    path: Path  # the claims file
    display: str  # how to name the claims file in messages
    tree: Located  # where each value of the YAML stands
    raw: bytes

    def location(self, *loc: Any, key: bool = False) -> Location:
        line, col = position(self.tree, loc, key)
        return Location(self.display, line, col)

    def citation_location(self, cid: CitationId, field: str = "quote") -> Location:
        """Where a citation's ``field`` (its quote, source or speaker) is written."""
        return self.location(*cid.yaml_path(), field)


def load_spec(path: Path, display: str | None = None, raw: bytes | None = None) -> LoadedSpec:
    """``raw``, when given, is used instead of reading ``path``; sources still resolve beside ``path``."""
    display = display or str(path)
    if raw is None:
        raw = read_claims(path, display)
    else:
        check_size(len(raw), display)
    value, tree = parse(raw, display)
    try:
        spec = Spec.model_validate(value)
    except ValidationError as err:
        raise InputError(sorted(set(_describe(err, tree, display)), key=_line_order)) from None
    loaded = LoadedSpec(spec, path, display, tree, raw)
    problems = _cross_checks(loaded)
    if problems:
        raise InputError(problems)
    return loaded


# where a key of each model leads: a list of the child model (its index is skipped too)
_CHILD_LISTS: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Spec, "sections"): Section, (Section, "claims"): Claim, (Claim, "citations"): Citation,
    (Spec, "unsupported_figures"): UnsupportedFigure, (Claim, "unsupported_figures"): UnsupportedFigure,
}


def _model_at(loc: tuple) -> type[BaseModel]:
    """Which model a pydantic error path points into."""
    model: type[BaseModel] = Spec
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if model is Spec and part == "sources" and parts:
            parts.pop(0)  # the source's id
            model = Source
        elif (model, part) in _CHILD_LISTS:
            model = _CHILD_LISTS[model, part]
            if parts and isinstance(parts[0], int):
                parts.pop(0)
        else:
            break
    return model


def _describe(err: ValidationError, tree: Located, display: str) -> list[str]:
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
        out.append(f"{display}:{line}:{col}: '{'/'.join(str(p) for p in loc)}' {_value_message(e, field)}")
    return out


def _value_message(e: ErrorDetails, field: str | int) -> str:
    """What is wrong with a value, in the writer's terms rather than pydantic's."""
    kind = e["type"]
    value = e.get("input")
    if kind == "too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch" and field == "sha256":
        return "must be 64 hexadecimal characters (a SHA-256 digest)"
    if kind == "string_pattern_mismatch" and e.get("ctx", {}).get("pattern", "").startswith("^[A-Za-z0-9]"):
        return f"{value!r} is not a valid id: use letters, digits and - _ . : (no spaces)"
    if kind in ("string_pattern_mismatch", "string_too_short"):
        return "must not be empty"
    if kind == "string_type" and field == "figure":
        return f"must be a string, not {_type_name(value)}: quote it, as in figure: \"{value}\""
    if kind == "string_type":
        return f"must be a string, not {_type_name(value)}"
    if kind in ("list_type", "dict_type", "model_type"):
        want = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"must be {want}, not {_type_name(value)}"
    if kind.startswith("date"):
        return f"must be an ISO date like 2026-11-23, not {value!r}"
    return e["msg"]


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
                    where = loaded.citation_location(CitationId(s, c, k), "source")
                    problems.append(f"{where}: unknown source id '{cit.source}'{hint}")
    return problems


def iter_citations(spec: Spec) -> Iterator[tuple[CitationId, Claim, Citation]]:
    """Every citation with its identity and its claim, in file order."""
    for s, section in enumerate(spec.sections):
        for c, claim in enumerate(section.claims):
            for k, cit in enumerate(claim.citations):
                yield CitationId(s, c, k), claim, cit
