"""The mock's coding question: the drill editor and the real warm judge (real torch), with the
mock's clock on top, no hints, no solution, and its grade from the checks."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from flashdeck import paths
from flashdeck.drills import WarmJudge, get_drill
from flashdeck.drills.mistakes import read_mistake
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services.mock import MockOptions
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.mock import MockScreen
from flashdeck.tui.screens.mock_drill import MockDrillScreen
from flashdeck.tui.screens.mock_report import MockReportScreen
from flashdeck.tui.screens.mock_review import MockReviewScreen
from test_tui_mock import text, wait_for

SIZE = (120, 36)


@pytest.fixture(scope="module")
def judge():
    with WarmJudge(time_limit=2.0) as warm:
        yield warm


@pytest.fixture
def dctx(make_ctx):
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    return ctx


def drill_app(ctx, judge) -> FlashdeckApp:
    app = FlashdeckApp(ctx, start="mock")
    app.mock_options = MockOptions(minutes=30, questions=2, seed=5, no_schedule=True)
    app.drill_judge = judge
    return app


async def to_the_drill(pilot, app) -> tuple[MockScreen, MockDrillScreen]:
    await pilot.pause()
    screen = app.screen
    await pilot.press("enter")
    await pilot.pause()
    assert [a.kind for a in screen.run.answers] == ["math", "drill"]
    assert screen.run.answers[1].budget_seconds > screen.run.answers[0].budget_seconds
    await pilot.press("ctrl+n")  # skip the formula
    await pilot.pause()
    assert screen.run.current == 1 and "Enter" in text(screen, "#mock-keys")
    await pilot.press("enter")
    await pilot.pause()
    drill = app.screen
    assert isinstance(drill, MockDrillScreen)
    return screen, drill


async def test_drill_passes_grades_5_without_hints_or_solution(dctx, clock, judge):
    app = drill_app(dctx, judge)
    async with app.run_test(size=SIZE) as pilot:
        screen, drill = await to_the_drill(pilot, app)
        assert "Mock · coding question 2/2" in text(drill, "#drill-status") and "left" in text(drill, "#drill-status")
        await pilot.press("ctrl+t", "ctrl+g")  # no hints, no give-up-and-see-the-solution
        await pilot.pause()
        assert not drill.query_one("#hints").display and not drill.query_one("#solution").display
        editor = drill.query_one("#code", TextArea)
        editor.load_text(get_drill(drill.drill.id).solution_path.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not drill.checking, timeout=60)
        answer = screen.run.answers[1]
        assert answer.detail["passed"] and answer.auto_grade == 5
        assert "All cases pass" in text(drill, "#results") and not drill.query_one("#solution").display
        await pilot.press("ctrl+n")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, MockReviewScreen)
        assert text(review, "#rv-answer") == "(no answer)"
        await pilot.press("enter")  # the math question: nothing typed, 0
        await pilot.pause()
        assert "def " in text(review, "#rv-answer") and "✓ passed" in text(review, "#rv-check")
        await pilot.press("enter")  # the drill: the checker's 5
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MockReportScreen)
        assert [q.grade for q in app.screen.report.questions] == [0, 5]
    # the code lives in the mock's answer: no drill attempt, no workspace file, no grade
    assert drill_service.attempts(dctx) == [] and not (dctx.home / "drills").exists()


async def test_drill_time_up_locks_the_code_and_ends(dctx, clock, judge):
    app = drill_app(dctx, judge)
    async with app.run_test(size=SIZE) as pilot:
        screen, drill = await to_the_drill(pilot, app)
        await pilot.press("end", *"# started")
        await pilot.pause()
        drill.save()
        clock.advance(milliseconds=screen.run.answers[1].allowed_ms + 1000)
        drill.tick()
        await pilot.pause()
        assert isinstance(app.screen, MockReviewScreen)
        answer = screen.run.answers[1]
        assert answer.locked and "# started" in answer.answer and answer.auto_grade == 1


async def test_the_mistake_is_named_after_the_interview_not_during_it(dctx, clock, judge):
    """Naming the mistake would answer the question: the mock's check shows the cases only,
    and its review, once the interview is over, names it."""
    app = drill_app(dctx, judge)
    async with app.run_test(size=SIZE) as pilot:
        screen, drill = await to_the_drill(pilot, app)
        wrong = get_drill(drill.drill.id).wrong_paths()[0]
        drill.query_one("#code", TextArea).load_text(wrong.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not drill.checking and "cases pass" in text(drill, "#results"), timeout=60)
        assert "✗" in text(drill, "#results") and "Classic mistake" not in text(drill, "#results")
        await wait_for(pilot, lambda: screen.run.answers[1].detail.get("checks") == 1)
        await pilot.press("ctrl+n")  # lock it: the interview is over, the review begins
        await pilot.pause()
        review = app.screen
        assert isinstance(review, MockReviewScreen)
        await pilot.press("enter")  # past the math question
        await pilot.pause()
        name = read_mistake(wrong).name
        assert "✗ not passing" in text(review, "#rv-check") and f"Classic mistake: {name}" in text(review, "#rv-check")
