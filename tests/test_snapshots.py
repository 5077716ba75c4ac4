"""Screens as a learner sees them, at 80x24 and 120x36 (pytest-textual-snapshot, Textual's own
convention): a layout that breaks shows up as a changed SVG in review.

Update after an intended change with `python -m pytest tests/test_snapshots.py --snapshot-update`
and look at the report it writes. The home is a relative path and the clock is fixed, so the
pictures are the same on every machine.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services.mock import MockOptions
from flashdeck.tui.app import FlashdeckApp

SIZES = [(80, 24), (120, 36)]
IDS = ["80x24", "120x36"]


class ReadyJudge:
    """A judge that is up at once: the drill screen's status line is then always the same.
    (No check runs in these pictures; the real judge is tested in test_tui_drill.py.)"""

    def start(self, wait: bool = True) -> None:
        return None

    def close(self) -> None:
        return None


@pytest.fixture
def snap_ctx(make_ctx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ctx = make_ctx(Path("home"), bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    return ctx


async def _until(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the screen never got there"
        await pilot.pause(0.05)
    await _steady(pilot)


async def _steady(pilot) -> None:
    """No blinking cursor: whether it was on at the instant of the picture is chance."""
    from textual.widgets import Input, TextArea

    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def _to_kind(kind: str, reveal: bool):
    async def run_before(pilot) -> None:
        from flashdeck.tui.screens.review import ReviewScreen

        app = pilot.app
        await _until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.session is not None)
        screen = app.screen
        for _ in range(20):
            if screen.current is not None and screen.current.card.kind == kind:
                break
            await pilot.press("space", "5")
            await pilot.pause()
        assert screen.current.card.kind == kind
        if reveal:
            await pilot.press("space")
            await _until(pilot, lambda: screen.revealed)
        await _steady(pilot)
    return run_before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_home(snap_compare, snap_ctx, size):
    assert snap_compare(FlashdeckApp(snap_ctx), terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize("reveal", [False, True], ids=["front", "revealed"])
@pytest.mark.parametrize("kind", ["concept", "math", "scenario"])
def test_review(snap_compare, snap_ctx, size, kind, reveal):
    app = FlashdeckApp(snap_ctx, start="review", deck_ids=["alpha"])
    assert snap_compare(app, terminal_size=size, run_before=_to_kind(kind, reveal))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_drill(snap_compare, snap_ctx, size):
    app = FlashdeckApp(snap_ctx, start="drill:softmax")
    app.drill_judge = ReadyJudge()

    async def run_before(pilot) -> None:
        from flashdeck.tui.screens.drill import DrillScreen

        await _until(pilot, lambda: isinstance(pilot.app.screen, DrillScreen)
                     and pilot.app.screen.judge_state == "ready")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_mock_ready(snap_compare, snap_ctx, size):
    app = FlashdeckApp(snap_ctx, start="mock")
    app.mock_options = MockOptions(minutes=10, seed=1)
    assert snap_compare(app, terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_stats(snap_compare, snap_ctx, size):
    async def run_before(pilot) -> None:
        from flashdeck.tui.screens.stats import StatsScreen

        await pilot.press("s")
        await _until(pilot, lambda: isinstance(pilot.app.screen, StatsScreen)
                     and getattr(pilot.app.screen, "figures", None) is not None)

    assert snap_compare(FlashdeckApp(snap_ctx), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_browse(snap_compare, snap_ctx, size):
    async def run_before(pilot) -> None:
        from textual.widgets import DataTable

        from flashdeck.tui.screens.browse import BrowseScreen

        await pilot.press("b")
        await _until(pilot, lambda: isinstance(pilot.app.screen, BrowseScreen)
                     and pilot.app.screen.query_one("#browse-results", DataTable).row_count > 0)

    assert snap_compare(FlashdeckApp(snap_ctx), terminal_size=size, run_before=run_before)
