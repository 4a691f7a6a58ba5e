"""Shared fixtures: a scratch copy of the project on disk, and the real CLI, in this process
(``run_cli``) or in a process of its own (``run_cli_process``)."""

from __future__ import annotations

import contextlib
import gc
import io
import locale
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TextIO

import pytest
from hypothesis import HealthCheck, settings
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, StreamObject

ROOT = Path(__file__).resolve().parents[1]

# Property tests: a fixed seed in CI (a new counterexample should be found on a laptop, then
# recorded, not fail someone's unrelated change), fresh examples everywhere else.
settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


# One claim, one citation: for tests that need a valid project but not the whole briefing
# (a full build of the shipped briefing takes about 10 s).
MINIMAL_CLAIMS = """title: T
sources:
  voa:
    path: seeds/000_89247fba3eac04d8.txt
    title: VOA article
sections:
  - title: S
    claims:
      - id: c1
        text: The recommendations do not bind China.
        citations:
          - source: voa
            quote: "The committee's recommendations are not binding."
"""


def run_cli(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``briefing ARGS`` run by ``briefing.cli.main`` in this process, as a subprocess would see it:
    in folder ``cwd``, with exactly the environment ``env`` (or this one), no standard input, and
    its exit code, stdout and stderr (decoded as ``subprocess.run(text=True)`` decodes them) in a
    CompletedProcess. What the interpreter would do at the edges is done here too: an uncaught
    exception prints its traceback and exits 1, ``SystemExit`` (argparse's errors) gives its code,
    and warnings are printed to stderr under Python's default filters. Everything the run changes
    in the process (folder, environment, streams, gc thresholds, warning filters) is put back.

    A process start and the imports cost 0.3 s to 1 s a call; with its 250-odd CLI runs in
    process, the whole suite takes about half the CPU time it took with a subprocess for each.
    Tests that need a real process (signals, a closed pipe, a terminal, a hang that needs a
    timeout, start-up) use ``run_cli_process``."""
    argv = [sys.executable, "-m", "briefing", *args]
    out, err = io.BytesIO(), io.BytesIO()
    with _as_a_process(cwd, env, out, err):
        code = _main_as_the_interpreter_runs_it(list(args))
    return subprocess.CompletedProcess(argv, code, _decoded(out.getvalue()), _decoded(err.getvalue()))


def run_cli_process(*args: str, cwd: Path, env: Mapping[str, str] | None = None,
                    timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` in a subprocess: for what only a real process shows."""
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env, check=False)


class Watching:
    """``briefing watch`` in a real process (it runs until stopped), its output read as it comes."""

    def __init__(self, proc: subprocess.Popen[str]):
        self.proc = proc
        self.lines: list[str] = []
        output = proc.stdout
        assert output is not None
        threading.Thread(target=lambda: self.lines.extend(iter(output.readline, "")), daemon=True).start()

    def wait_for(self, found: Callable[[list[str]], str | None], what: str, timeout: float = 60) -> str:
        """The first answer of ``found`` on the lines so far that is not None, polled until ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hit = found(self.lines)
            if hit:
                return hit
            time.sleep(0.05)
        raise AssertionError(f"no {what} in {self.lines}")


@contextlib.contextmanager
def watching(cwd: Path, *args: str) -> Iterator[Watching]:
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "watch", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield Watching(proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# Python's filters when no -W option or PYTHONWARNINGS is given (the warnings module's docs).
_DEFAULT_WARNING_FILTERS: list[tuple[Literal["default", "ignore"], type[Warning], str]] = [
    ("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""), ("ignore", ResourceWarning, "")]


@contextlib.contextmanager
def _as_a_process(cwd: Path, env: Mapping[str, str] | None, out: io.BytesIO, err: io.BytesIO) -> Iterator[None]:
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_threshold = gc.get_threshold()
    # A pipe's streams as CPython sets them up: UTF-8, strict on stdout, backslashreplace on stderr.
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", line_buffering=True)
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), stdout, stderr
    try:
        os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(_DEFAULT_WARNING_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)
            warnings.showwarning = _printer(stderr)  # pytest's own recorder would swallow them
            yield
    finally:
        for stream in (stdout, stderr):
            with contextlib.suppress(ValueError):  # a run may close its own stream
                stream.flush()
                stream.detach()  # the wrapper, collected, would close the buffer the caller reads
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(saved_env)
        gc.set_threshold(*saved_threshold)


def _printer(stream: io.TextIOWrapper) -> Callable[..., None]:
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        stream.write(warnings.formatwarning(message, category, filename, lineno, line))
    return show


def _main_as_the_interpreter_runs_it(args: list[str]) -> int:
    from briefing.cli import main

    try:
        return main(args)
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - the interpreter's last resort, which the tests must see as it is
        traceback.print_exc()
        return 1


def _decoded(data: bytes) -> str:
    """As ``subprocess.run(text=True)`` gives a stream: the locale's encoding, universal newlines."""
    text = data.decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped seeds and claims in a temporary folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    return tmp_path


def forged(pdf: Path, out: Path, name: str, data: bytes) -> Path:
    """``pdf`` with the attachment ``name`` holding ``data`` instead."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    tree: Any = writer.root_object["/Names"]
    names = tree["/EmbeddedFiles"]["/Names"]
    assert isinstance(names, ArrayObject)
    for key, spec in zip(names[::2], names[1::2], strict=True):
        if key == name:
            filespec: Any = spec.get_object()
            stream = filespec["/EF"]["/F"].get_object()
            assert isinstance(stream, StreamObject)
            stream.set_data(data)
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


def write_claims(folder: Path, body: str) -> Path:
    path = folder / "claims.yaml"
    path.write_text(body, encoding="utf-8")
    return path
