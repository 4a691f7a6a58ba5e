"""``briefing watch``: check (and build) again on every save of the claims, a source or a
template, and say what changed in the verification since the last run.

Polling file times keeps it dependency-free and works the same on every platform.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from briefing.exceptions import BriefingError
from briefing.results import Report


def verification_changes(before: Report | None, after: Report) -> list[str]:
    """One line per citation whose outcome changed (on the first run, every failing one)."""
    old = {} if before is None else {(r.ref.claim_id, r.ref.index): r for r in before.results}
    lines = []
    for r in after.results:
        then = old.get((r.ref.claim_id, r.ref.index))
        where = f"{r.ref.location} {r.ref.claim_id} quote {r.ref.index + 1}"
        codes = ", ".join(p.code for p in r.errors)
        if then is None and before is not None:
            lines.append(f"  new: {where}: {'verified' if r.verified else codes}")
        elif then is not None and then.verified and not r.verified:
            first = r.errors[0] if r.errors else None
            lines.append(f"  now failing: {where}: {codes}" + (f" ({first.message})" if first else ""))
        elif then is not None and not then.verified and r.verified:
            lines.append(f"  now verified: {where}")
        elif then is not None and not r.verified and {p.code for p in then.errors} != {p.code for p in r.errors}:
            lines.append(f"  still failing, now: {where}: {codes}")
        elif before is None and not r.verified:
            lines.append(f"  failing: {where}: {codes}")
    gone = set(old) - {(r.ref.claim_id, r.ref.index) for r in after.results}
    lines += [f"  removed: {claim} quote {index + 1}" for claim, index in sorted(gone)]
    return lines


def snapshot(paths: list[Path]) -> dict[Path, tuple[int, int] | None]:
    out: dict[Path, tuple[int, int] | None] = {}
    for path in paths:
        try:
            st = path.stat()
            out[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[path] = None
    return out


# One check (and build): the report, the files it depends on, the lines to print after the changes.
Round = Callable[[], tuple[Report, list[Path], list[str]]]


def watch(claims: Path, run: Round, say: Callable[[str], None], interval: float = 0.5) -> None:
    """``run`` checks (and builds) once and returns the report, the files it depends on and
    the lines to print after the changes (warnings, the status); it raises BriefingError on
    unusable input. Runs until interrupted."""
    report, paths = _round(run, say, None, [claims])
    seen = snapshot(paths)
    while True:
        time.sleep(interval)
        now = snapshot(paths)
        if now == seen:
            continue
        changed = sorted(str(p) for p in now if now[p] != seen.get(p))
        say(f"[watch] changed: {', '.join(changed)}")
        report, paths = _round(run, say, report, paths)
        seen = snapshot(paths)


def _round(run: Round, say: Callable[[str], None], previous: Report | None,
           paths: list[Path]) -> tuple[Report | None, list[Path]]:
    try:
        report, new_paths, lines = run()
    except BriefingError as err:
        for line in str(err).splitlines():
            say(line)
        say("[watch] fix the input; watching for changes")
        return previous, paths
    for line in verification_changes(previous, report) + lines:
        say(line)
    return report, new_paths
