"""Figures for `flashdeck stats`, the statistics screen and the home screen.

`read(ctx)` reads through the open Context (the TUI, tests, any database). `quick_read` is
the CLI's fast way: when the database is an up-to-date SQLite file (or PostgreSQL database)
and no deck file changed since the last sync, it reads with the standard library's sqlite3
(or psycopg alone) and never imports SQLAlchemy
(the 0.5 s budget of `flashdeck stats --json` is mostly interpreter start-up and that import).
Both return the same figures (domain.stats types) from the same SQL (store.stats);
`summary` and `quick_summary` give them as `flashdeck stats --json` prints them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote  # (pathlib has imported it already)

from flashdeck import paths
from flashdeck.content import peek
from flashdeck.domain.studyday import study_day
from flashdeck.services import background
from flashdeck.services.settings import Settings, load_settings
from flashdeck.store import calibration as calibration_store
from flashdeck.store import stats as store
from flashdeck.store.server_url import libpq_uri

if TYPE_CHECKING:  # the Context module imports SQLAlchemy
    from flashdeck.domain.stats import Json, Overview, StatsFigures
    from flashdeck.services.context import Context

DECK_SUFFIXES = (".yaml", ".yml")  # as content.loader.deck_files


def read(ctx: Context) -> StatsFigures:
    with ctx.db.read() as session:
        return figures(store.session_fetch(session), ctx.today(), ctx.settings, tz=ctx.now().tzinfo)


def read_overview(ctx: Context) -> Overview:
    """The home screen's figures: no due forecast, reviews per day, retention, cards by state,
    topics, year of reviews, drills or mocks (a fraction of the reading)."""
    with ctx.db.read() as session:
        return overview(store.session_fetch(session), ctx.today(), ctx.settings)


def summary(ctx: Context, *, detail: bool = True) -> Json:
    """read(ctx) (with `detail=False`, read_overview(ctx)) as `flashdeck stats --json` prints it."""
    return (read(ctx) if detail else read_overview(ctx)).as_json()


def screen_figures(ctx: Context) -> StatsFigures:
    """read(ctx), for the statistics screen's thread: read through sqlite3 when the database
    is a SQLite file at the current schema (memory-mapped, a quarter faster than SQLAlchemy on
    200,000 reviews, and every statement in one go: see store.SqliteReader); any other
    database through the Context."""
    url = ctx.db.engine.url
    reader = None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        reader = store.open_sqlite_reader(Path(url.database))
    if reader is None:
        return read(ctx)
    try:
        return figures(reader.fetch, ctx.today(), ctx.settings, tz=ctx.now().tzinfo, fetch_all=reader.fetch_all,
                       beside=lambda: store.open_sqlite_reader(Path(url.database)))
    except sqlite3.Error:  # (locked past the timeout, say): the Context's way says what is wrong
        return read(ctx)
    finally:
        reader.close()


def figures(fetch: store.Fetch, today: date, settings: Settings, *, tz: tzinfo | None = None,
            fetch_all: store.FetchAll | None = None,
            beside: Callable[[], store.SqliteReader | None] | None = None) -> StatsFigures:
    """`tz`: the learner's time zone, for the study days of drill attempts and mocks;
    `fetch_all`: a way to read several statements at once (store.SqliteReader's); `beside`:
    opens a second reader of the same database, on which the card and log figures are read
    in a thread while readiness is computed on this one (at 100,000 cards and 2M reviews each
    is about half a second, mostly in SQLite for the first and in Python for the second)."""
    # here, not at the top: the quick start imports this module (services.quickstart), and
    # making the dozen figure dataclasses would add milliseconds to its cold start
    from flashdeck.domain.stats import StatsFigures

    from flashdeck.services import readiness  # (as StatsFigures, above)

    def collect(fetch, fetch_all):
        return store.collect(fetch, today, settings.leech_threshold, tz=tz, rollover_hour=settings.day_starts_at,
                             fetch_all=fetch_all)

    if beside is None:
        raw = collect(fetch, fetch_all)
        ready = readiness.compute(fetch, today, settings.interview_date, tz)
    else:  # the log's figures and readiness's topic sums in SQLite on another core, while the
        # reviewed cards' memories are read and worked on here (two threads for two cores)
        planned = readiness.plan(fetch, today, settings.interview_date, tz)
        both_of = background.begun(lambda: background.on_reader(
            beside, lambda r: (collect(r.fetch, r.fetch_all), readiness.group_sums(r.fetch, planned))), "flashdeck-stats")
        # (begun's result may be taken twice; without math functions readiness never asks)
        ready = readiness.compute(fetch, today, settings.interview_date, tz, planned=planned,
                                  sums=lambda: (both_of() or (None, None))[1])
        raw = (both_of() or (None, None))[0]
        if raw is None:  # no second connection after all
            raw = collect(fetch, fetch_all)
    calibration = calibration_store.read(fetch)
    detail = raw.detail
    assert detail is not None  # collect(detail=True)
    return StatsFigures(
        **_overview_fields(raw, today, settings),
        due_forecast=detail.due_forecast, reviews_per_day=detail.reviews_per_day, retention=detail.retention,
        cards_by_state=raw.decks, topics=detail.topics, reviews_last_year=detail.reviews_last_year,
        drills=detail.drills, mock_trend=detail.mock_trend, readiness=ready, calibration=calibration)


def overview(fetch: store.Fetch, today: date, settings: Settings, *,
             sums: list[store.DeckSum] | None = None) -> Overview:
    """The home screen's figures; `sums`: store.deck_sums' rows, if read already."""
    from flashdeck.domain.stats import Overview  # here for the quick start's cold start, as in figures

    return Overview(**_overview_fields(store.collect(fetch, today, settings.leech_threshold, detail=False,
                                                     rollover_hour=settings.day_starts_at, sums=sums),
                                       today, settings))


def _overview_fields(raw, today: date, settings: Settings) -> dict:
    decks = raw.decks
    new = sum(d.new for d in decks)
    return {
        "study_day": today, "cards_total": sum(d.total for d in decks), "due_today": raw.due_today,
        "new_available": min(new, max(0, settings.new_per_day - raw.introduced_today)),
        "suspended": sum(d.suspended for d in decks), "reviews_total": raw.reviews_total, "today": raw.today,
        "streak_days": raw.streak_days, "leeches": sum(d.leeches for d in decks),
        "leech_threshold": settings.leech_threshold,
    }


def quick_read(home: Path, db_url: str | None = None, bundled_decks: Path | None = None,
               now: datetime | None = None) -> tuple[StatsFigures, list[str]] | None:
    """(figures, settings warnings) without SQLAlchemy, or None when the full way is needed:
    a database that is neither a plain SQLite file nor a PostgreSQL URL (read with psycopg
    alone), is missing, unreachable, needs a migration or is broken, or deck files that
    changed since the last sync (the full way syncs them first)."""
    path = sqlite_path(db_url, home)
    if path is not None:
        reader = store.open_sqlite_reader(path)
    else:
        uri = libpq_uri(db_url)
        reader = store.open_server_reader(uri) if uri is not None else None
    if reader is None:
        return None
    try:
        if decks_changed(store.known_files(reader.fetch), home, bundled_decks):
            return None
        settings, warnings = load_settings(home / "config.toml")
        now = now or datetime.now().astimezone()
        return figures(reader.fetch, study_day(now, settings.day_starts_at), settings, tz=now.tzinfo,
                       fetch_all=reader.fetch_all,
                       beside=None if path is None else (lambda: store.open_sqlite_reader(path))), warnings
    except Exception:  # noqa: BLE001 - anything odd in the quick way: the full way explains it
        return None
    finally:
        reader.close()


def quick_summary(home: Path, db_url: str | None = None, bundled_decks: Path | None = None,
                  now: datetime | None = None) -> tuple[Json, list[str]] | None:
    """quick_read's figures as `flashdeck stats --json` prints them."""
    quick = quick_read(home, db_url, bundled_decks, now)
    return None if quick is None else (quick[0].as_json(), quick[1])


def sqlite_path(db_url: str | None, home: Path) -> Path | None:
    """The plain SQLite file `db_url` opens, read as SQLAlchemy reads it (None: not a plain
    file, or nothing this reading is sure of: the full way decides). No SQLAlchemy import: the
    quick ways use this before it is loaded."""
    if db_url is None:
        return home / "flashdeck.sqlite3"
    prefix = "sqlite:///"
    if not db_url.startswith(prefix) or "?" in db_url or db_url[len(prefix):] in ("", ":memory:"):
        return None
    return Path(unquote(db_url[len(prefix):]))


def decks_changed(known: dict[str, tuple[str, str]], home: Path, bundled_decks: Path | None) -> bool:
    """Would services.decks.sync change anything in the YAML decks? (Deck sources that are
    not YAML files, like the coding-drills catalogue, are left to the next full sync.)"""
    if bundled_decks is None:
        bundled_decks = paths.bundled_decks_dir()
    bundled, user = ([p for p in sorted(folder.iterdir()) if p.suffix in DECK_SUFFIXES and p.is_file()]
                     if folder.is_dir() else [] for folder in (bundled_decks, home / "decks"))
    # a bundled deck the learner's copy overrides (same deck id) is left out by the sync
    user_ids = {known[str(p)][0] for p in user if str(p) in known}
    files = [p for p in bundled if str(p) in known or peek.deck_id(p) not in user_ids] + user
    known_yaml = {path for path in known if path.endswith(DECK_SUFFIXES)}
    if {str(p) for p in files} != known_yaml:
        return True
    for p in files:
        try:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            return True
        if known[str(p)][1] != digest:
            return True
    return False
