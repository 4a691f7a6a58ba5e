"""The claims-file entry of a source being added, spliced in after the last source."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ruamel.yaml.nodes import MappingNode

from briefing.exceptions import InputError
from briefing.spec.yaml_edit import add_entry, apply, compose, node_at, quoted

if TYPE_CHECKING:
    from briefing.sources.acquire import Acquired
    from briefing.spec.model import LoadedSpec

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _clean(value: str) -> str:
    """One line, without control or invisible format characters (the claims file refuses those)."""
    return " ".join("".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cf")).split())


def folder_for(loaded: LoadedSpec, project: Path, default: str) -> str:
    """The folder most of the project's sources are in (relative to the claims file), else ``default``."""
    folders = Counter(str(PurePosixPath(s.path).parent) for s in loaded.spec.sources.values())
    if folders:
        folder = folders.most_common(1)[0][0]
        if not PurePosixPath(folder).is_absolute() and ".." not in PurePosixPath(folder).parts:
            return folder
    return default


def source_entry(loaded: LoadedSpec, sid: str, path: str, acquired: Acquired, target: Path) -> str:
    """The claims file's new text, with the entry for ``sid`` added; InputError if it cannot be."""
    if not _ID.match(sid):
        raise InputError([f"'{sid}' cannot be a source id: a letter, then letters, digits, '_', '.' or '-'"])
    if sid in loaded.spec.sources:
        raise InputError([f"{loaded.location('sources', sid)}: a source '{sid}' is there already: choose another "
                          "with --id"])
    if target.exists() or target.is_symlink():
        raise InputError([f"{path} exists already: not written over; choose another id with --id"])
    meta = acquired.extraction.metadata
    # the title is required: the file's own, else its name (what it is called, not a guess at its content)
    fields = [("path", quoted(path)), ("sha256", hashlib.sha256(acquired.data).hexdigest()),
              ("title", quoted(_clean(meta.title or acquired.name) or "untitled"))]
    if meta.publisher:
        fields.append(("publisher", quoted(_clean(meta.publisher))))
    if meta.published:
        fields.append(("published", meta.published))
    if acquired.url:
        fields.append(("url", quoted(_clean(acquired.url))))
    comments = []
    if acquired.retrieved:
        comments.append(f"retrieved {acquired.retrieved} by briefing add" + (
            f"; redirected to {' -> '.join(acquired.redirects)}" if acquired.redirects else ""))
    if meta.author:
        comments.append(f"author (from its metadata): {meta.author}")
    comments = [_clean(c) for c in comments]
    text = loaded.raw.decode("utf-8")
    sources = node_at(compose(text, loaded.display), ("sources",))
    if not isinstance(sources, MappingNode):
        raise InputError([f"{loaded.location('sources')}: sources is not a mapping"])
    try:
        return apply(text, [add_entry(text, sources, sid, fields, comments)])
    except InputError as err:
        raise InputError([f"{loaded.location('sources')}: {p}" for p in err.problems]) from None
