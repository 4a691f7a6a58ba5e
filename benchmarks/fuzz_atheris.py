"""Coverage-guided fuzzing of the claims loader and the quote matcher with atheris (libFuzzer).

    python -m pip install atheris
    python benchmarks/fuzz_atheris.py loader  -atheris_runs=200000 [corpus_dir]
    python benchmarks/fuzz_atheris.py matcher -max_total_time=600 [corpus_dir]

Any exception other than briefing's own errors is a crash: libFuzzer stops and writes the
input to crash-<hash>. Record each one in tests/fuzz_corpus/ (loader-<what>.yaml, or
verify-<what>.txt with the quote, a line '----', and the source), fix it, and the test
suite replays it from then on. Findings so far are listed in tests/fuzz_corpus/README.md.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from briefing.exceptions import BriefingError
    from briefing.findings import Location
    from briefing.results import CitationRef
    from briefing.spec.model import load_spec
    from briefing.verify import Corpus, verify_citation

HERE = Path(__file__).resolve().parent
SEED_TEXT = (HERE.parent / "seeds" / "000_89247fba3eac04d8.txt").read_text(encoding="utf-8")


def fuzz_loader(data: bytes) -> None:
    with contextlib.suppress(BriefingError):
        load_spec(HERE / "claims.yaml", "claims.yaml", data)


def fuzz_matcher(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    quote = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 400))
    source = fdp.ConsumeUnicodeNoSurrogates(2000) if fdp.ConsumeBool() else SEED_TEXT
    corpus = Corpus({"s": source or " ", "seed": SEED_TEXT})
    verify_citation(CitationRef("c", 0, "s", quote, None, Location("claims.yaml", 1, 1)), corpus)


def main() -> None:
    targets = {"loader": fuzz_loader, "matcher": fuzz_matcher}
    if len(sys.argv) < 2 or sys.argv[1] not in targets:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(targets)}}} [libFuzzer options] [corpus_dir]")
    target = targets[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
