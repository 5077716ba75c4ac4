"""FSRS as the scheduler, by choice (issue 18), on a real SQLite file: whole histories graded
through flashdeck land on the days py-fsrs's own review_card loop gives, and switching between
SM-2 and FSRS keeps every card's history."""

from __future__ import annotations

import random
from datetime import timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from flashdeck.domain import sm2
from flashdeck.domain.studyday import study_day
from flashdeck.services import decks
from flashdeck.services.settings import set_setting
from flashdeck.services.study import StudySession
from flashdeck.store import study as store
from flashdeck.domain.memory import MemoryModel, Review
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow, ReviewLogRow

RATING = {0: Rating.Again, 1: Rating.Again, 2: Rating.Again, 3: Rating.Hard, 4: Rating.Good, 5: Rating.Easy}


def open_with(make_ctx, tmp_path, scheduler: str, retention: float = 0.9):
    home = tmp_path / "home"
    set_setting(home / "config.toml", "study", "scheduler", scheduler)
    set_setting(home / "config.toml", "study", "desired_retention", retention)
    ctx = make_ctx(home)
    decks.sync(ctx)
    return ctx


def card_state(ctx, key: str):
    with ctx.db.read() as s:
        card_id = s.scalar(select(CardRow.id).where(CardRow.key == key))
        return card_id, s.get(CardStateRow, card_id), s.get(CardMemoryRow, card_id)


@pytest.mark.parametrize("seed, retention", [(1, 0.9), (2, 0.9), (3, 0.8), (4, 0.95), (5, 0.9)])
def test_a_whole_history_lands_on_py_fsrs_days(make_ctx, tmp_path, clock, seed, retention):
    ctx = open_with(make_ctx, tmp_path, "fsrs", retention)
    choice = ctx.fsrs_choice()
    assert choice is not None and choice.desired_retention == retention
    rng = random.Random(seed)
    reference, card = Scheduler(enable_fuzzing=False, desired_retention=retention), Card()
    card_id, _, _ = card_state(ctx, "alpha/a1")
    for _ in range(25):
        quality = rng.choice([1, 3, 4, 4, 5])
        now_utc = ctx.now_utc()
        with ctx.db.write() as s:
            outcome = store.grade(s, card_id, quality, ctx.today(), now_utc, 0, fsrs=choice)
        card, _ = reference.review_card(card, RATING[quality], now_utc.replace(tzinfo=timezone.utc))
        _, state, memory = card_state(ctx, "alpha/a1")
        expected_day = study_day(card.due.astimezone(clock().tzinfo), ctx.settings.day_starts_at)
        assert state.due == max(expected_day, ctx.today())
        assert (memory.stability, memory.difficulty) == (card.stability, card.difficulty)
        assert outcome.repeat_today == (expected_day <= ctx.today())
        # the learner comes back when the card is due: minutes later for a learning step
        if expected_day <= ctx.today():
            clock.advance(seconds=max(60, (card.due - now_utc.replace(tzinfo=timezone.utc)).total_seconds()))
        else:
            clock.advance(days=(state.due - ctx.today()).days, minutes=rng.randint(-120, 120))


def test_switching_keeps_the_history_and_sm2_continues_from_its_own_state(make_ctx, tmp_path, clock):
    ctx = open_with(make_ctx, tmp_path, "sm2")
    session = StudySession(ctx, ["beta"])
    key = session.current.card.key
    session.grade(5)
    _, sm2_state, _ = card_state(ctx, key)
    assert (sm2_state.interval, sm2_state.due) == (1, ctx.today() + timedelta(days=1))
    ctx.close()

    clock.advance(days=1)
    ctx = open_with(make_ctx, tmp_path, "fsrs")
    session = StudySession(ctx, ["beta"])
    assert session.current.card.key == key
    session.grade(4)
    card_id, fsrs_state, memory = card_state(ctx, key)
    assert memory.reviews == 2  # the SM-2 review is in the memory too: the log is the truth
    assert fsrs_state.repetitions == 2 and fsrs_state.due > ctx.today()  # SM-2's count still moves
    with ctx.db.read() as s:
        log = s.execute(select(ReviewLogRow.reviewed_at, ReviewLogRow.quality).where(ReviewLogRow.card_id == card_id)
                        .order_by(ReviewLogRow.id)).all()
    replayed = MemoryModel().replay(Review(at, q) for at, q in log)  # py-fsrs over the whole history
    assert fsrs_state.due == study_day(replayed.due.astimezone(clock().tzinfo), ctx.settings.day_starts_at)
    sm2_alone = sm2.review(sm2.SM2State(1, sm2.Fraction(sm2_state.easiness_pct, 100), 1, ctx.today()), 4, ctx.today())
    assert fsrs_state.due != sm2_alone.due  # not what SM-2 alone says (6 days)
    ctx.close()

    clock.advance(days=(fsrs_state.due - clock().date()).days)
    ctx = open_with(make_ctx, tmp_path, "sm2")  # and back
    session = StudySession(ctx, ["beta"])
    while session.current is not None and session.current.card.key != key:
        session.bury()
    session.grade(5)
    _, back, _ = card_state(ctx, key)
    expected = sm2.review(sm2.SM2State(fsrs_state.repetitions, sm2.Fraction(fsrs_state.easiness_pct, 100),
                                       fsrs_state.interval, fsrs_state.due), 5, ctx.today())
    assert (back.interval, back.due) == (expected.interval, expected.due)


def test_a_cram_grade_moves_no_schedule_with_fsrs_either(make_ctx, tmp_path):
    ctx = open_with(make_ctx, tmp_path, "fsrs")
    session = StudySession(ctx, ["beta"], cram=True)
    key = session.current.card.key
    session.grade(5)
    _, state, memory = card_state(ctx, key)
    assert state.due is None and memory.reviews == 1


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
