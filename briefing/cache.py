"""The verdict cache: a citation whose inputs have not changed is not verified again.

A verdict depends on the verifier (its code and the rules' version), the quote, the speaker,
the cited source's id, text and path as printed; and, when the verifier looked beyond the
cited source (a quote not in its source is looked for everywhere, to name the right source or
the closest passage), on every source. So each verdict is stored under one of two keys: the
citation's own, or its own plus the digest of the whole corpus, whichever the verification
needed. Editing one quote re-verifies that quote; editing one source re-verifies the quotes
that cite it and those that looked at every source.

The cache is one JSON file per claims file in ``.briefing_cache/`` beside it (git-ignored,
like ``.ruff_cache``). It is written whole, as every output is (``files.write_atomically``:
a complete file renamed over the old one), so a killed run leaves the old cache or the new
one, and two runs at once leave one of theirs.
The file is untrusted input like everything in the project: it is read as JSON into a closed
set of record types, and anything else in it (a damaged file, another version) is ignored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import briefing
from briefing.files import write_atomically
from briefing.findings import Finding, Location, Severity
from briefing.results import CitationRef, CitationResult, Passage, Placement
from briefing.verify import Corpus

FOLDER = ".briefing_cache"
FORMAT = 1  # of the file; a new format makes older files misses
_RECORDS: dict[str, type] = {c.__name__: c for c in (CitationRef, CitationResult, Finding, Location, Passage,
                                                     Placement)}


def verifier_digest() -> str:
    """briefing's version, the verifier's own code and the libraries it judges with (the word list,
    the similarity scores): a changed verifier invalidates every verdict."""
    digest = hashlib.sha256(f"{briefing.__version__}\0{FORMAT}".encode())
    for library in ("wordfreq", "rapidfuzz"):
        digest.update(f"\0{library} {metadata.version(library)}".encode())
    package = Path(__file__).resolve().parent
    # the catalogue holds the fixed messages and suggestions a verdict carries; results.py its records
    verdict_code = ("codes.py", "findings.py", "results.py")
    for path in (*sorted((package / "verify").glob("*.py")), *(package / name for name in verdict_code)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class VerdictCache:
    """Verdicts of one claims file's citations, from the last run, and those of this run."""

    def __init__(self, claims: Path, corpus: Corpus):
        name = hashlib.sha256(str(claims.resolve()).encode()).hexdigest()[:16]  # one file per claims file
        self.path = claims.resolve().parent / FOLDER / f"{name}.json"
        self.corpus = corpus
        self.verifier = verifier_digest()
        self._texts: dict[str, str] = {}  # SHA-256 of each source's text, when first needed
        self._corpus_key: str | None = None
        self.old = self._load()
        self.new: dict[str, Any] = {}
        self.hits = 0

    def recall(self, ref: CitationRef) -> CitationResult | None:
        """The citation's remembered verdict, if nothing it depends on has changed."""
        own = self._own_key(ref)
        for key in (own, self._wide_key(own)):
            stored = self.old.get(key)
            if stored is not None:
                try:
                    result = _relocated(_decode(stored), ref)
                except (KeyError, TypeError, ValueError, AttributeError):
                    continue  # a damaged entry: verify again
                self.new[key] = stored
                self.hits += 1
                return result
        return None

    def remember(self, ref: CitationRef, result: CitationResult, searched: bool) -> None:
        """Keep a verdict for the next run; one that searched every source depends on all of them."""
        own = self._own_key(ref)
        self.new[self._wide_key(own) if searched else own] = _encode(result)

    def save(self) -> None:
        """Write this run's verdicts (only these: the cache never grows past one run's worth),
        atomically. A cache that cannot be written is no error: the next run verifies again."""
        if self.new == self.old:
            return
        body = json.dumps({"format": FORMAT, "verifier": self.verifier, "verdicts": self.new},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                write_atomically(ignore, b"# written by briefing: the verdict cache\n*\n")
            write_atomically(self.path, body)
        except OSError:
            pass

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("verifier") != self.verifier:
            return {}
        verdicts = data.get("verdicts")
        return verdicts if isinstance(verdicts, dict) else {}

    def _text_digest(self, source_id: str) -> str:
        if source_id not in self._texts:
            self._texts[source_id] = hashlib.sha256(self.corpus.raw(source_id).encode("utf-8")).hexdigest()
        return self._texts[source_id]

    def _own_key(self, ref: CitationRef) -> str:
        sid = ref.source_id
        parts = [self.verifier, ref.quote, ref.speaker, sid, self.corpus.paths.get(sid), self._text_digest(sid)]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _wide_key(self, own: str) -> str:
        if self._corpus_key is None:
            digest = hashlib.sha256()
            for sid in self.corpus.ids:
                digest.update(json.dumps([sid, self.corpus.paths.get(sid), self._text_digest(sid)]).encode("utf-8"))
            self._corpus_key = digest.hexdigest()
        return hashlib.sha256(f"{own}\0{self._corpus_key}".encode()).hexdigest()


def _relocated(result: CitationResult, ref: CitationRef) -> CitationResult:
    """A remembered verdict for the citation where it stands now (its claim, index and line may
    have moved): every finding at the old place is at the new one."""
    old = result.ref.location

    def moved(f: Finding) -> Finding:
        return replace(f, location=ref.location) if f.location == old else f

    return replace(result, ref=ref, problems=tuple(moved(f) for f in result.problems))


def _encode(value: Any) -> Any:
    """Records to JSON: each record tagged with its type, tuples kept apart from lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {"r": type(value).__name__, "f": {f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, Severity):
        return {"s": value.value}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"m": {k: _encode(v) for k, v in value.items()}}
    return value


def _decode(value: Any) -> Any:
    """JSON back to records, of the closed set of types the verifier produces; anything else raises."""
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "r" in value:
        return _RECORDS[value["r"]](**{k: _decode(v) for k, v in value["f"].items()})
    if "s" in value:
        return Severity(value["s"])
    if "t" in value:
        return tuple(_decode(v) for v in value["t"])
    return {k: _decode(v) for k, v in value["m"].items()}
