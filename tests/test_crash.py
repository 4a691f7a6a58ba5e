"""Crash safety: a build killed with SIGKILL at any point leaves the previous PDF or the
complete new one at the output path, and no temporary file; concurrent builds give one
valid PDF. Builds are reproducible, so "the complete new one" has a known hash."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CLAIMS, ROOT, run_cli, write_claims

PREVIOUS = b"%PDF-1.7\n% the previous build\n%%EOF\n"


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, str]:
    """A project and the hash of the PDF a completed build writes for it."""
    folder = tmp_path_factory.mktemp("crash")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "claims.yaml", folder / "claims.yaml")
    assert run_cli("build", cwd=folder).returncode == 0
    digest = hashlib.sha256((folder / "build" / "briefing.pdf").read_bytes()).hexdigest()
    return folder, digest


def start_build(cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing", "build"], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def assert_old_or_new_and_nothing_else(out: Path, new_digest: str) -> str:
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], list(out.parent.iterdir())
    data = out.read_bytes()
    if data == PREVIOUS:
        return "old"
    assert hashlib.sha256(data).hexdigest() == new_digest, "a truncated or different PDF at the output path"
    return "new"


def test_a_build_killed_at_any_point_leaves_the_old_pdf_or_the_new_one(reference):
    folder, digest = reference
    out = folder / "build" / "briefing.pdf"
    seen = set()
    for delay in (0.2, 0.8, 1.6, 2.5, 3.5, 5.0):
        out.write_bytes(PREVIOUS)
        proc = start_build(folder)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        seen.add(assert_old_or_new_and_nothing_else(out, digest))
    assert "old" in seen  # the early kills landed before the write


def test_a_writer_killed_while_writing_leaves_no_temporary_file(tmp_path: Path):
    """The write itself, made long (40 MB at a time), killed at several moments."""
    out = tmp_path / "out" / "big.pdf"
    out.parent.mkdir()
    code = ("import sys; from pathlib import Path; from briefing.files import write_atomically\n"
            "data = bytes(range(256)) * (40 * 4096)\n"
            "print('ready', flush=True)\n"
            "while True: write_atomically(Path(sys.argv[1]), data)\n")
    new = hashlib.sha256(bytes(range(256)) * (40 * 4096)).hexdigest()
    for delay in (0.0, 0.05, 0.1, 0.2, 0.35):
        out.write_bytes(PREVIOUS)
        proc = subprocess.Popen([sys.executable, "-c", code, str(out)], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert_old_or_new_and_nothing_else(out, new)


def test_two_builds_at_once_give_one_valid_pdf(project: Path):
    write_claims(project, MINIMAL_CLAIMS)
    assert run_cli("build", cwd=project).returncode == 0
    out = project / "build" / "briefing.pdf"
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    procs = [start_build(project) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert sorted(p.name for p in out.parent.iterdir()) == ["briefing.pdf"]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest


def test_leftovers_of_a_dead_writer_are_swept(tmp_path: Path):
    from briefing.files import write_atomically
    out = tmp_path / "briefing.pdf"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=False)
    stale = tmp_path / f".briefing.pdf.{dead.stdout.strip()}.00aa11bb.tmp"
    stale.write_bytes(b"half a pdf")
    write_atomically(out, b"%PDF- new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.pdf"]
