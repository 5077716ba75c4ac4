"""What a learner needs fits at 80x24: every column of the deck table, every footer key."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Footer

from flashdeck.services import decks
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.home import HomeScreen


@pytest.fixture
def long_titles(ctx, tmp_path):
    """A user deck with a title far wider than 80 columns, beside the fixture decks."""
    user = ctx.home / "decks"
    user.mkdir(parents=True, exist_ok=True)
    (user / "long.yaml").write_text(
        "id: long\n"
        "title: LLM systems - distributed training, memory, inference, compression and serving at scale\n"
        "cards:\n"
        "  - id: c1\n    kind: concept\n    topics: [transformer.attention]\n    front: What is a loss?\n"
        "    back: A number to make smaller.\n")
    report = decks.sync(ctx)
    assert not report.problems, report.problems
    return ctx


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_home_shows_every_column_and_every_footer_key(long_titles, size):
    app = FlashdeckApp(long_titles)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["Deck", "Due", "New", "Cards"]
        assert table.max_scroll_x == 0, "the deck table scrolls sideways: a column is cut off"
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert any(t.endswith("…") for t in titles) == (size[0] == 80)
        footer = app.screen.query_one(Footer)
        assert footer.max_scroll_x == 0, "the footer is cut off"
        shown = " ".join(str(w.render()) for w in footer.query("FooterKey"))
        for label in ("Review", "Drills", "Mock", "Stats", "Browse", "Quit"):
            assert label in shown, shown


@pytest.mark.parametrize("key,screen_name", [("b", "BrowseScreen"), ("s", "StatsScreen")])
async def test_other_screens_footers_fit_at_80_columns(ctx, key, screen_name):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        for _ in range(100):
            if type(app.screen).__name__ == screen_name:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert type(app.screen).__name__ == screen_name
        footer = app.screen.query_one(Footer)
        assert footer.max_scroll_x == 0, "the footer is cut off"


async def test_mock_setup_form_fits_at_80x24_without_scrolling(ctx):
    from textual.containers import VerticalScroll
    from textual.widgets import Checkbox

    from flashdeck.tui.screens.mock_setup import MockSetupScreen

    app = FlashdeckApp(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        for _ in range(100):
            if isinstance(app.screen, MockSetupScreen):
                break
            await pilot.pause(0.05)
        await pilot.pause()
        form = app.screen.query_one(VerticalScroll)
        assert form.max_scroll_y == 0, "the form scrolls: a field is below the screen's edge"
        practice = app.screen.query_one("#setup-no-schedule", Checkbox)
        assert practice.region.bottom <= 24 and practice.region.height == 3
