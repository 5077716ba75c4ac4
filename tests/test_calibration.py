"""Calibration (issue 18): predictions are made forward in time only, the model closer to a
synthetic learner's true forgetting gets the lower log loss, and what the grades store on a real
SQLite file is what a forward replay of the log gives."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from flashdeck.domain import sm2
from flashdeck.domain.calibration import LoggedReview, Prediction, log_loss, summarise
from flashdeck.domain.memory import Memory, MemoryModel, Review, forward, predict
from flashdeck.services import stats
from flashdeck.services.study import StudySession
from flashdeck.store import calibration as calibration_store
from flashdeck.store import memory as memory_store
from flashdeck.store.models import CalibrationSumsRow, ReviewLogRow
from flashdeck.store.stats import session_fetch

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
MODEL = MemoryModel()


def learner(truth: str, cards: int, seed: int) -> list[list[LoggedReview]]:
    """A synthetic learner reviewing `cards` cards on SM-2's schedule, who recalls each review
    with the probability `truth` ("fsrs" or "sm2") predicts from the reviews before it."""
    rng = random.Random(seed)
    histories = []
    for _ in range(cards):
        state, at, memory, reviews = sm2.NEW_CARD, START + timedelta(hours=rng.randint(0, 48)), None, []
        for _ in range(12):
            review = LoggedReview(at, 0, state.interval)
            said = predict(memory, review, MODEL)
            p = 1.0 if said is None else (said.fsrs if truth == "fsrs" else said.sm2)
            grade = 4 if rng.random() < p else 1
            reviews.append(LoggedReview(at, grade, state.interval))
            memory = MODEL.step(memory, Review(at, grade))
            state = sm2.review(state, grade, at.date())
            at += timedelta(days=max(1, (state.due - at.date()).days), minutes=rng.randint(-90, 90))
        histories.append(reviews)
    return histories


def scored(histories) -> tuple[float, float]:
    predictions = [p for reviews in histories for p in forward(reviews, MODEL)[0] if p is not None]
    figures = summarise(predictions)
    assert figures.reviews > 1000
    return figures.fsrs_log_loss, figures.sm2_log_loss


@pytest.mark.parametrize("seed", [1, 2])
def test_the_model_closer_to_the_learner_gets_the_lower_log_loss(seed):
    fsrs, sm2_ = scored(learner("fsrs", 150, seed))
    assert fsrs < sm2_
    fsrs, sm2_ = scored(learner("sm2", 150, seed))
    assert sm2_ < fsrs


def leaky(reviews, model):
    """Predicts each review with the stability its own grade gave: the outcome leaks in (after a
    miss the stability drops, so the 'prediction' is low exactly when the learner forgot)."""
    memory, out = None, []
    for review in reviews:
        before = memory
        memory = model.step(memory, Review(review.at, review.grade))
        honest = predict(before, review, model)
        if honest is None:
            out.append(None)
            continue
        peeked = Memory(memory.stability, memory.difficulty, before.last_review, before.reviews, None)
        out.append(Prediction(model.recall(peeked, review.at), honest.sm2, honest.recalled))
    return out, memory


def assert_forward_only(evaluate, histories) -> None:
    """Each prediction must equal one made from a replay of the reviews before it only."""
    for reviews in histories:
        said, _ = evaluate(reviews, MODEL)
        for i, review in enumerate(reviews):
            prefix = MODEL.replay(Review(r.at, r.grade) for r in reviews[:i])
            assert said[i] == predict(prefix, review, MODEL), f"review {i} was predicted with later reviews"


def test_predictions_read_only_the_reviews_before_them_and_a_leak_is_caught():
    histories = learner("fsrs", 20, 3)
    assert_forward_only(forward, histories)
    with pytest.raises(AssertionError, match="predicted with later reviews"):
        assert_forward_only(leaky, histories)
    leaked = [p for reviews in histories for p in leaky(reviews, MODEL)[0] if p is not None]
    honest = [p for reviews in histories for p in forward(reviews, MODEL)[0] if p is not None]
    assert summarise(leaked).fsrs_log_loss < summarise(honest).fsrs_log_loss  # why leaking must be caught


def test_first_reviews_and_same_day_repeats_are_not_scored():
    first = LoggedReview(START, 4, 0)
    again = LoggedReview(START + timedelta(hours=3), 4, 1)
    later = LoggedReview(START + timedelta(days=2), 1, 1)
    said, _ = forward([first, again, later], MODEL)
    assert said[0] is None and said[1] is None and said[2] is not None and not said[2].recalled
    assert Prediction(0.0, 1.0, True).fsrs_loss == log_loss(0.0, True) < 20  # clipped: finite


def test_grading_and_undo_keep_the_sums_of_the_forward_predictions(ctx, clock):
    rng = random.Random(9)
    for _ in range(30):
        session = StudySession(ctx)
        while session.current is not None:
            clock.advance(seconds=30)
            session.grade(rng.choice([1, 3, 4, 5]))
            if rng.random() < 0.15:
                session.undo()
        clock.advance(days=1)
    with ctx.db.read() as s:
        log = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality,
                               ReviewLogRow.interval_before).order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
        figures = calibration_store.read(session_fetch(s))
    expected = []
    for card in {row.card_id for row in log}:
        said, _ = forward([LoggedReview(at, q, i) for c, at, q, i in log if c == card], MODEL)
        expected += [p for p in said if p is not None]
    assert len(expected) > 20 and figures.reviews == len(expected)
    assert figures == summarise(expected)
    assert stats.read(ctx).calibration == figures
    with ctx.db.write() as s:  # a rebuild from the log gives the same sums
        memory_store.rebuild_all(s, MODEL)
    with ctx.db.read() as s:
        assert calibration_store.read(session_fetch(s)) == figures


def test_an_undo_puts_the_sums_back_exactly(ctx, clock):
    def table():
        with ctx.db.read() as s:
            return sorted(tuple(getattr(r, c) for c in ("fsrs_bin", "sm2_bin", "reviews", "fsrs", "sm2", "recalled",
                                                         "fsrs_loss", "sm2_loss"))
                          for r in s.scalars(select(CalibrationSumsRow)))

    rng = random.Random(4)
    undone = 0
    for _ in range(40):
        session = StudySession(ctx)
        while session.current is not None:
            clock.advance(seconds=30)
            before = table()
            session.grade(rng.choice([1, 3, 4, 5]))
            if rng.random() < 0.3:
                session.undo()
                assert table() == before  # to the last digit, and no row left behind
                undone += 1
        clock.advance(days=1)
    assert undone > 10 and table()


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
