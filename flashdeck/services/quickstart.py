"""`flashdeck review` starts by drawing the first card from a stdlib-sqlite3 peek, and opens
the full Context (SQLAlchemy, the deck sync, the StudySession) in the background.

The peek is taken only when nothing needs migrating or syncing (the same conditions as the
quick `flashdeck stats`); otherwise the CLI opens everything first, as before. This module
must not import SQLAlchemy: that import is what the quick start saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flashdeck.domain.cards import CardView
from flashdeck.domain.interview import weakest_first_at
from flashdeck.domain.studyday import study_day
from flashdeck.services import stats as stats_service
from flashdeck.services.settings import Settings, ensure_config_file, load_settings
from flashdeck.store import first_card as peek_store
from flashdeck.store import stats as stats_store


@dataclass(frozen=True)
class QuickStart:
    home: Path
    settings: Settings
    first: CardView  # the card to draw now
    queued: int  # today's queue length, this card included
    warnings: list[str] = field(default_factory=list)


def peek_review(home: Path, db_url: str | None, deck_ids: list[str] | None, *,
                bundled_decks: Path | None = None, now: datetime | None = None) -> QuickStart | None:
    """Today's first card without SQLAlchemy, or None when the full way is needed (the
    database is missing, not plain SQLite or needs a migration, a deck file changed, a
    deck id is unknown, or nothing is due: that screen needs the next due date)."""
    path = stats_service.sqlite_path(db_url, home)
    if path is None:
        return None
    ensure_config_file(home / "config.toml")
    reader = stats_store.open_sqlite_reader(path)
    if reader is None:
        return None
    try:
        if stats_service.decks_changed(stats_store.known_files(reader.fetch), home, bundled_decks):
            return None
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
