"""The drill screen, driven by Pilot over a real database and a real warm judge (real torch)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from textual.widgets import DataTable, Static, TextArea

from flashdeck import paths
from flashdeck.drills import WarmJudge, get_drill
from flashdeck.drills.mistakes import read_mistake
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.store.models import ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.dialogs import ConfirmScreen
from flashdeck.tui.screens.drill import DrillListScreen, DrillScreen
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.screens.review import ReviewScreen
from flashdeck.tui.widgets.card_text import CardText

SIZE = (120, 36)


@pytest.fixture(scope="module")
def judge():
    with WarmJudge(time_limit=2.0) as warm:  # started once for the module: torch loads once
        yield warm


@pytest.fixture
def dctx(make_ctx):
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    return ctx


def make_app(ctx, judge, **kwargs) -> FlashdeckApp:
    app = FlashdeckApp(ctx, **kwargs)
    app.drill_judge = judge
    return app


def text_of(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def wait_for(pilot, condition, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.05)


def log_rows(ctx):
    with ctx.db.read() as s:
        return [(r.quality, r.mode) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))]


async def test_fail_then_pass_grades_4_and_shows_the_solution_only_then(dctx, judge):
    app = make_app(dctx, judge, start="drill:softmax")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        editor = screen.query_one("#code", TextArea)
        assert editor.has_focus and editor.text == get_drill("softmax").starter()
        assert editor.language == "python"
        assert "softmax" in screen.query_one("#prompt", CardText).source
        assert not screen.query_one("#solution").display
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking)
        assert "NotImplementedError" in text_of(screen, "#results")
        assert not screen.query_one("#solution").display
        editor.load_text(get_drill("softmax").solution_path.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking)
        assert "All cases pass" in text_of(screen, "#results")
        assert screen.query_one("#solution").display
        assert "graded 4" in text_of(screen, "#drill-status")
        assert log_rows(dctx) == [(4, "drill")]
        await pilot.press("escape", "escape")  # leave the editor, then the drill
        await pilot.pause()
    assert app.return_value == 4
    (attempt,) = drill_service.attempts(dctx, "softmax")
    assert attempt.passed and attempt.checks_run == 2 and attempt.quality == 4


async def test_infinite_loop_ends_in_a_time_limit_message_and_the_ui_stays_responsive(dctx, judge):
    app = make_app(dctx, judge, start="drill:softmax")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        editor = screen.query_one("#code", TextArea)
        editor.load_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
        await pilot.press("ctrl+r")
        await pilot.pause(0.2)
        assert screen.checking and "checking" in text_of(screen, "#results")
        # while the learner's loop spins, the screen still answers keys
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.hints_seen == 1 and screen.query_one("#hints").display
        editor.focus()
        await pilot.press("end", "#", "x")
        await pilot.pause()
        assert editor.text.endswith("#x") or "#x" in editor.text
        await wait_for(pilot, lambda: not screen.checking, timeout=40)
        assert "time limit exceeded" in text_of(screen, "#results")
        assert not drill_service.attempts(dctx, "softmax")[0].finished
    assert log_rows(dctx) == []


async def test_a_correct_answer_that_leaves_a_pipe_holder_passes_in_time(dctx, judge):
    """Learner code that starts a process holding the judge's stdout/stderr and sleeps a while:
    the check still passes within its time limit + 2 s, the screen answers keys meanwhile, and
    the process is gone afterwards."""
    import secrets
    from pathlib import Path

    token = f"fdholder{secrets.token_hex(6)}"
    source = get_drill("softmax").solution_path.read_text() + (
        "\nimport subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', '{token}'],"
        " start_new_session=True)\n"
        "time.sleep(1.0)\n")

    def holders() -> list[str]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and token.encode() in (entry / "cmdline").read_bytes():
                    found.append(entry.name)
            except OSError:
                pass
        return found

    app = make_app(dctx, judge, start="drill:softmax")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#code", TextArea).load_text(source)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: screen.checking)
        await pilot.press("ctrl+t")  # a hint while the check runs
        await wait_for(pilot, lambda: screen.hints_seen == 1)
        await wait_for(pilot, lambda: not screen.checking, timeout=40)
        took = loop.time() - started
        assert "All cases pass" in text_of(screen, "#results"), text_of(screen, "#results")
        assert took < judge.time_limit + 2, f"the check took {took:.1f} s"
    deadline = asyncio.get_running_loop().time() + 2
    while holders() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    assert holders() == []


async def test_the_report_fills_the_screen_and_scrolls_from_the_keyboard(dctx, judge):
    """A long report (every case failing, with output): Ctrl+O gives it the screen and the
    keys, PgDn scrolls it, Esc puts it back and the editor has the keys again."""
    app = make_app(dctx, judge, start="drill:softmax")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        editor = screen.query_one("#code", TextArea)
        editor.load_text("import numpy as np\n\ndef softmax(x, axis=-1):\n"
                         "    print('looking at', x.shape)\n    return np.exp(x)\n")
        await pilot.press("ctrl+r")
        # the report itself, not `checking` turning True: with a warm judge the check can be
        # over before a first look (the flake seen in a full run)
        await wait_for(pilot, lambda: not screen.checking and "reproduce:" in text_of(screen, "#results"),
                       timeout=40)
        text = text_of(screen, "#results")
        # as informative as `drill check --verbose`: the cases, details, output and repro line
        assert "looking at" in text and "reproduce: flashdeck drill check softmax" in text
        box = screen.query_one("#results-box")
        # the text is in the widget before the box is laid out around it: under load
        # max_scroll_y was still 0 at this point, so give layout its turns (bounded) first
        for _ in range(200):
            if box.max_scroll_y > 0:
                break
            await pilot.pause()
        assert box.max_scroll_y > 0, "the report should be longer than its box"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.maximized is box and box.has_focus
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: box.scroll_y > 0)
        await pilot.press("end")
        await wait_for(pilot, lambda: box.scroll_y == box.max_scroll_y)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None and isinstance(app.screen, DrillScreen)
        editor.focus()
        await pilot.pause()
        await pilot.press("ctrl+o", "ctrl+o")  # the key toggles, and gives the editor back
        await pilot.pause()
        assert screen.maximized is None and editor.has_focus


async def test_code_is_saved_as_you_type_and_restored_on_reopening(dctx, judge):
    app = make_app(dctx, judge, start="drill:gelu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e", "enter", *"# my work", "enter")
        await pilot.pause(0.8)  # the autosave delay
        assert "# my work" in (dctx.home / "drills" / "gelu.py").read_text()
        await pilot.press(*"# more")
        await pilot.press("escape", "q")  # leaving saves at once
        await pilot.pause()
    assert "# more" in (dctx.home / "drills" / "gelu.py").read_text()
    again = make_app(dctx, judge, start="drill:gelu")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        code = again.screen.query_one("#code", TextArea).text
        assert "# my work" in code and "# more" in code
    (attempt,) = drill_service.attempts(dctx, "gelu")
    assert "# more" in attempt.code and not attempt.finished


async def test_hints_one_at_a_time_and_give_up_after_confirming(dctx, judge):
    app = make_app(dctx, judge, start="drill:layer_norm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        hints = get_drill("layer_norm").hints()
        assert not screen.query_one("#hints").display
        await pilot.press("ctrl+t")
        await pilot.pause()
        shown = screen.query_one("#hints", CardText).source
        assert "Hint 1/" in shown and "Hint 2/" not in shown
        await pilot.press("escape", "h")  # outside the editor, plain h works too
        await pilot.pause()
        assert "Hint 2/" in screen.query_one("#hints", CardText).source and screen.hints_seen == 2
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and not screen.query_one("#solution").display
        await pilot.press("ctrl+g", "y")
        await pilot.pause()
        assert screen.query_one("#solution").display
        assert "def layer_norm" in screen.query_one("#solution", CardText).source
        assert len(hints) >= 2
    assert log_rows(dctx) == [(1, "drill")]
    (attempt,) = drill_service.attempts(dctx, "layer_norm")
    assert attempt.gave_up and attempt.hints_shown == 2


async def test_a_due_drill_in_the_review_opens_fresh_and_its_outcome_grades_it(dctx, judge):
    # softmax was attempted before: code in the workspace, which the review's fresh start replaces
    old = drill_service.open_attempt(dctx, "softmax")
    drill_service.save_code(dctx, old.id, "softmax", "# an old attempt\n")
    app = make_app(dctx, judge, start="review", deck_ids=["drills"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        front = review.query_one("#front", CardText).source
        assert "softmax(x, axis=-1)" in front and "from scratch" in front
        await pilot.press("5")  # no self-grading a drill
        await pilot.pause()
        assert log_rows(dctx) == []
        await pilot.press("enter")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen) and drill.drill.id == "softmax"
        editor = drill.query_one("#code", TextArea)
        assert editor.text == get_drill("softmax").starter()
        editor.load_text(get_drill("softmax").solution_path.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not drill.checking)
        assert log_rows(dctx) == [(5, "drill")]
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app.screen is review
        assert "1 done" in text_of(review, "#status")
        assert "log_softmax" in review.query_one("#front", CardText).source
    assert "# an old attempt" in drill_service.get_attempt(dctx, old.id).code  # kept in the database


async def test_home_d_lists_drills_and_starts_one(dctx, judge):
    app = make_app(dctx, judge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, DrillListScreen)
        table = listing.query_one(DataTable)
        assert table.row_count == sum((p / "meta.yaml").is_file() for p in paths.bundled_drills_dir().iterdir())
        assert str(table.get_row_at(0)[0]) == "Numerically stable softmax"
        assert str(table.get_row_at(0)[2]) == "new"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen) and app.screen.drill.id == "log_softmax"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is listing
        assert str(table.get_row_at(1)[3]) == "in progress"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_fresh_start_says_again_only_for_a_drill_done_before(dctx, judge):
    app = make_app(dctx, judge)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DrillScreen("softmax", fresh=True))
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen) and app.screen.attempt)
        first = text_of(app.screen, "#results")
        assert "Implement it from scratch" in first and "it again" not in first
        app.pop_screen()
        await pilot.pause()
        app.push_screen(DrillScreen("softmax", fresh=True))
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen) and app.screen.attempt)
        assert "Implement it again from scratch" in text_of(app.screen, "#results")


async def test_reopening_a_passed_drill_restores_its_code_and_a_fresh_start_keeps_it(dctx, judge):
    """Pass, leave, reopen: the passing code is in the editor and the file is untouched. Ctrl+N
    starts fresh (the starter); Ctrl+L shows the passed attempt's code; `drill history` (the
    CLI, as a learner runs it) lists both attempts with the first one's code."""
    import json
    import subprocess

    from terminal import flashdeck_command, terminal_env

    from flashdeck.tui.dialogs import AttemptsScreen

    solution = get_drill("softmax").solution_path.read_text() + "# mine\n"
    path = dctx.home / "drills" / "softmax.py"
    app = make_app(dctx, judge, start="drill:softmax")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#code", TextArea).load_text(solution)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking)
        assert "graded 5" in text_of(screen, "#drill-status")
        await pilot.press("escape", "q")
        await pilot.pause()
    assert path.read_text() == solution
    stamp = path.stat().st_mtime_ns

    again = make_app(dctx, judge, start="drill:softmax")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = again.screen
        editor = screen.query_one("#code", TextArea)
        assert editor.text == solution
        assert path.read_text() == solution and path.stat().st_mtime_ns == stamp  # not rewritten
        assert "passed · graded 5" in text_of(screen, "#drill-status")
        assert "Your code from your last attempt" in text_of(screen, "#results")
        await pilot.press("ctrl+r")  # checking it again grades nothing
        await wait_for(pilot, lambda: not screen.checking)
        assert "All cases pass" in text_of(screen, "#results") and log_rows(dctx) == [(5, "drill")]

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: again.screen is screen and editor.text == get_drill("softmax").starter())
        assert path.read_text() == get_drill("softmax").starter()
        assert "in progress" in text_of(screen, "#drill-status")
        assert "again from scratch" in text_of(screen, "#results")

        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(again.screen, AttemptsScreen))
        modal = again.screen
        table = modal.query_one(DataTable)
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)][3:] == ["passed", "1", "0", "5"]
        assert [str(c) for c in table.get_row_at(1)][3] == "in progress"
        code = modal.query_one("#attempt-code", TextArea)
        assert code.read_only and code.text == solution  # the passed attempt's code
        await pilot.press("down")
        await wait_for(pilot, lambda: code.text == get_drill("softmax").starter())
        await pilot.press("up")
        await wait_for(pilot, lambda: code.text == solution)
        await pilot.press("escape")
        await wait_for(pilot, lambda: again.screen is screen)
        assert editor.text == get_drill("softmax").starter()
        await pilot.press("escape", "q")
        await pilot.pause()

    out = subprocess.run([*flashdeck_command(), "--home", str(dctx.home), "drill", "history", "softmax"],
                         capture_output=True, text=True, timeout=60, env=terminal_env(dctx.home),
                         stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["#", "STARTED", "FINISHED", "OUTCOME", "CHECKS", "HINTS", "GRADE"]
    assert lines[1].split()[0] == "1" and lines[1].split()[-4:] == ["passed", "1", "0", "5"]
    assert lines[2].split()[0] == "2" and "in progress" in lines[2] and lines[2].split()[-1] == "—"
    shown = subprocess.run([*flashdeck_command(), "--home", str(dctx.home), "drill", "history", "softmax",
                            "--show", "1"], capture_output=True, text=True, timeout=60,
                           env=terminal_env(dctx.home), stdin=subprocess.DEVNULL)
    assert shown.returncode == 0 and shown.stdout == solution
    rows = json.loads(subprocess.run(
        [*flashdeck_command(), "--home", str(dctx.home), "drill", "history", "softmax", "--json"],
        capture_output=True, text=True, timeout=60, env=terminal_env(dctx.home), stdin=subprocess.DEVNULL).stdout)
    assert [(r["number"], r["status"], r["grade"], r["checks_run"]) for r in rows] == [
        (1, "passed", 5, 1), (2, "in progress", None, 0)]
    assert rows[0]["code"] == solution and rows[1]["code"] == get_drill("softmax").starter()


async def test_a_known_mistake_is_named_above_the_cases(dctx, judge):
    """Issue 20: the judge recognises a classic wrong answer and the screen says which, first."""
    drill = get_drill("attention")
    wrong = drill.folder / "wrong" / "scaled_by_sqrt_d_model.py"
    app = make_app(dctx, judge, start="drill:attention")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#code", TextArea).load_text(wrong.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking and "cases pass" in text_of(screen, "#results"), timeout=60)
        report = text_of(screen, "#results")
        first = report.split("\n\n", 1)[1]  # after the verdict line
        assert first.startswith("Classic mistake: scaled by √d_model, not √d_k"), report
        assert "variance d_k" in report
        named = "Classic mistake: scaled by √d_model, not √d_k"
        assert drill_service.history(dctx, "attention")[-1]["mistake"] == named  # the attempt keeps it
        screen.query_one("#code", TextArea).load_text(drill.solution_path.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking and "All cases pass" in text_of(screen, "#results"))
        assert "Classic mistake" not in text_of(screen, "#results")  # never on a pass
        await pilot.press("escape", "ctrl+l")  # the attempts: what its last failing check named
        await pilot.pause()
        assert f"Its last failing check: {named}" in str(app.screen.query_one("#attempt-mistake", Static).render())
    [row] = drill_service.history(dctx, "attention")
    assert row["passed"] and row["mistake"] == named  # passed after fixing it


async def test_after_a_named_mistake_the_next_hint_is_the_one_about_it(dctx, judge):
    drill = get_drill("attention")
    wrong = drill.folder / "wrong" / "scaled_by_sqrt_d_model.py"
    about = read_mistake(wrong).hint
    assert about == 3  # (the scaling hint; the gentler 1 and 2 are about shapes)
    app = make_app(dctx, judge, start="drill:attention")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape", "h")  # leave the editor; the first hint, as always
        await pilot.pause()
        assert screen.shown_hints == [1]
        screen.query_one("#code", TextArea).load_text(wrong.read_text())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not screen.checking and "Classic mistake" in text_of(screen, "#results"),
                       timeout=60)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.shown_hints == [1, 3]  # the hint about the mistake, out of turn
        hints = screen.query_one("#hints", CardText).source
        assert "**Hint 3/4.**" in hints and "about the mistake the check named" in hints
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.shown_hints == [1, 3, 2]  # then the ladder again
    (attempt,) = drill_service.attempts(dctx, "attention")
    assert attempt.hints_shown == 3
