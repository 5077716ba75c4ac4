"""Every screen is reachable (home keys and the command palette); cram and settings from the TUI."""

from __future__ import annotations

import stat
import sys

import pytest
from sqlalchemy import select
from textual.widgets import SelectionList

from flashdeck.store.models import CardStateRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.navigation import PLACES


async def _settle(pilot, app, kind: str, tries: int = 60) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if type(app.screen).__name__ == kind:
            return


EXPECTED = {
    "home": "HomeScreen", "review": "ReviewScreen", "cram": "CramSetupScreen", "drills": "DrillListScreen",
    "mock": "MockSetupScreen", "stats": "StatsScreen", "browse": "BrowseScreen", "leeches": "BrowseScreen",
    "export": "ExportScreen", "settings": "SettingsScreen",
}


def test_every_place_has_an_expected_screen():
    assert {p.name for p in PLACES} == set(EXPECTED)


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p.name)
async def test_every_place_opens_from_the_command_palette(ctx, place):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if place.name == "home":  # go somewhere first, so that "Home" has somewhere to come back from
            await pilot.press("s")
            await _settle(pilot, app, "StatsScreen")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*place.title)
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter")
        await _settle(pilot, app, EXPECTED[place.name])
        assert type(app.screen).__name__ == EXPECTED[place.name]
        if place.name == "leeches":
            assert app.screen.query_one("Input").value == "is:leech"


async def test_cram_from_the_home_screen_logs_grades_and_moves_no_schedule(ctx):
    with ctx.db.read() as s:
        before = {r.card_id: (r.due, r.interval, r.repetitions) for r in s.scalars(select(CardStateRow))}
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await _settle(pilot, app, "CramSetupScreen")
        dialog = app.screen
        topics = dialog.query_one(SelectionList)
        labels = [str(topics.get_option_at_index(i).prompt) for i in range(topics.option_count)]
        attention = next(i for i, label in enumerate(labels) if label.startswith("transformer.attention"))
        assert "2 cards" in labels[attention]  # the fixture decks tag a1 and a2 with it
        await pilot.press("s")  # nothing ticked yet: said so, the dialog stays
        await pilot.pause()
        assert app.screen is dialog and "Tick at least one topic" in str(dialog.query_one("#cram-error").render())
        topics.highlighted = attention
        await pilot.press("space", "s")
        await _settle(pilot, app, "ReviewScreen")
        review = app.screen
        assert review.cram and review.topics == ["transformer.attention"]
        assert "CRAM" in str(review.query_one("#status").render())
        await pilot.press("space", "5")
        await pilot.pause()
    with ctx.db.read() as s:
        logs = s.scalars(select(ReviewLogRow)).all()
        after = {r.card_id: (r.due, r.interval, r.repetitions) for r in s.scalars(select(CardStateRow))}
    assert [(r.mode, r.quality) for r in logs] == [("cram", 5)]
    assert after == before


async def test_settings_edit_in_the_editor_applies_at_once(ctx, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "path = sys.argv[-1]\n"
        "open(path, 'a', encoding='utf-8').write('\\n[study]\\nnew_per_day = 3\\nleech_threshold = 4\\n')\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(editor))
    config = ctx.home / "config.toml"
    config.write_text("")  # nothing set: every default
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _settle(pilot, app, "SettingsScreen")
        assert "new_per_day" in str(app.screen.query_one("#settings-text").render())
        await pilot.press("e")
        await pilot.pause(0.3)
        assert ctx.settings.new_per_day == 3 and ctx.settings.leech_threshold == 4
        shown = str(app.screen.query_one("#settings-text").render())
        assert "new_per_day" in shown and "= 3" in shown


async def test_settings_with_an_editor_that_does_not_exist_says_so_and_the_app_goes_on(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _settle(pilot, app, "SettingsScreen")
        await pilot.press("e")
        await pilot.pause(0.3)
        assert any("Could not start the editor" in n.message for n in app._notifications)
        await pilot.press("escape")
        await _settle(pilot, app, "HomeScreen")
        assert type(app.screen).__name__ == "HomeScreen"


def test_every_binding_names_an_action_that_exists():
    """Textual ignores a key whose action is missing; the learner would press it in vain."""
    import importlib
    import pkgutil
    import re

    from textual.binding import Binding

    from flashdeck.tui import screens

    missing = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"flashdeck.tui.screens.{info.name}")
        for cls in vars(module).values():
            if not (isinstance(cls, type) and cls.__module__ == module.__name__ and hasattr(cls, "BINDINGS")):
                continue
            for binding in cls.BINDINGS:
                if not isinstance(binding, Binding):
                    continue
                target, action = (FlashdeckApp, binding.action[4:]) if binding.action.startswith("app.") \
                    else (cls, binding.action)
                if not hasattr(target, "action_" + re.match(r"\w+", action).group()):
                    missing.append(f"{cls.__name__}: {binding.key} -> {binding.action}")
    assert missing == []
