"""The most work one citation may cause, whatever its quote and sources.

Limits on a quote's length, ellipses and brackets bound the quote, not the work: fifty ellipses
of one common word against a long source can still ask for billions of steps. So each citation
gets a budget of work units, spent by the matcher as it goes: one unit per alignment cell (a
quote token against a source token) and per placement tried on the verbatim path. A citation
that would exceed it fails with its own code (``too-much-work``) instead of running for minutes.

The budget in force is held in a context variable, so the matcher's many entry points spend from
it without each passing it along; outside ``budgeted()`` (``briefing find``, say) work is not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# A few seconds and about 200 MB of alignment tables at worst on the 2-core test machine
# (benchmarks/bench_worst_case.py times the worst quotes); a typical quote needs a few per cent.
MAX_WORK = 2_000_000


class OverBudget(Exception):
    """The work a citation asked for would exceed its budget."""


class WorkBudget:
    def __init__(self, limit: int = MAX_WORK):
        self.limit = limit
        self.left = limit

    def spend(self, units: int) -> None:
        self.left -= units
        if self.left < 0:
            raise OverBudget


_ACTIVE: ContextVar[WorkBudget | None] = ContextVar("briefing_work_budget", default=None)


@contextmanager
def budgeted(limit: int = MAX_WORK) -> Iterator[WorkBudget]:
    """Count the matcher's work inside the block against a fresh budget (OverBudget past it)."""
    budget = WorkBudget(limit)
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def spend(units: int) -> None:
    """Spend from the budget in force, if any."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.spend(units)
