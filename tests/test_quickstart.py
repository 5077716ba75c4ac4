"""The quick start: today's first card read with stdlib sqlite3 must be the StudySession's.

Both read the same real SQLite file; the collections are randomised (due, overdue, new,
same-day repeats, suspended, buried, retired cards; limits partly used up today), so a rule
changed in store.study.queue and not in store.first_card fails here.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from flashdeck.domain.interview import weakest_first_at
from flashdeck.services import decks
from flashdeck.services.quickstart import peek_review
from flashdeck.services.study import StudySession
from flashdeck.store import first_card as peek_store
from flashdeck.store import stats as stats_store
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow, ReviewLogRow


def _big_decks(folder, decks_count=3, cards=14):
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(decks_count):
        lines = [f"id: deck{d}", f"title: Deck {d}", "description: generated", "cards:"]
        for c in range(cards):
            lines += [f"  - id: c{c}", "    kind: concept", "    topics: [transformer.attention]",
                      f"    front: Question {d}-{c}", f"    back: Answer {d}-{c}"]
        (folder / f"deck{d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _scramble(ctx, rng: random.Random) -> None:
    today = ctx.today()
    with ctx.db.write() as s:
        ids = s.scalars(select(CardRow.id)).all()
        for card_id in ids:
            roll = rng.random()
            due = (None if roll < 0.35 else today + timedelta(days=rng.randint(-6, 3)))
            extra = due is not None and rng.random() < 0.25
            s.execute(update(CardStateRow).where(CardStateRow.card_id == card_id).values(
                due=due, needs_extra_review=extra, repetitions=0 if due is None else rng.randint(1, 5),
                interval=0 if due is None else rng.randint(1, 30),
                suspended=rng.random() < 0.1,
                buried_until=rng.choice([None, None, None, today, today + timedelta(days=1)]),
                introduced_on=today if rng.random() < 0.15 else None))
            if rng.random() < 0.05:
                s.execute(update(CardRow).where(CardRow.id == card_id).values(retired=True))
        for _ in range(rng.randint(0, 6)):  # reviews already begun today (count against the limit)
            s.add(ReviewLogRow(
                card_id=rng.choice(ids), reviewed_at=datetime(2026, 3, 2, 8), study_day=today, quality=4,
                duration_ms=0, mode=rng.choice(["review", "review", "cram", "mock"]), reps_before=1,
                ease_before=250, interval_before=1, due_before=rng.choice([today, None]),
                extra_before=rng.random() < 0.2, lapses_before=0, introduced_before=None, reps_after=2,
                ease_after=250, interval_after=6, due_after=today + timedelta(days=6), extra_after=False))


def _memories(ctx, rng) -> None:
    """FSRS memories for most cards, as grades leave them (readiness and the weakest-first order read them)."""
    now = ctx.now().timestamp()
    with ctx.db.write() as s:
        for card_id in s.scalars(select(CardRow.id)).all():
            if rng.random() < 0.8:
                s.add(CardMemoryRow(card_id=card_id, stability=rng.choice([0.5, 2.0, 7.5, 30.0, rng.uniform(0.1, 90)]),
                                    difficulty=5.0, state=2, step=None, reviews=3,
                                    last_review_ts=now - 86400 * rng.randint(0, 40)))


@pytest.mark.parametrize("seed", range(40))
def test_first_card_is_the_sessions_first_card(make_ctx, tmp_path, seed):
    rng = random.Random(seed)
    home = tmp_path / "home"
    _big_decks(home / "decks")
    ctx = make_ctx(home)
    decks.sync(ctx)
    _scramble(ctx, rng)
    interview = rng.choice([None, ctx.today() + timedelta(days=10)])  # with a date: weakest first
    _memories(ctx, rng)
    ctx.settings = replace(ctx.settings, new_per_day=rng.choice([0, 1, 3, 20]),
                           reviews_per_day=rng.choice([0, 2, 5, 200]), interview_date=interview)
    deck_ids = rng.choice([None, ["deck1"], ["deck0", "deck2"]])
    session = StudySession(ctx, deck_ids)
    reader = stats_store.open_sqlite_reader(home / "flashdeck.sqlite3")
    try:
        found = peek_store.first_card(reader.fetch, ctx.today(), deck_ids, ctx.settings.new_per_day,
                                      ctx.settings.reviews_per_day,
                                      weakest_at=weakest_first_at(interview, ctx.today(), ctx.now().tzinfo))
    finally:
        reader.close()
    if session.current is None:
        assert found.view is None
    else:
        assert found.view == session.current
    assert found.queued == session.progress.left


def test_peek_needs_an_up_to_date_database_and_unchanged_decks(make_ctx, tmp_path, decks_dir, clock):
    home = tmp_path / "home"
    assert peek_review(home, None, None, bundled_decks=decks_dir, now=clock()) is None  # no database yet
    ctx = make_ctx(home)
    decks.sync(ctx)
    quick = peek_review(home, None, None, bundled_decks=decks_dir, now=clock())
    assert quick is not None and quick.first.card.key == "alpha/a1" and quick.queued == 6
    assert peek_review(home, None, ["nope"], bundled_decks=decks_dir, now=clock()) is None  # unknown deck: full way
    assert peek_review(home, "postgresql://x/y", None, bundled_decks=decks_dir, now=clock()) is None
    beta = decks_dir / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a deck changed: sync first
    assert peek_review(home, None, None, bundled_decks=decks_dir, now=clock()) is None


async def test_quick_review_draws_the_peeked_card_then_grades_once_the_session_is_open(
        make_ctx, tmp_path, decks_dir, clock):
    import threading

    from textual.widgets import Static

    from flashdeck.tui.app import FlashdeckApp
    from flashdeck.tui.screens.review import ReviewScreen
    from flashdeck.tui.widgets.card_text import CardText

    home = tmp_path / "home"
    first = make_ctx(home)
    decks.sync(first)
    first.close()
    quick = peek_review(home, None, ["beta"], bundled_decks=decks_dir, now=clock())
    release = threading.Event()
    opened = []

    def opener():
        assert release.wait(20)
        ctx = make_ctx(home)
        opened.append(ctx)
        return ctx, decks.sync(ctx)

    app = FlashdeckApp(None, start="review", deck_ids=["beta"], quick=quick, opener=opener)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.session is None
        assert "ZeRO stage 1" in screen.query_one("#front", CardText).source
        assert "0 done · 2 left" in str(screen.query_one("#status", Static).render())
        await pilot.press("space")  # the answer shows without the database
        await pilot.pause()
        assert screen.query_one("#back").display
        await pilot.press("4")  # no session yet: kept until it opens, nothing written so far
        await pilot.pause()
        assert any("Opening your collection" in n.message for n in app._notifications)
        assert not opened and screen.current.id == quick.first.id
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.session is not None:
                break
        assert screen.session is not None and app.ctx is opened[0]
        await pilot.pause()
        with app.ctx.db.read() as s:
            rows = s.scalars(select(ReviewLogRow)).all()
        assert [(r.quality, r.card_id) for r in rows] == [(4, quick.first.id)]
        assert "1 done · 1 left" in str(screen.query_one("#status", Static).render())
