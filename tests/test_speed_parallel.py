"""Verdicts from worker processes are the verdicts of one process, in the same order."""

from __future__ import annotations

import random
import re

from briefing.findings import Location
from briefing.results import CitationRef
from briefing.verify import Corpus
from briefing.verify.workers import PARALLEL_FROM, default_workers, verify_all
from tests.conftest import ROOT


def planted() -> tuple[Corpus, list[CitationRef]]:
    """The seed articles cut into paragraph-sized sources, and quotes from them: exact, with a
    number changed, with a word added, and cited to the wrong source."""
    paragraphs = [p for path in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if len(p.split()) > 30]
    texts = {f"s{k}": p for k, p in enumerate(paragraphs)}
    rng = random.Random(5)
    refs = []
    for n in range(PARALLEL_FROM + 50):
        sid = rng.choice(list(texts))
        words = texts[sid].split()
        start = rng.randrange(len(words) - 12)
        quote = words[start:start + rng.randint(6, 12)]
        kind = n % 4
        if kind == 1:
            quote = [str(int(w) + 1) if w.isdigit() else w for w in quote] + ["1999"]
        elif kind == 2:
            quote.insert(len(quote) // 2, "not")
        cited = rng.choice(list(texts)) if kind == 3 else sid
        refs.append(CitationRef(f"c{n}", 0, cited, " ".join(quote), None, Location("claims.yaml", n + 1, 1)))
    return Corpus(texts), refs


def test_workers_give_the_verdicts_of_one_process():
    corpus, refs = planted()
    assert default_workers(len(refs)) >= 1
    alone = verify_all(refs, planted()[0], workers=1)
    shared = verify_all(refs, corpus, workers=2)
    assert shared == alone
    assert {r.status for r, _ in alone} == {"verified", "failed"}
    assert any(searched for _, searched in alone) and not all(searched for _, searched in alone)
