"""The statistics screen in the real app over a real SQLite collection: the numbers it draws
are those of services.stats.summary, it redraws for a new width and on r, q leaves, and a
collection with nothing in it yet gets notes rather than empty plots."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from test_stats import finished_mock

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services import stats
from flashdeck.services.study import StudySession
from flashdeck.services.stats_text import percent
from flashdeck.tui.app import FlashdeckApp
from flashdeck.tui.screens.home import HomeScreen
from flashdeck.tui.screens.stats import StatsScreen
from flashdeck.tui.widgets import plots

SIZE = (110, 40)


@pytest.fixture
def make_ctx(backend_make_ctx):
    """The screens on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx


async def open_stats(app, pilot) -> StatsScreen:
    await pilot.pause()
    screen = StatsScreen()
    app.push_screen(screen)
    await drawn(pilot, screen)
    return screen


async def drawn(pilot, screen: StatsScreen, after: float | None = None) -> None:
    """Wait for the screen's next `drawn_at` (later than `after`)."""
    for _ in range(500):
        await pilot.pause(0.01)
        if screen.drawn_at is not None and (after is None or screen.drawn_at > after):
            return
    raise AssertionError("the statistics screen was not drawn")


def section(screen, name: str) -> Text:
    content = screen.query_one(f"#stats-{name}", Static).content
    return content if isinstance(content, Text) else Text(str(content))


def top_cells(heatmap: Text, style: str) -> list[tuple[int, int]]:
    """(weekday, n-th cell in that weekday's row) of every cell drawn in `style`."""
    rows = heatmap.split("\n")[2:9]  # the title and the month names come first
    found = []
    for weekday, row in enumerate(rows):
        cells = [i for i, ch in enumerate(row.plain) if ch == plots.CELL]
        for n, offset in enumerate(cells):
            if any(s.start <= offset < s.end and str(s.style) == style for s in row.spans):
                found.append((weekday, n))
    return found


def study(ctx, clock, days: int) -> None:
    """A learner over `days` days: every due or new card of alpha and beta each day, mostly
    recalled (every seventh grade a lapse), so that some reviews reach mature intervals."""
    graded = 0
    for _ in range(days):
        session = StudySession(ctx, ["alpha", "beta"])
        while session.current is not None:
            graded += 1
            session.grade(2 if graded % 7 == 0 else 5, duration_ms=4000)
        clock.advance(days=1)


@pytest.fixture
def rich_ctx(make_ctx, clock):
    """Two months of study, a passed coding drill and a finished mock interview."""
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    study(ctx, clock, 60)
    attempt = drill_service.open_attempt(ctx, "softmax")
    assert drill_service.record_check(ctx, attempt.id, "code", passed=True) is not None
    finished_mock(ctx, clock, [5, 4, 0])
    return ctx


async def test_the_screen_draws_the_figures_of_summary(rich_ctx):
    ctx = rich_ctx
    f = stats.summary(ctx)
    assert f["retention"]["rate"] is not None and f["drills"] and f["mock_trend"]  # a history worth drawing
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        assert not screen.query_one("#stats-loading").display

        headline = section(screen, "headline").plain
        r = f["retention"]
        assert f"Retention {percent(r['rate'])} of {r['reviews']} mature review" in headline
        assert f"Streak {f['streak_days']} day" in headline
        assert f"Today {f['today']['reviews']} review" in headline

        heatmap = section(screen, "heatmap")
        assert heatmap.plain.startswith("Reviews in the last year")
        year = f["reviews_last_year"]
        top = max(d["reviews"] for d in year)
        first = date.fromisoformat(year[0]["date"])

        def cell(day: date) -> tuple[int, int]:  # its weekday's row, its place in that row
            return day.weekday(), ((day - first).days - (day.weekday() - first.weekday()) % 7) // 7

        busiest = date.fromisoformat(max(year, key=lambda d: d["reviews"])["date"])
        hottest = {cell(date.fromisoformat(d["date"])) for d in year
                   if plots.heat_level(d["reviews"], top) == plots.LEVELS}
        assert cell(busiest) in hottest and set(top_cells(heatmap, plots.DARK.heat[plots.LEVELS])) == hottest
        assert f"busiest day {top}" in heatmap.plain
        assert f"{sum(d['reviews'] for d in year):,} reviews on" in heatmap.plain

        forecast = section(screen, "forecast").plain
        due = f["due_forecast"]
        assert f"{sum(d['due'] for d in due):,} due in 30 days ({due[0]['due']:,} today" in forecast
        most = max(due, key=lambda d: d["due"])
        assert f"busiest {date.fromisoformat(most['date']):%a %d %b} with {most['due']:,}" in forecast

        days = f["reviews_per_day"]
        reviews = section(screen, "reviews").plain
        assert f"{sum(d['reviews'] for d in days):,} reviews on {sum(1 for d in days if d['reviews'])} days" in reviews
        assert reviews.splitlines()[1].startswith(f"{max(d['reviews'] for d in days)}┤")

        states = section(screen, "states").plain
        for deck in f["cards_by_state"]:
            assert deck["title"] in states
        assert f"mature {sum(d['mature'] for d in f['cards_by_state'])}" in states

        topics = section(screen, "topics").plain.splitlines()
        weakest = f["topics"][0]
        assert topics[1].startswith(weakest["topic"]) and f"{percent(weakest['mastery'])} · " in topics[1]

        drills = section(screen, "drills").plain
        assert "softmax" in drills and "100% of 1" in drills

        mocks = section(screen, "mocks").plain
        assert f"Last {f['mock_trend'][-1]['score']:.1f}%" in mocks and "60.0%" in mocks

        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_new_width_redraws_the_plots_to_fit(rich_ctx):
    app = FlashdeckApp(rich_ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        wide = screen.plot_width
        before = screen.drawn_at
        await pilot.resize_terminal(60, 40)
        await drawn(pilot, screen, after=before)
        narrow = screen.plot_width
        assert narrow < wide
        for name in ("heatmap", "forecast", "reviews", "states", "topics", "drills", "mocks"):
            plot_lines = section(screen, name).plain.splitlines()[:-1]  # the note under it may wrap
            assert all(cell_len(line) <= narrow for line in plot_lines), name


async def test_r_reads_the_figures_again(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        assert "Today 0 reviews" in section(screen, "headline").plain
        assert "No reviews yet" in section(screen, "heatmap").plain
        StudySession(ctx, ["beta"]).grade(5)  # meanwhile, in another window
        before = screen.drawn_at
        await pilot.press("r")
        await drawn(pilot, screen, after=before)
        assert "Today 1 review of 1 card" in section(screen, "headline").plain
        assert "1 review on 1 day in the last 365 days" in section(screen, "heatmap").plain
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_nothing_studied_yet_gets_notes_not_plots(ctx):
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        app.keys_in_effect = {"home.drills": "x"}  # as a [keys] table in config.toml sets it
        screen = await open_stats(app, pilot)
        assert "Retention — (no mature reviews in the last 30 days)" in section(screen, "headline").plain
        assert "Streak 0 days" in section(screen, "headline").plain
        assert "No reviews yet" in section(screen, "heatmap").plain
        assert plots.CELL not in section(screen, "heatmap").plain
        assert "Nothing due in the next 30 days." in section(screen, "forecast").plain
        assert "No reviews in the last 30 days." in section(screen, "reviews").plain
        assert not screen.query_one("#stats-minutes").display
        assert "Alpha deck" in section(screen, "states").plain  # cards, all of them new
        assert "No drill attempts yet: press x on the home screen" in section(screen, "drills").plain
        assert "No mock interviews yet — press m on the home screen" in section(screen, "mocks").plain


async def test_an_empty_collection_draws_without_crashing(make_ctx):
    ctx = make_ctx()  # never synced: no decks, no cards
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        assert "No cards yet" in section(screen, "states").plain
        assert "No topics yet." in section(screen, "topics").plain
        assert "Today 0 reviews of 0 cards" in section(screen, "headline").plain


async def test_the_topics_pointer_names_a_command_that_lists_every_topic(tmp_path, monkeypatch):
    import shlex

    from test_cli import flashdeck

    from flashdeck.services.context import open_context
    from flashdeck.services.stats_text import all_command
    from flashdeck.tui.screens.stats import TOPIC_ROWS

    # the real decks and drills (as the command below will see them): more topics than the screen shows
    ctx = open_context(tmp_path / "home", bundled_decks=paths.bundled_decks_dir(),
                       bundled_drills=paths.bundled_drills_dir())
    close = ctx.close  # (closed at the end; a failed assert leaves it to the interpreter)
    decks.sync(ctx)
    topics = stats.summary(ctx)["topics"]
    assert len(topics) > TOPIC_ROWS
    app = FlashdeckApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(app, pilot)
        # without white space: a long home path is folded mid-word where the screen is narrow
        note = "".join(section(screen, "topics").plain.split())
    command = f"flashdeck --home {shlex.quote(str(ctx.home))} stats --all"  # not the default home: named
    assert "".join(f"… and {len(topics) - TOPIC_ROWS} more: `{command}` lists them all.".split()) in note
    # the command does what the screen says
    args = shlex.split(command)[1:]
    listed = flashdeck(*args, home=tmp_path / "elsewhere").stdout  # (FLASHDECK_HOME elsewhere: --home decides)
    assert f"Topic mastery, weakest first ({len(topics)} of {len(topics)})" in listed
    assert all(f"\n{t['topic']} " in listed for t in topics) and "more: flashdeck stats --all" not in listed
    monkeypatch.setenv("FLASHDECK_HOME", str(ctx.home))
    assert all_command(ctx.home) == "flashdeck stats --all"  # the home flashdeck finds by itself: no --home
    close()
