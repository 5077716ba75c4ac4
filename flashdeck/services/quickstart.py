"""`flashdeck review` starts by drawing the first card from a stdlib-sqlite3 peek, and
`flashdeck` (the home screen) by drawing its deck rows and today's figures from one; both open
the full Context (SQLAlchemy, the deck sync, the StudySession) in the background.

The peek is taken only when nothing needs migrating or syncing (the same conditions as the
quick `flashdeck stats`); otherwise the CLI opens everything first, as before. This module
must not import SQLAlchemy: that import is what the quick start saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from flashdeck.domain.cards import CardView, DeckSummary
from flashdeck.domain.interview import weakest_first_at
from flashdeck.domain.studyday import study_day
from flashdeck.services import background
from flashdeck.services import stats as stats_service
from flashdeck.services.settings import Settings, ensure_config_file, load_settings
from flashdeck.store import deck_summaries as deck_store
from flashdeck.store import first_card as peek_store
from flashdeck.store import stats as stats_store

if TYPE_CHECKING:
    from flashdeck.domain.stats import Json

Q = TypeVar("Q")


@dataclass(frozen=True)
class QuickStart:
    home: Path
    settings: Settings
    first: CardView  # the card to draw now
    queued: int  # today's queue length, this card included
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuickHome:
    home: Path
    settings: Settings
    today: date  # the study day the figures are for
    decks: list[DeckSummary]  # as services.decks.summaries(ctx) gives them
    figures: Json  # as services.stats.summary(ctx, detail=False) gives them
    warnings: list[str] = field(default_factory=list)


def _unchanged_reader(home: Path, db_url: str | None, bundled_decks: Path | None):
    """A plain-sqlite3 reader of an up-to-date SQLite collection whose deck files are as last
    synced (the quick ways' common condition), or None: the full way is needed."""
    path = stats_service.sqlite_path(db_url, home)
    if path is None:
        return None
    ensure_config_file(home / "config.toml")
    reader = stats_store.open_sqlite_reader(path)
    if reader is None:
        return None
    try:
        changed = stats_service.decks_changed(stats_store.known_files(reader.fetch), home, bundled_decks)
    except Exception:  # noqa: BLE001 - anything odd here: the full way explains it
        changed = True
    if changed:
        reader.close()
        return None
    return reader


def peek_review(home: Path, db_url: str | None, deck_ids: list[str] | None, *,
                bundled_decks: Path | None = None, now: datetime | None = None) -> QuickStart | None:
    """Today's first card without SQLAlchemy, or None when the full way is needed (the
    database is missing, not plain SQLite or needs a migration, a deck file changed, a
    deck id is unknown, or nothing is due: that screen needs the next due date)."""
    reader = _unchanged_reader(home, db_url, bundled_decks)
    if reader is None:
        return None
    try:
        if deck_ids and not set(deck_ids) <= peek_store.known_decks(reader.fetch):
            return None
        settings, warnings = load_settings(home / "config.toml")
        now = now or datetime.now().astimezone()
        today = study_day(now, settings.day_starts_at)
        found = peek_store.first_card(reader.fetch, today, deck_ids, settings.new_per_day, settings.reviews_per_day,
                                      weakest_at=weakest_first_at(settings.interview_date, today, now.tzinfo))
    except Exception:  # noqa: BLE001 - anything odd here: the full way explains it
        return None
    finally:
        reader.close()
    if found.view is None:
        return None
    return QuickStart(home, settings, found.view, found.queued, warnings)


def peek_home(home: Path, db_url: str | None, *, bundled_decks: Path | None = None,
              now: datetime | None = None) -> QuickHome | None:
    """The home screen's deck rows and today's figures without SQLAlchemy, or None when the
    full way is needed (the database is missing, not plain SQLite or needs a migration, or a
    deck file changed: the sync would change the counts)."""
    reader = _unchanged_reader(home, db_url, bundled_decks)
    if reader is None:
        return None
    try:
        settings, warnings = load_settings(home / "config.toml")
        now = now or datetime.now().astimezone()
        today = study_day(now, settings.day_starts_at)
        sums = stats_store.deck_sums(reader.fetch, today, settings.leech_threshold)  # one pass for both
        decks = deck_store.summaries_of(sums)
        figures = stats_service.overview(reader.fetch, today, settings, sums=sums).as_json()
    except Exception:  # noqa: BLE001 - anything odd here: the full way explains it
        return None
    finally:
        reader.close()
    return QuickHome(home, settings, today, decks, figures, warnings)


def begun(peek: Callable[..., Q], *args, **kwargs) -> Callable[[], Q | None]:
    """peek_review or peek_home, begun now in a thread; call the result for it (it waits). The
    CLI imports Textual meanwhile (see services.background). A peek that fails past its own
    checks gives None: the full way then says what is wrong."""
    def quietly() -> Q | None:
        try:
            return peek(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the full way explains it
            return None

    return background.begun(quietly, f"flashdeck-{peek.__name__}")
