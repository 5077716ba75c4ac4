"""Mock interview sessions and their answers: create, read, update. Returns domain records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from flashdeck.domain.cards import Card
from flashdeck.domain.mock import MISSED_BELOW, Candidate, MockAnswer, MockPlan, MockSessionInfo
from flashdeck.store.convert import card_of
from flashdeck.store.models import CardRow, CardStateRow, MockAnswerRow, MockSessionRow, ReviewLogRow

RESUMABLE = ("running", "paused", "review")


def _info(row: MockSessionRow) -> MockSessionInfo:
    return MockSessionInfo(
        id=row.id, started_at=row.started_at, updated_at=row.updated_at, finished_at=row.finished_at,
        minutes=row.minutes, seed=row.seed, topics=tuple(row.topics or ()), no_schedule=row.no_schedule,
        state=row.state, paused_at=row.paused_at, paused_seconds=row.paused_seconds, pause_count=row.pause_count,
    )


def _answer(row: MockAnswerRow) -> MockAnswer:
    return MockAnswer(
        id=row.id, position=row.position, card_key=row.card_key, kind=row.kind, topics=tuple(row.topics or ()),
        budget_seconds=row.budget_seconds, used_ms=row.used_ms, carried_ms=row.carried_ms, answer=row.answer, auto_grade=row.auto_grade,
        grade=row.grade, locked=row.locked, detail=dict(row.detail or {}), review_log_id=row.review_log_id,
    )


def candidates(session: Session, today: date) -> list[Candidate]:
    """Every live, unsuspended card with its weakness signals (mock misses from finished mocks)."""
    missed = dict(session.execute(
        select(MockAnswerRow.card_key, func.count())
        .join(MockSessionRow, MockSessionRow.id == MockAnswerRow.session_id)
        .where(MockSessionRow.state == "finished", MockAnswerRow.grade < MISSED_BELOW)
        .group_by(MockAnswerRow.card_key)
    ).all())
    rows = session.execute(
        select(CardRow.key, CardRow.kind, CardRow.topics, CardStateRow.lapses, CardStateRow.easiness_pct,
               CardStateRow.due)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.retired.is_(False), CardStateRow.suspended.is_(False))
    ).all()
    return [
        Candidate(key=key, kind=kind, topics=tuple(topics or ()), lapses=lapses, easiness=ease / 100,
                  overdue_days=max(0, (today - due).days) if due is not None else 0,
                  missed=missed.get(key, 0), is_new=due is None)
        for key, kind, topics, lapses, ease, due in rows
    ]


def cards(session: Session, keys: list[str]) -> dict[str, Card]:
    rows = session.scalars(select(CardRow).where(CardRow.key.in_(keys))).all()
    return {row.key: card_of(row) for row in rows}


def card_id(session: Session, key: str) -> int | None:
    """The database id of a live card, None if it is retired or unknown."""
    return session.scalar(select(CardRow.id).where(CardRow.key == key, CardRow.retired.is_(False)))


def create(session: Session, plan: MockPlan, now: datetime, *, no_schedule: bool) -> int:
    row = MockSessionRow(started_at=now, updated_at=now, minutes=plan.minutes, seed=plan.seed,
                         topics=list(plan.topics), no_schedule=no_schedule, state="running",
                         paused_seconds=0, pause_count=0)
    session.add(row)
    session.flush()
    for position, q in enumerate(plan.questions):
        session.add(MockAnswerRow(session_id=row.id, position=position, card_key=q.key, kind=q.kind,
                                  topics=list(q.topics), budget_seconds=q.seconds, used_ms=0, carried_ms=0, answer="",
                                  locked=False, detail={}))
    session.flush()
    return row.id


def load(session: Session, session_id: int) -> tuple[MockSessionInfo, list[MockAnswer]]:
    row = session.get(MockSessionRow, session_id)
    if row is None:
        raise LookupError(f"no mock interview with id {session_id}")
    return _info(row), answers(session, session_id)


def answers(session: Session, session_id: int) -> list[MockAnswer]:
    rows = session.scalars(select(MockAnswerRow).where(MockAnswerRow.session_id == session_id)
                           .order_by(MockAnswerRow.position))
    return [_answer(r) for r in rows]


def standing(session: Session, session_id: int) -> tuple[str, int] | None:
    """The stored state and pause count (None: no such session). Read inside a write
    transaction (BEGIN IMMEDIATE), no other flashdeck can change them before it commits."""
    row = session.execute(select(MockSessionRow.state, MockSessionRow.pause_count)
                          .where(MockSessionRow.id == session_id)).first()
    return (row.state, row.pause_count) if row is not None else None


def discard(session: Session, session_id: int, now: datetime) -> bool:
    """Abandon a mock that is still unfinished; False if it is finished, abandoned or gone
    (a mock finished elsewhere meanwhile keeps its score)."""
    result = session.execute(update(MockSessionRow)
                             .where(MockSessionRow.id == session_id, MockSessionRow.state.in_(RESUMABLE))
                             .values(state="abandoned", updated_at=now))
    return result.rowcount == 1


def update_session(session: Session, session_id: int, **values) -> None:
    session.execute(update(MockSessionRow).where(MockSessionRow.id == session_id).values(**values))


def update_answer(session: Session, answer_id: int, **values) -> None:
    session.execute(update(MockAnswerRow).where(MockAnswerRow.id == answer_id).values(**values))


def resumable(session: Session) -> MockSessionInfo | None:
    """The latest mock left running, paused or in its review phase."""
    row = session.scalars(select(MockSessionRow).where(MockSessionRow.state.in_(RESUMABLE))
                          .order_by(MockSessionRow.started_at.desc(), MockSessionRow.id.desc()).limit(1)).first()
    return _info(row) if row is not None else None


def sessions(session: Session, states: tuple[str, ...] | None = None) -> list[tuple[MockSessionInfo, list[MockAnswer]]]:
    """Sessions (optionally only in these states) with their answers, oldest first."""
    query = select(MockSessionRow).order_by(MockSessionRow.started_at, MockSessionRow.id)
    if states:
        query = query.where(MockSessionRow.state.in_(states))
    infos = [_info(r) for r in session.scalars(query)]
    if not infos:
        return []
    by_session: dict[int, list[MockAnswer]] = {i.id: [] for i in infos}
    for r in session.scalars(select(MockAnswerRow).where(MockAnswerRow.session_id.in_(list(by_session)))
                             .order_by(MockAnswerRow.session_id, MockAnswerRow.position)):
        by_session[r.session_id].append(_answer(r))
    return [(i, by_session[i.id]) for i in infos]


def mark_mock_grade(session: Session, log_id: int) -> None:
    """Label a review-log row as a mock interview's grade (mode "mock")."""
    session.execute(update(ReviewLogRow).where(ReviewLogRow.id == log_id).values(mode="mock"))
