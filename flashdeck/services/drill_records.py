"""The learner's record at each drill (attempts, best time from memory, last result), for
`drill list` and the drill screen. The rules are domain.drill_records'."""

from __future__ import annotations

from datetime import timedelta

from flashdeck.domain.drill_records import DrillRecord, new_best, record, records
from flashdeck.services.context import Context
from flashdeck.store import drills as store


def all_records(ctx: Context) -> dict[str, DrillRecord]:
    """drill id -> record, for every drill with at least one attempt."""
    with ctx.db.read() as session:
        return records(store.attempts(session))


def drill_record(ctx: Context, drill_id: str) -> DrillRecord:
    with ctx.db.read() as session:
        return record(store.attempts(session, drill_id))


def beaten_best(ctx: Context, attempt_id: int) -> timedelta | None:
    """For a finished attempt: the earlier best it beats (timedelta.max for the first pass from
    memory), or None when it sets no record."""
    with ctx.db.read() as session:
        attempt = store.get(session, attempt_id)
        return new_best(attempt, store.attempts(session, attempt.drill_id))
