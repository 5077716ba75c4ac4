"""Mock interviews over a real SQLite database with an injected clock: the clock, answers kept
as typed, pauses and interruptions, the review, SM-2, the report, the history."""

from __future__ import annotations

from migrations import database_at

import pytest
from sqlalchemy import select

from flashdeck.domain.mock import PlanError
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockRun
from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow


def plan(ctx, minutes=10, **kwargs):
    kwargs.setdefault("seed", 1)
    return mock_service.make_plan(ctx, minutes, **kwargs)


def test_plan_from_the_fixture_decks(ctx):
    p = plan(ctx, 10)
    kinds = [q.kind for q in p.questions]
    assert "math" in kinds and "drill" not in kinds and len(kinds) == 3
    assert p.total_seconds == 600
    assert plan(ctx, 10) == p
    with pytest.raises(PlanError):
        plan(ctx, 10, topics=["mlops"])


def test_time_running_out_locks_each_question_then_ends(ctx, clock):
    run = MockRun.start(ctx, plan(ctx, 10))
    budgets = [a.budget_seconds for a in run.answers]
    assert run.current == 0 and run.state == "running"
    clock.advance(seconds=budgets[0] - 1)
    assert run.tick() == [] and run.current == 0
    assert run.reading().question_left == pytest.approx(1)
    clock.advance(seconds=3)  # 2 s into the second question
    assert run.tick() == [0] and run.current == 1
    assert run.reading().question_left == pytest.approx(budgets[1] - 2)
    clock.advance(seconds=3600)
    assert run.tick() == [1, 2]
    assert run.current is None and run.state == "review"
    again = MockRun.open(ctx, run.id)
    assert [a.used_ms for a in again.answers] == [b * 1000 for b in budgets]
    assert all(a.locked for a in again.answers) and again.state == "review"


def test_answers_kept_as_typed_and_locking_early(ctx, clock):
    run = MockRun.start(ctx, plan(ctx, 10))
    run.save_answer("To keep the variance")
    clock.advance(seconds=40)
    assert run.lock_current() == 0
    assert run.answers[0].locked and run.answers[0].used_ms == 40_000
    run.save_answer("changed", position=0)  # locked: no change
    stored = MockRun.open(ctx, run.id).answers[0]
    assert stored.answer == "To keep the variance" and stored.locked
    # the 40 s used leave the rest of its budget to the next question: the interview runs on evenly
    assert run.reading().total_left == pytest.approx(600 - 40)
    assert run.answers[1].carried_ms == (run.answers[0].budget_seconds - 40) * 1000
    assert run.reading().question_left == pytest.approx(run.answers[1].allowed_ms / 1000)


def test_pause_is_recorded_and_the_clock_stops(ctx, clock):
    run = MockRun.start(ctx, plan(ctx, 10))
    clock.advance(seconds=10)
    run.pause()
    clock.advance(seconds=300)
    assert run.tick() == [] and run.reading().question_left == pytest.approx(run.answers[0].budget_seconds - 10)
    run.resume()
    clock.advance(seconds=5)
    run.tick()
    assert run.answers[0].used_ms == 15_000
    assert (run.info.pause_count, run.info.paused_seconds) == (1, 300)


def test_closing_mid_interview_reopens_paused_and_counts_the_gap(ctx, clock, make_ctx):
    run = MockRun.start(ctx, plan(ctx, 10))
    run.save_answer("half an answer")
    clock.advance(seconds=20)
    run.tick()  # the last save before the terminal closed
    clock.advance(seconds=600)  # away
    assert mock_service.resumable(ctx).id == run.id
    again = MockRun.open(make_ctx(), run.id)
    assert again.state == "paused" and again.current == 0
    assert again.answers[0].answer == "half an answer" and again.answers[0].used_ms == 20_000
    again.resume()
    assert (again.info.pause_count, again.info.paused_seconds) == (1, 600)
    clock.advance(seconds=5)
    again.tick()
    assert again.answers[0].used_ms == 25_000


def test_score_as_it_stands_locks_everything(ctx, clock):
    run = MockRun.start(ctx, plan(ctx, 10))
    run.save_answer("something")
    clock.advance(seconds=12)
    run.score_now()
    assert run.state == "review" and all(a.locked for a in run.answers)
    assert run.answers[0].used_ms == 12_000 and run.answers[1].used_ms == 0
    assert mock_service.resumable(ctx).state == "review"


def _through_review(ctx, clock, grades, **kwargs):
    run = MockRun.start(ctx, plan(ctx, 10, **kwargs.pop("plan", {})), **kwargs)
    for _ in run.answers:
        clock.advance(seconds=30)
        run.lock_current()
    for position, grade in enumerate(grades):
        run.confirm(position, grade)
    return run


def test_finish_feeds_sm2_with_mode_mock_and_a_miss_is_due_again(ctx, clock):
    run = _through_review(ctx, clock, [5, 1, 3])
    report = run.finish()
    assert run.state == "finished" and report.score == pytest.approx(100 * 9 / 15, abs=0.05)
    with ctx.db.read() as s:
        logs = s.execute(select(CardRow.key, ReviewLogRow.quality, ReviewLogRow.mode)
                         .join(CardRow, CardRow.id == ReviewLogRow.card_id).order_by(ReviewLogRow.id)).all()
        missed_key = run.answers[1].card_key
        due = s.scalar(select(CardStateRow.due).join(CardRow, CardRow.id == CardStateRow.card_id)
                       .where(CardRow.key == missed_key))
    assert [(k, q, m) for k, q, m in logs] == [(a.card_key, g, "mock") for a, g in zip(run.answers, [5, 1, 3])]
    assert due == ctx.today()  # a missed card is due again
    assert mock_service.resumable(ctx) is None


def test_no_schedule_leaves_sm2_alone(ctx, clock):
    run = _through_review(ctx, clock, [5, 1, 3], no_schedule=True)
    run.finish()
    with ctx.db.read() as s:
        assert s.scalars(select(ReviewLogRow)).all() == []


def test_finish_needs_every_grade(ctx, clock):
    run = _through_review(ctx, clock, [5, 1])
    with pytest.raises(LookupError, match="question"):
        run.finish()


def test_report_numbers_topics_trend_and_markdown(ctx, clock, tmp_path):
    first = _through_review(ctx, clock, [2, 2, 2])
    first.finish()
    clock.advance(days=1)
    second = _through_review(ctx, clock, [5, 4, 0])
    report = second.finish()
    assert report.score == 60.0
    assert [q.grade for q in report.questions] == [5, 4, 0]
    assert [q.used_seconds for q in report.questions] == [30.0, 30.0, 30.0]
    assert report.trend.previous == (40.0,) and report.trend.delta_last == 20.0
    zero_topics = set(second.answers[2].topics)
    assert {t.topic for t in report.weakest} >= zero_topics
    for t in report.topics:
        grades = [g for a, g in zip(second.answers, [5, 4, 0]) if t.topic in a.topics]
        assert t.percent == round(100 * sum(grades) / (5 * len(grades)), 1)
    path = mock_service.write_report(report, tmp_path / "r" / "mock.md")
    text = path.read_text()
    assert "60.0%" in text and "+20.0 points" in text and second.answers[0].card_key in text


def test_missed_card_is_preferred_in_the_next_mock(ctx, clock):
    run = _through_review(ctx, clock, [5, 5, 0], no_schedule=True)
    run.finish()
    missed = run.answers[2].card_key
    with ctx.db.read() as s:
        from flashdeck.store import mock as store

        counts = {c.key: c.missed for c in store.candidates(s, ctx.today())}
    assert counts[missed] == 1 and sum(counts.values()) == 1


def test_history_lists_sessions_newest_first(ctx, clock):
    _through_review(ctx, clock, [5, 5, 5]).finish()
    clock.advance(hours=2)
    MockRun.start(ctx, plan(ctx, 10, seed=3)).abandon()
    rows = mock_service.history(ctx)
    assert [r["state"] for r in rows] == ["abandoned", "finished"]
    assert rows[1]["score"] == 100.0 and rows[1]["minutes"] == 10 and rows[1]["topics"]
    assert rows[0]["score"] is None


def test_migration_0002_to_0003_keeps_data_and_adds_the_mock_tables(tmp_path):
    import sqlite3

    from sqlalchemy import func

    from flashdeck.store import schema
    from flashdeck.store.db import open_database
    from flashdeck.store.models import MockAnswerRow, MockSessionRow

    path = database_at(tmp_path / "old.sqlite3", "0002")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        conn.execute("INSERT INTO drill_attempts (drill_id, started_at, code, checks_run, hints_shown, passed, gave_up)"
                     " VALUES ('gelu', '2026-03-01 10:00:00', 'x', 1, 0, 0, 0)")
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            assert s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == schema.HEAD
            assert s.connection().exec_driver_sql("SELECT code FROM drill_attempts").scalar() == "x"
            assert s.scalar(select(func.count()).select_from(MockSessionRow)) == 0
            assert s.scalar(select(func.count()).select_from(MockAnswerRow)) == 0
    finally:
        db.close()
    # backed up first, with SQLite's backup API, into the backups folder beside the file
    assert list((tmp_path / "backups").glob(f"flashdeck-*-before-{schema.HEAD}.sqlite3"))


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
