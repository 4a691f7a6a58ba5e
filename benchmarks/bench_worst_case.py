"""The slowest quotes one citation can be, and what they cost.

    python benchmarks/bench_worst_case.py

Quotes at the limits (3,000 characters, 50 ellipses, 10 brackets) built from a seed's own
words, so every part can be found somewhere and the matcher has the most to try; and quotes
past the limits, which are refused before any matching. Each is timed through
``verify_citation`` (the source's words already indexed) next to the naive baseline,
rapidfuzz's ``partial_ratio`` of the quote against the same source, which verifies nothing.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus, verify_citation

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def cases(words: list[str]) -> dict[str, str]:
    rng = random.Random(7)
    return {
        "3,000 characters, random words": " ".join(rng.choices(words, k=800))[:3000],
        "3,000 characters of 'the'": ("the " * 800)[:3000],
        "50 ellipses, 'the'": " … ".join(["the"] * 51),
        "50 ellipses, 3 random words each": " … ".join(" ".join(rng.choices(words, k=3)) for _ in range(51)),
        "10 brackets + 50 ellipses, 3,000 characters": " … ".join(
            " ".join((f"[{w}]" if k < 10 and j == 0 else w) for j, w in enumerate(rng.choices(words, k=8)))
            for k in range(51))[:3000],
        "past the limit: 10,000 characters": " ".join(rng.choices(words, k=2500))[:10000],
        "past the limit: 500 ellipses": " … ".join(["to"] * 501),
    }


def main() -> None:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    corpus = Corpus(texts)
    source = texts["002"]
    words = re.findall(r"\w+", source)
    print(f"{'quote':46} {'chars':>6} {'briefing':>9} {'naive':>8}  outcome")
    for label, quote in cases(words).items():
        start = time.perf_counter()
        result = verify_citation(CitationRef("c", 0, "002", quote, None, Location("claims.yaml", 1, 1)), corpus)
        took = time.perf_counter() - start
        start = time.perf_counter()
        fuzz.partial_ratio(quote, source)
        naive = time.perf_counter() - start
        codes = ",".join(p.code for p in result.problems[:2]) or result.status
        print(f"{label:46} {len(quote):>6,} {took:>8.2f}s {naive:>7.3f}s  {codes}")


if __name__ == "__main__":
    main()
