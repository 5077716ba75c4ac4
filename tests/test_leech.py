"""Leeches over a real SQLite file: the 8th lapse suspends the card in the grade's own
transaction, the review log keeps every grade, undo lifts the suspension, the screen says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.widgets import Static

from flashdeck.domain.leech import is_leech, lapse_makes_leech
from flashdeck.services import decks, stats
from flashdeck.services.study import StudySession
from flashdeck.store import study as store
from flashdeck.store.models import CardStateRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp

B1 = 5  # beta/b1 in the fixture decks


@pytest.mark.parametrize("lapses, threshold, flagged", [
    (7, 8, False), (8, 8, True), (9, 8, False), (11, 8, False), (12, 8, True), (16, 8, True),
    (1, 1, True), (2, 1, True), (3, 3, True), (4, 3, True), (50, 0, False),
])
def test_leech_rule(lapses, threshold, flagged):
    assert lapse_makes_leech(lapses, threshold) is flagged
    assert is_leech(lapses, threshold) is (threshold > 0 and lapses >= threshold)


def state(ctx, card_id=B1) -> CardStateRow:
    with ctx.db.read() as s:
        return s.get(CardStateRow, card_id)


def logs(ctx) -> list[ReviewLogRow]:
    with ctx.db.read() as s:
        return s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()


def test_eighth_lapse_suspends_in_the_same_transaction_and_keeps_the_log(ctx, clock):
    outcomes = []
    for lapse in range(1, 9):
        with ctx.db.write() as s:  # one transaction per grade, as the session does
            store.grade(s, B1, 5, ctx.today(), ctx.now_utc(), 1000, leech_threshold=8)
        with ctx.db.write() as s:
            outcomes.append(store.grade(s, B1, 1, ctx.today(), ctx.now_utc(), 1000, leech_threshold=8))
        assert state(ctx).lapses == lapse
        assert state(ctx).suspended is (lapse == 8)
        clock.advance(days=1)
    assert [o.leech for o in outcomes] == [False] * 7 + [True]
    assert not outcomes[-1].repeat_today  # a suspended leech does not come back in the session
    assert [r.quality for r in logs(ctx)] == [5, 1] * 8  # every grade is still in the log
    assert StudySession(ctx, ["beta"]).current.card.key == "beta/b2"  # b1 is out of rotation
    assert stats.summary(ctx)["leeches"] == 1


def make_lapse_ready(ctx, lapses: int, card_id=B1) -> None:
    """A learned card with `lapses` lapses behind it, due today."""
    with ctx.db.write() as s:
        row = s.get(CardStateRow, card_id)
        row.repetitions, row.interval, row.lapses = 2, 6, lapses
        row.due, row.introduced_on = ctx.today(), ctx.today() - timedelta(days=20)


def test_session_reports_the_leech_and_undo_restores_it(ctx):
    make_lapse_ready(ctx, 7)
    session = StudySession(ctx, ["beta"])
    assert session.current.card.key == "beta/b1"
    assert session.grade(1) is True
    assert session.current.card.key == "beta/b2" and session.progress.left == 1  # moved on, no repeat
    assert state(ctx).suspended and state(ctx).lapses == 8
    assert session.undo() == "grade"
    restored = state(ctx)
    assert (restored.suspended, restored.lapses, restored.repetitions, restored.interval, restored.due) == (
        False, 7, 2, 6, ctx.today())
    assert logs(ctx) == [] and session.current.card.key == "beta/b1"
    assert session.grade(4) is False and not state(ctx).suspended


def test_threshold_comes_from_the_config_and_zero_turns_leeches_off(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nleech_threshold = 2\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    make_lapse_ready(ctx, 1)
    assert StudySession(ctx, ["beta"]).grade(0) is True
    assert stats.summary(ctx)["leeches"] == 1 and stats.summary(ctx)["leech_threshold"] == 2

    (home / "config.toml").write_text("[study]\nleech_threshold = 0\n")
    off = make_ctx(home)
    make_lapse_ready(off, 50, card_id=6)
    assert StudySession(off, ["beta"]).grade(0) is False
    assert not state(off, 6).suspended and stats.summary(off)["leeches"] == 0


async def test_review_screen_shows_a_leech_notice_and_moves_on(ctx):
    make_lapse_ready(ctx, 7)
    app = FlashdeckApp(ctx, start="review", deck_ids=["beta"])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("space", "1")
        await pilot.pause()
        [notice] = [n for n in app._notifications if n.title == "Leech"]
        assert "beta/b1 has lapsed 8 times" in notice.message and "rewriting" in notice.message
        assert "ZeRO stage 2" in app.screen.query_one("#front").source  # the session moved on
        assert "1 done · 1 left" in str(app.screen.query_one("#status", Static).render())
        assert state(ctx).suspended


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
