"""The theme and key bindings of config.toml in the real app (Pilot, real temporary database)."""

from __future__ import annotations

from sqlalchemy import func, select
from textual.notifications import Notify

from flashdeck.services import decks
from flashdeck.store.models import CardStateRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp


def configured_ctx(make_ctx, tmp_path, text: str):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(text)
    ctx = make_ctx(home)
    decks.sync(ctx)
    return ctx


class Notified(list):
    """The text of every notification the app raised, recorded as Textual dispatches it (a
    run_test message hook). Not app._notifications: a toast leaves that once its timeout has
    passed in wall time, so on a loaded machine a start-up warning could be gone by the time
    the test looks."""

    def __call__(self, message) -> None:
        if isinstance(message, Notify):
            self.append(message.notification.message)


def log_count(ctx) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(ReviewLogRow))


async def test_rebound_key_works_and_invalid_bindings_fall_back_with_a_warning(make_ctx, tmp_path):
    ctx = configured_ctx(make_ctx, tmp_path, '[ui]\ntheme = "nord"\n[keys]\n"review.reveal" = "x"\n'
                                             '"review.grade_5" = "5,p"\n"review.undo" = "ctrl+banana"\n'
                                             '"review.nope" = "y"\n')
    app, shown = FlashdeckApp(ctx, start="review", deck_ids=["beta"]), Notified()
    async with app.run_test(size=(100, 30), notifications=True, message_hook=shown) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.theme == "nord"
        assert "x show answer" in str(screen.query_one("#grades").render())  # hints name the keys in effect
        config = tmp_path / "home" / "config.toml"
        warnings = app.startup_warnings  # named in the header and on home, not as toasts over the card
        assert any(m.startswith(f"{config}: keys.review.undo: 'ctrl+banana' is not a key name; keeping the default key 'u'")
                   for m in warnings)
        assert any(m.startswith(f"{config}: keys.review.nope: no action has this id") for m in warnings)
        assert "settings ignored" in app.sub_title and not any("ctrl+banana" in m for m in shown)
        await pilot.press("space")  # no longer the reveal key
        await pilot.pause()
        assert not screen.revealed
        await pilot.press("x")
        await pilot.pause()
        assert screen.revealed and screen.query_one("#back").display
        assert "5 perfect" in str(screen.query_one("#grades").render())  # the first of "5,p"
        await pilot.press("p")  # a second key added to grade 5
        await pilot.pause()
        assert log_count(ctx) == 1
        await pilot.press("u")  # the invalid rebinding left undo on its default key
        await pilot.pause()
        assert log_count(ctx) == 0


async def test_unknown_theme_falls_back_with_a_warning(make_ctx, tmp_path):
    ctx = configured_ctx(make_ctx, tmp_path, '[ui]\ntheme = "no-such-theme"\n[study]\nnew_per_day = "many"\n')
    app, shown = FlashdeckApp(ctx), Notified()
    async with app.run_test(size=(100, 30), notifications=True, message_hook=shown) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        warnings = app.startup_warnings
        assert any("ui.theme 'no-such-theme' is not a Textual theme" in m and "using 'textual-dark'" in m
                   for m in warnings)
        assert any("study.new_per_day must be a whole number 0-10000, got 'many'; using 20" in m for m in warnings)
        # said where it covers nothing: the header counts them, the home screen lists them; no toast
        assert app.sub_title == "⚠ 2 settings ignored: Ctrl+P → Settings"
        listed = str(app.screen.query_one("#problems").render())
        assert "Settings ignored" in listed and "no-such-theme" in listed and "'many'" in listed
        assert not any("no-such-theme" in m for m in shown)


async def test_a_key_taken_from_another_action_falls_back_but_a_swap_works(make_ctx, tmp_path):
    ctx = configured_ctx(make_ctx, tmp_path, '[keys]\n"review.reveal" = "u"\n"review.bury" = "z"\n"review.suspend" = "b"\n')
    app, shown = FlashdeckApp(ctx, start="review", deck_ids=["beta"]), Notified()
    async with app.run_test(size=(100, 30), notifications=True, message_hook=shown) as pilot:
        await pilot.pause()
        assert any("keys.review.reveal: 'u' is also the key of review.undo on the same screen; "
                   "keeping the default key 'space'" in m for m in app.startup_warnings)
        assert app.sub_title.startswith("⚠ 1 setting ignored")
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.revealed  # reveal kept its default key
        await pilot.press("5", "u")  # and undo still has its own
        await pilot.pause()
        assert log_count(ctx) == 0
        await pilot.press("b")  # suspend moved onto bury's old key, bury moved away: both applied
        await pilot.pause()
        with ctx.db.read() as s:
            state = s.get(CardStateRow, 5)  # beta/b1
            assert state.suspended and state.buried_until is None
