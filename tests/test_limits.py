"""Bounds on the work one citation can cause. Limits are findings, reported like any other;
the worst quote inside the limits is checked, not refused (its time is in
benchmarks/bench_worst_case.py; here only that it finishes)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, write_claims

SOURCE = (ROOT / "seeds" / "002_900f55720112a6a4.txt").read_text(encoding="utf-8")
WORDS = re.findall(r"\w+", SOURCE)


def one_quote(quote: str) -> str:
    return ("title: T\nsources:\n  rfa:\n    path: seeds/002_900f55720112a6a4.txt\n    title: RFA\nsections:\n"
            "  - title: S\n    claims:\n      - id: c\n        text: Claim.\n        citations:\n"
            f"          - source: rfa\n            quote: {json.dumps(quote)}\n")


@pytest.mark.parametrize("quote, code", [
    (" ".join(random.Random(1).choice(WORDS) for _ in range(2000))[:10_000], "quote-too-long"),
    (" … ".join(["to"] * 501), "too-many-ellipses"),
    (" ".join(["[a] to"] * 300), "too-many-brackets"),
], ids=["10,000 characters", "500 ellipses", "300 brackets"])
def test_pathological_quotes_are_findings(project: Path, quote: str, code: str):
    write_claims(project, one_quote(quote))
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["citations"][0]["problems"]
    assert [p["code"] for p in problems] == [code]
    assert problems[0]["location"] == {"path": "claims.yaml", "line": 13, "column": 20}


def test_the_worst_quote_inside_the_limits_is_checked(project: Path):
    rng = random.Random(4)
    parts = [" ".join((f"[{w}]" if k < 10 and j == 0 else w) for j, w in enumerate(rng.choices(WORDS, k=7)))
             for k in range(51)]
    quote = " … ".join(parts)[:3000]
    assert quote.count("…") <= 50 and len(quote) <= 3000
    write_claims(project, one_quote(quote))
    result = run_cli("check", "--format", "json", cwd=project)  # the suite's timeout is the guard
    assert result.returncode == 1
    codes = {p["code"] for p in json.loads(result.stdout)["citations"][0]["problems"]}
    assert codes and not codes & {"quote-too-long", "too-many-ellipses", "too-many-brackets"}


def test_a_quote_within_every_limit_that_would_run_away_stops_at_the_work_budget():
    """Fifty ellipses of one common word against a long source with no paragraph breaks: within
    every limit on the quote, but the placements to try grow with the source. The budget stops it."""
    from briefing.findings import Location
    from briefing.results import CitationRef
    from briefing.verify import Corpus, verify_citation

    source = " ".join(f"the report of the committee on the state of the camp number {n} was read." for n in range(3000))
    quote = " … ".join(["the"] * 51)
    ref = CitationRef("c", 0, "s", quote, None, Location("claims.yaml", 1, 1))
    result = verify_citation(ref, Corpus({"s": source}))
    assert [p.code for p in result.problems] == ["too-much-work"]
    assert not result.verified
