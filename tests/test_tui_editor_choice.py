"""Which editor `e` opens (browser and settings), said before it takes the terminal: the
learner's $VISUAL / $EDITOR at once; else vi (or nano) after a notice naming it and how to
choose another; no editor at all: one line saying to set $EDITOR. Real app (Pilot), real
temporary database, real editor scripts found on a PATH the test sets."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from textual.widgets import DataTable, Static

from flashdeck.services.editor import choose_editor
from flashdeck.store.models import CardRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.editor import EditorNotice
from flashdeck.tui.screens.browse import BrowseScreen
from flashdeck.tui.screens.settings import SettingsScreen

EDITOR = """#!{python}
import pathlib, sys
pathlib.Path({log!r}).write_text("\\n".join(sys.argv[1:]))
path = pathlib.Path(sys.argv[-1])
path.write_text(path.read_text().replace("What does ZeRO stage 1 shard?", "Edited by {name}")
                .replace("leech_threshold = 8", "leech_threshold = 5"))
"""


def bin_with(tmp_path: Path, *names: str) -> Path:
    """A folder holding editor scripts called `names` (and nothing else), for $PATH."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name in names:
        script = folder / name
        script.write_text(EDITOR.format(python=sys.executable, log=str(tmp_path / f"{name}.log"), name=name))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.fixture
def no_editor_set(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def test_the_choice_and_its_notice(tmp_path):
    folder = bin_with(tmp_path, "vi", "nano")
    chosen = choose_editor("/d/x.yaml", 3, {"EDITOR": "hx", "PATH": ""})
    assert (chosen.command, chosen.chosen, chosen.notice) == (["hx", "+3", "/d/x.yaml"], True, "Opening hx (from $EDITOR).")
    assert choose_editor("/d/x.yaml", None, {"VISUAL": "code", "EDITOR": "vim"}).notice == "Opening code (from $VISUAL)."
    vi = choose_editor("/d/x.yaml", 3, {"PATH": str(folder)})
    assert (vi.command, vi.chosen) == (["vi", "+3", "/d/x.yaml"], False)
    assert vi.notice == "Opening vi (set $EDITOR to choose another)." and ":wq" in vi.how_to_quit
    (folder / "vi").unlink()
    nano = choose_editor("/d/x.yaml", 3, {"PATH": str(folder), "EDITOR": "  "})
    assert (nano.command, nano.name) == (["nano", "+3", "/d/x.yaml"], "nano") and "Ctrl+X" in nano.how_to_quit
    (folder / "nano").unlink()
    none = choose_editor("/d/x.yaml", 3, {"PATH": str(folder)})
    assert none.command is None and none.notice.startswith("No editor found: set $EDITOR")


async def open_browser(pilot, query: str) -> BrowseScreen:
    await pilot.pause()
    pilot.app.push_screen(BrowseScreen(query))
    await pilot.pause(BrowseScreen.SEARCH_DELAY + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen) and screen.query_one("#browse-results", DataTable).row_count == 2
    return screen


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):  # a state to reach, not a time to wait: 200 frames is only a ceiling
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


def front_of(ctx, key: str) -> str:
    with ctx.db.read() as s:
        return s.scalar(select(CardRow.front).where(CardRow.key == key))


def notice_text(app) -> str:
    return str(app.screen.query_one("#editor-notice-text", Static).render())


async def test_browser_without_editor_names_vi_before_opening_it(ctx, tmp_path, monkeypatch, no_editor_set):
    monkeypatch.setenv("PATH", str(bin_with(tmp_path, "vi")))
    log, copy = tmp_path / "vi.log", ctx.home / "decks" / "beta.yaml"
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_browser(pilot, "deck:beta")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorNotice), "the notice")
        text = notice_text(app)
        assert "Opening vi (set $EDITOR to choose another)." in text and ":wq" in text and "export EDITOR" in text
        assert not log.exists() and not copy.exists()  # nothing opened or copied yet
        await pilot.press("escape")  # not now
        await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen), "back in the browser")
        assert not log.exists() and not copy.exists()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorNotice), "the notice again")
        await pilot.press("enter")
        await wait_for(pilot, lambda: front_of(ctx, "beta/b1") == "Edited by vi", "the edit synced")
        assert log.read_text().splitlines()[-1] == str(copy)
        assert any("Edited in vi: set $EDITOR to choose another editor." in n.message for n in app._notifications)


async def test_browser_with_no_editor_at_all_says_to_set_editor(ctx, tmp_path, monkeypatch, no_editor_set):
    monkeypatch.setenv("PATH", str(bin_with(tmp_path)))  # neither vi nor nano
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_browser(pilot, "deck:beta")
        await pilot.press("e")
        await wait_for(pilot, lambda: app._notifications, "a notification")
        [note] = list(app._notifications)
        assert note.severity == "error" and note.message.startswith("No editor found: set $EDITOR")
        assert "\n" not in note.message
        assert app.screen is screen and not (ctx.home / "decks").exists()  # no copy left behind


async def test_settings_without_editor_names_nano_then_applies_the_edit(ctx, tmp_path, monkeypatch, no_editor_set):
    monkeypatch.setenv("PATH", str(bin_with(tmp_path, "nano")))
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(SettingsScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), "the settings")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorNotice), "the notice")
        assert "Opening nano (set $EDITOR to choose another)." in notice_text(app) and "Ctrl+X" in notice_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: ctx.settings.leech_threshold == 5, "the settings applied")
        assert (tmp_path / "nano.log").read_text() == str(ctx.home / "config.toml")
        assert isinstance(app.screen, SettingsScreen)


async def test_settings_with_the_learners_editor_opens_it_at_once(ctx, tmp_path, monkeypatch, no_editor_set):
    folder = bin_with(tmp_path, "myedit")
    monkeypatch.setenv("EDITOR", str(folder / "myedit"))
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(SettingsScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), "the settings")
        await pilot.press("e")
        await wait_for(pilot, lambda: ctx.settings.leech_threshold == 5, "the settings applied")
        assert not any(isinstance(s, EditorNotice) for s in app.screen_stack)
        assert not any("set $EDITOR" in n.message for n in app._notifications)
