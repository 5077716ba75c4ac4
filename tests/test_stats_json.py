"""`flashdeck stats --json` is read by scripts: its text, keys, key order, number types and
all, is pinned to a snapshot taken from a history with reviews, cram, a leech, drills and
mocks (and the text report to another). Every way of reading the figures prints the same."""

from __future__ import annotations

import json
from pathlib import Path

from test_stats import add_drill_attempts, build_history, finished_mock

from flashdeck.domain.memory import MemoryModel
from flashdeck.services import stats
from flashdeck.store import memory as memory_store

SNAPSHOTS = Path(__file__).parent / "fixtures"


def rich_history(ctx, clock) -> None:
    finished_mock(ctx, clock, [2, 2, 2], no_schedule=True)
    clock.advance(days=1)
    finished_mock(ctx, clock, [5, 4, 0])
    build_history(ctx)
    add_drill_attempts(ctx, clock)
    with ctx.db.write() as session:  # build_history writes log rows directly: their memories too
        memory_store.rebuild_all(session, MemoryModel())


def test_the_json_and_the_text_report_are_unchanged(ctx, decks_dir, clock):
    rich_history(ctx, clock)
    expected = (SNAPSHOTS / "stats.json").read_text(encoding="utf-8")
    # the CLI prints json.dumps(figures, indent=2) and a newline
    full = json.dumps(stats.summary(ctx), indent=2) + "\n"
    assert full == expected
    quick = stats.quick_summary(ctx.home, bundled_decks=decks_dir, now=clock())
    assert quick is not None and json.dumps(quick[0], indent=2) + "\n" == expected
    assert json.dumps(stats.screen_figures(ctx).as_json(), indent=2) + "\n" == expected

    from flashdeck.domain.stats import StatsFigures
    from flashdeck.services.stats_text import render

    figures = stats.read(ctx)
    assert StatsFigures.from_json(json.loads(expected)) == figures  # scripts may read the --json back
    for full_report, name in ((False, "stats.txt"), (True, "stats-all.txt")):
        text = (SNAPSHOTS / name).read_text(encoding="utf-8")
        assert render(figures, full=full_report) + "\n" == text, name


def test_the_home_screens_figures_are_the_overview_of_the_full_ones(ctx, clock):
    rich_history(ctx, clock)
    overview = stats.summary(ctx, detail=False)
    assert overview == {key: value for key, value in stats.summary(ctx).items() if key in overview}
    assert list(overview) == list(stats.summary(ctx))[:len(overview)]
