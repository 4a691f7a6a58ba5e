"""Benchmark `briefing check` on a synthetic corpus, beside the naive corpus-wide search.

    python benchmarks/bench_check.py                 # sizes 1, 5, 10 MB
    python benchmarks/bench_check.py --sizes 1 10 25 --citations 1000

For each size it generates, deterministically, sources of realistic English built from a
large vocabulary (so an index is not flattered), plants citations (exact, edited with
typography/ellipsis/slips, misquoted, and wrong-source), then:

- times `python -m briefing check --format json` as a whole process, with peak memory;
- times briefing's corpus-wide attribution in-process (word index built once, then alignment
  of the few candidate sources) for each citation that does not verify in its own source;
- times the naive attribution for a sample of the same citations:
  rapidfuzz.process.extractOne(quote, all_sources, scorer=fuzz.partial_ratio);
- prints both per citation and their ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

SYLLABLES = ["ka", "ro", "mi", "ten", "sul", "var", "po", "lin", "dre", "mas", "tor", "gel", "an", "is",
             "ud", "fen", "cor", "bal", "ti", "nes", "hal", "qui", "op", "ber", "zan", "lu", "ric", "ved"]
FUNCTION = ("the of and to in a that is was for on with as by at from it be are were has have "
            "had said would which who their its this but not an or after more than".split())


def vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, vocab: list[str], names: list[str]) -> str:
    out = []
    for _ in range(rng.randint(8, 24)):
        r = rng.random()
        if r < 0.45:
            out.append(rng.choice(FUNCTION))
        elif r < 0.52:
            out.append(rng.choice(names))
        elif r < 0.56:
            out.append(str(rng.randint(2, 5000)))
        else:
            # Zipf-like: small indices far more often
            out.append(vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] if rng.random() < 0.5
                       else rng.choice(vocab))
    text = " ".join(out)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", ","]).replace(",", ".")


def make_corpus(folder: Path, megabytes: float, sources: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    names = [w.capitalize() for w in rng.sample(vocab, 2000)]
    per_source = int(megabytes * 1_000_000 / sources)
    texts = []
    (folder / "seeds").mkdir(parents=True)
    for i in range(sources):
        paragraphs, size = [], 0
        while size < per_source:
            para = " ".join(sentence(rng, vocab, names) for _ in range(rng.randint(2, 5)))
            paragraphs.append(para)
            size += len(para) + 2
        text = "\n\n".join(paragraphs) + "\n"
        (folder / "seeds" / f"s{i:05d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def plant(texts: list[str], count: int, seed: int = 11) -> list[dict]:
    """Citations: 40% exact, 25% edited, 20% misquoted, 15% wrong-source."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        sid = rng.randrange(len(texts))
        words = texts[sid].split()
        start = rng.randrange(0, max(1, len(words) - 30))
        quote_words = words[start:start + rng.randint(6, 20)]
        kind = rng.random()
        cited = sid
        if kind < 0.40:
            quote = " ".join(quote_words)
        elif kind < 0.65:
            q = " ".join(quote_words)
            q = q.replace(" the ", " the  ", 1)
            if len(quote_words) > 12:
                q = " ".join(quote_words[:5]) + " … " + " ".join(quote_words[8:])
            quote = f"“{q}”"
        elif kind < 0.85:
            digits = [i for i, w in enumerate(quote_words) if w.strip(".?").isdigit()]
            if digits:
                i = digits[0]
                quote_words[i] = str(int(quote_words[i].strip(".?")) + 1)
            else:
                quote_words.insert(len(quote_words) // 2, "not")
            quote = " ".join(quote_words)
        else:
            quote = " ".join(quote_words)
            cited = (sid + 1 + rng.randrange(len(texts) - 1)) % len(texts)
        out.append({"id": f"c{n}", "source": f"s{cited:05d}", "quote": quote.strip(" ,.")})
    return out


def write_claims(folder: Path, sources: int, citations: list[dict]) -> None:
    lines = ["title: Benchmark", "sources:"]
    for i in range(sources):
        lines += [f"  s{i:05d}:", f"    path: seeds/s{i:05d}.txt", f"    title: Source {i}"]
    lines += ["sections:", "  - title: All", "    claims:"]
    for c in citations:
        quote = c["quote"].replace("\\", "\\\\").replace('"', '\\"')
        lines += [f"      - id: {c['id']}", "        text: A claim.", "        citations:",
                  f"          - source: {c['source']}", f'            quote: "{quote}"']
    (folder / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_check(folder: Path) -> tuple[float, float, dict]:
    code = ("import resource, runpy, sys; sys.argv=['briefing','check','--format','json'];\n"
            "try:\n    runpy.run_module('briefing', run_name='__main__')\n"
            "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    peak_kb = int(p.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024, json.loads(p.stdout)


def failed_citations(citations: list[dict], report: dict) -> list[dict]:
    return [c for c, row in zip(citations, report["citations"], strict=True) if row["status"] != "verified"]


def time_naive(texts: list[str], failed: list[dict], limit: int) -> float:
    """rapidfuzz extractOne over all sources, per citation that failed in its own source."""
    sample = failed[:limit]
    t0 = time.perf_counter()
    for c in sample:
        process.extractOne(c["quote"], texts, scorer=fuzz.partial_ratio)
    return (time.perf_counter() - t0) / max(len(sample), 1)


def time_attribution(texts: list[str], failed: list[dict]) -> tuple[float, float]:
    """briefing's corpus-wide attribution (index, then align the few candidates), per failed
    citation; and the one-off index build."""
    from briefing.verify import Corpus
    from briefing.verify.citation import search_elsewhere
    from briefing.verify.tokens import parse_quote

    corpus = Corpus({f"s{i:05d}": t for i, t in enumerate(texts)})
    t0 = time.perf_counter()
    corpus._index()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for c in failed:
        search_elsewhere(parse_quote(c["quote"]), corpus, exclude=c["source"])
    return (time.perf_counter() - t0) / max(len(failed), 1), build


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 10], help="corpus sizes in MB")
    parser.add_argument("--sources-per-mb", type=int, default=200)
    parser.add_argument("--citations", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=20,
                        help="failed citations to time naively (the rest are extrapolated)")
    args = parser.parse_args()
    print(f"{'MB':>5} {'sources':>7} {'cites':>6} {'check s':>8} {'peak MB':>8} {'x corpus':>8} "
          f"{'failed':>6} {'index s':>7} {'ours ms/q':>9} {'naive ms/q':>10} {'speed-up':>8}")
    for mb in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        try:
            sources = max(5, int(mb * args.sources_per_mb))
            texts = make_corpus(folder, mb, sources)
            citations = plant(texts, args.citations)
            write_claims(folder, sources, citations)
            elapsed, peak, report = time_check(folder)
            failed = failed_citations(citations, report)
            ours, build = time_attribution(texts, failed)
            naive = time_naive(texts, failed, args.naive_sample)
            corpus_mb = sum(len(t.encode()) for t in texts) / 1e6
            print(f"{corpus_mb:5.1f} {sources:7d} {len(citations):6d} {elapsed:8.2f} {peak:8.0f} "
                  f"{peak / corpus_mb:8.1f} {len(failed):6d} {build:7.2f} {ours * 1000:9.2f} "
                  f"{naive * 1000:10.1f} {naive / max(ours, 1e-9):7.0f}x", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
