"""The accuracy bars on generated variants of the seed articles, through benchmarks/accuracy.py:
every misquotation rejected, at least 99.5 % of legitimate quotes accepted."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_generated_variants_meet_the_accuracy_bars():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--per-source", "20",
                             "--seed", "5", "--check"], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "misquote:" in result.stdout and "briefing accepts 0.0 %" in result.stdout
