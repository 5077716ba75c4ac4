"""A review session over a real SQLite file: order, limits, repeats, undo, bury, suspend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from flashdeck.domain.studyday import study_day
from flashdeck.services import decks, stats
from flashdeck.services.study import StaleUndo, StudySession
from flashdeck.store.models import CardStateRow, ReviewLogRow


def keys(session: StudySession) -> list[str]:
    order = []
    while session.current is not None:
        order.append(session.current.card.key)
        session.bury()
    return order


def log_rows(ctx):
    with ctx.db.read() as s:
        return s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()


def test_new_cards_in_file_order(ctx):
    session = StudySession(ctx)
    assert session.progress.left == 6
    assert keys(session) == ["alpha/a1", "alpha/a2", "alpha/a3", "alpha/a4", "beta/b1", "beta/b2"]


def test_grade_is_logged_with_before_and_after(ctx, clock):
    session = StudySession(ctx, ["beta"])
    session.grade(4, duration_ms=3200)
    [row] = log_rows(ctx)
    assert (row.quality, row.duration_ms, row.study_day) == (4, 3200, ctx.today())
    assert (row.reps_before, row.ease_before, row.interval_before, row.due_before) == (0, 250, 0, None)
    assert (row.reps_after, row.ease_after, row.interval_after, row.due_after) == (1, 250, 1, ctx.today() + timedelta(1))
    assert session.progress.done == 1 and session.progress.left == 1


def test_due_reviews_first_most_overdue_first_then_new_then_repeats(ctx, clock):
    first = StudySession(ctx, ["alpha"])
    for quality in (5, 5, 5, 5):  # a1..a4 all due tomorrow
        first.grade(quality)
    clock.advance(days=1)
    second = StudySession(ctx, ["alpha"])
    second.grade(5)  # a1 -> due in 6 days
    for _ in range(3):
        second.grade(5)
    clock.advance(days=9)  # a1..a4 due on day+7, now overdue by 2
    # make a3 the most overdue
    with ctx.db.write() as s:
        s.get(CardStateRow, 3).due = ctx.today() - timedelta(days=5)
    session = StudySession(ctx)
    assert [session.current.card.key] == ["alpha/a3"]
    order = keys(session)
    assert order[:4] == ["alpha/a3", "alpha/a1", "alpha/a2", "alpha/a4"]
    assert order[4:] == ["beta/b1", "beta/b2"]


def test_failed_and_quality_three_cards_come_back_in_the_session(ctx):
    session = StudySession(ctx, ["beta"])
    session.grade(1)  # b1 fails -> back at the end
    assert session.current.card.key == "beta/b2"
    session.grade(3)  # b2 passes with difficulty -> needs a repeat
    assert session.current.card.key == "beta/b1" and session.progress.left == 2
    session.grade(4)  # b1 relearned: due tomorrow
    assert session.current.card.key == "beta/b2"
    session.grade(5)  # repeat confirms b2: due today + 1
    assert session.current is None
    with ctx.db.read() as s:
        states = {r.card_id: r for r in s.scalars(select(CardStateRow))}
    tomorrow = ctx.today() + timedelta(1)
    assert states[5].due == tomorrow and states[6].due == tomorrow
    assert not states[5].needs_extra_review and not states[6].needs_extra_review


def test_pending_repeat_survives_leaving_the_session(ctx):
    StudySession(ctx, ["beta"]).grade(3)
    again = StudySession(ctx, ["beta"])
    assert [again.current.card.key, again.progress.left] == ["beta/b2", 2]
    assert keys(again) == ["beta/b2", "beta/b1"]


def test_multi_level_undo_restores_state_and_queue(ctx):
    session = StudySession(ctx, ["alpha"])
    session.grade(5)
    session.grade(1)
    session.bury()
    assert session.current.card.key == "alpha/a4"
    assert session.undo() == "bury"
    assert session.current.card.key == "alpha/a3"
    assert session.undo() == "grade"
    assert session.current.card.key == "alpha/a2" and session.progress.left == 3  # the requeued a2 is gone
    assert session.undo() == "grade"
    assert session.current.card.key == "alpha/a1" and session.progress.done == 0
    assert log_rows(ctx) == []
    with ctx.db.read() as s:
        assert all(r.due is None and r.repetitions == 0 and r.buried_until is None for r in s.scalars(select(CardStateRow)))
    with pytest.raises(StaleUndo):
        session.undo()


def test_undo_refuses_when_the_card_was_reviewed_elsewhere_since(ctx, make_ctx):
    mine = StudySession(ctx, ["beta"])
    mine.grade(1)  # b1 failed: a same-day repeat
    other = StudySession(make_ctx(), ["beta"])  # another flashdeck on the same database
    assert other.current.card.key == "beta/b2"
    other.grade(5)
    assert other.current.card.key == "beta/b1"
    other.grade(4)
    with pytest.raises(StaleUndo, match="reviewed again since"):
        mine.undo()
    assert [r.quality for r in log_rows(ctx)] == [1, 5, 4]


def test_suspend_and_bury(ctx, clock):
    session = StudySession(ctx, ["beta"])
    session.suspend()
    session.bury()
    assert session.current is None
    assert StudySession(ctx, ["beta"]).current is None
    clock.advance(days=1)
    again = StudySession(ctx, ["beta"])
    assert keys(again) == ["beta/b2"]  # buried one is back, suspended one is not


def test_new_card_daily_limit(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nnew_per_day = 3\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    session = StudySession(ctx)
    assert session.progress.left == 3
    session.grade(5)
    assert stats.summary(ctx)["new_available"] == 2
    assert StudySession(ctx).progress.left == 2  # one already introduced today


def test_bad_config_falls_back_with_a_warning(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nnew_per_day = 'lots'\n")
    ctx = make_ctx(home)
    assert ctx.settings.new_per_day == 20
    assert ctx.warnings == [f"{home / 'config.toml'}: study.new_per_day must be a whole number 0-10000, got 'lots'; using 20"]


def test_study_day_rolls_over_at_four(ctx, clock):
    assert study_day(datetime(2026, 3, 2, 3, 59)) == date(2026, 3, 1)
    assert study_day(datetime(2026, 3, 2, 4, 0)) == date(2026, 3, 2)
    clock.now = clock.now.replace(hour=1)  # 01:00 on the 2nd still belongs to the 1st
    assert ctx.today() == date(2026, 3, 1)


def test_nothing_due_says_when_next(ctx, clock):
    session = StudySession(ctx, ["beta"])
    session.grade(5)
    session.grade(5)
    assert session.current is None
    assert StudySession(ctx, ["beta"]).next_due() == ctx.today() + timedelta(1)


def test_stats_counts(ctx):
    session = StudySession(ctx, ["beta"])
    session.grade(1)
    session.grade(5)
    figures = stats.summary(ctx)
    assert {k: figures[k] for k in ("cards_total", "due_today", "new_available", "reviews_total", "reviews_today")} == {
        "cards_total": 6, "due_today": 1, "new_available": 4, "reviews_total": 2, "reviews_today": 2}


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
