"""Typed answers in the review: formulas checked by sympy, key points for scenarios."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import Input, Static, TextArea

from flashdeck.store.models import ReviewLogRow
from flashdeck.tui.app import FlashdeckApp


def text(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def skip_to(pilot, screen, card_id: str):
    """Bury cards until `card_id` shows (Esc first when an answer box has the focus)."""
    while screen.session.current.card.card_id != card_id:
        if isinstance(screen.focused, (Input, TextArea)):
            await pilot.press("escape")
        await pilot.press("b")
        await pilot.pause()
    assert screen.is_current


async def test_math_answer_checked_and_suggested_grade_accepted(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        formula = screen.query_one("#formula", Input)
        assert formula.display and screen.focused is not formula  # type_answers = "auto": t types
        assert "d model width" in text(screen, "#symbols")
        await pilot.press("t")
        assert screen.focused is formula
        await pilot.press(*"12d^2", "enter")  # implicit multiplication is refused with a pointer
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2*d" in text(screen, "#feedback") or "write" in text(screen, "#feedback")
        assert not screen.revealed
        formula.value = ""
        await pilot.press(*"4*d*(3*d)", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.revealed and "✓" in text(screen, "#feedback") and "Suggested grade: 5" in text(screen, "#feedback")
        assert "Enter accept 5" in text(screen, "#grades")
        await pilot.press("enter")
        await pilot.pause()
        with ctx.db.read() as s:
            assert s.scalars(select(ReviewLogRow.quality)).all() == [5]
        assert screen.session.current.card.card_id == "a4"


async def test_wrong_formula_suggests_one_and_learner_can_override(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press("t", *"12*d", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✗" in text(screen, "#feedback") and "Suggested grade: 1" in text(screen, "#feedback")
        assert "12" in text(screen, "#expected")
        await pilot.press("2")
        await pilot.pause()
        with ctx.db.read() as s:
            assert s.scalars(select(ReviewLogRow.quality)).all() == [2]


async def test_hostile_formula_is_not_a_formula(ctx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        screen.query_one("#formula", Input).value = "__import__('os').system('touch PWNED')"
        await pilot.press("t", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✗" in text(screen, "#feedback") and not screen.revealed
        assert not (tmp_path / "PWNED").exists()


async def test_skipping_the_formula_reveals_without_a_suggestion(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press("t", "escape", "space")
        await pilot.pause()
        assert screen.revealed and screen.suggested is None
        assert "Enter accept" not in text(screen, "#grades")


async def test_scenario_key_points_covered(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a4")
        typed = screen.query_one("#typed", TextArea)
        assert screen.focused is not typed
        await pilot.press("t")
        assert screen.focused is typed
        await pilot.press(*"raise the repetition penalty", "escape", "space")
        await pilot.pause()
        points = text(screen, "#points")
        assert "✓ repetition penalty / frequency penalty" in points
        assert "✗ temperature / top-p" in points
        await pilot.press("3")
        await pilot.pause()
        with ctx.db.read() as s:
            assert s.scalars(select(ReviewLogRow.quality)).all() == [3]
