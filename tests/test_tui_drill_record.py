"""The drill screen's "from memory" timer and personal best, over a real database and the real
warm judge; the clock is the test's, so the times are exact."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, TextArea

from test_tui_drill import dctx, judge, make_app, text_of, wait_for  # noqa: F401 (fixtures)

from flashdeck.drills import get_drill
from flashdeck.services import drills as drill_service
from flashdeck.tui.screens.drill import DrillListScreen

SIZE = (120, 36)
SOLUTION = get_drill("softmax").solution_path.read_text()


async def _pass_after(app, clock, minutes: int, *, hint: bool = False) -> tuple[str, list[str]]:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "⏱ 0:00" in text_of(screen, "#drill-status")
        clock.advance(minutes=minutes)
        await wait_for(pilot, lambda: f"⏱ {minutes}:00" in text_of(screen, "#drill-status"))
        if hint:
            await pilot.press("ctrl+t")
            await wait_for(pilot, lambda: "hinted" in text_of(screen, "#drill-status"))
        screen.query_one("#code", TextArea).load_text(SOLUTION)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking and screen.attempt.finished)
        clock.advance(minutes=30)  # a finished attempt's timer stops at its pass
        await wait_for(pilot, lambda: "passed" in text_of(screen, "#drill-status"))
        status = text_of(screen, "#drill-status")
        return status, [n.message for n in app._notifications]


async def test_a_faster_pass_from_memory_is_a_personal_best(dctx, judge, clock):
    status, said = await _pass_after(make_app(dctx, judge, start="drill:softmax"), clock, 5)
    assert "⏱ 5:00" in status
    assert "New personal best: 5:00 (your first pass from memory)." in said

    drill_service.open_attempt(dctx, "softmax", fresh=True)
    status, said = await _pass_after(make_app(dctx, judge, start="drill:softmax"), clock, 3)
    assert "⏱ 3:00 (best 3:00)" in status
    assert "New personal best: 3:00 (was 5:00)." in said

    drill_service.open_attempt(dctx, "softmax", fresh=True)
    status, said = await _pass_after(make_app(dctx, judge, start="drill:softmax"), clock, 4)
    assert "⏱ 4:00 (best 3:00)" in status
    assert not [m for m in said if "personal best" in m]

    drill_service.open_attempt(dctx, "softmax", fresh=True)  # a hint: faster, but not from memory
    status, said = await _pass_after(make_app(dctx, judge, start="drill:softmax"), clock, 1, hint=True)
    assert "⏱ 1:00 hinted (best 3:00)" in status
    assert not [m for m in said if "personal best" in m]

    app = make_app(dctx, judge, start="drills")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DrillListScreen)
                       and app.screen.query_one(DataTable).row_count > 0)
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row("softmax")]
        assert row[-2:] == ["3:00", "4"]
