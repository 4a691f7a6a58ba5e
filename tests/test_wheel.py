"""The wheel a user installs: built from a clean copy of this checkout, installed into a fresh
venv outside it, and every command run from a folder that is not the checkout. It fails if the
wheel lacks a module or the templates, or if anything is still read from the repository.

Building and installing take about 10 s, once for the module (marker ``wheel``; deselect with
``-m 'not wheel'``). The fresh venv borrows the dependencies already installed for the tests
(through a .pth path entry, which runs no editable-install hook) instead of downloading them
again: this test is about what our wheel carries. .ci/run installs the wheel with its
dependencies resolved from the index, in a venv of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT

pytestmark = pytest.mark.wheel

DIST_NAME = "cited_briefing"
NOT_SHIPPED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                     ".hypothesis", ".pytest_cache")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    home: Path  # an empty folder outside the checkout to work in

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """The installed ``briefing`` script, as a user would type it."""
        return self._run([str(self.venv / "bin" / "briefing"), *args], cwd)

    def run_python(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return self._run([str(self.python), *args], cwd)

    def _run(self, argv: list[str], cwd: Path | None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "NO_COLOR")}
        return subprocess.run(argv, cwd=cwd or self.home, capture_output=True, text=True, timeout=300, env=env,
                              check=False)


def _must(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"{proc.args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    # A clean copy, so nothing from an earlier build/ folder can slip into the wheel.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    _must(subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"),
                          str(source)], capture_output=True, text=True, timeout=600, check=False))
    wheel = next((base / "dist").glob(f"{DIST_NAME}-*.whl"))
    venv = base / "venv"
    _must(subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True, text=True,
                         check=False))
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    target = Path(subprocess.run([str(venv / "bin" / "python"), "-c", purelib],
                                 capture_output=True, text=True, check=True).stdout.strip())
    _must(subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                          "--no-deps", str(wheel)], capture_output=True, text=True, timeout=300, check=False))
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (target / "zz_test_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(borrowed)), encoding="utf-8")
    home = base / "home"
    home.mkdir()
    return Installed(wheel, venv, home)


def test_the_wheel_holds_every_module_every_template_and_the_command(installed: Installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "briefing").rglob("*.py")}
    assert modules - names == set(), "modules missing from the wheel: add their package to pyproject.toml"
    templates = {f"briefing/templates/{p.name}" for p in (ROOT / "templates").iterdir() if p.is_file()}
    assert {"briefing/templates/briefing.html.j2", "briefing/templates/briefing.css"} <= templates
    assert templates - names == set()
    assert not [n for n in names if n.startswith(("templates/", "tests/", "seeds/", "benchmarks/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "briefing = briefing.cli:main" in zipfile.ZipFile(installed.wheel).read(entry_points).decode()


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed):
    proc = _must(installed.run_python("-c", "import briefing; from briefing.render.html import BUNDLED_TEMPLATES as t; "
                                            "print(briefing.__file__); print(t)"))
    package, templates = (Path(line) for line in proc.stdout.splitlines())
    assert package.is_relative_to(installed.venv) and templates.is_relative_to(installed.venv)
    assert (templates / "briefing.html.j2").is_file()
    version = _must(installed.run("--version")).stdout
    assert version.startswith("briefing ")


def test_every_command_works_from_the_wheel_outside_the_checkout(installed: Installed):
    project = installed.home / "my-briefing"
    assert "wrote" in _must(installed.run("init", str(project))).stdout
    assert not (project / "templates").exists()  # so build must use the templates in the wheel
    _must(installed.run("check", cwd=project))
    _must(installed.run("build", "--html", "build/briefing.html", cwd=project))
    pdf = project / "build" / "briefing.pdf"
    assert "A new briefing" in PdfReader(pdf).pages[0].extract_text()
    assert "<style>" in (project / "build" / "briefing.html").read_text(encoding="utf-8")
    assert "matches its record" in _must(installed.run("audit", "build/briefing.pdf", cwd=project)).stdout
    _must(installed.run("audit", str(pdf), "--root", str(project), cwd=installed.home))
    found = _must(installed.run("find", "the text of a real article", cwd=project)).stdout
    assert "sources/example.txt" in found
    assert "unpinned" in _must(installed.run("sources", cwd=project)).stdout
    _must(installed.run("lock", cwd=project))
    assert "pinned" in _must(installed.run("sources", cwd=project)).stdout
    assert '"$schema"' in _must(installed.run("schema", cwd=project)).stdout
    assert "--no-pdf" in _must(installed.run("watch", "--help", cwd=project)).stdout
    # A changed word fails the check, and fix proposes the source's words back.
    claims = project / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("of a real article", "of a fake article"),
                      encoding="utf-8")
    assert installed.run("check", cwd=project).returncode == 1
    assert "of a real article" in installed.run("fix", cwd=project).stdout
    _must(installed.run("fix", "--write", cwd=project))
    _must(installed.run_python("-m", "briefing", "check", "--format", "json", cwd=project))
