"""How does `briefing build` grow with the number of claims, and how does it compare with other code?

    python benchmarks/bench_build_scale.py [--sizes 100 300 1000 3000 10000] [--repeat 1]
    python benchmarks/bench_build_scale.py --sizes shipped 300 --code /path/to/other/checkout --repeat 5

Each size is a briefing generated from the seed sources: N claims, each citing one or two real
passages of seeds/ (word for word, so every citation verifies), in sections of 25 claims.
"shipped" is the repository's own claims.yaml. Every build is `python -m briefing build` as a
whole process; its wall and CPU time and peak memory (the child's own rusage, from wait4) are printed
with the pages written, so linearity can be read off the time and memory per claim.

``--code DIR`` (repeatable) also times the checkout at DIR, through PYTHONPATH, with its own
templates folder beside the claims file; runs alternate between the checkouts (medians of
--repeat), and each checkout's builds of one briefing must give identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_PER_SECTION = 25
# claim texts carry no figures (a figure in a claim must be in its quotes) and no negation
CLAIM_TEXTS = [
    "Officials and observers describe the policy in the words cited here, and the sources agree on its outline.",
    "Rights groups report what follows, and the wider record of the period supports their account.",
    "The sources quoted here set out the position of the government and of its critics at the time.",
    "United Nations bodies have addressed the matter in public statements, as the passage shows.",
    "Analysts read the situation at the border in these terms, drawing on the reports of the period.",
    "The account given by the sources is consistent across reports from several organisations.",
]
# characters that start an ellipsis, an editorial bracket or a quotation inside a quote
_AWKWARD = re.compile(r"[\[\]…\"“”‘«»]|\.\.\.|\d")


def candidate_quotes(rng: random.Random, sources: dict[str, str], count: int) -> list[tuple[str, str]]:
    """Word windows of the seed texts, within one paragraph, free of anything the rules read specially."""
    paragraphs = [(sid, para.split()) for sid, text in sources.items() for para in text.split("\n")
                  if len(para.split()) >= 12]
    out: list[tuple[str, str]] = []
    while len(out) < count:
        sid, words = rng.choice(paragraphs)
        size = rng.randint(6, min(16, len(words)))
        start = rng.randint(0, len(words) - size)
        quote = " ".join(words[start:start + size]).rstrip(",;:")
        if not _AWKWARD.search(quote):
            out.append((sid, quote))
    return out


def claims_yaml(claims: list[tuple[str, list[tuple[str, str]]]], source_ids: list[str]) -> str:
    lines = ["title: A generated briefing for the build benchmark", "date: 2026-11-23", "sources:"]
    for number, sid in enumerate(source_ids, start=1):
        lines += [f"  {sid}:", f"    path: seeds/{sid}.txt", f"    title: Seed article {number}"]
    lines.append("sections:")
    for k, (text, citations) in enumerate(claims):
        if k % CLAIMS_PER_SECTION == 0:
            lines += [f"  - title: Part {k // CLAIMS_PER_SECTION + 1}", "    claims:"]
        lines += [f"      - id: claim-{k + 1}", f"        text: {text}", "        citations:"]
        for sid, quote in citations:
            lines += [f"          - source: {sid}", f"            quote: '{quote.replace(chr(39), chr(39) * 2)}'"]
    return "\n".join(lines) + "\n"


def verified_pool(folder: Path, rng: random.Random, sources: dict[str, str]) -> list[tuple[str, str]]:
    """Candidate quotes, kept only if `briefing check` verifies them (an edge rule may refuse a few)."""
    import json

    pool = candidate_quotes(rng, sources, 3000)
    claims = [(CLAIM_TEXTS[0], [q]) for q in pool]
    (folder / "claims.yaml").write_text(claims_yaml(claims, list(sources)), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", "--format", "json"], cwd=folder,
                            capture_output=True, text=True, check=False, env=os.environ | {"PYTHONPATH": str(ROOT)})
    verified = {c["claim"] for c in json.loads(result.stdout)["citations"] if c["status"] == "verified"}
    return [q for k, q in enumerate(pool) if f"claim-{k + 1}" in verified]


def generate(folder: Path, size: int, pool: list[tuple[str, str]], rng: random.Random, source_ids: list[str]) -> None:
    """``size`` claims citing one or two quotes each (alternately), drawn from the verified pool."""
    claims = [(rng.choice(CLAIM_TEXTS), [rng.choice(pool) for _ in range(1 + k % 2)]) for k in range(size)]
    (folder / "claims.yaml").write_text(claims_yaml(claims, source_ids), encoding="utf-8")


@dataclass
class Run:
    seconds: float
    cpu: float  # user and system seconds: less moved than wall time by other work on a busy machine
    peak_mb: float
    digest: str


def build_once(project: Path, code: Path, output: Path) -> Run:
    """One `python -m briefing build` of ``project`` with the briefing package of ``code``."""
    shutil.rmtree(project / ".briefing_cache", ignore_errors=True)  # every run verifies from cold, as the first would
    shutil.rmtree(project / "templates", ignore_errors=True)
    shutil.copytree(code / "templates", project / "templates")
    env = os.environ | {"PYTHONPATH": str(code)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "briefing", "-q", "build", "--output", str(output)],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    err = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{code}: build of {project} failed: {err.strip()}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               hashlib.sha256(output.read_bytes()).hexdigest())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100", "300", "1000", "3000", "10000"],
                        help="claim counts, or 'shipped' for the repository's claims.yaml")
    parser.add_argument("--code", type=Path, action="append", default=[],
                        help="another checkout to time side by side (repeatable)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    checkouts = [ROOT, *(c.resolve() for c in args.code)]
    sources = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "seeds", work / "pool" / "seeds")
        rng = random.Random(args.seed)
        pool: list[tuple[str, str]] | None = None
        print(f"{'claims':>7} {'citations':>9} {'code':<28} {'pages':>5} {'seconds':>8} {'CPU s':>8} "
              f"{'ms/claim':>8} {'peak MB':>8} {'KB/claim':>8}  same bytes")
        per_claim_mb = 0.0  # the last size's peak memory per claim: a size that would not fit is left out
        for size in args.sizes:
            if size != "shipped" and per_claim_mb * int(size) > 0.8 * _memory_mb():
                print(f"{size:>7} left out: it would need about {per_claim_mb * int(size) / 1024:.0f} GB, this "
                      f"machine has {_memory_mb() / 1024:.0f} GB", flush=True)
                continue
            project = work / f"b{size}"
            shutil.copytree(ROOT / "seeds", project / "seeds")
            if size == "shipped":
                shutil.copy(ROOT / "claims.yaml", project / "claims.yaml")
            else:
                pool = pool or verified_pool(work / "pool", rng, sources)
                generate(project, int(size), pool, rng, list(sources))
            runs: dict[Path, list[Run]] = {c: [] for c in checkouts}
            for k in range(args.repeat):
                for code in checkouts[k % len(checkouts):] + checkouts[:k % len(checkouts)]:  # alternate
                    runs[code].append(build_once(project, code, work / f"{size}-{checkouts.index(code)}.pdf"))
            citations = (project / "claims.yaml").read_text(encoding="utf-8").count("quote:")
            claims = (project / "claims.yaml").read_text(encoding="utf-8").count("- id:")
            for code in checkouts:
                pages = _page_count(work / f"{size}-{checkouts.index(code)}.pdf")
                seconds = statistics.median(r.seconds for r in runs[code])
                cpu = statistics.median(r.cpu for r in runs[code])
                peak = statistics.median(r.peak_mb for r in runs[code])
                same = "yes" if len({r.digest for r in runs[code]}) == 1 else "NO"
                print(f"{claims:>7} {citations:>9} {_short(code):<28} {pages:>5} {seconds:>8.2f} {cpu:>8.2f} "
                      f"{1000 * seconds / claims:>8.1f} {peak:>8.0f} {1024 * peak / claims:>8.0f}  {same}", flush=True)
            per_claim_mb = max(statistics.median(r.peak_mb for r in runs[c]) for c in checkouts) / claims
            if len(checkouts) > 1:
                times = {c: statistics.median(r.seconds for r in runs[c]) for c in checkouts}
                cpus = {c: statistics.median(r.cpu for r in runs[c]) for c in checkouts}
                print(f"{'':>7} this checkout takes {times[ROOT] / times[checkouts[1]]:.2f}x the time of "
                      f"{_short(checkouts[1])} ({cpus[ROOT] / cpus[checkouts[1]]:.2f}x the CPU time); runs, "
                      "wall/CPU seconds: " + "; ".join(
                          f"{_short(c)} " + " ".join(f"{r.seconds:.1f}/{r.cpu:.1f}" for r in runs[c])
                          for c in checkouts), flush=True)


def _page_count(pdf: Path) -> str:
    """poppler's count: pypdf refuses a briefing of some thousand pages (an array of more than
    100,000 elements, its limit against hostile files), and takes seconds for a hundred."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        if found:
            return found.group(1)
    return "?"


def _memory_mb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20


def _short(path: Path) -> str:
    return "this checkout" if path == ROOT else path.name[-28:]


if __name__ == "__main__":
    main()
