"""Shared fixtures: a scratch copy of the project on disk, and the real CLI in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=env, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped seeds and claims in a temporary folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    return tmp_path


def write_claims(folder: Path, body: str) -> Path:
    path = folder / "claims.yaml"
    path.write_text(body, encoding="utf-8")
    return path
