"""Queries and writes of a study session: the queue, grades (a drill attempt's too), undo,
bury, suspend."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, delete, func, literal, select
from sqlalchemy.orm import Session

from flashdeck.domain.cards import CardView, DeckSummary
from flashdeck.domain.drills import drill_quality
from flashdeck.domain.interview import InterviewPlan
from flashdeck.domain.scheduler import FsrsChoice
from flashdeck.domain.calibration import LoggedReview
from flashdeck.domain.review import (DrillGraded, GradeOutcome, ReviewStep, drill_outcome, drill_review,
                                     fit_to_interview, review)
from flashdeck.store import drills as drill_store
from flashdeck.store import memory as memory_store
from flashdeck.store.card_where import live
from flashdeck.store.convert import apply_progress, card_of, log_row, progress_of
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow, DeckRow, ReviewLogRow


class StaleUndo(Exception):
    """The card was graded again since (perhaps in another flashdeck): undo would lose that."""


def queue(session: Session, today: date, deck_ids: list[str] | None, new_limit: int, review_limit: int,
          *, weakest_at: float | None = None) -> list[int]:
    """Card ids in study order: due reviews (most overdue first), new cards, same-day repeats.
    `weakest_at` (POSIX seconds; before an interview): due reviews weakest first instead, by
    FSRS's predicted recall at that moment (store.first_card.WEAKEST, the same order)."""
    base = select(CardRow.id).join(CardStateRow, CardStateRow.card_id == CardRow.id).where(live(today, deck_ids))
    repeat = and_(CardStateRow.needs_extra_review.is_(True), CardStateRow.due == today)
    order = (CardStateRow.due, CardRow.deck_id, CardRow.position)
    due_query = base.where(CardStateRow.due <= today, ~repeat)
    if weakest_at is not None:
        # recall falls as (now - last review) / stability grows: the largest first, no memory first
        due_query = due_query.outerjoin(CardMemoryRow, CardMemoryRow.card_id == CardRow.id)
        order = (case((CardMemoryRow.stability.is_(None), 0), else_=1),
                 ((literal(weakest_at) - CardMemoryRow.last_review_ts) / CardMemoryRow.stability).desc(), *order)
    due = session.scalars(due_query.order_by(*order).limit(max(review_limit, 0))).all()
    new = session.scalars(
        base.where(CardStateRow.due.is_(None)).order_by(CardRow.deck_id, CardRow.position).limit(max(new_limit, 0))
    ).all()
    repeats = session.scalars(base.where(repeat).order_by(CardRow.deck_id, CardRow.position)).all()
    return [*due, *new, *repeats]


def new_waiting(session: Session, today: date, deck_ids: list[str] | None) -> int:
    """New cards of these decks that could be introduced (not suspended, buried or retired)."""
    return session.scalar(
        select(func.count()).select_from(CardRow).join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(live(today, deck_ids), CardStateRow.due.is_(None))) or 0


def chosen(session: Session, today: date, deck_ids: list[str] | None, topics: list[str] | None) -> list[int]:
    """Every reviewable card of these decks and topics, due or not (for cram and topic study):
    due cards first (most overdue first), then the rest in deck and file order."""
    rows = session.execute(
        select(CardRow.id, CardRow.topics, CardStateRow.due)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id).where(live(today, deck_ids))
        .order_by(CardRow.deck_id, CardRow.position)
    ).all()
    wanted = set(topics or ())
    picked = [(card_id, due) for card_id, card_topics, due in rows if not wanted or wanted & set(card_topics or ())]
    due_now = sorted((due, i) for i, (_, due) in enumerate(picked) if due is not None and due <= today)
    first = [picked[i][0] for _, i in due_now]
    taken = set(first)
    return first + [card_id for card_id, _ in picked if card_id not in taken]


def introduced_on(session: Session, day: date) -> int:
    return session.scalar(select(func.count()).select_from(CardStateRow).where(CardStateRow.introduced_on == day)) or 0


def reviews_started_on(session: Session, day: date) -> int:
    """Due reviews begun on `day` (first grade of a card that was already scheduled)."""
    return session.scalar(
        select(func.count()).select_from(ReviewLogRow).where(
            ReviewLogRow.study_day == day, ReviewLogRow.due_before.is_not(None), ReviewLogRow.extra_before.is_(False),
            ReviewLogRow.mode != "cram",
        )
    ) or 0


def view(session: Session, card_id: int) -> CardView | None:
    row = session.execute(
        select(CardRow, CardStateRow, DeckRow.title)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .where(CardRow.id == card_id)
    ).first()
    if row is None:
        return None
    card, state, title = row
    return CardView(
        id=card.id, card=card_of(card), deck_title=title, repetitions=state.repetitions,
        interval=state.interval, easiness=state.easiness_pct / 100, lapses=state.lapses, is_new=state.due is None,
    )


def is_available(session: Session, card_id: int, today: date) -> bool:
    """Still reviewable now (not suspended, buried or retired since the queue was built)."""
    found = session.scalar(
        select(CardRow.id).join(CardStateRow, CardStateRow.card_id == CardRow.id).where(CardRow.id == card_id, live(today))
    )
    return found is not None


def grade(session: Session, card_id: int, quality: int, today: date, now: datetime, duration_ms: int,
          *, leech_threshold: int = 0, cram: bool = False, interview: InterviewPlan | None = None,
          fsrs: FsrsChoice | None = None) -> GradeOutcome:
    """One transaction's worth of domain.review.review: its log row and the card it returns.
    `interview`: the learner's date, which no due date may pass (domain.interview); `fsrs`: FSRS
    sets the due date (domain.scheduler; None: SM-2)."""
    row = _state(session, card_id)
    next_due = _remember(session, card_id, row, quality, now, fsrs, cram)
    step = review(progress_of(row), quality, day=today, now=now, duration_ms=duration_ms,
                  leech_threshold=leech_threshold, cram=cram, next_due=next_due)
    return _persist(session, card_id, row, _fitted(session, step, today, interview))


def _remember(session: Session, card_id: int, row: CardStateRow, quality: int, now: datetime,
              fsrs: FsrsChoice | None, cram: bool) -> date | None:
    """The grade's review in the card's memory (store.memory); the day FSRS brings it back, if
    FSRS schedules (a cram grade moves no schedule)."""
    model = memory_store.model_for(session, 0.9 if fsrs is None else fsrs.desired_retention)
    memory = memory_store.remember(session, card_id, LoggedReview(now, quality, row.interval), model)
    return None if fsrs is None or cram else fsrs.day_of(memory.due)


def due_load(session: Session, first: date, last: date) -> dict[date, int]:
    """Cards due on each day from `first` to `last` (not suspended nor retired; days with none left out)."""
    rows = session.execute(
        select(CardStateRow.due, func.count()).join(CardRow, CardRow.id == CardStateRow.card_id)
        .where(CardStateRow.due >= first, CardStateRow.due <= last, CardRow.retired.is_(False),
               CardStateRow.suspended.is_(False))
        .group_by(CardStateRow.due)
    )
    return {day: count for day, count in rows}


def _fitted(session: Session, step: ReviewStep, today: date, plan: InterviewPlan | None) -> ReviewStep:
    if plan is None or not plan.moves(step.card.schedule.due, today):
        return step  # the common case reads nothing more
    return fit_to_interview(step, today, plan, due_load(session, *plan.stretch(today)))


def finish_drill(session: Session, attempt_id: int, *, passed_check: bool = False, gave_up: bool = False,
                 code: str | None = None, today: date, now: datetime, leech_threshold: int = 0,
                 cram: bool = False, interview: InterviewPlan | None = None,
                 fsrs: FsrsChoice | None = None) -> DrillGraded | None:
    """End a drill attempt and grade its card, in the caller's one transaction: the check that
    passed (or the code given up on), the grade of domain.review.drill_review (one review-log
    row) and the attempt closed naming that row. None, and nothing written, when nothing ends
    the attempt (domain.review.drill_outcome). The attempt is read here, in the transaction,
    so that two windows cannot both end it."""
    attempt = drill_store.get(session, attempt_id)
    outcome = drill_outcome(attempt, passed_check=passed_check, gave_up=gave_up)
    if outcome is None:
        return None
    if passed_check:
        attempt = drill_store.add_check(session, attempt_id, code if code is not None else attempt.code, True)
    elif code is not None:
        drill_store.save_code(session, attempt_id, code)
    card_id = drill_store.drill_card_id(session, attempt.drill_id)
    graded = None
    if card_id is not None:
        row = _state(session, card_id)
        next_due = _remember(session, card_id, row, drill_quality(outcome), now, fsrs, cram)
        step = drill_review(progress_of(row), attempt, outcome, day=today, now=now,
                            leech_threshold=leech_threshold, cram=cram, next_due=next_due)
        graded = _persist(session, card_id, row, _fitted(session, step, today, interview))
    quality = drill_quality(outcome)  # the attempt keeps it even with no card to grade
    finished = drill_store.finish(session, attempt_id, now, passed=outcome.passed, gave_up=outcome.gave_up,
                                  quality=quality, review_log_id=graded.log_id if graded is not None else None)
    return DrillGraded(finished, quality, card_id, graded)


def _state(session: Session, card_id: int) -> CardStateRow:
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise LookupError(f"no card with id {card_id}")
    return row


def _persist(session: Session, card_id: int, row: CardStateRow, step: ReviewStep) -> GradeOutcome:
    log = log_row(card_id, step.log)
    session.add(log)
    apply_progress(row, step.card)
    session.flush()
    return GradeOutcome(log.id, step)


def undo(session: Session, log_id: int, *, unsuspend: bool = False) -> int:
    """Put the card back as it was before grade `log_id`; returns the card id.

    `unsuspend`: that grade made the card a leech and suspended it; lift the suspension too."""
    log = session.get(ReviewLogRow, log_id)
    if log is None:
        raise StaleUndo("that grade is no longer in the review log")
    row = session.get(CardStateRow, log.card_id)
    newer = session.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == log.card_id, ReviewLogRow.id > log.id))
    if newer or (row.repetitions, row.easiness_pct, row.interval, row.due) != (log.reps_after, log.ease_after, log.interval_after, log.due_after):
        raise StaleUndo("this card was reviewed again since; undo would lose that review")
    row.repetitions, row.easiness_pct, row.interval = log.reps_before, log.ease_before, log.interval_before
    row.due, row.needs_extra_review = log.due_before, log.extra_before
    row.lapses, row.introduced_on = log.lapses_before, log.introduced_before
    if unsuspend:
        row.suspended = False
    card_id, undone = log.card_id, LoggedReview(log.reviewed_at, log.quality, log.interval_before)
    session.execute(delete(ReviewLogRow).where(ReviewLogRow.id == log_id))
    memory_store.take_back(session, card_id, undone)
    return card_id


def set_buried(session: Session, card_id: int, until: date | None) -> None:
    session.get(CardStateRow, card_id).buried_until = until


def set_suspended(session: Session, card_id: int, suspended: bool) -> None:
    session.get(CardStateRow, card_id).suspended = suspended


def deck_summaries(session: Session, today: date) -> list[DeckSummary]:
    # retired cards are left out by the join already; live() says so again, harmlessly
    is_live = live(today)
    rows = session.execute(
        select(
            DeckRow.id, DeckRow.title, DeckRow.path,
            func.count(CardRow.id),
            func.coalesce(func.sum(case((and_(is_live, CardStateRow.due <= today), 1), else_=0)), 0),
            func.coalesce(func.sum(case((and_(is_live, CardStateRow.due.is_(None)), 1), else_=0)), 0),
        )
        .select_from(DeckRow)
        .outerjoin(CardRow, and_(CardRow.deck_id == DeckRow.id, CardRow.retired.is_(False)))
        .outerjoin(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(DeckRow.retired.is_(False))
        .group_by(DeckRow.id)
        .order_by(DeckRow.title)
    ).all()
    return [DeckSummary(id=r[0], title=r[1], path=r[2], cards=r[3], due_today=int(r[4]), new=int(r[5])) for r in rows]


def next_due(session: Session, deck_ids: list[str] | None, today: date) -> date | None:
    """The first day after today on which a card of these decks is due."""
    conditions = [CardRow.retired.is_(False), CardStateRow.suspended.is_(False), CardStateRow.due.is_not(None)]
    if deck_ids:
        conditions.append(CardRow.deck_id.in_(deck_ids))
    first = session.scalar(
        select(func.min(CardStateRow.due)).join(CardRow, CardRow.id == CardStateRow.card_id).where(*conditions, CardStateRow.due > today)
    )
    buried = session.scalar(
        select(func.min(CardStateRow.buried_until)).join(CardRow, CardRow.id == CardStateRow.card_id)
        .where(CardRow.retired.is_(False), CardStateRow.buried_until > today)
    )
    candidates = [d for d in (first, buried) if d is not None]
    return min(candidates) if candidates else None


def tomorrow(today: date) -> date:
    return today + timedelta(days=1)


def topic_counts(session: Session, today: date) -> dict[str, tuple[int, int]]:
    """topic id -> (reviewable cards, of which due now): what a cram or topic study would get."""
    rows = session.execute(
        select(CardRow.topics, CardStateRow.due).join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(live(today))
    ).all()
    counts: dict[str, list[int]] = {}
    for topics, due in rows:
        for topic in topics or ():
            tally = counts.setdefault(topic, [0, 0])
            tally[0] += 1
            tally[1] += due is not None and due <= today
    return {topic: (cards, due) for topic, (cards, due) in counts.items()}
