"""A ctrl key typed right after text acts on all of that text.

Pilot's `press` waits for the app to be idle after every key, which hides the race a fast typist
(or a terminal delivering a burst of keys) meets: the keys arrive together, and a priority binding
ran as soon as its key arrived, before the characters still queued for the focused editor were
typed. Ctrl+N then locked a mock answer without its last words, and Ctrl+R checked code without
its last characters. These tests post the keys as one burst, the way the terminal driver does.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Static, TextArea

from flashdeck import paths
from flashdeck.drills import WarmJudge, get_drill
from flashdeck.services import decks
from flashdeck.services.mock import MockOptions
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.drill import DrillScreen
from flashdeck.tui.screens.mock import MockScreen

SIZE = (120, 36)


def burst(app, text: str, then: str) -> None:
    """Post `text` as key presses and then the key `then`, without waiting in between."""
    for ch in text:
        key = {" ": "space", "\n": "enter"}.get(ch, ch)
        app.post_message(events.Key(key, ch))
    app.post_message(events.Key(then, None))


async def wait_for(pilot, condition, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.05)


async def test_ctrl_n_right_after_typing_locks_the_whole_mock_answer(ctx, clock):
    app = FlashdeckApp(ctx, start="mock")
    app.mock_options = MockOptions(minutes=10, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.run is not None and screen.run.state == "running")
        run = screen.run
        assert run.answers[0].kind == "concept" and screen.query_one("#mock-typed", TextArea).has_focus
        await pilot.press(*"first words")
        burst(app, " and the last ones", "ctrl+n")
        await wait_for(pilot, lambda: run.current == 1)
        assert run.answers[0].answer == "first words and the last ones"
        assert run.answers[0].locked


async def test_ctrl_r_right_after_typing_checks_the_code_as_typed(make_ctx):
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    app = FlashdeckApp(ctx, start="drill:softmax")
    with WarmJudge(time_limit=5.0) as judge:
        app.drill_judge = judge
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            editor = screen.query_one("#code", TextArea)
            # the solution, then a line that is a syntax error until its last character is typed
            editor.load_text(get_drill("softmax").solution_path.read_text().rstrip("\n") + "\n_unused = (1")
            editor.move_cursor(editor.document.end)
            burst(app, ")", "ctrl+r")
            await wait_for(pilot, lambda: editor.text.endswith("(1)") and not screen.checking)
            assert "All cases pass" in str(screen.query_one("#results", Static).render())
