"""The quick home: `flashdeck` draws its deck rows and today's figures from a stdlib-sqlite3
peek (services.quickstart.peek_home), then opens the Context in a thread.

Real SQLite files throughout; the app through App.run_test, the CLI in a real pseudo-terminal.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, update
from textual.widgets import DataTable, Static

from flashdeck.services import decks
from flashdeck.services import stats as stats_service
from flashdeck.services.quickstart import begun, peek_home
from flashdeck.store import deck_summaries as deck_store
from flashdeck.store import stats as stats_store
from flashdeck.store.models import CardRow, CardStateRow, DeckRow
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.screens.review import ReviewScreen
from migrations import database_at
from terminal import flashdeck_command, run_to_first_screen, terminal_env
from test_quickstart import _big_decks, _scramble

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def _scrambled(make_ctx, home: Path, rng: random.Random, decks_count: int):
    """A synced collection of generated decks and an empty one, its cards' states scrambled."""
    _big_decks(home / "decks", decks_count=decks_count)
    (home / "decks" / "empty.yaml").write_text("id: empty\ntitle: An empty deck\ncards: []\n", encoding="utf-8")
    ctx = make_ctx(home)
    decks.sync(ctx)
    _scramble(ctx, rng)
    return ctx


@pytest.mark.parametrize("seed", range(20))
def test_deck_rows_read_with_sqlite3_are_the_orms(make_ctx, tmp_path, seed):
    rng = random.Random(seed)
    home = tmp_path / "home"
    ctx = _scrambled(make_ctx, home, rng, 4)
    if rng.random() < 0.3:  # a deck whose every card is retired still has its row
        with ctx.db.write() as s:
            s.execute(update(CardRow).where(CardRow.deck_id == "deck3").values(retired=True))
    full = decks.summaries(ctx)
    reader = stats_store.open_sqlite_reader(home / "flashdeck.sqlite3")
    try:
        quick = deck_store.deck_summaries(reader.fetch, ctx.today())
    finally:
        reader.close()
    assert quick == full
    assert "empty" in [d.id for d in quick]


@pytest.mark.parametrize("seed", range(12))
def test_the_homes_counts_from_the_deck_sums_are_the_topic_groups(make_ctx, tmp_path, seed):
    """collect(detail=False) counts the cards per deck alone (store.stats' deck sums, the
    pass the deck rows share); the full figures count them per deck and topic list. Both
    agree on every collection: retired cards and decks, suspended, buried, leeches."""
    rng = random.Random(seed)
    home = tmp_path / "home"
    ctx = _scrambled(make_ctx, home, rng, 3)
    with ctx.db.write() as s:
        for card_id in s.scalars(select(CardRow.id)).all():
            s.execute(update(CardStateRow).where(CardStateRow.card_id == card_id).values(lapses=rng.randint(0, 10)))
        if rng.random() < 0.5:  # a retired deck whose cards are not (yet) retired counts as before
            s.execute(update(DeckRow).where(DeckRow.id == "deck1").values(retired=True))
    overview = stats_service.summary(ctx, detail=False)
    full = stats_service.summary(ctx)
    assert overview == {key: value for key, value in full.items() if key in overview}
    assert overview["leeches"] > 0 and overview["suspended"] > 0 and overview["cards_total"] > 0
    reader = stats_store.open_sqlite_reader(home / "flashdeck.sqlite3")
    try:
        quick = stats_service.overview(reader.fetch, ctx.today(), ctx.settings).as_json()
    finally:
        reader.close()
    assert quick == overview


def test_peek_home_gives_the_full_ways_counts_and_needs_unchanged_decks(make_ctx, tmp_path, decks_dir, clock):
    home = tmp_path / "home"
    assert peek_home(home, None, bundled_decks=decks_dir, now=clock()) is None  # no database yet
    ctx = make_ctx(home)
    decks.sync(ctx)
    _scramble(ctx, random.Random(7))
    quick = peek_home(home, None, bundled_decks=decks_dir, now=clock())
    assert quick is not None and quick.today == ctx.today()
    assert quick.decks == decks.summaries(ctx)
    assert quick.figures == stats_service.summary(ctx, detail=False)
    assert begun(peek_home, home, None, bundled_decks=decks_dir, now=clock())() == quick  # (in a thread)
    assert peek_home(home, "postgresql://x/y", bundled_decks=decks_dir, now=clock()) is None
    beta = decks_dir / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a deck changed: sync first
    assert peek_home(home, None, bundled_decks=decks_dir, now=clock()) is None


def test_peek_home_leaves_a_database_that_needs_a_migration_to_the_full_way(tmp_path, decks_dir, clock):
    home = tmp_path / "home"
    home.mkdir()
    database_at(home / "flashdeck.sqlite3", "0006")
    assert peek_home(home, None, bundled_decks=decks_dir, now=clock()) is None


def _texts(app) -> tuple[str, list[list[str]]]:
    screen = app.screen
    table = screen.query_one(DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return str(screen.query_one("#today", Static).render()), rows


async def _wait(pilot, condition, what: str) -> None:
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_quick_home_shows_the_full_ways_counts_and_a_key_pressed_early_acts_once_open(
        make_ctx, tmp_path, decks_dir, clock):
    home = tmp_path / "home"
    first = make_ctx(home)
    decks.sync(first)
    _scramble(first, random.Random(3))
    app = FlashdeckApp(first)
    async with app.run_test(size=(100, 30)) as pilot:  # the full way, for comparison
        await pilot.pause()
        full = _texts(app)
    first.close()
    assert "cards in 2 decks" in full[0]

    quick = peek_home(home, None, bundled_decks=decks_dir, now=clock())
    release = threading.Event()
    opened = []

    def opener():
        assert release.wait(20)
        ctx = make_ctx(home)
        opened.append(ctx)
        return ctx, decks.sync(ctx)

    app = FlashdeckApp(None, start="home", quick=quick, opener=opener)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.ctx is None
        assert _texts(app) == full  # drawn from the peek, the database not opened yet
        await pilot.press("down", "r")  # review Beta deck: kept until the Context is open
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not opened
        assert any("Opening your collection" in n.message for n in app._notifications)
        await pilot.press("s")  # a second place meanwhile is said to wait, not stacked
        release.set()
        await _wait(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review opened")
        assert app.ctx is opened[0]
        await _wait(pilot, lambda: app.screen.session is not None, "the review's session")
        assert app.screen.deck_ids == ["beta"]
        assert app.screen.current is None or app.screen.current.card.key.startswith("beta/")
        await pilot.press("q")
        await _wait(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert _texts(app) == full  # now read through the Context: the same


async def test_quick_home_quits_before_the_context_is_open(make_ctx, tmp_path, decks_dir, clock):
    home = tmp_path / "home"
    decks.sync(make_ctx(home))
    quick = peek_home(home, None, bundled_decks=decks_dir, now=clock())
    release = threading.Event()
    opened = []

    def opener():
        release.wait(20)
        ctx = make_ctx(home)
        opened.append(ctx)
        return ctx, decks.sync(ctx)

    app = FlashdeckApp(None, start="home", quick=quick, opener=opener)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        release.set()
    assert app.return_code in (0, None)


def _alpha_home(tmp_path) -> Path:
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    return home


def test_flashdeck_draws_its_home_before_importing_sqlalchemy(tmp_path):
    home = _alpha_home(tmp_path)
    subprocess.run([*flashdeck_command(), "decks", "list"], env=terminal_env(home), check=True, capture_output=True)
    _, modules, text = run_to_first_screen(flashdeck_command(), home, tmp_path / "probe.txt")
    assert "flashdeck.tui.screens.home" in modules  # the probe ran on the home screen
    assert [m for m in modules if m.split(".")[0] == "sqlalchemy"] == []  # the quick start was taken
    assert "Alpha deck" in text and " cards in " in text


def test_a_changed_deck_file_takes_the_full_way(tmp_path):
    home = _alpha_home(tmp_path)
    subprocess.run([*flashdeck_command(), "decks", "list"], env=terminal_env(home), check=True, capture_output=True)
    alpha = home / "decks" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("title: Alpha deck", "title: Alpha renamed"),
                     encoding="utf-8")
    _, modules, text = run_to_first_screen(flashdeck_command(), home, tmp_path / "probe.txt")
    assert "flashdeck.tui.screens.home" in modules
    assert "sqlalchemy" in modules  # synced first
    assert "Alpha renamed" in text
    with sqlite3.connect(home / "flashdeck.sqlite3") as conn:
        assert conn.execute("SELECT title FROM decks WHERE id = 'alpha'").fetchone() == ("Alpha renamed",)


def test_a_database_that_needs_a_migration_takes_the_full_way(tmp_path):
    home = _alpha_home(tmp_path)
    database_at(home / "flashdeck.sqlite3", "0006")
    _, modules, text = run_to_first_screen(flashdeck_command(), home, tmp_path / "probe.txt")
    assert "flashdeck.tui.screens.home" in modules
    assert "sqlalchemy" in modules  # migrated and synced first
    assert "Alpha deck" in text and " cards in " in text
    with sqlite3.connect(home / "flashdeck.sqlite3") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == stats_store.schema.HEAD

