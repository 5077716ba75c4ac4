"""Each card's FSRS memory kept beside it (card_memory, issue 18) on a real SQLite file: live
grading, undo and the 0005 migration all give what a replay of the review log gives, and the
readiness report reads them."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

import pytest
from migrations import database_at
from sqlalchemy import select

from flashdeck.domain.calibration import LoggedReview, summarise
from flashdeck.domain.readiness import noon
from flashdeck.domain.memory import MemoryModel, Review, forward, memory_fields, readiness
from flashdeck.store import calibration as calibration_store
from flashdeck.store.stats import session_fetch
from flashdeck.services import readiness as readiness_service
from flashdeck.services.study import StudySession
from flashdeck.store.db import open_database
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow, ReviewLogRow


def replayed(ctx) -> dict[int, dict]:
    """card id -> memory_fields of a replay of its log rows, oldest first."""
    model, result = MemoryModel(), {}
    with ctx.db.read() as s:
        rows = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
                         .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
    for card_id in {r[0] for r in rows}:
        memory = model.replay(Review(at, q) for c, at, q in rows if c == card_id)
        result[card_id] = memory_fields(memory)
    return result


def kept(ctx) -> dict[int, dict]:
    with ctx.db.read() as s:
        return {row.card_id: {"stability": row.stability, "difficulty": row.difficulty, "state": row.state,
                              "step": row.step, "last_review_ts": row.last_review_ts, "reviews": row.reviews}
                for row in s.scalars(select(CardMemoryRow))}


def study(ctx, clock, days: int, seed: int, *, cram_every: int = 0) -> int:
    """`days` of daily review with random grades (and some undos); the number of grades left."""
    rng = random.Random(seed)
    for day in range(days):
        session = StudySession(ctx, cram=bool(cram_every) and day % cram_every == cram_every - 1)
        while session.current is not None:
            clock.advance(seconds=rng.randint(5, 90))
            session.grade(rng.choice([0, 2, 3, 4, 4, 5, 5]))
            if rng.random() < 0.15:
                session.undo()
        clock.advance(days=1, hours=rng.randint(-3, 3))
    with ctx.db.read() as s:
        return len(s.scalars(select(ReviewLogRow.id)).all())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_live_grading_and_undo_keep_what_a_replay_of_the_log_gives(ctx, clock, seed):
    graded = study(ctx, clock, days=25, seed=seed, cram_every=7)
    assert graded > 50
    assert kept(ctx) == replayed(ctx) and len(kept(ctx)) == 6


def test_undoing_a_cards_only_grade_forgets_its_memory(ctx):
    session = StudySession(ctx, ["beta"])
    session.grade(4)
    assert len(kept(ctx)) == 1
    session.undo()
    assert kept(ctx) == {}


def test_migration_0005_computes_the_memories_from_an_old_log(tmp_path):
    path = database_at(tmp_path / "old.sqlite3", "0004")
    start = datetime(2026, 3, 1, 10, 0)
    rng = random.Random(7)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        for card in (1, 2, 3):
            conn.execute("INSERT INTO cards (id, key, deck_id, card_id, kind, topics, front, back, explanation,"
                         " source, extra, content_hash, position, line, retired, changed_at) VALUES"
                         f" ({card}, 'd/c{card}', 'd', 'c{card}', 'concept', '[]', 'f', 'b', '', '', '{{}}', 'h',"
                         f" {card}, 1, 0, '2026-03-01 10:00:00')")
        at = start
        for _ in range(40):
            at += timedelta(hours=rng.randint(1, 80))
            conn.execute("INSERT INTO review_log (card_id, reviewed_at, study_day, quality, duration_ms, mode,"
                         " reps_before, ease_before, interval_before, extra_before, lapses_before, reps_after,"
                         " ease_after, interval_after, extra_after) VALUES (?, ?, ?, ?, 0, 'review', 0, 250, 0,"
                         " 0, 0, 1, 250, 1, 0)",
                         (rng.choice([1, 2]), at.isoformat(sep=" "), at.date().isoformat(), rng.randint(0, 5)))
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            stored = {row.card_id: row for row in s.scalars(select(CardMemoryRow))}
            rows = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality,
                                    ReviewLogRow.interval_before).order_by(ReviewLogRow.reviewed_at)).all()
            sums = calibration_store.read(session_fetch(s))
    finally:
        db.close()
    assert set(stored) == {1, 2}  # card 3 was never reviewed
    predictions = []
    for card_id, row in stored.items():
        memory = MemoryModel().replay(Review(at, q) for c, at, q, _ in rows if c == card_id)
        assert (row.stability, row.difficulty, row.reviews) == (memory.stability, memory.difficulty, memory.reviews)
        said, _ = forward([LoggedReview(at, q, i) for c, at, q, i in rows if c == card_id], MemoryModel())
        predictions += [p for p in said if p is not None]
    assert sums.reviews == len(predictions) > 10 and sums == summarise(predictions)


def test_the_readiness_report_is_the_domain_readiness_of_the_replayed_memories(ctx, clock):
    """services.readiness reads stored memories and computes the curve itself (no py-fsrs):
    it must give what domain.memory (py-fsrs) gives from a replay of the log, on every day."""
    study(ctx, clock, days=12, seed=5)
    with ctx.db.write() as s:  # a suspended card is not being studied: it is left out
        s.get(CardStateRow, s.scalar(select(CardRow.id).where(CardRow.key == "beta/b2"))).suspended = True
    model = MemoryModel()
    with ctx.db.read() as s:
        cards = s.execute(select(CardRow.id, CardRow.key, CardRow.topics).where(CardRow.key != "beta/b2")).all()
        rows = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
                         .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
    memories = {key: model.replay(Review(at, q) for c, at, q in rows if c == card_id) for card_id, key, _ in cards}
    topics = {key: t for _, key, t in cards}
    tz = ctx.now().tzinfo

    def expected(day):
        return readiness(model, memories, topics, datetime.fromtimestamp(noon(day, tz), tz))

    report = readiness_service.report(ctx)  # no date: today, and the curve to a week on
    assert report.day == ctx.today() and report.interview is None
    assert report.overall == pytest.approx(expected(report.day).overall, abs=5e-5)
    assert dict(report.by_topic) == pytest.approx(expected(report.day).by_topic, abs=5e-5)
    assert [d for d, _, _ in report.curve] == [ctx.today() + timedelta(days=i) for i in range(8)]
    for day, overall, started in report.curve:
        assert overall == pytest.approx(expected(day).overall, abs=5e-5)
        assert started == overall  # every studied card has been started
    assert 0 < report.in_a_week < report.overall < 1  # a week without review: less is recalled
    assert report.cards == 5 and report.reviewed == 5
    assert [k for k, _ in report.at_risk] == [k for k, _ in expected(report.day).at_risk[:5]]


def test_default_decay_is_py_fsrs_default():
    from fsrs import Scheduler

    assert readiness_service.DEFAULT_DECAY == Scheduler().parameters[20]


def test_once_the_interview_has_passed_readiness_is_for_today_again(make_ctx, tmp_path, clock):
    from flashdeck.services.settings import set_setting

    home = tmp_path / "home"
    set_setting(home / "config.toml", "study", "interview_date", clock().date() + timedelta(days=3))
    ctx = make_ctx(home)
    from flashdeck.services import decks

    decks.sync(ctx)
    study(ctx, clock, days=6, seed=2)  # the date is now behind us, with reviews since
    report = readiness_service.report(ctx)
    assert report.interview is None and report.day == ctx.today() and report.in_a_week is not None
    assert report.overall < 1  # not 'certain' because the day predicted is in the past


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
