"""The card browser in the real app, driven by Pilot over a real temporary database; the
editor is a real program (a small Python script standing in for $EDITOR)."""

from __future__ import annotations

import os
import stat
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.widgets import DataTable, Input, Static

from flashdeck.services import browse as browse_service
from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.browse import BrowseScreen
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.widgets.card_text import CardText
from terminal import Terminal, terminal_env

FAKE_EDITOR = """#!{python}
# Stands in for vi: logs its arguments, then makes the edit the test asked for.
import os, pathlib, sys
pathlib.Path(os.environ["FAKE_EDITOR_LOG"]).write_text("\\n".join(sys.argv[1:]))
path = pathlib.Path(sys.argv[-1])
path.write_text(path.read_text().replace(os.environ["FAKE_EDIT_FROM"], os.environ["FAKE_EDIT_TO"]))
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """$EDITOR is a script named `vi` (so it gets `+LINE path`); returns its log file."""
    script = tmp_path / "bin" / "vi"
    script.parent.mkdir()
    script.write_text(FAKE_EDITOR.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "editor.log"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(log))
    monkeypatch.setenv("FAKE_EDIT_FROM", "")
    monkeypatch.setenv("FAKE_EDIT_TO", "")
    return log


def card_id(ctx, key: str) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(CardRow.id).where(CardRow.key == key))


def card_state(ctx, key: str) -> CardStateRow:
    with ctx.db.read() as s:
        return s.get(CardStateRow, card_id(ctx, key))


def results(screen) -> DataTable:
    return screen.query_one("#browse-results", DataTable)


def fronts(screen) -> list[str]:
    table = results(screen)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def cell(screen, key: str, column: str) -> str:
    return str(results(screen).get_cell(str(card_id(screen.app.ctx, key)), column))


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def history_rows(screen) -> list[list[str]]:
    table = screen.query_one("#browse-history", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(pilot) -> None:
    """Past the typing pause, the search worker done and its results drawn."""
    await pilot.pause(BrowseScreen.SEARCH_DELAY + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_browser(pilot, query: str = "") -> BrowseScreen:
    await pilot.pause()
    pilot.app.push_screen(BrowseScreen(query))
    await settle(pilot)
    assert isinstance(pilot.app.screen, BrowseScreen)
    return pilot.app.screen


async def highlight(pilot, screen, key: str) -> None:
    table = results(screen)
    table.move_cursor(row=table.get_row_index(str(card_id(screen.app.ctx, key))))
    await pilot.pause()


async def test_search_as_you_type_and_letters_typed_are_not_commands(ctx, editor):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(pilot)
        assert results(screen).row_count == 6
        assert "6 of 6 cards" in text_of(screen, "#browse-count")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"zero stage")  # s, e and b would suspend, edit, bury if they reached the screen
        await settle(pilot)
        assert screen.query_one("#browse-query", Input).value == "zero stage"
        assert fronts(screen) == ["What does ZeRO stage 1 shard?", "What does ZeRO stage 2 add?"]
        assert "2 of 6 cards" in text_of(screen, "#browse-count")
        with ctx.db.read() as s:  # no card was suspended or buried
            assert s.scalars(select(CardStateRow.card_id).where(
                CardStateRow.suspended | CardStateRow.buried_until.is_not(None))).all() == []
        assert not editor.exists()
        await pilot.press("space", "2")
        await settle(pilot)
        assert fronts(screen) == ["What does ZeRO stage 2 add?"]
        assert "What does ZeRO stage 2 add?" in screen.query_one("#browse-front", CardText).source  # detail follows

        await pilot.press("escape")  # from the search box: to the results, still here
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and isinstance(screen.focused, DataTable)
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_bad_query_says_why_and_clears_the_results(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(pilot, "deck:beta")
        assert results(screen).row_count == 2 and "ZeRO stage 1" in screen.query_one("#browse-front", CardText).source
        await pilot.press("slash", "end", *" tag:x")
        await settle(pilot)
        assert "unknown search term 'tag:'" in text_of(screen, "#browse-count")
        # nothing was searched: no list that would pass for this search's, no card in the detail pane
        assert results(screen).row_count == 0 and screen.rows == {} and screen.detail_id is None
        assert "Nothing was searched" in text_of(screen, "#browse-meta")
        assert screen.query_one("#browse-front", CardText).source == ""
        await pilot.press(*["backspace"] * 6, "space", *"deck:nope")
        await settle(pilot)
        assert "no deck 'nope'" in text_of(screen, "#browse-count") and results(screen).row_count == 0
        await pilot.press(*["backspace"] * 10)  # back to "deck:beta": the results come back
        await settle(pilot)
        assert fronts(screen) == ["What does ZeRO stage 1 shard?", "What does ZeRO stage 2 add?"]
        assert "2 of 6 cards" in text_of(screen, "#browse-count")
        assert "ZeRO stage 1" in screen.query_one("#browse-front", CardText).source


async def test_s_suspends_and_unsuspends_in_place(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:beta")
        assert isinstance(screen.focused, DataTable)  # opened on a query: the list has the keys
        await highlight(pilot, screen, "beta/b2")
        await pilot.press("s")
        await pilot.pause()
        assert card_state(ctx, "beta/b2").suspended and not card_state(ctx, "beta/b1").suspended
        assert cell(screen, "beta/b2", "state") == "suspended"
        assert results(screen).cursor_row == 1  # the row updated in place, the cursor stayed
        assert "suspended" in text_of(screen, "#browse-meta")
        assert any("Suspended beta/b2" in m and "Press s again" in m for m in messages(app))
        await pilot.press("s")
        await pilot.pause()
        assert not card_state(ctx, "beta/b2").suspended and cell(screen, "beta/b2", "state") == "new"
        assert any("Unsuspended beta/b2" in m for m in messages(app))


async def test_b_buries_until_tomorrow_and_unburies(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:alpha")
        await pilot.press("b")
        await pilot.pause()
        assert card_state(ctx, "alpha/a1").buried_until == ctx.today() + timedelta(days=1)
        assert cell(screen, "alpha/a1", "state") == "new buried"
        assert "buried until" in text_of(screen, "#browse-meta")
        assert any("Buried alpha/a1 until" in m and "Press b again" in m for m in messages(app))
        await pilot.press("b")
        await pilot.pause()
        assert card_state(ctx, "alpha/a1").buried_until is None and cell(screen, "alpha/a1", "state") == "new"


async def test_the_detail_pane_shows_the_card_and_its_history(ctx):
    session = StudySession(ctx, ["beta"])
    session.grade(4, duration_ms=2500)
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(pilot, "zero")
        assert "optimizer states" in screen.query_one("#browse-back", CardText).source
        [row] = history_rows(screen)
        assert row[1:] == ["review", "4", "0→1d", "2.5 s"]
        assert row[0] == f"{ctx.now():%Y-%m-%d %H:%M}"
        assert "1 grade" in text_of(screen, "#browse-history-title")
        assert cell(screen, "beta/b1", "state") == "young" and cell(screen, "beta/b1", "interval") == "1d"
        await pilot.press("down")
        await pilot.pause()
        assert "ZeRO stage 2" in screen.query_one("#browse-front", CardText).source
        assert history_rows(screen) == [] and "not reviewed yet" in text_of(screen, "#browse-history-title")


async def test_l_lists_the_leeches(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nleech_threshold = 3\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    with ctx.db.write() as s:
        s.get(CardStateRow, card_id(ctx, "alpha/a2")).lapses = 3
        s.get(CardStateRow, card_id(ctx, "beta/b2")).lapses = 2
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(pilot)
        await pilot.press("escape", "l")
        await settle(pilot)
        assert screen.query_one("#browse-query", Input).value == "is:leech"
        assert fronts(screen) == ["What is the shape of QKᵀ for Q ∈ ℝ^(n × d)?"]
        assert cell(screen, "alpha/a2", "state") == "new leech"
        assert "leech" in text_of(screen, "#browse-meta")
        app.pop_screen()
        screen = await open_browser(pilot, "is:leech")  # as the app opens it for "leeches"
        assert results(screen).row_count == 1 and "1 of 6 cards" in text_of(screen, "#browse-count")


def review_log_ids(ctx, key: str) -> list[int]:
    with ctx.db.read() as s:
        return list(s.scalars(select(ReviewLogRow.id).where(ReviewLogRow.card_id == card_id(ctx, key))
                              .order_by(ReviewLogRow.id)))


async def test_e_on_a_bundled_card_edits_the_learners_copy_and_the_history_stays(ctx, editor, monkeypatch, decks_dir):
    StudySession(ctx, ["beta"]).grade(4)  # beta/b1 has a review
    logs, b1 = review_log_ids(ctx, "beta/b1"), card_id(ctx, "beta/b1")
    assert len(logs) == 1
    bundled = decks_dir / "beta.yaml"
    original = bundled.read_text()
    copy = ctx.home / "decks" / "beta.yaml"
    monkeypatch.setenv("FAKE_EDIT_FROM", "What does ZeRO stage 1 shard?")
    monkeypatch.setenv("FAKE_EDIT_TO", "Which state does ZeRO-1 partition?")
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:beta")
        await highlight(pilot, screen, "beta/b1")
        await pilot.press("e")
        await settle(pilot)
        line = original.splitlines().index("  - id: b1") + 1
        assert editor.read_text().splitlines() == [f"+{line}", str(copy)]  # the copy, at the card's line
        assert bundled.read_text() == original  # the bundled deck is left as it was
        assert "Which state does ZeRO-1 partition?" in copy.read_text()
        assert decks.sync(ctx).problems == []  # the copy overrides the bundled deck: no clash
        with ctx.db.read() as s:
            row = s.scalar(select(CardRow).where(CardRow.key == "beta/b1"))
            assert (row.id, row.front, row.retired) == (b1, "Which state does ZeRO-1 partition?", False)
        assert review_log_ids(ctx, "beta/b1") == logs  # same card, same history
        assert [(d.id, d.cards) for d in decks.summaries(ctx)] == [("alpha", 4), ("beta", 2)]
        assert cell(screen, "beta/b1", "front") == "Which state does ZeRO-1 partition?"
        assert "ZeRO-1 partition" in screen.query_one("#browse-front", CardText).source
        assert history_rows(screen)[0][2] == "4"
        assert any("your own copy" in m and str(copy) in m for m in messages(app))

        # a later edit goes to the copy too
        monkeypatch.setenv("FAKE_EDIT_FROM", "What does ZeRO stage 2 add?")
        monkeypatch.setenv("FAKE_EDIT_TO", "What does ZeRO-2 shard on top of ZeRO-1?")
        await highlight(pilot, screen, "beta/b2")
        await pilot.press("e")
        await settle(pilot)
        assert editor.read_text().splitlines()[-1] == str(copy)
        assert sorted(p.name for p in copy.parent.iterdir()) == ["beta.yaml"]
        assert bundled.read_text() == original
        assert fronts(screen) == ["Which state does ZeRO-1 partition?", "What does ZeRO-2 shard on top of ZeRO-1?"]
    # deleting the copy brings the bundled deck back, the history still attached
    copy.unlink()
    decks.sync(ctx)
    assert browse_service.card(ctx, b1).card.front == "What does ZeRO stage 1 shard?"
    assert review_log_ids(ctx, "beta/b1") == logs


async def test_e_on_a_users_deck_edits_it_in_place(make_ctx, tmp_path, editor, monkeypatch, decks_dir):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    mine = home / "decks" / "mine.yaml"
    mine.write_text("id: mine\ntitle: Mine\ndescription: d\ncards:\n"
                    "  - id: m1\n    kind: concept\n    topics: [mlops]\n    front: Old front\n    back: a\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    monkeypatch.setenv("FAKE_EDIT_FROM", "Old front")
    monkeypatch.setenv("FAKE_EDIT_TO", "New front")
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:mine")
        await pilot.press("e")
        await settle(pilot)
        assert editor.read_text().splitlines() == ["+5", str(mine)]
        assert "New front" in mine.read_text() and sorted(p.name for p in mine.parent.iterdir()) == ["mine.yaml"]
        assert fronts(screen) == ["New front"]
        assert any("1 card(s) changed" in m for m in messages(app))
        assert not any("copy" in m for m in messages(app))


async def test_a_broken_edit_warns_with_file_and_line_and_loses_nothing(ctx, editor, monkeypatch, decks_dir):
    monkeypatch.setenv("FAKE_EDIT_FROM", "front: What does ZeRO stage 2 add?")
    monkeypatch.setenv("FAKE_EDIT_TO", "front: [What does ZeRO stage 2 add?")
    bundled = decks_dir / "beta.yaml"
    original = bundled.read_text()
    path = ctx.home / "decks" / "beta.yaml"  # the learner's copy of the bundled deck
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:beta")
        await highlight(pilot, screen, "beta/b2")
        await pilot.press("e")
        await settle(pilot)
        assert "[What does" in path.read_text() and bundled.read_text() == original  # the editor really ran
        [warning] = [n for n in app._notifications if n.severity == "warning"]
        assert f"{path}:" in warning.message and "Nothing is lost" in warning.message
        assert str(app.sync_report.problems[0]).startswith(f"{path}:")
        with ctx.db.read() as s:
            assert s.scalar(select(CardRow.front).where(CardRow.key == "beta/b2")) == "What does ZeRO stage 2 add?"
        assert fronts(screen) == ["What does ZeRO stage 1 shard?", "What does ZeRO stage 2 add?"]
        assert "ZeRO stage 2 add" in screen.query_one("#browse-front", CardText).source

        # e again opens the broken copy (at the card), not a fresh copy over it
        monkeypatch.setenv("FAKE_EDIT_FROM", "front: [What does ZeRO stage 2 add?")
        monkeypatch.setenv("FAKE_EDIT_TO", "front: What does ZeRO-2 add?")
        await pilot.press("e")
        await settle(pilot)
        line = path.read_text().splitlines().index("  - id: b2") + 1
        assert editor.read_text().splitlines() == [f"+{line}", str(path)]
        assert sorted(p.name for p in path.parent.iterdir()) == ["beta.yaml"]
        assert app.sync_report.problems == [] and bundled.read_text() == original
        assert cell(screen, "beta/b2", "front") == "What does ZeRO-2 add?"


async def test_a_read_only_user_deck_is_not_opened_a_read_only_bundled_one_is_copied(
        make_ctx, tmp_path, editor, decks_dir, monkeypatch):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    mine = home / "decks" / "mine.yaml"
    mine.write_text("id: mine\ntitle: Mine\ndescription: d\ncards:\n"
                    "  - id: m1\n    kind: concept\n    topics: [mlops]\n    front: q\n    back: a\n")
    bundled = decks_dir / "alpha.yaml"
    for path in (mine, bundled):
        path.chmod(0o444)
    if os.access(mine, os.W_OK):  # root writes read-only files: make it see what a learner would
        monkeypatch.setattr(browse_service, "is_writable", lambda p: p not in (mine, bundled))
    ctx = make_ctx(home)
    decks.sync(ctx)
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_browser(pilot, "deck:mine")
        await pilot.press("e")
        await pilot.pause()
        assert not editor.exists()
        assert any("read-only" in m for m in messages(app))
        app.pop_screen()
        await open_browser(pilot, "deck:alpha")
        await pilot.press("e")
        await settle(pilot)
        copy = home / "decks" / "alpha.yaml"
        assert editor.read_text().splitlines()[-1] == str(copy)
        assert copy.read_text() == bundled.read_text() and os.access(copy, os.W_OK)


async def test_a_missing_editor_is_reported(ctx, monkeypatch, tmp_path):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:alpha")
        await pilot.press("e")
        await pilot.pause()
        assert any("Could not start the editor" in m for m in messages(app))
        assert isinstance(app.screen, BrowseScreen) and results(screen).row_count == 4


# The real thing: the app suspended in a real terminal, the editor given that terminal (it
# writes to it and reads a line from it), then the app back with the edit on screen.
DRIVER = """
import sys
from pathlib import Path
from flashdeck.services import decks
from flashdeck.services.context import open_context
from flashdeck.tui import app
from flashdeck.tui.screens.browse import BrowseScreen

home, bundled = Path(sys.argv[1]), Path(sys.argv[2])
ctx = open_context(home, bundled_decks=bundled, bundled_drills=home / "no-drills")
decks.sync(ctx)

class App(app.FlashdeckApp):
    CSS_PATH = str(Path(app.__file__).with_name("flashdeck.tcss"))  # not beside this script

    def on_ready(self):
        self.push_screen(BrowseScreen("deck:beta"))

App(ctx).run()
ctx.close()
"""
TERMINAL_EDITOR = """#!{python}
import pathlib, sys
print("EDITOR HAS THE TERMINAL, type a line:", flush=True)
answer = sys.stdin.readline().strip()
path = pathlib.Path(sys.argv[-1])
path.write_text(path.read_text().replace("What does ZeRO stage 1 shard?", f"Edited in a terminal, {{answer}}"))
"""


def test_e_hands_the_real_terminal_to_the_editor_and_takes_it_back(tmp_path, decks_dir):
    home = tmp_path / "home"
    home.mkdir()
    script = tmp_path / "vi"
    script.write_text(TERMINAL_EDITOR.format(python=sys.executable))
    script.chmod(0o755)
    env = terminal_env(home, EDITOR=str(script))
    env.pop("VISUAL", None)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    term = Terminal([sys.executable, str(driver), str(home), str(decks_dir)], env)
    try:
        term.read_until(r"2 of 6 cards")
        term.send("e")
        term.read_until(r"EDITOR HAS THE TERMINAL")
        term.raw = b""
        term.send("typed back\r")
        term.read_until(r"Edited in a terminal, typed back")  # the app is back, showing the edit
        term.send("\x11")  # ctrl+q
        assert term.wait() == 0
    finally:
        if term.proc.poll() is None:
            term.kill()
    assert "Edited in a terminal, typed back" in (home / "decks" / "beta.yaml").read_text()  # the learner's copy
    assert "Edited in a terminal" not in (decks_dir / "beta.yaml").read_text()


async def test_the_front_column_takes_the_width_left_and_the_highlight_stays(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await open_browser(pilot, "deck:alpha")
        await highlight(pilot, screen, "alpha/a3")
        narrow = results(screen).columns["front"].width
        assert cell(screen, "alpha/a3", "front").endswith("…") and len(cell(screen, "alpha/a3", "front")) == narrow
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert results(screen).columns["front"].width > narrow
        assert cell(screen, "alpha/a3", "front") == (
            "Parameters of one Transformer block, ignoring biases and LayerNorm, in terms of d?")
        assert results(screen).cursor_row == 2 and screen.detail_id == card_id(ctx, "alpha/a3")
