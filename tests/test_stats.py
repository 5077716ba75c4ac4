"""`flashdeck stats`: every figure from a known history on a real SQLite file; the quick
sqlite3 way agrees with the SQLAlchemy way; the CLI prints tables and JSON; the home screen."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

from textual.widgets import Static

from test_cli import flashdeck  # the `home` fixture (a home with the alpha deck) is in conftest

from flashdeck.domain.calibration import summarise
from flashdeck.domain.readiness import ReadinessFigures
from flashdeck.domain.stats import DayDue, DayReviews, MockFigures, Retention, StatsFigures, Today
from flashdeck.services import mock as mock_service
from flashdeck.services import stats
from flashdeck.services.mock import MockRun
from flashdeck.services.study import StudySession
from flashdeck.store import stats as store
from flashdeck.store.models import CardStateRow, DrillAttemptRow, ReviewLogRow
from flashdeck.tui.app import FlashdeckApp

KEPT_KEYS = {"cards_total", "due_today", "new_available", "reviews_total", "reviews_today"}
NEW_KEYS = {"today", "streak_days", "leeches", "due_forecast", "reviews_per_day", "retention", "cards_by_state", "topics",
            "reviews_last_year", "drills", "mock_trend"}


def log(day, card_id, quality, interval_before, ms=1000, mode="review"):
    return ReviewLogRow(
        card_id=card_id, reviewed_at=datetime.combine(day, time(9)), study_day=day, quality=quality, duration_ms=ms,
        mode=mode, reps_before=3, ease_before=250, interval_before=interval_before, due_before=day,
        extra_before=False, lapses_before=0, introduced_before=day, reps_after=4, ease_after=250,
        interval_after=interval_before, due_after=day, extra_after=False)


def build_history(ctx):
    today = ctx.today()
    day = lambda n: today - timedelta(days=n)  # noqa: E731
    with ctx.db.write() as s:
        for card_id, reps, interval, due, extra in ((1, 4, 30, today + timedelta(days=3), False),  # a1 mature
                                                    (2, 2, 6, day(1), False),  # a2 young, overdue
                                                    (3, 0, 0, today, True)):  # a3 relearning
            row = s.get(CardStateRow, card_id)
            row.repetitions, row.interval, row.due, row.needs_extra_review = reps, interval, due, extra
            row.introduced_on = day(60)
        b1 = s.get(CardStateRow, 5)
        b1.suspended, b1.lapses = True, 8  # a leech
        s.add_all([
            log(today, 1, 5, 25, ms=1000), log(today, 1, 5, 25, ms=3000),
            log(day(1), 1, 2, 21), log(day(1), 2, 4, 6),
            log(day(2), 3, 1, 30, mode="cram"),  # counts for the streak, not for retention
            log(day(4), 2, 5, 1),  # the day before the gap: outside the streak
            log(day(40), 1, 1, 30),  # outside the 30-day window
        ])


def utc(local: datetime) -> datetime:
    """A local time as the database keeps it: naive UTC."""
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def add_drill_attempts(ctx, clock):
    """softmax: passed once, given up once, one open later; gelu: passed (at 02:30, before the
    study day's 04:00 rollover: it counts for the day before); attention: only open."""
    now = clock()
    rows = [("softmax", now - timedelta(days=3), True, False), ("softmax", now - timedelta(days=2), False, True),
            ("softmax", now - timedelta(hours=1), None, None),
            ("gelu", now.replace(hour=2, minute=30), True, False), ("attention", now - timedelta(days=1), None, None)]
    with ctx.db.write() as s:
        for drill_id, started, passed, gave_up in rows:
            finished = started + timedelta(minutes=5) if passed is not None else None
            s.add(DrillAttemptRow(drill_id=drill_id, started_at=utc(started), finished_at=finished and utc(finished),
                                  code="", checks_run=1, hints_shown=0, passed=bool(passed), gave_up=bool(gave_up)))


def finished_mock(ctx, clock, grades, **kwargs):
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 10, questions=len(grades), seed=1), **kwargs)
    for _ in run.answers:
        clock.advance(seconds=30)
        run.lock_current()
    for position, grade in enumerate(grades):
        run.confirm(position, grade)
    run.finish()
    return run


def test_every_figure_from_a_known_history(ctx):
    build_history(ctx)
    today = ctx.today()
    f = stats.summary(ctx)
    assert {k: f[k] for k in KEPT_KEYS} == {"cards_total": 6, "due_today": 2, "new_available": 2,
                                           "reviews_total": 7, "reviews_today": 2}
    assert f["today"] == {"reviews": 2, "cards": 1, "seconds": 4.0}
    assert f["streak_days"] == 3 and f["leeches"] == 1 and f["suspended"] == 1
    assert f["retention"] == {"window_days": 30, "min_interval": 21, "reviews": 3, "passed": 2, "rate": 0.6667}

    assert len(f["due_forecast"]) == 30 and f["due_forecast"][0] == {"date": today.isoformat(), "due": 2}
    assert f["due_forecast"][3] == {"date": (today + timedelta(days=3)).isoformat(), "due": 1}
    assert sum(d["due"] for d in f["due_forecast"]) == 3

    per_day = f["reviews_per_day"]
    assert len(per_day) == 30 and per_day[-1] == {"date": today.isoformat(), "reviews": 2, "seconds": 4.0}
    assert [d["reviews"] for d in per_day[-5:]] == [1, 0, 1, 2, 2]
    assert per_day[0]["date"] == (today - timedelta(days=29)).isoformat()

    assert f["cards_by_state"] == [
        {"deck": "alpha", "title": "Alpha deck", "total": 4, "new": 1, "learning": 1, "young": 1, "mature": 1,
         "suspended": 0, "leeches": 0},
        {"deck": "beta", "title": "Beta deck", "total": 2, "new": 1, "learning": 0, "young": 0, "mature": 0,
         "suspended": 1, "leeches": 1},
    ]
    topics = {t["topic"]: t for t in f["topics"]}
    assert topics["transformer.attention"] == {"topic": "transformer.attention", "cards": 2, "new": 0, "mature": 1,
                                               "suspended": 0, "reviews_30d": 5, "mastery": round(27 / 42, 3),
                                               "pass_rate_30d": 0.8}
    assert topics["transformer.architecture"]["mastery"] == 0.0
    assert topics["transformer.architecture"]["pass_rate_30d"] is None  # its only review was a cram
    assert topics["systems.distributed"]["suspended"] == 1
    assert [t["topic"] for t in f["topics"]] == ["interview.scenario", "llm.decoding", "systems.distributed",
                                                 "transformer.architecture", "transformer.attention"]


def test_reviews_of_the_year_drill_pass_rates_and_the_mock_trend(ctx, clock):
    first_day = ctx.today()
    first = finished_mock(ctx, clock, [2, 2, 2], no_schedule=True)  # scored 40 % (practice: no reviews)
    MockRun.start(ctx, mock_service.make_plan(ctx, 10, questions=2, seed=2)).abandon()  # never scored
    clock.advance(days=1)
    second = finished_mock(ctx, clock, [5, 4, 0])  # 60 %; its grades are reviews
    build_history(ctx)
    add_drill_attempts(ctx, clock)
    today = ctx.today()
    f = stats.summary(ctx)

    year = f["reviews_last_year"]
    assert len(year) == 365 and year[-1]["date"] == today.isoformat()
    assert year[0]["date"] == (today - timedelta(days=364)).isoformat()
    by_day = {d["date"]: d["reviews"] for d in year if d["reviews"]}
    day = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    assert by_day == {day(0): 2 + 3, day(1): 2, day(2): 1, day(4): 1, day(40): 1}  # the mock's 3 grades today
    assert year[-1]["reviews"] == f["reviews_today"]

    assert f["drills"] == [
        {"drill": "softmax", "attempts": 2, "passed": 1, "gave_up": 1, "pass_rate": 0.5,
         "last_attempt": today.isoformat()},  # the open attempt an hour ago
        {"drill": "gelu", "attempts": 1, "passed": 1, "gave_up": 0, "pass_rate": 1.0,
         "last_attempt": (today - timedelta(days=1)).isoformat()},  # 02:30 belongs to the day before
        {"drill": "attention", "attempts": 0, "passed": 0, "gave_up": 0, "pass_rate": None,
         "last_attempt": (today - timedelta(days=1)).isoformat()},
    ]

    assert f["mock_trend"] == [
        {"id": first.id, "date": first_day.isoformat(), "minutes": 10, "score": 40.0, "questions": 3},
        {"id": second.id, "date": today.isoformat(), "minutes": 10, "score": 60.0, "questions": 3},
    ]
    # the same score as the mock's own report
    assert [m["score"] for m in f["mock_trend"]] == [mock_service.report_for(ctx, run.id).score
                                                     for run in (first, second)]


def test_no_drills_no_mocks_no_reviews(ctx):
    f = stats.summary(ctx)
    assert f["drills"] == [] and f["mock_trend"] == []
    assert len(f["reviews_last_year"]) == 365 and not any(d["reviews"] for d in f["reviews_last_year"])


def test_streak_longer_than_the_heatmap_year(ctx):
    with ctx.db.write() as s:
        s.add_all([log(ctx.today() - timedelta(days=n), 6, 4, 1) for n in range(1, 401)])  # up to yesterday
    assert stats.summary(ctx)["streak_days"] == 400
    assert stats.screen_figures(ctx).streak_days == 400
    with ctx.db.write() as s:
        s.add(log(ctx.today() - timedelta(days=402), 6, 4, 1))  # a gap at 401 days back: still 400
    assert stats.summary(ctx)["streak_days"] == 400


def test_streak_counts_to_yesterday_until_today_has_a_review(ctx, clock):
    assert stats.summary(ctx)["streak_days"] == 0
    StudySession(ctx, ["beta"]).grade(5)
    assert stats.summary(ctx)["streak_days"] == 1
    clock.advance(days=1)
    assert stats.summary(ctx)["streak_days"] == 1  # still alive: today is not over
    clock.advance(days=1)
    assert stats.summary(ctx)["streak_days"] == 0
    with ctx.db.write() as s:  # a long run: 200 consecutive days up to today
        s.add_all([log(ctx.today() - timedelta(days=n), 6, 4, 1) for n in range(200)])
    assert stats.summary(ctx)["streak_days"] == 200


def test_quick_sqlite_way_agrees_and_steps_aside_when_it_must(ctx, decks_dir, clock):
    finished_mock(ctx, clock, [3, 1, 5])
    clock.advance(days=1)
    finished_mock(ctx, clock, [4, 4, 4])
    build_history(ctx)
    add_drill_attempts(ctx, clock)
    home = ctx.home
    quick = stats.quick_summary(home, bundled_decks=decks_dir, now=clock())
    assert quick is not None
    figures, warnings = quick
    assert figures == stats.summary(ctx) and warnings == []
    assert len(figures["drills"]) == 3 and len(figures["mock_trend"]) == 2  # (the new keys are compared too)
    assert sum(d["reviews"] for d in figures["reviews_last_year"]) == 7 + 6
    assert stats.screen_figures(ctx) == stats.read(ctx)  # the statistics screen's sqlite3 way
    assert stats.screen_figures(ctx).as_json() == figures
    reader = store.open_sqlite_reader(home / "flashdeck.sqlite3")
    assert reader is not None
    try:
        assert reader.fetch_all([("SELECT 1, 'a'", {})]) == [[(1, "a")]] and reader.packed
        reader.packed = False  # an SQLite without JSON functions: the statements one by one
        assert stats.figures(reader.fetch, ctx.today(), ctx.settings, tz=clock().tzinfo,
                             fetch_all=reader.fetch_all).as_json() == figures
    finally:
        reader.close()
    # a deck file edited since the last sync: the full way (which syncs) is needed
    (decks_dir / "beta.yaml").write_text((decks_dir / "beta.yaml").read_text() + "\n")
    assert stats.quick_summary(home, bundled_decks=decks_dir, now=clock()) is None
    # another database URL than a plain SQLite file, or a missing one
    assert stats.quick_summary(home, "postgresql://x/y", bundled_decks=decks_dir) is None
    assert stats.quick_summary(home, f"sqlite:///{home / 'none.sqlite3'}", bundled_decks=decks_dir) is None


def test_quick_postgresql_way_reads_with_psycopg_alone_and_agrees(base_make_ctx, pg_url, decks_dir, clock, tmp_path):
    """On PostgreSQL `flashdeck stats` reads through psycopg alone (SQLAlchemy's import was
    most of its 0.5 s): the same figures as the full way, and the full way when it must."""
    import subprocess
    import sys

    import psycopg

    from flashdeck.services import decks

    ctx = base_make_ctx(db_url=pg_url)
    decks.sync(ctx)
    finished_mock(ctx, clock, [3, 1, 5])
    clock.advance(days=1)
    build_history(ctx)
    add_drill_attempts(ctx, clock)
    quick = stats.quick_summary(ctx.home, pg_url, bundled_decks=decks_dir, now=clock())
    assert quick is not None and quick[0] == stats.summary(ctx)
    assert sum(d["reviews"] for d in quick[0]["reviews_last_year"]) > 0 and quick[0]["drills"]

    # the CLI takes that way: no SQLAlchemy imported (and its bundled decks are the real ones,
    # so it syncs first, then a second run is quick)
    home = tmp_path / "cli-home"
    code = ("import runpy, sys; sys.argv = ['flashdeck', '--db', sys.argv[1], 'stats', '--json'];"
            "import atexit; atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'textual'}), file=sys.stderr)); runpy.run_module('flashdeck', run_name='__main__')")
    runs = [subprocess.run([sys.executable, "-c", code, pg_url], capture_output=True, text=True, check=False,
                           env={**os.environ, "FLASHDECK_HOME": str(home)}) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stderr.strip().endswith("['sqlalchemy']")  # the first run synced the decks
    assert runs[1].stderr.strip().endswith("[]") and json.loads(runs[1].stdout) == json.loads(runs[0].stdout)

    # the full way when it must: a schema other than this flashdeck's, a server not there
    name = pg_url.split("@/")[1].split("?")[0]
    host = pg_url.split("host=")[1]
    with psycopg.connect(host=host, dbname=name, user="postgres", autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    assert stats.quick_summary(ctx.home, pg_url, bundled_decks=decks_dir, now=clock()) is None
    gone = f"postgresql://postgres@/{name}?host={tmp_path}"
    assert stats.quick_summary(ctx.home, gone, bundled_decks=decks_dir, now=clock()) is None


def test_quick_way_refuses_a_database_that_needs_a_migration(ctx, decks_dir, clock):
    with sqlite3.connect(ctx.home / "flashdeck.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    assert stats.quick_summary(ctx.home, bundled_decks=decks_dir, now=clock()) is None


def test_cli_stats_tables_and_json(home, cli_db):  # noqa: F811
    first = flashdeck("stats", "--json", home=home, db=cli_db)  # syncs the decks: the full way
    assert first.returncode == 0, first.stderr
    second = flashdeck("stats", "--json", home=home, db=cli_db)  # nothing changed: the quick way
    assert second.returncode == 0, second.stderr
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert a == b and KEPT_KEYS | NEW_KEYS <= set(a)
    assert len(a["due_forecast"]) == 30 and len(a["reviews_per_day"]) == 30
    text = flashdeck("stats", home=home, db=cli_db)
    assert text.returncode == 0
    for heading in ("Due today", "Streak", "Leeches", "Retention (last 30 days", "Cards by state", "Alpha deck",
                    "Due forecast", "Reviews per day", "Topic mastery, weakest first", "Reviews in the last year",
                    "Coding drills: no attempts yet", "Mock interviews: none finished yet"):
        assert heading in text.stdout, heading
    (home / "config.toml").write_text("[study]\nleech_threshold = -3\n")
    warned = flashdeck("stats", "--json", home=home, db=cli_db)
    assert warned.returncode == 0 and json.loads(warned.stdout)["leech_threshold"] == 8
    assert "warning: " in warned.stderr and "study.leech_threshold must be a whole number" in warned.stderr


async def test_home_shows_todays_count_and_the_streak(ctx):
    StudySession(ctx, ["beta"]).grade(5)
    app = FlashdeckApp(ctx)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        today = str(app.screen.query_one("#today", Static).render())
        assert "1 reviewed today" in today and "streak 1 day " in today


def test_a_buried_card_is_not_counted_due_today_as_in_the_deck_list(ctx, clock):
    from flashdeck.services import decks as deck_service

    first = StudySession(ctx, ["alpha"])
    for _ in range(4):
        first.grade(5)
    clock.advance(days=1)
    session = StudySession(ctx, ["alpha"])
    assert stats.summary(ctx)["due_today"] == 4
    session.bury()
    figures = stats.summary(ctx)
    assert figures["due_today"] == 3 == sum(d.due_today for d in deck_service.summaries(ctx))
    assert next(d for d in figures["cards_by_state"] if d["deck"] == "alpha")["total"] == 4


def test_cli_stats_cuts_long_lists_says_how_many_more_and_all_lists_them(home):  # noqa: F811
    figures = json.loads(flashdeck("stats", "--json", home=home).stdout)
    topics = [t["topic"] for t in figures["topics"]]
    assert len(topics) > 12  # the bundled decks and the home's alpha deck
    cut = flashdeck("stats", home=home)
    assert cut.returncode == 0, cut.stderr
    lines = cut.stdout.splitlines()
    head = lines.index(f"Topic mastery, weakest first (12 of {len(topics)})")
    shown = [line.split()[0] for line in lines[head + 3:head + 15]]
    assert shown == topics[:12]
    assert lines[head + 15] == f"{len(topics) - 12} more: flashdeck stats --all"
    full = flashdeck("stats", "--all", home=home)
    assert full.returncode == 0, full.stderr
    lines = full.stdout.splitlines()
    head = lines.index(f"Topic mastery, weakest first ({len(topics)} of {len(topics)})")
    assert [line.split()[0] for line in lines[head + 3:head + 3 + len(topics)]] == topics
    assert "more: flashdeck stats --all" not in full.stdout
    assert "--all" in flashdeck("stats", "--help", home=home).stdout


def test_stats_report_cuts_days_and_mocks_too():
    from flashdeck.services.stats_text import render

    first = date(2026, 1, 1)
    base = replace(
        FIGURES_SHAPE,
        reviews_per_day=tuple(DayReviews(first + timedelta(days=d), 1, 60.0) for d in range(14)),
        mock_trend=tuple(MockFigures(d + 1, first + timedelta(days=d), 30, 50.0, 8) for d in range(12)))
    cut, full = render(base), render(base, full=True)
    assert "4 more: flashdeck stats --all" in cut and "2 more: flashdeck stats --all" in cut
    assert "Thu 01 Jan" not in cut.split("Reviews per day")[1].split("Reviews in the last year")[0]
    assert "more: flashdeck stats --all" not in full and full.count("Thu 01 Jan") == 2


FIGURES_SHAPE = StatsFigures(
    study_day=date(2026, 1, 20), due_today=0, new_available=0, cards_total=1, suspended=0, reviews_total=14,
    leeches=0, leech_threshold=8, streak_days=0, today=Today(0, 0, 0.0),
    retention=Retention(window_days=30, min_interval=21, reviews=0, passed=0, rate=None),
    cards_by_state=(), due_forecast=(DayDue(date(2026, 1, 20), 0),) * 7, reviews_per_day=(), topics=(),
    reviews_last_year=(), drills=(), mock_trend=(),
    readiness=ReadinessFigures(day=date(2026, 1, 20), interview=None, overall=0.0, started=None, by_topic=(),
                               drills=None, at_risk=(), cards=1, reviewed=0,
                               curve=((date(2026, 1, 20), 0.0, None),)),
    calibration=summarise(()),
)
