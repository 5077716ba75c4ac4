"""The review keys on every card kind, as the footer names them, with each ui.type_answers
setting; and ctrl+c, which leaves (copying a selection first). The real app, Pilot, a real
SQLite file (the conftest fixtures)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from textual.widgets import Input, Static, TextArea
from textual.widgets._footer import FooterKey

from flashdeck.services import decks
from flashdeck.services.settings import Settings, config_template, load_settings
from flashdeck.store.models import CardRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp

SIZE = (110, 40)
KINDS = {"a1": "concept", "a2": "concept", "a3": "math", "a4": "scenario"}


async def wait_for(pilot, condition, timeout: float = 20.0) -> None:
    """Poll a state (the footer redraws, sympy answers in a thread): never a fixed sleep."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.02)


def footer(app) -> dict[str, tuple[str, bool]]:
    """What the footer shows: description -> (the key it names, enabled)."""
    return {k.description: (k.key, not k._disabled) for k in app.screen.query(FooterKey)}


async def footer_key(pilot, app, description: str) -> str:
    """The key the footer names for `description`, once the footer shows it enabled."""
    await wait_for(pilot, lambda: footer(app).get(description, ("", False))[1])
    return footer(app)[description][0]


def hints(screen) -> str:
    return str(screen.query_one("#grades", Static).render())


def grades_logged(ctx) -> list[tuple[str, int]]:
    with ctx.db.read() as s:
        rows = s.execute(select(CardRow.card_id, ReviewLogRow.quality)
                         .join(CardRow, CardRow.id == ReviewLogRow.card_id).order_by(ReviewLogRow.id))
        return [(card, quality) for card, quality in rows]


def typed_so_far(screen) -> str:
    """Whatever went into an answer box (nothing, for a learner who never types)."""
    return "".join([b.value for b in screen.query(Input)] + [b.text for b in screen.query(TextArea)])


def with_type_answers(ctx, mode: str) -> None:
    from dataclasses import replace

    ctx.settings = replace(ctx.settings, type_answers=mode)


async def skip_to(pilot, screen, card_id: str) -> None:
    """Bury cards (with the footer's bury key) until `card_id` shows."""
    while screen.session.current.card.card_id != card_id:
        if screen._typing():
            await pilot.press("escape")
        await pilot.press(await footer_key(pilot, screen.app, "Bury"))
        await pilot.pause()


# -- a learner who never types -------------------------------------------------------------

@pytest.mark.parametrize("mode", ["auto", "never"])
async def test_each_card_kind_reviews_with_the_footer_keys_alone(ctx, mode):
    with_type_answers(ctx, mode)
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        expected = []
        for card_id, grade in (("a1", 5), ("a2", 4), ("a3", 5), ("a4", 4)):
            assert screen.session.current.card.card_id == card_id
            kind = KINDS[card_id]
            shown = footer(app)
            await footer_key(pilot, app, "Show answer")
            typing_offered = mode == "auto" and kind in ("math", "scenario")
            await wait_for(pilot, lambda: ("Type" in footer(app)) == typing_offered)
            assert not screen._typing()
            await pilot.press(await footer_key(pilot, app, "Show answer"))
            assert screen.revealed, (card_id, shown)
            assert f"{grade} " in hints(screen)  # the hint line names the grade keys
            await pilot.press(str(grade))
            expected.append((card_id, grade))
            assert grades_logged(ctx) == expected  # that grade, for that card, in the database
            assert typed_so_far(screen) == ""  # not one key went into an answer box
        if mode == "never":
            assert not screen.query("#formula") and not screen.query("#typed")  # no box was mounted
        await pilot.press(await footer_key(pilot, app, "Leave"))
    assert app.return_code == 0


async def test_scenario_key_points_without_a_box_do_not_ask_for_typing(ctx):
    with_type_answers(ctx, "never")
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a4")
        await pilot.press("t", "space")  # t does nothing here: there is no box
        points = str(screen.query_one("#points", Static).render())
        assert "• repetition penalty / frequency penalty" in points and "type an answer" not in points


@pytest.mark.parametrize("kind_card", ["a3", "a4"])
async def test_undo_after_bury_acts_even_when_the_next_card_takes_typing(ctx, kind_card):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        before = {"a3": "a2", "a4": "a3"}[kind_card]
        await skip_to(pilot, screen, before)
        await pilot.press(await footer_key(pilot, app, "Bury"))
        await pilot.pause()
        assert screen.session.current.card.card_id == kind_card  # a math / scenario card now
        assert any("u to undo" in str(n.message) and "Esc" not in str(n.message) for n in app._notifications)
        await pilot.press(await footer_key(pilot, app, "Undo"))
        await pilot.pause()
        assert screen.session.current.card.card_id == before and typed_so_far(screen) == ""


@pytest.mark.parametrize("card_id", ["a1", "a3", "a4"])
async def test_q_leaves_from_each_card_kind(ctx, card_id):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await skip_to(pilot, app.screen, card_id)
        await pilot.press(await footer_key(pilot, app, "Leave"))
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


# -- typing, for whoever wants it ----------------------------------------------------------

async def test_math_type_key_enter_checks_then_a_digit_grades(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press(await footer_key(pilot, app, "Type"))
        formula = screen.query_one("#formula", Input)
        assert screen.focused is formula and "Enter checks it" in hints(screen)
        await pilot.press(*"5 sbuq")  # the review keys are typed in the box
        assert formula.value == "5 sbuq" and screen.session.current.card.card_id == "a3"
        await pilot.press(*["backspace"] * 6, *"12*d**2", "enter")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.revealed)
        assert "Suggested grade: 5" in str(screen.query_one("#feedback", Static).render())
        assert screen.focused is not formula  # back on the screen: the review keys act
        await pilot.press("3")  # a digit overrides the suggestion
        assert grades_logged(ctx) == [("a3", 3)]


async def test_math_typed_then_esc_keeps_it_and_space_checks_it(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press("t", *"12*d", "escape")
        assert not screen._typing() and screen.query_one("#formula", Input).value == "12*d"
        assert "back to your answer" in hints(screen)
        await pilot.press("t", "*", "d", "escape")  # t goes back to it, the text kept
        assert screen.query_one("#formula", Input).value == "12*d*d"
        await pilot.press("space")  # the typed formula is checked on the way to the answer
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.revealed)
        assert "Suggested grade: 5" in str(screen.query_one("#feedback", Static).render())
        await pilot.press("enter")  # accepts it
        assert grades_logged(ctx) == [("a3", 5)]


async def test_unreadable_formula_then_space_still_shows_the_answer(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press("t", *"12d^2", "escape", "space")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.revealed)
        assert screen.suggested is None and "no suggested grade" in str(screen.query_one("#feedback", Static).render())
        await pilot.press("2")
        assert grades_logged(ctx) == [("a3", 2)]


async def test_scenario_type_key_enter_shows_key_points_then_a_digit_grades(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a4")
        await pilot.press(await footer_key(pilot, app, "Type"))
        assert screen.focused is screen.query_one("#typed", TextArea)
        await pilot.press(*"lower the temperature", "enter")
        assert screen.revealed and not screen._typing()
        points = str(screen.query_one("#points", Static).render())
        assert "✓ temperature / top-p" in points and "✗ repetition penalty" in points
        assert screen.query_one("#typed", TextArea).text == "lower the temperature"  # Enter was no newline
        await pilot.press("4")
        assert grades_logged(ctx) == [("a4", 4)]


async def test_always_focuses_the_box_and_space_on_an_empty_box_shows_the_answer(ctx):
    with_type_answers(ctx, "always")
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen._typing()  # a concept card: no box, the keys as ever
        await pilot.press("space", "5")
        await pilot.press("b")  # bury a2: the next card is the math card, its box focused
        await wait_for(pilot, lambda: screen._typing())
        assert screen.session.current.card.card_id == "a3"
        assert any("Esc, then u to undo" in str(n.message) for n in app._notifications)
        await wait_for(pilot, lambda: "Undo" not in footer(app) and "Show answer" in footer(app))  # u is typed
        await pilot.press("space")  # an empty box: space is the review's
        assert screen.revealed and not screen._typing() and typed_so_far(screen) == ""
        await pilot.press("1")
        await wait_for(pilot, lambda: screen._typing())  # the scenario's box, focused on arrival
        assert screen.session.current.card.card_id == "a4"
        await pilot.press(*"temperature", "space", "u")  # not empty: space and u are typed
        assert screen.query_one("#typed", TextArea).text == "temperature u"
        await wait_for(pilot, lambda: "Show answer" not in footer(app))  # space is typed now
        await pilot.press("escape", "u")  # Esc leaves the box, then u undoes the grade of a3
        await pilot.pause()
        assert screen.session.current.card.card_id == "a3" and grades_logged(ctx) == [("a1", 5)]
        await wait_for(pilot, lambda: screen._typing())
        await pilot.press(*"12*d**2", "enter")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: screen.revealed)
        await pilot.press("4")
        assert grades_logged(ctx) == [("a1", 5), ("a3", 4)]


# -- the setting itself --------------------------------------------------------------------

def test_type_answers_is_read_documented_and_a_bad_value_falls_back(tmp_path):
    assert Settings().type_answers == "auto"
    template = config_template()
    assert 'type_answers = "auto"' in template and "(auto | always | never)" in template
    path = tmp_path / "config.toml"
    for mode in ("auto", "always", "never"):
        path.write_text(f'[ui]\ntype_answers = "{mode}"\n')
        assert load_settings(path) == (Settings(type_answers=mode), [])
    for bad in ('"sometimes"', "1", '""'):
        path.write_text(f"[ui]\ntype_answers = {bad}\n")
        settings, warnings = load_settings(path)
        assert settings.type_answers == "auto"
        assert len(warnings) == 1 and warnings[0].startswith(f"{path}: ui.type_answers must be one of "
                                                             '"auto", "always", "never", got ')
        assert warnings[0].endswith("; using 'auto'")


async def test_type_answers_from_config_toml_reaches_the_review(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[ui]\ntype_answers = "always"\n')
    ctx = make_ctx(home)
    decks.sync(ctx)
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await skip_to(pilot, app.screen, "a3")
        await wait_for(pilot, lambda: app.screen._typing())

    (home / "config.toml").write_text('[ui]\ntype_answers = "often"\n')
    ctx = make_ctx(home)
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("ui.type_answers must be one of" in m for m in app.startup_warnings)
        await skip_to(pilot, app.screen, "a3")
        await footer_key(pilot, app, "Type")  # the default, "auto"
        assert not app.screen._typing()


# -- ctrl+c --------------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["home", "review"])
async def test_ctrl_c_quits(ctx, start):
    app = FlashdeckApp(ctx, start=start, deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert not any("to quit the app" in str(n.message) for n in app._notifications)


async def test_ctrl_c_quits_from_a_dialog_and_from_an_answer_box(ctx):
    from flashdeck.tui.screens.cram import CramSetupScreen

    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # the topics dialog (a modal screen)
        await wait_for(pilot, lambda: isinstance(app.screen, CramSetupScreen))
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: app.return_code is not None)

    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await skip_to(pilot, app.screen, "a3")
        await pilot.press("t", "1", "2")
        await pilot.press("ctrl+c")  # typing, nothing selected: leave
        await wait_for(pilot, lambda: app.return_code is not None)


async def test_ctrl_c_copies_a_selection_first_then_quits(ctx):
    app = FlashdeckApp(ctx, start="review", deck_ids=["alpha"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await skip_to(pilot, screen, "a3")
        await pilot.press("t", *"12*d**2", "shift+home")  # select what was typed
        formula = screen.query_one("#formula", Input)
        assert formula.selected_text == "12*d**2"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "12*d**2" and app.return_code is None  # copied, still here
        assert formula.selected_text == "" and formula.value == "12*d**2"
        await pilot.press("ctrl+c")  # nothing selected now: leave
        await wait_for(pilot, lambda: app.return_code is not None)


class _IdleJudge:
    """A drill judge that is ready at once (these tests never run a check: no torch)."""

    def start(self, wait: bool = False) -> None:
        pass

    def close(self) -> None:
        pass


async def test_ctrl_c_in_the_drill_editor_copies_the_selection_then_quits_and_the_code_is_saved(make_ctx):
    from flashdeck import paths
    from flashdeck.services import drills as drill_service

    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    app = FlashdeckApp(ctx, start="drill:softmax")
    app.drill_judge = _IdleJudge()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one("#code", TextArea)
        assert app.screen.focused is editor
        assert editor.selected_text.strip() == "raise NotImplementedError"  # the starter's TODO, selected
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard.strip() == "raise NotImplementedError" and app.return_code is None
        await pilot.press(*"return x  # mine")  # typed at the cursor, saved 0.5 s later, or on leaving
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert "return x  # mine" in drill_service.read_workspace(ctx, "softmax")
    assert "return x  # mine" in drill_service.open_attempt(ctx, "softmax").code
