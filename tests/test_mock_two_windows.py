"""Two flashdecks on one database and one mock: when the other window discards, scores,
resumes or finishes it, this window's next write is refused (MockGone), nothing more is
written, and the history shows what the other window did. Each window is its own Context
over the same home (its own engine and connections, as a second process has)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import FakeClock
from sqlalchemy import func, select
from test_cli import flashdeck
from test_tui_mock import SIZE, mock_app, screen_text, start, text, wait_for
from textual.widgets import TextArea

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services import mock as mock_service
from flashdeck.services.context import open_context
from flashdeck.services.mock import MockGone, MockOptions, MockRun
from flashdeck.store import mock as store
from flashdeck.store.models import ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.mock import MockScreen, ResumeScreen
from flashdeck.tui.screens.mock_drill import MockDrillScreen
from flashdeck.tui.screens.mock_review import MockReviewScreen

@pytest.fixture
def make_ctx(backend_make_ctx):
    """Two windows on SQLite, and two machines on one PostgreSQL server (issue 19)."""
    return backend_make_ctx


DISCARDED = "This mock was discarded in another window; nothing more is saved."


def plan(ctx, minutes=10, **kwargs):
    kwargs.setdefault("seed", 1)
    return mock_service.make_plan(ctx, minutes, **kwargs)


def stored(ctx, session_id):
    """The mock as the database holds it, read through `ctx`'s own connection."""
    with ctx.db.read() as session:
        return store.load(session, session_id)


def review_logs(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(ReviewLogRow))


# -- the service ---------------------------------------------------------------------------------

def test_a_running_mock_discarded_elsewhere_refuses_every_write(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    run.save_answer("kept")
    clock.advance(seconds=10)
    run.tick()
    assert mock_service.discard(other, run.id)
    before = stored(other, run.id)
    clock.advance(seconds=5)
    for write in (lambda: run.save_answer("kept and more"), run.tick, run.lock_current, run.pause,
                  run.score_now, lambda: run.set_auto(0, 3), run.abandon):
        with pytest.raises(MockGone) as gone:
            write()
        assert str(gone.value) == DISCARDED and gone.value.state == "abandoned"
        assert stored(other, run.id) == before
    clock.advance(seconds=3600)  # the time runs out: still nothing locked, no review
    with pytest.raises(MockGone):
        run.tick()
    info, answers = stored(other, run.id)
    assert info.state == "abandoned" and info.pause_count == 0 and info.paused_at is None
    assert answers[0].answer == "kept" and answers[0].used_ms == 10_000 and not any(a.locked for a in answers)
    (row,) = mock_service.history(other)
    assert (row["state"], row["score"], row["pauses"], row["paused_seconds"]) == ("abandoned", None, 0, 0)


def test_a_paused_mock_discarded_elsewhere_does_not_resume(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    clock.advance(seconds=10)
    run.pause()
    assert mock_service.discard(other, run.id)
    clock.advance(seconds=60)
    with pytest.raises(MockGone, match="discarded in another window"):
        run.resume()
    info, _ = stored(other, run.id)
    assert (info.state, info.pause_count, info.paused_seconds) == ("abandoned", 1, 0)


def test_finished_elsewhere_is_not_finished_twice_nor_regraded(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    clock.advance(seconds=3600)
    run.tick()
    for position in range(3):
        run.confirm(position, 1)
    theirs = MockRun.open(other, run.id)  # the other window resumes the review and finishes it
    for position, grade in enumerate([5, 4, 3]):
        theirs.confirm(position, grade)
    theirs.finish()
    assert review_logs(other) == 3
    with pytest.raises(MockGone, match="finished in another window"):
        run.finish()
    with pytest.raises(MockGone, match="finished in another window"):
        run.confirm(0, 2)
    info, answers = stored(other, run.id)
    assert info.state == "finished" and [a.grade for a in answers] == [5, 4, 3]
    assert review_logs(other) == 3  # SM-2 saw the grades once
    assert mock_service.history(other)[0]["score"] == 80.0


def test_resumed_elsewhere_the_other_window_carries_on_alone(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    run.save_answer("mine")
    theirs = MockRun.open(other, run.id)  # found running: to the other window, an interruption
    theirs.resume()
    with pytest.raises(MockGone, match="resumed in another window"):
        run.save_answer("mine, more")
    theirs.save_answer("theirs")
    clock.advance(seconds=20)
    theirs.tick()
    with pytest.raises(MockGone):
        run.tick()
    _, answers = stored(other, run.id)
    assert answers[0].answer == "theirs" and answers[0].used_ms == 20_000


def test_scored_elsewhere_stops_the_clock_here(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    MockRun.open(other, run.id).score_now()
    clock.advance(seconds=30)
    with pytest.raises(MockGone, match="scored in another window"):
        run.lock_current()
    _, answers = stored(other, run.id)
    assert [a.used_ms for a in answers] == [0, 0, 0]


def test_discard_leaves_a_finished_mock_alone(ctx, clock, make_ctx):
    other = make_ctx()
    run = MockRun.start(ctx, plan(ctx))
    clock.advance(seconds=3600)
    run.tick()
    for position in range(3):
        run.confirm(position, 5)
    run.finish()
    assert not mock_service.discard(other, run.id)
    assert stored(other, run.id)[0].state == "finished"


# -- the TUI -------------------------------------------------------------------------------------

async def test_discarded_elsewhere_while_typing_the_screen_says_so_and_saves_nothing(ctx, clock, make_ctx):
    other = make_ctx()
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        await pilot.press(*"my answer")
        await wait_for(pilot, lambda: screen.run.answers[0].answer == "my answer")
        assert mock_service.discard(other, screen.run.id)
        before = stored(other, screen.run.id)
        await pilot.press(*" and more")
        await wait_for(pilot, lambda: screen.run.gone is not None)
        assert DISCARDED in screen_text(screen) and DISCARDED in text(screen, "#mock-front")
        assert not screen.query_one("#mock-typed", TextArea).display
        # the learner keeps going: lock, pause, the clock runs out; nothing reaches the database
        await pilot.press("ctrl+n", "ctrl+o", "enter")
        clock.advance(seconds=3600)
        screen.tick()
        await pilot.pause()
        assert app.screen is screen and DISCARDED in text(screen, "#mock-front")
        assert stored(other, screen.run.id) == before
    info, answers = stored(other, screen.run.id)
    assert info.state == "abandoned" and info.pause_count == 0
    assert answers[0].answer == "my answer" and not any(a.locked for a in answers)


async def test_discarded_elsewhere_the_pause_key_writes_no_pause(ctx, clock, make_ctx):
    other = make_ctx()
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, app)
        clock.advance(seconds=10)
        assert mock_service.discard(other, screen.run.id)
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: DISCARDED in text(screen, "#mock-front"))
        assert "PAUSED" not in text(screen, "#mock-clock")
        await pilot.press("ctrl+o")  # nothing to resume either
        await pilot.pause()
        assert DISCARDED in text(screen, "#mock-front")
    info, answers = stored(other, screen.run.id)
    assert (info.state, info.pause_count, info.paused_at) == ("abandoned", 0, None)
    assert answers[0].used_ms == 0
    (row,) = mock_service.history(other)
    assert (row["state"], row["pauses"]) == ("abandoned", 0)


async def time_out_into_the_review(pilot, app, clock):
    """Start a mock and let its time run out: the review screen, its checks done."""
    screen = await start(pilot, app)
    clock.advance(seconds=3600)
    screen.tick()
    await wait_for(pilot, lambda: isinstance(app.screen, MockReviewScreen))
    review = app.screen
    await wait_for(pilot, lambda: not review.checking)
    return review


async def test_discarded_elsewhere_during_the_review_finish_writes_nothing(ctx, clock, make_ctx):
    other = make_ctx()
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        review = await time_out_into_the_review(pilot, app, clock)
        await pilot.press("0", "enter", "0")
        await wait_for(pilot, lambda: all(a.grade is not None for a in review.run.answers))
        assert mock_service.discard(other, review.run.id)
        await pilot.press("f")
        await wait_for(pilot, lambda: review.stopped)
        assert app.screen is review and DISCARDED in text(review, "#rv-status")
        assert not review.query_one("#rv-body").display
        await pilot.press("f", "1")
        await pilot.pause()
        assert app.screen is review
    assert stored(other, review.run.id)[0].state == "abandoned" and review_logs(other) == 0
    assert [r["state"] for r in mock_service.history(other)] == ["abandoned"]


async def test_finished_elsewhere_the_review_here_does_not_finish_it_again(ctx, clock, make_ctx):
    other = make_ctx()
    app = mock_app(ctx)
    async with app.run_test(size=SIZE) as pilot:
        review = await time_out_into_the_review(pilot, app, clock)
        theirs = MockRun.open(other, review.run.id)
        for position, grade in enumerate([5, 5, 5]):
            theirs.confirm(position, grade)
        theirs.finish()
        await pilot.press("1")
        await wait_for(pilot, lambda: review.stopped)
        assert "finished in another window" in text(review, "#rv-status")
    _, answers = stored(other, review.run.id)
    assert [a.grade for a in answers] == [5, 5, 5] and review_logs(other) == 3


async def test_the_second_window_discarding_a_running_mock_records_no_pause(ctx, clock, make_ctx):
    run = MockRun.start(ctx, plan(ctx))  # still running in the first window
    run.save_answer("first window")
    clock.advance(seconds=5)
    run.tick()
    second = mock_app(make_ctx())
    async with second.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(second.screen, ResumeScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(second.screen, MockScreen) and second.screen.plan is not None)
        assert second.screen.run is None
    with pytest.raises(MockGone, match="discarded"):
        run.tick()
    (row,) = mock_service.history(ctx)
    assert (row["state"], row["pauses"], row["score"]) == ("abandoned", 0, None)


class _ReadyJudge:
    """Stands in for the warm judge: these tests run no checks."""

    def start(self, wait: bool = True) -> None:
        pass


async def test_discarded_elsewhere_in_the_coding_question_back_to_the_message(make_ctx, clock):
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    other = make_ctx(bundled_drills=paths.bundled_drills_dir())
    app = FlashdeckApp(ctx, start="mock")
    app.mock_options = MockOptions(minutes=30, questions=2, seed=5, no_schedule=True)
    app.drill_judge = _ReadyJudge()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert [a.kind for a in screen.run.answers] == ["math", "drill"]
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MockDrillScreen))
        drill = app.screen
        await wait_for(pilot, lambda: screen.run.answers[1].answer)  # its first tick keeps the starter
        before = stored(other, screen.run.id)
        assert mock_service.discard(other, screen.run.id)
        drill.query_one("#code", TextArea).insert("# my change\n")
        await pilot.press("ctrl+n")  # done: save the code and lock it
        await wait_for(pilot, lambda: app.screen is screen and DISCARDED in text(screen, "#mock-front"))
    info, answers = stored(other, screen.run.id)
    assert info.state == "abandoned" and answers[1] == before[1][1]


# -- the CLI -------------------------------------------------------------------------------------

def test_history_after_a_discard_elsewhere_lists_it_abandoned_without_a_pause(home):
    clock = FakeClock(datetime(2026, 3, 2, 9, 0).astimezone())
    first, second = open_context(home, clock=clock), open_context(home, clock=clock)
    try:
        decks.sync(first)
        run = MockRun.start(first, mock_service.make_plan(first, 10, seed=4))
        run.save_answer("typed")
        clock.advance(seconds=30)
        run.tick()
        assert mock_service.discard(second, run.id)
        with pytest.raises(MockGone):  # the first window tries to carry on to the end
            for _ in run.answers:
                clock.advance(seconds=45)
                run.lock_current()
    finally:
        first.close()
        second.close()
    rows = json.loads(flashdeck("mock", "history", "--json", home=home).stdout)
    assert [(r["id"], r["state"], r["score"], r["pauses"], r["paused_seconds"]) for r in rows] == [
        (run.id, "abandoned", None, 0, 0)]
    table = flashdeck("mock", "history", home=home).stdout
    assert "abandoned" in table and "finished" not in table
