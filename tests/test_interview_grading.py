"""The interview date in the real grading path (issue 18): a review and a mock grade on a
real SQLite file, with the date set in config.toml as `flashdeck interview set` writes it.
(A drill's grade goes through the same store step, store.study.finish_drill -> _fitted.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from flashdeck.domain import sm2
from flashdeck.domain.interview import last_day
from flashdeck.services import decks
from flashdeck.services.settings import set_setting
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow

MATURE = {"repetitions": 3, "easiness_pct": 250, "interval": 20}  # SM-2 brings it back in 52 days on a 5


def sm2_after(today: date, *qualities: int) -> sm2.SM2State:
    """What SM-2 alone makes of a MATURE card graded `qualities`, each when it falls due."""
    state = sm2.SM2State(3, sm2.INITIAL_EASINESS, 20, today)
    for quality in qualities:
        state = sm2.review(state, quality, state.due)
    return state


def open_with(make_ctx, tmp_path, interview: date | None, **study):
    home = tmp_path / "home"
    path = home / "config.toml"
    for name, value in study.items():
        set_setting(path, "study", name, value)
    set_setting(path, "study", "interview_date", interview)
    ctx = make_ctx(home)
    decks.sync(ctx)
    return ctx


def make_mature(ctx, deck: str | None = None) -> None:
    """Every card (of `deck`) already learned, due today, with a long interval."""
    with ctx.db.write() as s:
        ids = s.scalars(select(CardRow.id).where(CardRow.deck_id == deck) if deck else select(CardRow.id)).all()
        for card_id in ids:
            row = s.get(CardStateRow, card_id)
            row.repetitions, row.easiness_pct, row.interval = MATURE.values()
            row.due, row.introduced_on = ctx.today(), ctx.today() - timedelta(days=40)


def states(ctx) -> dict[str, tuple[int, date]]:
    with ctx.db.read() as s:
        rows = s.execute(select(CardRow.key, CardStateRow.interval, CardStateRow.due)
                         .join(CardStateRow, CardStateRow.card_id == CardRow.id))
        return {key: (interval, due) for key, interval, due in rows}


def test_a_review_that_would_cross_the_date_lands_on_the_last_day_and_keeps_its_interval(make_ctx, tmp_path, clock):
    today = clock().date()
    interview = today + timedelta(days=10)
    ctx = open_with(make_ctx, tmp_path, interview)
    make_mature(ctx, "beta")
    session = StudySession(ctx, ["beta"])
    key = session.current.card.key
    session.grade(5)
    normal = sm2_after(today, 5)
    assert normal.due > interview  # what SM-2 alone would do
    interval, due = states(ctx)[key]
    assert due == last_day(interview) and interval == normal.interval
    with ctx.db.read() as s:
        [log] = s.scalars(select(ReviewLogRow)).all()
    assert (log.due_after, log.interval_after) == (last_day(interview), normal.interval)

    session.undo()  # undo puts back the card as it was, date or not
    assert states(ctx)[key] == (20, today)


def test_the_daily_cap_spreads_the_final_stretch_from_the_last_day_back(make_ctx, tmp_path, clock):
    today = clock().date()
    interview = today + timedelta(days=10)
    ctx = open_with(make_ctx, tmp_path, interview, reviews_per_day=2)
    make_mature(ctx)
    session = StudySession(ctx)
    graded = []
    while session.current is not None:
        graded.append(session.current.card.key)
        session.grade(5)
    assert len(graded) == 2  # reviews_per_day also limits today's queue
    session = StudySession(ctx)  # (a new session does not lift today's limit)
    assert session.current is None
    clock.advance(days=1)
    second = StudySession(ctx)
    while second.current is not None:
        graded.append(second.current.card.key)
        second.grade(5)
    due = [states(ctx)[key][1] for key in graded]
    end = last_day(interview)
    assert due == [end, end, end - timedelta(days=1), end - timedelta(days=1)]


def test_no_date_a_cleared_date_and_the_last_day_itself_keep_sm2s_interval(make_ctx, tmp_path, clock):
    today = clock().date()
    ctx = open_with(make_ctx, tmp_path, None)
    make_mature(ctx, "beta")
    StudySession(ctx, ["beta"]).grade(5)
    assert sorted(d for _, d in states(ctx).values() if d and d > today) == [sm2_after(today, 5).due]

    # the learner's last day before the interview: nothing can come back before it any more
    ctx2 = open_with(make_ctx, tmp_path / "b", today + timedelta(days=1))
    make_mature(ctx2, "beta")
    StudySession(ctx2, ["beta"]).grade(5)
    assert sorted(d for _, d in states(ctx2).values() if d and d > today) == [sm2_after(today, 5).due]


def test_after_clearing_the_date_the_next_grade_grows_from_the_kept_interval(make_ctx, tmp_path, clock):
    today = clock().date()
    interview = today + timedelta(days=10)
    ctx = open_with(make_ctx, tmp_path, interview)
    make_mature(ctx, "beta")
    session = StudySession(ctx, ["beta"])
    key = session.current.card.key
    session.grade(5)
    assert states(ctx)[key] == (sm2_after(today, 5).interval, last_day(interview))
    ctx.close()

    clock.advance(days=9)  # the last day: the card is due
    ctx = open_with(make_ctx, tmp_path, None)  # `flashdeck interview clear`
    session = StudySession(ctx, ["beta"])
    while session.current.card.key != key:  # the other beta card, never graded, is more overdue
        session.bury()
    session.grade(5)
    assert states(ctx)[key][0] == sm2_after(today, 5, 5).interval  # as if the date had never been set


def test_a_mock_grade_keeps_to_the_date(make_ctx, tmp_path, clock):
    from flashdeck.services import mock as mock_service
    from flashdeck.services.mock import MockRun

    interview = clock().date() + timedelta(days=10)
    ctx = open_with(make_ctx, tmp_path, interview)
    make_mature(ctx)
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 10, seed=1))
    for _ in run.answers:
        clock.advance(seconds=30)
        run.lock_current()
    for position, _ in enumerate(run.answers):
        run.confirm(position, 5)
    run.finish()
    graded = {a.card_key for a in run.answers}
    assert {states(ctx)[key][1] for key in graded} == {last_day(interview)}


@pytest.mark.parametrize("with_date", [False, True])
def test_before_the_interview_due_reviews_come_weakest_first(make_ctx, tmp_path, clock, with_date):
    from flashdeck.domain.memory import MemoryModel, memory_from
    from flashdeck.store.models import CardMemoryRow

    now = clock().timestamp()
    stabilities = {"alpha/a1": 40.0, "alpha/a2": 3.0, "alpha/a3": 12.0, "alpha/a4": 1.5, "beta/b1": 8.0, "beta/b2": 20.0}
    interview = clock().date() + timedelta(days=10) if with_date else None
    ctx = open_with(make_ctx, tmp_path, interview)
    make_mature(ctx)
    with ctx.db.write() as s:
        for key, stability in stabilities.items():
            card_id = s.scalar(select(CardRow.id).where(CardRow.key == key))
            s.add(CardMemoryRow(card_id=card_id, stability=stability, difficulty=5.0, state=2, step=None,
                                last_review_ts=now - 5 * 86400, reviews=3))
    session, got = StudySession(ctx), []
    while session.current is not None:
        got.append(session.current.card.key)
        session.bury()
    if interview is None:
        assert got == list(stabilities)  # all due today: deck and file order
    else:
        model = MemoryModel()
        recall = {k: model.recall(memory_from(s_, 5.0, 2, None, now - 5 * 86400, 3), clock()) for k, s_ in stabilities.items()}
        assert got == sorted(stabilities, key=recall.get)  # lowest predicted recall first
        assert got[0] == "alpha/a4"


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
