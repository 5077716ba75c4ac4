"""The mock interview in the TUI, driven by Pilot over a real database with an injected clock:
the tests move the FakeClock and call the screen's tick (what its interval does), never sleep."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from textual.widgets import Input, Static, TextArea

from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockOptions
from flashdeck.store.models import ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.screens.mock import MockScreen, ResumeScreen
from flashdeck.tui.screens.mock_report import MockReportScreen
from flashdeck.tui.screens.mock_review import MockReviewScreen
from flashdeck.tui.screens.mock_setup import MockSetupScreen
from flashdeck.tui.widgets.card_text import CardText, card_markdown

SIZE = (120, 36)


@pytest.fixture
def make_ctx(backend_make_ctx):
    """The screens on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx


def mock_app(ctx, **options) -> FlashdeckApp:
    options.setdefault("minutes", 10)
    options.setdefault("seed", 1)
    app = FlashdeckApp(ctx, start="mock")
    app.mock_options = MockOptions(**options)
    return app


def text(screen, widget_id: str) -> str:
    widget = screen.query_one(widget_id)
    return widget.source if isinstance(widget, CardText) else str(widget.render())


def screen_text(screen) -> str:
    return "\n".join(text(screen, f"#{w.id}") for w in screen.query("Static") if w.id and w.display)


async def wait_for(pilot, condition, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.05)


async def start(pilot, app) -> MockScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MockScreen)
    assert "Enter" in text(screen, "#mock-keys") and screen.run is None
    await pilot.press("enter")
    await pilot.pause()
    assert screen.run is not None and screen.run.state == "running"
    return screen


async def test_time_running_out_locks_questions_and_ends_the_interview(ctx, clock):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        run = screen.run
        budgets = [a.budget_seconds for a in run.answers]
        assert [a.kind for a in run.answers] == ["concept", "math", "scenario"]
        clock_bar = text(screen, "#mock-clock")
        assert "Question 1/3" in clock_bar and f"{budgets[0] // 60}:{budgets[0] % 60:02d} left" in clock_bar
        assert "Interview 10:00 left" in clock_bar
        card = run.card(0)
        assert card_markdown(card.back).strip()[:20] not in screen_text(screen)  # no answer while the clock runs
        await pilot.press(*"my answer")
        await pilot.pause()
        assert run.answers[0].answer == "my answer"  # saved as typed

        clock.advance(seconds=budgets[0] - 20)  # the warning near the end of the question
        screen.tick()
        await pilot.pause()
        assert screen.query_one("#mock-clock").has_class("warn") and "0:20 left" in text(screen, "#mock-clock")

        clock.advance(seconds=21)
        screen.tick()
        await pilot.pause()
        assert run.current == 1 and run.answers[0].locked and run.answers[0].answer == "my answer"
        assert "Question 2/3" in text(screen, "#mock-clock")
        assert screen.query_one("#mock-formula", Input).display and screen.focused.id == "mock-formula"
        assert run.card(1).answer not in screen_text(screen)

        clock.advance(seconds=3600)  # the interview's time is up
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, MockReviewScreen)
        assert run.state == "review" and all(a.locked for a in run.answers)
        assert [a.used_ms for a in run.answers] == [b * 1000 for b in budgets]


async def test_answers_survive_a_restart_and_the_gap_is_a_pause(ctx, clock, make_ctx):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press(*"variance of q dot k")
        clock.advance(seconds=30)
        screen.tick()
        await pilot.pause()
        session_id = screen.run.id
    # the terminal closed; later, another flashdeck over the same home
    clock.advance(minutes=30)
    again = mock_app(make_ctx())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        assert "1 of 3" not in text(again.screen, "Static") and "0 of 3 questions locked" in str(
            again.screen.query_one(Static).render())
        await pilot.press("r")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MockScreen) and screen.run.id == session_id
        typed = screen.query_one("#mock-typed", TextArea)
        assert typed.text == "variance of q dot k" and screen.run.state == "running"
        assert screen.run.answers[0].used_ms == 30_000
        assert screen.run.info.pause_count == 1 and screen.run.info.paused_seconds == 30 * 60
        await pilot.press(*" and softmax")
        await pilot.pause()
        assert screen.run.answers[0].answer == "variance of q dot k and softmax"


async def test_a_resumed_formula_is_continued_not_replaced(ctx, clock, make_ctx):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.press(*"12*d")
        await pilot.pause()
        assert screen.run.answers[1].answer == "12*d"
    again = mock_app(make_ctx())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = again.screen
        assert screen.query_one("#mock-formula", Input).value == "12*d"
        await pilot.press(*"**2")
        await pilot.pause()
        assert screen.run.answers[1].answer == "12*d**2"


async def test_pause_hides_the_question_stops_the_clock_and_is_recorded(ctx, clock):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        clock.advance(seconds=10)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.run.state == "paused" and "PAUSED" in text(screen, "#mock-clock")
        assert "Paused" in text(screen, "#mock-front") and not screen.query_one("#mock-typed").display
        clock.advance(seconds=120)
        screen.tick()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.run.state == "running" and screen.query_one("#mock-typed").display
        assert screen.run.answers[0].used_ms == 10_000
        assert (screen.run.info.pause_count, screen.run.info.paused_seconds) == (1, 120)


async def test_math_checked_review_confirms_grades_and_the_report_matches(ctx, clock, tmp_path):
    report_file = tmp_path / "out" / "mock.md"
    app = mock_app(ctx, report=report_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        run = screen.run
        await pilot.press(*"To keep the variance at one")
        clock.advance(seconds=50)
        await pilot.press("ctrl+n")  # lock early
        await pilot.pause()
        assert run.answers[0].locked and run.answers[0].used_ms == 50_000 and run.current == 1
        await pilot.press(*"12d^2", "enter")  # not readable: says where, not whether it is right
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Cannot read it" in text(screen, "#mock-feedback") and run.current == 1
        screen.query_one("#mock-formula", Input).value = ""
        await pilot.press(*"12*d**2", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Enter only says it can be read; the answer stays open until Ctrl+N or the clock
        assert "Readable" in text(screen, "#mock-feedback") and "Ctrl+N" in text(screen, "#mock-feedback")
        assert not run.answers[1].locked and run.current == 1
        assert "equivalent" not in screen_text(screen)  # the verdict waits for the review
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert run.answers[1].locked and run.answers[1].auto_grade == 5 and run.current == 2
        await pilot.press(*"lower the temperature and add a repetition penalty")
        clock.advance(milliseconds=run.answers[2].allowed_ms)  # its budget and the time carried over
        screen.tick()
        await pilot.pause()

        review = app.screen
        assert isinstance(review, MockReviewScreen) and review.index == 0
        assert "To keep the variance at one" in text(review, "#rv-answer")
        assert card_markdown(run.card(0).back).strip()[:15] in text(review, "#rv-back")  # now the reference shows
        await pilot.press("4")
        await pilot.pause()
        assert review.index == 1 and "✓" in text(review, "#rv-check")
        await pilot.press("2")  # a checker's grade is not chosen by hand
        await pilot.pause()
        assert run.answers[1].grade is None
        await pilot.press("enter")
        await pilot.pause()
        assert run.answers[1].grade == 5 and review.index == 2
        status = text(review, "#rv-status")  # the scenario had the earlier questions' spare time too
        assert "carried over from earlier questions" in status, status
        points = text(review, "#rv-points")
        assert "✓ repetition penalty" in points and "✓ temperature" in points
        await pilot.press("3")
        await pilot.press("f")
        await pilot.pause()

        report_screen = app.screen
        assert isinstance(report_screen, MockReportScreen)
        report = report_screen.report
        assert [q.grade for q in report.questions] == [4, 5, 3]
        assert report.score == 80.0 and "80.0%" in text(report_screen, "#report")
        assert [q.used_seconds for q in report.questions][0] == 50.0
        assert report_file.exists() and "80.0%" in report_file.read_text()
        await pilot.press("w")
        await pilot.pause()
    with ctx.db.read() as s:
        assert [(r.quality, r.mode) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))] == [
            (4, "mock"), (5, "mock"), (3, "mock")]
    assert mock_service.history(ctx)[0]["score"] == 80.0


async def test_score_an_unfinished_mock_as_it_stands(ctx, clock, make_ctx):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press(*"half")
        clock.advance(seconds=15)
        screen.tick()
        await pilot.pause()
    again = mock_app(make_ctx())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        review = again.screen
        assert isinstance(review, MockReviewScreen)
        assert review.run.state == "review" and all(a.locked for a in review.run.answers)
        assert text(review, "#rv-answer") == "half"
        assert review.run.answers[1].auto_grade == 0  # nothing typed for the formula


async def test_leaving_keeps_it_paused_and_new_discards_it(ctx, clock, make_ctx):
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press("escape", "escape", "y")
        await pilot.pause()
    assert mock_service.resumable(ctx).state == "paused"
    again = mock_app(make_ctx())
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, MockScreen) and again.screen.run is None
    assert mock_service.resumable(ctx) is None
    assert [r["state"] for r in mock_service.history(ctx)] == ["abandoned"]
    assert screen is not None


async def test_home_m_asks_the_choices_and_starts(ctx, clock):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        setup.query_one("#setup-minutes", Input).value = "12"
        setup.query_one("#setup-topics", Input).value = "nope"
        setup.query_one("#setup-minutes", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is setup and "unknown topic 'nope'" in text(setup, "#setup-error")
        setup.query_one("#setup-topics", Input).value = "transformer.attention,transformer.architecture"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen) and screen.options.minutes == 12
        assert "12 minutes" in text(screen, "#mock-front")
        await pilot.press("enter")
        await pilot.pause()
        assert {a.card_key for a in screen.run.answers} <= {"alpha/a1", "alpha/a2", "alpha/a3"}
        assert screen.run.info.topics == ("transformer.attention", "transformer.architecture")
