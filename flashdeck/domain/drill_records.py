"""A learner's record at each drill, read off their attempts (pure: no I/O, no clock).

The best time is the fastest attempt from its start to a pass with no hint shown: a pass after a
hint was not from memory, and a give-up shows the solution, so neither can set a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flashdeck.domain.drills import DrillAttempt


@dataclass(frozen=True, slots=True)
class DrillRecord:
    attempts: int
    best: timedelta | None  # fastest pass from memory, None before the first
    last: str | None  # the latest attempt's status ("passed", "gave up", "in progress", "left")


def from_memory(attempt: DrillAttempt) -> timedelta | None:
    """How long the attempt took to pass without a hint, or None if it does not count."""
    if not attempt.passed or attempt.gave_up or attempt.hints_shown or attempt.finished_at is None:
        return None
    return attempt.finished_at - attempt.started_at


def record(attempts: list[DrillAttempt]) -> DrillRecord:
    """`attempts` of one drill, oldest first."""
    times = [t for t in map(from_memory, attempts) if t is not None]
    return DrillRecord(attempts=len(attempts), best=min(times) if times else None,
                       last=attempts[-1].status if attempts else None)


def records(attempts: list[DrillAttempt]) -> dict[str, DrillRecord]:
    """drill id -> its record, for every drill with an attempt (`attempts` oldest first)."""
    by_drill: dict[str, list[DrillAttempt]] = {}
    for attempt in attempts:
        by_drill.setdefault(attempt.drill_id, []).append(attempt)
    return {drill_id: record(group) for drill_id, group in by_drill.items()}


def new_best(attempt: DrillAttempt, earlier: list[DrillAttempt]) -> timedelta | None:
    """The earlier best this finished attempt beats (timedelta.max for a first pass from
    memory), or None when it sets no record."""
    mine = from_memory(attempt)
    if mine is None:
        return None
    before = [t for a in earlier if a.id != attempt.id and (t := from_memory(a)) is not None]
    if not before:
        return timedelta.max
    best = min(before)
    return best if mine < best else None


def clock(elapsed: timedelta) -> str:
    """m:ss under an hour, h:mm:ss under a day, then days: a timer a learner reads at a glance."""
    seconds = max(0, int(elapsed.total_seconds()))
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    if days:
        return f"{days} d {hours}:{minutes:02d}:{seconds:02d}"
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"
