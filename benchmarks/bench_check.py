"""Benchmark `briefing check` as a whole process, beside the naive approach, on synthetic corpora.

    python benchmarks/bench_check.py                                  # 1, 10, 25 and 50 MB
    python benchmarks/bench_check.py --sizes 10 --citations 1000 --code /work/base-adbff96 --runs 3

For each size it generates, deterministically, sources of realistic English built from a
large vocabulary (so an index is not flattered), plants citations (exact, edited with
typography/ellipsis/slips, misquoted, and wrong-source), then times, each as a whole process
(start-up, loading, reading the sources, verifying, the JSON report), in the same run:

- `python -m briefing check --format json` of this checkout, and of every `--code DIR` given (another
  checkout, run with PYTHONPATH=DIR), interleaved run by run so that a busy machine slows
  each alike; where the checkout has a verdict cache, cold (the cache emptied first) and
  warm (the same command again);
- the naive approach: a script that reads the claims and the sources, scores each quote with
  rapidfuzz's partial_ratio against its cited source, and for each miss (below 90) runs
  process.extractOne over the whole corpus. With ``--naive-sample N`` and more citations than N,
  it scores a fixed random sample of N citations (the kinds in their proportions) and its
  time is extrapolated: start-up and loading as measured, plus the scoring loop times the
  citations over the sample (the loop's cost is per citation). The output says so.

It prints medians (and the spread) of wall time and of CPU time (user and system: less moved
by other work on a busy machine, but blind to the use of a second core), peak memory (resident set) and its ratio to
the corpus, the speed-up over naive, and whether each checkout's verdicts (status and codes of
every citation) are the same in every run and the same as this checkout's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


NAIVE = r"""
import json, random, sys, time, yaml
from pathlib import Path
from rapidfuzz import fuzz, process
spec = yaml.load(Path("claims.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
texts = {sid: Path(s["path"]).read_text(encoding="utf-8") for sid, s in spec["sources"].items()}
corpus = list(texts.values())
citations = [cit for section in spec["sections"] for claim in section["claims"] for cit in claim["citations"]]
sample = int(sys.argv[1])  # 0: every citation
scored = random.Random(3).sample(citations, sample) if 0 < sample < len(citations) else citations
wall, cpu = time.perf_counter(), time.process_time()
verified = 0
for cit in scored:
    if fuzz.partial_ratio(cit["quote"], texts[cit["source"]]) >= 90:
        verified += 1
    else:
        process.extractOne(cit["quote"], corpus, scorer=fuzz.partial_ratio)
print(json.dumps({"verified": verified, "scored": len(scored), "citations": len(citations),
                  "loop_wall": time.perf_counter() - wall, "loop_cpu": time.process_time() - cpu}))
"""


def run_naive(folder: Path, sample: int) -> tuple[float, float, float, bool]:
    """Wall and CPU seconds of the naive script over every citation (extrapolated from its scoring
    loop over a sample, if one is given and smaller), its peak MB, and whether it was a sample."""
    elapsed, used, peak, out = run_timed([sys.executable, "-c", NAIVE, str(sample)], folder)
    result = json.loads(out)
    scale = result["citations"] / result["scored"]
    return (elapsed + result["loop_wall"] * (scale - 1), used + result["loop_cpu"] * (scale - 1), peak,
            scale > 1)


def run_timed(argv: list[str], folder: Path, env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak resident MB and stdout of one whole process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=folder, stdout=out, stderr=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode("utf-8")


def has_cache(code: Path) -> bool:
    return (code / "briefing" / "cache.py").exists()


CHECK = [sys.executable, "-m", "briefing", "check", "--format", "json"]


def verdicts(report: str) -> tuple:
    """What each citation's verdict is: its status and its problems' codes."""
    rows = json.loads(report)["citations"]
    return tuple((r["status"], tuple(p["code"] for p in r["problems"])) for r in rows)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" + (f" ({min(values):.2f}-{max(values):.2f})" if len(values) > 1 else "")


DEFAULT_CITATIONS = {1.0: 1000, 10.0: 1000, 25.0: 5000, 50.0: 10000}  # corpus MB -> citations


def citation_counts(parser: argparse.ArgumentParser, sizes: list[float], given: list[int] | None) -> list[int]:
    if given is None:
        return [DEFAULT_CITATIONS.get(mb, 1000) for mb in sizes]
    if len(given) not in (1, len(sizes)):
        parser.error("--citations takes one number, or one per size")
    return given * len(sizes) if len(given) == 1 else given


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 25, 50], help="corpus sizes in MB")
    parser.add_argument("--citations", type=int, nargs="+",
                        help="citations per size (one number: for every size; default: the issue's figures, "
                             "1,000 at 1 and 10 MB, 5,000 at 25 MB, 10,000 at 50 MB, 1,000 at any other size)")
    parser.add_argument("--sources-per-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="runs of each checkout, interleaved")
    parser.add_argument("--naive-runs", type=int, default=1)
    parser.add_argument("--naive-sample", type=int, default=0,
                        help="the naive script scores this many citations, chosen at random, and its time is "
                             "extrapolated to all (0: it scores every citation)")
    parser.add_argument("--code", type=Path, nargs="*", default=[], help="other checkouts to time alongside")
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1]
    codes = [here, *(c.resolve() for c in args.code)]
    counts = citation_counts(parser, args.sizes, args.citations)
    for mb, count in zip(args.sizes, counts, strict=True):
        folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        try:
            sources = max(5, int(mb * args.sources_per_mb))
            texts = make_corpus(folder, mb, sources)
            write_claims(folder, sources, plant(texts, count))
            corpus_mb = sum(len(t.encode()) for t in texts) / 1e6
            times: dict[str, list[float]] = {}
            cpu: dict[str, list[float]] = {}
            peaks: dict[str, list[float]] = {}
            seen: dict[str, set] = {}
            for _ in range(args.runs):
                for code in codes:
                    env = {"PYTHONPATH": str(code)}
                    # cold with an empty cache, which it fills; warm: the same command again
                    shutil.rmtree(folder / ".briefing_cache", ignore_errors=True)
                    for label in ("cold", "warm") if has_cache(code) else ("cold",):
                        name = f"{code} {label}"
                        elapsed, used, peak, out = run_timed(CHECK, folder, env)
                        times.setdefault(name, []).append(elapsed)
                        cpu.setdefault(name, []).append(used)
                        peaks.setdefault(name, []).append(peak)
                        seen.setdefault(name, set()).add(verdicts(out))
            sampled = False
            for _ in range(args.naive_runs):
                elapsed, used, peak, sampled = run_naive(folder, args.naive_sample)
                times.setdefault("naive", []).append(elapsed)
                cpu.setdefault("naive", []).append(used)
                peaks.setdefault("naive", []).append(peak)
            naive = statistics.median(times["naive"])
            mine = seen[f"{here} cold"]
            print(f"\n{corpus_mb:.1f} MB, {sources} sources, {count} citations; "
                  f"median seconds (min-max) of {args.runs} runs, naive {args.naive_runs}")
            if sampled:
                print(f"naive: EXTRAPOLATED from a random sample of {args.naive_sample} of the {count} citations "
                      f"(start-up and loading measured, the scoring loop scaled by {count / args.naive_sample:.1f})")
            naive_cpu = statistics.median(cpu["naive"])
            print(f"{'':40} {'seconds':>20} {'x naive':>8} {'CPU s':>20} {'x naive':>8} {'peak MB':>8} "
                  f"{'x corpus':>8}  verdicts")
            for name, values in times.items():
                peak = statistics.median(peaks[name])
                same = "" if name == "naive" else ("varied between runs" if len(seen[name]) > 1 else
                                                   "same as this checkout's" if seen[name] == mine else "differ")
                label = "naive (extrapolated)" if name == "naive" and sampled else name[-40:]
                print(f"{label:40} {median(values):>20} {naive / statistics.median(values):7.1f}x "
                      f"{median(cpu[name]):>20} {naive_cpu / statistics.median(cpu[name]):7.1f}x "
                      f"{peak:8.0f} {peak / corpus_mb:8.1f}  {same}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
