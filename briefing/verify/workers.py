"""Verify many citations: source by source, on every core when there is enough work to pay for it.

Each citation's verdict depends only on it and the corpus, so citations can be verified in any
order and in any process. The work is cut into runs of citations of the same sources (each
source is then tokenised in one process only) and handed to worker processes forked from this
one, which inherit the corpus instead of receiving a copy. Below ``PARALLEL_FROM`` citations
the start of the workers costs more than it saves, and on a busy machine the cores are not
free (``default_workers``): then everything runs here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence

from briefing.results import CitationRef, CitationResult
from briefing.verify.citation import verify_citation
from briefing.verify.corpus import Corpus

PARALLEL_FROM = 200  # citations to verify; a worker starts in ~20 ms, a citation takes 1 to 10 ms
MAX_WORKERS = 4  # each worker builds its own word index and tokens: memory grows with their number
RUNS_PER_WORKER = 8  # shorter runs balance the load; longer ones tokenise fewer sources twice

Verdict = tuple[CitationResult, bool]  # the result, and whether it searched the whole corpus

# what the workers verify: set before they are forked, so that they inherit it
_job: tuple[Sequence[CitationRef], Corpus] | None = None


def default_workers(citations: int) -> int:
    """One process per idle core. A core that other work keeps busy gains nothing, and each worker
    repeats some work (its own word index, its sources' tokens: about a fifth more CPU time in all),
    so on a busy machine one process is faster: measured on 2 cores under a load of 3, 6.3 s alone
    against 7.4 s with two workers. The load average counts this check as one of the busy."""
    if citations < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    idle = cores - os.getloadavg()[0] + 1 if hasattr(os, "getloadavg") else cores
    return max(1, min(cores, MAX_WORKERS, int(idle + 0.5)))


def verify_all(refs: Sequence[CitationRef], corpus: Corpus, progress: Callable[[int], None] | None = None,
               workers: int | None = None) -> list[Verdict]:
    """Each citation's verdict, in the order of ``refs``. ``progress(done)`` is called as they
    come in; ``workers`` (default: the cores available, when there is enough work) processes."""
    global _job  # noqa: PLW0603 - a forked worker finds its work here rather than in a pickled copy
    order = sorted(range(len(refs)), key=lambda i: refs[i].source_id)
    count = workers if workers is not None else default_workers(len(refs))
    out: list[Verdict | None] = [None] * len(refs)
    if count <= 1:
        for done, i in enumerate(order):
            if progress is not None:
                progress(done)
            out[i] = _verify_one(refs[i], corpus)
    else:
        size = max(1, -(-len(order) // (count * RUNS_PER_WORKER)))
        runs = [order[k:k + size] for k in range(0, len(order), size)]
        _job = (refs, corpus)
        try:
            done = 0
            with multiprocessing.get_context("fork").Pool(count) as pool:
                for batch in pool.imap_unordered(_verify_run, runs):
                    for i, verdict in batch:
                        out[i] = verdict
                    done += len(batch)
                    if progress is not None:
                        progress(done)
        finally:
            _job = None
    verdicts = [v for v in out if v is not None]
    assert len(verdicts) == len(refs), "every citation has its verdict"
    return verdicts


def _verify_one(ref: CitationRef, corpus: Corpus) -> Verdict:
    searches = corpus.searches
    result = verify_citation(ref, corpus)
    return result, corpus.searches != searches


def _verify_run(run: list[int]) -> list[tuple[int, Verdict]]:
    """In a worker: the verdicts of one run of citations."""
    assert _job is not None, "a worker is forked after its job is set"
    refs, corpus = _job
    return [(i, _verify_one(refs[i], corpus)) for i in run]
