"""The interview date in the real app (issue 18): the home screen shows the days left, and the
statistics screen plots the predicted recall up to the day, from the memories the grades keep."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from test_interview_grading import open_with
from test_tui_stats import SIZE, open_stats

from flashdeck.services.study import StudySession
from flashdeck.tui.app import FlashdeckApp


async def test_home_shows_the_interview_date_and_the_days_left(make_ctx, tmp_path, clock):
    day = clock().date() + timedelta(days=12)
    ctx = open_with(make_ctx, tmp_path, day)
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#today", Static).render())
        assert f"Interview  {day.isoformat()} · 12 days left" in text


async def test_home_says_nothing_of_an_interview_without_a_date(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Interview" not in str(app.screen.query_one("#today", Static).render())


async def test_the_stats_screen_plots_recall_up_to_the_interview(make_ctx, tmp_path, clock):
    day = clock().date() + timedelta(days=10)
    ctx = open_with(make_ctx, tmp_path, day)
    session = StudySession(ctx)
    for _ in range(3):
        session.grade(4)
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        text = str(screen.query_one("#stats-readiness", Static).render())
        r = screen.figures.readiness
        assert r.interview == day and r.reviewed == 3 and len(r.curve) == 11
        assert "Predicted recall on the interview day" in text and f"{r.started:.0%} of the 3 you have started" in text
        assert "100%┤" in text and day.strftime("%d %b") in text  # the plot runs to the day
