"""``briefing lock``: pin every source to the SHA-256 of its current bytes, in claims.yaml itself.

An existing ``sha256:`` is replaced in place; a missing one is added right after the
source's ``path:``. Nothing else in the file changes.
"""

from __future__ import annotations

import re

from ruamel.yaml.nodes import MappingNode

from briefing.sources import SourceFile, pin_state
from briefing.spec.model import LoadedSpec
from briefing.spec.yaml_edit import Splice, add_key, apply, compose, node_at, quoted, replace_value


def lock(loaded: LoadedSpec, sources: dict[str, SourceFile]) -> tuple[str, list[str]]:
    """The new text of the claims file, and the ids of the sources whose pin changed."""
    text = loaded.raw.decode("utf-8")
    root = compose(text, loaded.display)
    splices: list[Splice] = []
    changed = []
    for sid, meta in loaded.spec.sources.items():
        if pin_state(meta.sha256, sources[sid]) == "pinned":
            continue
        digest = sources[sid].sha256
        changed.append(sid)
        pin = node_at(root, ("sources", sid, "sha256"))
        value = _scalar(digest)
        if pin is not None:
            splices.append(replace_value(text, pin, value))
        else:
            entry = node_at(root, ("sources", sid))
            assert isinstance(entry, MappingNode), "the spec loaded from this text has each source as a mapping"
            splices.append(add_key(text, entry, "path", "sha256", value))
    return apply(text, splices), changed


def _scalar(digest: str) -> str:
    """Plain, unless YAML would read the hex digits as a number (all digits, or digits e digits)."""
    return quoted(digest) if re.fullmatch(r"[0-9]+(?:e[0-9]+)?", digest) else digest
