"""The real Textual app, driven by Pilot over a real temporary database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from textual.widgets import DataTable, Static

from flashdeck.services import decks
from flashdeck.store.models import CardStateRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.screens.review import ReviewScreen
from flashdeck.tui.widgets.card_text import CardText


@pytest.fixture
def make_ctx(backend_make_ctx):
    """The screens on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx


def log_count(ctx) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(ReviewLogRow))


def markdown_text(screen, widget_id: str) -> str:
    return screen.query_one(widget_id, CardText).source


def status(screen) -> str:
    return str(screen.query_one("#status", Static).render())



async def test_home_lists_decks_and_opens_a_review(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Alpha deck", "Beta deck"]
        assert [str(c) for c in table.get_row_at(0)[1:]] == ["0", "4", "4"]
        await pilot.press("down", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "ZeRO stage 1" in markdown_text(app.screen, "#front")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_review_reveal_grade_commits_before_next_card(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["beta"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "ZeRO stage 1" in markdown_text(screen, "#front")
        assert not screen.query_one("#back").display
        assert "0 done · 2 left" in status(screen)
        await pilot.press("5")  # grading before the answer is shown does nothing
        await pilot.pause()
        assert log_count(ctx) == 0
        await pilot.press("space")
        await pilot.pause()
        assert screen.query_one("#back").display and "optimizer states" in markdown_text(screen, "#back")
        assert "5 perfect" in str(screen.query_one("#grades", Static).render())
        seen_by_next_card = []
        original = screen.show_current

        def spy():
            seen_by_next_card.append(log_count(ctx))
            original()

        screen.show_current = spy
        await pilot.press("4")
        await pilot.pause()
        assert seen_by_next_card == [1]  # the grade was in the database before the next card was drawn
        assert "ZeRO stage 2" in markdown_text(screen, "#front")
        assert "1 done · 1 left" in status(screen)
        with ctx.db.read() as s:
            row = s.scalars(select(ReviewLogRow)).one()
        assert row.quality == 4 and row.interval_after == 1


async def test_undo_bury_suspend_and_finish(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["beta"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space", "5")
        await pilot.pause()
        assert log_count(ctx) == 1
        await pilot.press("u")
        await pilot.pause()
        assert log_count(ctx) == 0 and "ZeRO stage 1" in markdown_text(screen, "#front")
        await pilot.press("b")  # bury b1
        await pilot.pause()
        await pilot.press("s")  # suspend b2
        await pilot.pause()
        assert "Nothing due" in markdown_text(screen, "#front")
        with ctx.db.read() as s:
            states = {r.card_id: r for r in s.scalars(select(CardStateRow))}
        assert states[5].buried_until is not None and states[6].suspended
        await pilot.press("u")
        await pilot.pause()
        assert "ZeRO stage 2" in markdown_text(screen, "#front")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_finished_session_says_when_next_card_is_due(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["beta"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "5", "space", "5")
        await pilot.pause()
        text = markdown_text(app.screen, "#front")
        assert "Done for now" in text and "reviewed **2** card(s)" in text
        tomorrow = ctx.today().toordinal() + 1
        from datetime import date

        assert f"{date.fromordinal(tomorrow):%a %d %b %Y}" in text


async def test_the_new_card_limit_is_named_as_the_reason(make_ctx, tmp_path):
    """new_per_day = 1 on a 4-card deck: after one new card, the screen says the limit is why
    nothing more comes, with the numbers and what to do, not "the next card is due on …"."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nnew_per_day = 1\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "5")
        await pilot.pause()
        text = markdown_text(app.screen, "#front")
        assert "Done for now" in text and "reviewed **1** card(s)" in text
        assert "Today's new cards are used up: **1 of 1** introduced" in text
        assert "**3** new cards wait" in text and "new_per_day" in text and "**c**" in text
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])  # and when it opens on nothing
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = markdown_text(app.screen, "#front")
        assert text.startswith("# No new cards left today") and "**1 of 1**" in text
        assert "next card is due" not in text


async def test_latex_is_rendered_readably(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        front = markdown_text(app.screen, "#front")
        assert "√" in front and "\\sqrt" not in front and "dₖ" in front
        await pilot.press("space")
        await pilot.pause()
        assert "\\cdot" not in markdown_text(app.screen, "#back")
        shown = app.export_screenshot()
        assert "\\sqrt" not in shown


async def test_broken_deck_file_is_named_on_home(make_ctx, decks_dir):
    (decks_dir / "gamma.yaml").write_text("id: gamma\ntitle: [oops\n")
    ctx = make_ctx()
    report = decks.sync(ctx)
    app = FlashdeckApp(ctx, sync_report=report)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "gamma.yaml:3: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2)" in problems
        assert any("gamma.yaml" in n.message for n in app._notifications)
