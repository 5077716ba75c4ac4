"""Drill attempts: open, save code, count checks and hints, finish. Returns domain records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from flashdeck.domain.drills import DRILL_DECK_ID, DrillAttempt, drill_card_key
from flashdeck.store.models import CardRow, CardStateRow, DrillAttemptRow


def _record(row: DrillAttemptRow) -> DrillAttempt:
    return DrillAttempt(
        id=row.id, drill_id=row.drill_id, started_at=row.started_at, finished_at=row.finished_at,
        code=row.code, checks_run=row.checks_run, hints_shown=row.hints_shown, passed=row.passed,
        gave_up=row.gave_up, quality=row.quality, mistake=row.mistake,
    )


def _row(session: Session, attempt_id: int) -> DrillAttemptRow:
    row = session.get(DrillAttemptRow, attempt_id)
    if row is None:
        raise LookupError(f"no drill attempt with id {attempt_id}")
    return row


def create(session: Session, drill_id: str, code: str, now: datetime) -> DrillAttempt:
    row = DrillAttemptRow(drill_id=drill_id, started_at=now, code=code, checks_run=0, hints_shown=0,
                          passed=False, gave_up=False)
    session.add(row)
    session.flush()
    return _record(row)


def get(session: Session, attempt_id: int) -> DrillAttempt:
    return _record(_row(session, attempt_id))


def open_attempt(session: Session, drill_id: str) -> DrillAttempt | None:
    """The latest unfinished attempt at this drill, if any."""
    row = session.scalars(
        select(DrillAttemptRow)
        .where(DrillAttemptRow.drill_id == drill_id, DrillAttemptRow.finished_at.is_(None))
        .order_by(DrillAttemptRow.started_at.desc(), DrillAttemptRow.id.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def latest(session: Session, drill_id: str) -> DrillAttempt | None:
    """The latest attempt at this drill, open or finished, if any."""
    row = session.scalars(
        select(DrillAttemptRow)
        .where(DrillAttemptRow.drill_id == drill_id)
        .order_by(DrillAttemptRow.started_at.desc(), DrillAttemptRow.id.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def attempts(session: Session, drill_id: str | None = None) -> list[DrillAttempt]:
    """Every attempt (of one drill, or all), oldest first."""
    query = select(DrillAttemptRow).order_by(DrillAttemptRow.started_at, DrillAttemptRow.id)
    if drill_id is not None:
        query = query.where(DrillAttemptRow.drill_id == drill_id)
    return [_record(r) for r in session.scalars(query)]


def save_code(session: Session, attempt_id: int, code: str) -> None:
    session.execute(update(DrillAttemptRow).where(DrillAttemptRow.id == attempt_id).values(code=code))


def add_check(session: Session, attempt_id: int, code: str, passed: bool, mistake: str | None = None) -> DrillAttempt:
    """Count a check. A pass is recorded only while the attempt is open (finish() closes it).
    A failing check keeps the mistake the judge named in it (None: none), a pass the last one."""
    row = _row(session, attempt_id)
    row.code = code
    if row.finished_at is None:
        row.checks_run += 1
        if not passed:
            row.mistake = mistake
    return _record(row)


def add_hint(session: Session, attempt_id: int) -> int:
    row = _row(session, attempt_id)
    if row.finished_at is None:
        row.hints_shown += 1
    return row.hints_shown


def finish(session: Session, attempt_id: int, now: datetime, *, passed: bool, gave_up: bool,
           quality: int | None, review_log_id: int | None) -> DrillAttempt:
    row = _row(session, attempt_id)
    row.finished_at = now
    row.passed, row.gave_up = passed, gave_up
    row.quality, row.review_log_id = quality, review_log_id
    return _record(row)


def drill_card_id(session: Session, drill_id: str) -> int | None:
    """The database id of the drill's card (deck `drills`), None if it is not synced."""
    return session.scalar(
        select(CardRow.id).where(CardRow.key == drill_card_key(drill_id), CardRow.retired.is_(False))
    )


def schedule(session: Session) -> dict[str, object]:
    """drill id -> its card's due date (None: new) for every live drill card."""
    rows = session.execute(
        select(CardRow.card_id, CardStateRow.due).join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.deck_id == DRILL_DECK_ID, CardRow.retired.is_(False))
    )
    return {drill_id: due for drill_id, due in rows}
