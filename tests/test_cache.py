"""The verdict cache: a warm run prints what a cold run prints, byte for byte, and a change to
what a verdict depends on (a quote, a source, the verifier) is verified again."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import briefing
from briefing import cache as cache_module
from briefing.cache import FOLDER, VerdictCache
from briefing.check import citation_refs, load_project, verdicts
from briefing.results import CitationRef
from briefing.sources import source_corpus
from tests.conftest import ROOT, run_cli


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The shipped briefing (verified quotes, slips and failures) with one quote broken, so that
    some verdicts needed a corpus-wide search."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    text = (ROOT / "claims.yaml").read_text(encoding="utf-8")
    assert "as many as 600 North Korean" in text
    (tmp_path / "claims.yaml").write_text(text.replace("as many as 600 North Korean", "as many as 60 North Korean"),
                                          encoding="utf-8")
    return tmp_path


def reports(folder: Path, *extra: str) -> list[tuple[int, str]]:
    return [(r.returncode, r.stdout) for r in (run_cli("check", "--format", fmt, *extra, cwd=folder)
                                               for fmt in ("json", "text"))]


def test_a_warm_run_prints_what_a_cold_run_prints_byte_for_byte(shipped: Path):
    cold = reports(shipped, "--no-cache")
    assert not (shipped / FOLDER).exists()  # --no-cache neither reads nor writes
    first = reports(shipped)  # fills the cache
    assert (shipped / FOLDER).is_dir()
    warm = reports(shipped)
    assert cold == first == warm
    assert cold[0][0] == 1 and '"number-changed"' in cold[0][1]


def citations(folder: Path) -> tuple[VerdictCache, list[CitationRef]]:
    loaded, sources = load_project(folder / "claims.yaml", "claims.yaml")
    return VerdictCache(folder / "claims.yaml", source_corpus(sources)), citation_refs(loaded)


def run_once(folder: Path) -> tuple[VerdictCache, list]:
    """The verdicts as `check` reaches them (check.verdicts), through the cache kept in ``folder``."""
    remembered, refs = citations(folder)
    found = verdicts(refs, remembered.corpus, remembered)
    return remembered, [found[ref.id] for ref in refs if ref.id is not None]


def test_an_edit_reverifies_only_what_it_can_change(shipped: Path):
    _, cold = run_once(shipped)
    remembered, warm = run_once(shipped)
    assert remembered.hits == len(cold) and warm == cold
    # one quote edited: that citation alone is verified again
    claims = shipped / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("The committee's recommendations are not binding",
                                   "The committee's recommendations are binding", 1), encoding="utf-8")
    remembered, edited = run_once(shipped)
    assert remembered.hits == len(cold) - 1
    changed = [(a, b) for a, b in zip(cold, edited, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].verified and not changed[0][1].verified
    # one source edited: its citations, and those that searched every source, are verified again
    source = shipped / "seeds" / "000_89247fba3eac04d8.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    remembered, after = run_once(shipped)
    cited = sum(1 for r in after if r.ref.source_id == "voa")
    assert cited > 0 and remembered.hits <= len(after) - cited
    assert after == run_once_without_cache(shipped)


def run_once_without_cache(folder: Path) -> list:
    shutil.rmtree(folder / FOLDER)
    return run_once(folder)[1]


def test_a_changed_verifier_or_a_damaged_file_verifies_everything_again(shipped: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    _, cold = run_once(shipped)
    monkeypatch.setattr(briefing, "__version__", briefing.__version__ + ".dev1")
    remembered, again = run_once(shipped)
    assert remembered.hits == 0 and again == cold
    monkeypatch.undo()
    cache_file = next((shipped / FOLDER).glob("*.json"))
    data = json.loads(cache_file.read_bytes())
    data["verifier"] = cache_module.verifier_digest()  # the right verifier, but entries no record type has
    data["verdicts"] = {key: {"r": "Popen", "f": {"args": "true"}} for key in data["verdicts"]}
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    remembered, damaged = run_once(shipped)
    assert remembered.hits == 0 and damaged == cold
    cache_file.write_bytes(b"\x00not json")
    assert reports(shipped) == reports(shipped, "--no-cache")


def test_concurrent_and_killed_runs_leave_a_whole_cache(shipped: Path):
    expected = reports(shipped, "--no-cache")[0]
    argv = [sys.executable, "-m", "briefing", "check", "--format", "json"]
    both = [subprocess.Popen(argv, cwd=shipped, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0].decode("utf-8") for p in both]
    assert [(p.returncode, out) for p, out in zip(both, outputs, strict=True)] == [expected] * 2
    shutil.rmtree(shipped / FOLDER)
    killed = subprocess.Popen(argv, cwd=shipped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)  # somewhere in the run: whenever it dies, no half-written cache may stay
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    left = sorted(p.name for p in (shipped / FOLDER).iterdir()) if (shipped / FOLDER).exists() else []
    assert all(name == ".gitignore" or name.endswith(".json") for name in left), left
    for name in left:
        if name.endswith(".json"):
            json.loads((shipped / FOLDER / name).read_bytes())
    assert reports(shipped)[0] == expected


@pytest.mark.parametrize("module", ["verify/match.py", "codes.py", "findings.py", "results.py"])
def test_the_verifier_digest_covers_the_code_that_words_a_verdict(tmp_path: Path, module: str):
    """Verdicts carry the catalogue's messages and suggestions: editing codes.py must invalidate them too."""
    shutil.copytree(ROOT / "briefing", tmp_path / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    argv = [sys.executable, "-c", "from briefing.cache import verifier_digest; print(verifier_digest())"]

    def digest() -> str:
        return subprocess.run(argv, cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)}, capture_output=True,
                              text=True, check=True).stdout

    before = digest()
    with (tmp_path / "briefing" / module).open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    assert digest() != before
