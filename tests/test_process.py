"""The real process end to end: `python -m briefing` gives exit codes 0, 1 and 2 and the same
output as the in-process runner most tests use (``run_cli``), so that runner is a true stand-in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CLAIMS, run_cli, run_cli_process, write_claims

BROKEN = MINIMAL_CLAIMS.replace("are not binding", "are binding")


@pytest.mark.parametrize(("claims", "args", "code"), [
    (MINIMAL_CLAIMS, ["check"], 0),
    (MINIMAL_CLAIMS, ["-v", "check", "--format", "json"], 0),
    (BROKEN, ["check"], 1),
    (BROKEN, ["check", "--format", "sarif"], 1),
    (MINIMAL_CLAIMS, ["check", "--claims", "missing.yaml"], 2),
    ("title: [unclosed\n", ["check", "--format", "github"], 2),
    (MINIMAL_CLAIMS, ["check", "--format", "xml"], 2),  # argparse's usage error: SystemExit(2)
    (MINIMAL_CLAIMS, ["-q", "-v", "check"], 2),
    (MINIMAL_CLAIMS, ["--version"], 0),
], ids=["ok", "ok-json", "finding", "finding-sarif", "missing", "yaml-error", "bad-format", "q-and-v", "version"])
def test_a_real_process_and_the_in_process_runner_agree(project: Path, claims: str, args: list[str], code: int):
    write_claims(project, claims)
    real = run_cli_process(*args, cwd=project)
    assert real.returncode == code, real.stderr
    here = run_cli(*args, cwd=project)
    assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr)
    assert "Traceback" not in real.stderr


def test_the_environment_reaches_the_run_and_is_put_back(project: Path):
    """BRIEFING_FORMAT is read at run time; the in-process runner swaps the whole environment."""
    write_claims(project, MINIMAL_CLAIMS)
    env = {"BRIEFING_FORMAT": "json", "PATH": "/usr/bin:/bin"}
    real = run_cli_process("check", cwd=project, env=env)
    here = run_cli("check", cwd=project, env=env)
    assert real.returncode == here.returncode == 0 and real.stdout == here.stdout
    assert here.stdout.lstrip().startswith("{")
    assert "BRIEFING_FORMAT" not in os.environ
    assert run_cli("check", cwd=project).stdout.startswith("1 citation: 1 verified")
