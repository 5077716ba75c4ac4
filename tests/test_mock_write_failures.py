"""A mock answer, lock, pause, grade or finish shown as done is on disk. Real faults under the
real app (as tests/test_write_failures.py): a full disk (a small tmpfs, mounted for the test),
the database file deleted or replaced while the mock runs. The screens say "Not saved: <reason>",
retry, and never move on before the write lands. Every wait is for a state, never for time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services.mock import MockOptions
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.mock_widgets import SavesOrRetries
from flashdeck.tui.screens.mock import MockScreen
from flashdeck.tui.screens.mock_drill import MockDrillScreen
from flashdeck.tui.screens.mock_report import MockReportScreen
from flashdeck.tui.screens.mock_review import MockReviewScreen
from test_tui_mock import SIZE, mock_app, start, text
from test_write_failures import checkpoint, damage, fill, small_disk, wait_for  # noqa: F401 - the fixture


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(SavesOrRetries, "RETRY_SECONDS", 0.2)


def banner(screen) -> str:
    widget = screen.query_one("#mock-unsaved", Static)
    return str(widget.render()) if widget.display else ""


def stored(db: Path) -> list[tuple]:
    """(locked, answer, grade) of each answer of the latest mock, read from the file itself."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT locked, answer, grade FROM mock_answers WHERE session_id = "
                            "(SELECT max(id) FROM mock_sessions) ORDER BY position").fetchall()
    finally:
        conn.close()


def app_on(make_ctx, home: Path, **options) -> tuple[FlashdeckApp, Path]:
    ctx = make_ctx(home)
    decks.sync(ctx)
    return mock_app(ctx, **options), home / "flashdeck.sqlite3"


async def test_a_lock_on_a_full_disk_keeps_the_question_says_why_and_moves_on_once_saved(
        small_disk, make_ctx, clock):
    app, db = app_on(make_ctx, small_disk / "home")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        run = screen.run
        await pilot.press(*"my answer")
        await wait_for(pilot, lambda: stored(db)[0][1] == "my answer", "the answer saved as typed")
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("ctrl+n")  # (behind the clock's save, if a tick failed first)
        await wait_for(pilot, lambda: "locking question 1" in banner(screen), "the not-saved line")
        assert "Not saved:" in banner(screen) and "the disk is full" in banner(screen)
        assert run.current == 0 and screen.shown == 0 and not run.answers[0].locked  # not moved on
        assert "Question 1/3" in text(screen, "#mock-clock")
        await pilot.press(*" more")  # typing goes on; the retry saves it as it is then
        await pilot.press("escape", "escape")  # leaving would drop it: refused
        await pilot.pause()
        assert app.screen is screen and app.is_running
        assert stored(db)[0][:2] == (0, "my answer")
        filler.unlink()  # room again: the retry locks it and opens the next question
        await wait_for(pilot, lambda: banner(screen) == "" and run.current == 1, "the retry to lock it")
        assert screen.shown == 1 and "Question 2/3" in text(screen, "#mock-clock")
        assert stored(db)[0][:2] == (1, "my answer more")


async def test_time_up_on_a_full_disk_waits_for_the_lock_to_land(small_disk, make_ctx, clock):
    app, db = app_on(make_ctx, small_disk / "home")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        run = screen.run
        checkpoint(db)
        filler = fill(small_disk)
        clock.advance(seconds=run.answers[0].budget_seconds + 1)
        screen.tick()
        await wait_for(pilot, lambda: "the disk is full" in banner(screen), "the not-saved line")
        assert run.current == 0 and screen.shown == 0 and stored(db)[0][0] == 0
        filler.unlink()
        await wait_for(pilot, lambda: run.current == 1 and banner(screen) == "", "the time-up lock saved")
        assert stored(db)[0][0] == 1 and screen.shown == 1


async def test_a_grade_and_the_finish_on_a_full_disk_wait_on_screen_until_saved(small_disk, make_ctx, clock):
    app, db = app_on(make_ctx, small_disk / "home", no_schedule=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press(*"an answer")
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, MockReviewScreen), "the review")
        review = app.screen
        run = review.run
        await wait_for(pilot, lambda: not review.checking, "the formula checks")
        assert review.index == 0
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("4")
        await wait_for(pilot, lambda: "grade 4 for question 1" in banner(review), "the not-saved line")
        assert "the disk is full" in banner(review)
        assert review.index == 0 and run.answers[0].grade is None and stored(db)[0][2] is None
        assert "graded" not in text(review, "#rv-keys").split("\n")[0][:8]
        await pilot.press("right")  # moving on is refused until it is saved
        await pilot.pause()
        assert review.index == 0
        filler.unlink()
        await wait_for(pilot, lambda: banner(review) == "" and review.index == 1, "the grade saved")
        assert stored(db)[0][2] == 4
        for _ in range(2):
            await pilot.press("enter" if review.fixed(review.index) else "3")
            await pilot.pause()
        await wait_for(pilot, lambda: all(a.grade is not None for a in run.answers), "every grade")
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("f")
        await wait_for(pilot, lambda: "finishing the mock" in banner(review), "the not-saved finish")
        assert app.screen is review and run.state == "review"
        filler.unlink()
        await wait_for(pilot, lambda: isinstance(app.screen, MockReportScreen), "the report, once saved")
        await pilot.pause()
        assert run.state == "finished" and "Mock interview" in text(app.screen, "#report")


@pytest.mark.parametrize("fault", ["deleted", "replaced"])
async def test_database_deleted_or_replaced_under_a_mock_refuses_to_move_on(tmp_path, make_ctx, clock, fault):
    app, db = app_on(make_ctx, tmp_path / "home")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        run = screen.run
        damage(db, fault, tmp_path)
        for key in ("ctrl+n", "ctrl+o", "ctrl+n"):  # the old way: the app ended at the first
            await pilot.press(key)
            await wait_for(pilot, lambda: f"was {fault} while flashdeck was open" in banner(screen),
                           "the not-saved line")
            assert run.current == 0 and run.state == "running" and screen.shown == 0
        assert app.is_running and isinstance(app.screen, MockScreen)


@pytest.fixture(scope="module")
def judge():
    from flashdeck.drills import WarmJudge

    with WarmJudge(time_limit=2.0) as warm:
        yield warm


async def test_the_coding_question_on_a_full_disk_keeps_the_check_and_the_lock_until_saved(
        small_disk, make_ctx, clock, judge):
    from flashdeck.drills import get_drill

    ctx = make_ctx(small_disk / "home", bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    db = small_disk / "home" / "flashdeck.sqlite3"
    app = FlashdeckApp(ctx, start="mock")
    app.mock_options = MockOptions(minutes=30, questions=2, seed=5, no_schedule=True)
    app.drill_judge = judge
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+n")  # skip the formula
        await wait_for(pilot, lambda: screen.run.current == 1, "the coding question")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MockDrillScreen), "the editor")
        drill = app.screen
        run = drill.run
        drill.query_one("#code", TextArea).load_text(get_drill(drill.drill.id).solution_path.read_text())
        drill.save()
        await wait_for(pilot, lambda: drill._saved_code == drill.code, "the code saved")
        checkpoint(db)
        filler = fill(small_disk)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "this check's result" in banner(drill), "the not-saved check", timeout=60)
        assert "the disk is full" in banner(drill) and "All cases pass" in text(drill, "#results")
        assert "checks" not in run.answers[1].detail  # not counted while not saved
        await pilot.press("ctrl+n")  # done: it waits behind the unsaved check
        await wait_for(pilot, lambda: "then locking the coding question" in banner(drill), "the lock waiting")
        assert app.screen is drill and not run.answers[1].locked
        filler.unlink()  # the retry counts the check, once, then locks it
        await wait_for(pilot, lambda: isinstance(app.screen, MockReviewScreen), "the lock saved, the review")
        await wait_for(pilot, lambda: app.screen.is_mounted and text(app.screen, "#rv-status"), "the review drawn")
        await pilot.pause()
        answer = run.answers[1]
        assert answer.locked and answer.detail["passed"] and answer.detail["checks"] == 1
        assert answer.auto_grade == 5
