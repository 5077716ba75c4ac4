"""Export from the TUI: home → e → a file name → the package Anki imports."""

from __future__ import annotations

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from textual.widgets import Checkbox, DataTable, Input, Static

from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.export import ExportScreen


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Export with progress from the TUI on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx

async def test_export_the_highlighted_deck_from_home(ctx, tmp_path):
    out = tmp_path / "out" / "alpha"  # no suffix: .apkg is added
    (tmp_path / "out").mkdir()
    app = FlashdeckApp(ctx, start="home")
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = [table.get_row_at(i)[0] for i in range(table.row_count)].index("Alpha deck")
        table.move_cursor(row=row)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.screen.deck_id == "alpha"
        app.screen.query_one("#export-path", Input).value = str(out)
        app.screen.query_one("#export-progress", Checkbox).value = True
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)  # closed on success
    package = out.with_suffix(".apkg")
    assert package.is_file()
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
        assert col.note_count() == 4  # the alpha fixture deck's cards
        assert "flashdeck::Alpha deck" in {d.name for d in col.decks.all_names_and_ids()}
    finally:
        col.close()


async def test_unwritable_path_shows_the_error_and_keeps_the_dialog(ctx, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = FlashdeckApp(ctx, start="home")
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(blocker / "x.apkg")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and not screen.running
        assert "✗" in str(screen.query_one("#export-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert list(tmp_path.glob("**/*.apkg")) == []
