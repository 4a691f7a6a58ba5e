"""Does verifying on every core pay? ``verify_all`` with one worker and with two, alternating.

    python benchmarks/bench_workers.py [--mb 10] [--citations 1000] [--rounds 3]

The corpus and citations are bench_check.py's (generated news-like sources, 30 % of the quotes
failing). Each round verifies every citation once with one process and once with two forked
workers, each time against a fresh corpus (no tokens made yet), and prints wall and CPU seconds
(workers' CPU included) with the load average: ``default_workers`` chooses from that load, so a
figure means something only beside it. Verification only: loading, reading and reporting are
bench_check.py's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_check  # the corpus generator of the benchmark beside this one

from briefing.check import citation_refs, load_project
from briefing.sources import source_corpus
from briefing.verify.workers import default_workers, verify_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--citations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="briefing-workers-"))
    sources = max(5, int(args.mb * 200))
    texts = bench_check.make_corpus(folder, args.mb, sources)
    bench_check.write_claims(folder, sources, bench_check.plant(texts, args.citations))
    os.chdir(folder)
    loaded, files = load_project(folder / "claims.yaml")
    refs = citation_refs(loaded)
    print(f"{args.mb:g} MB, {args.citations} citations; default_workers now: {default_workers(len(refs))}")
    for round_ in range(args.rounds):
        for workers in (1, 2):
            corpus = source_corpus(files)
            before, wall = os.times(), time.perf_counter()
            verdicts = verify_all(refs, corpus, workers=workers)
            wall, after = time.perf_counter() - wall, os.times()
            cpu = sum(getattr(after, f) - getattr(before, f)
                      for f in ("user", "system", "children_user", "children_system"))
            print(f"round {round_} workers {workers}: {wall:6.2f} s wall {cpu:6.2f} s CPU "
                  f"load {os.getloadavg()[0]:.2f} ({len(verdicts)} verdicts)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
