"""One open flashdeck: where its data is, its database, its settings and its clock.

Built once by the CLI (and by tests, with a temporary home and a fixed clock) and handed to
the TUI: the one factory both share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from flashdeck import paths
from flashdeck.domain.interview import InterviewPlan
from flashdeck.domain.scheduler import FsrsChoice
from flashdeck.domain.studyday import study_day
from flashdeck.services.settings import Settings, ensure_config_file, load_settings
from flashdeck.store import urls
from flashdeck.store.db import Database, open_database


def system_clock() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Context:
    home: Path
    db: Database
    settings: Settings
    clock: Callable[[], datetime] = system_clock
    warnings: list[str] = field(default_factory=list)
    bundled_decks: Path = field(default_factory=paths.bundled_decks_dir)
    # the coding drills that become the "drills" deck (a folder that does not exist: none)
    bundled_drills: Path = field(default_factory=paths.bundled_drills_dir)

    def now(self) -> datetime:
        """Local time, timezone-aware."""
        return self.clock()

    def now_utc(self) -> datetime:
        return self.clock().astimezone(timezone.utc).replace(tzinfo=None)

    def today(self) -> date:
        return study_day(self.clock(), self.settings.day_starts_at)

    def interview_plan(self) -> InterviewPlan | None:
        """The interview date's rule for grades (None: no date set). The per-day cap is the
        learner's reviews_per_day: a day of the final stretch never gets more reviews than a
        normal day could show."""
        day = getattr(self.settings, "interview_date", None)
        if day is None:
            return None
        return InterviewPlan(day, max(1, getattr(self.settings, "reviews_per_day", 1)))

    def fsrs_choice(self) -> FsrsChoice | None:
        """FSRS sets the due dates (study.scheduler = "fsrs"), on the learner's study days; None: SM-2."""
        if getattr(self.settings, "scheduler", "sm2") != "fsrs":
            return None
        rollover = self.settings.day_starts_at
        tz = self.now().tzinfo
        return FsrsChoice(self.settings.desired_retention, lambda due: study_day(due.astimezone(tz), rollover))

    def drill_file(self, drill_id: str) -> Path:
        """The learner's working copy of a drill: <home>/drills/<id>.py."""
        return self.home / "drills" / f"{drill_id}.py"

    def close(self) -> None:
        self.db.close()


def _inside(db_url: str | None, home: Path) -> bool:
    """May opening `db_url` create its folder? Only inside the home: a typo in --db must not
    make folders elsewhere (at / for root)."""
    if db_url is None:
        return True
    try:
        path = urls.sqlite_file(urls.parse(db_url))
    except urls.BadDatabaseUrl:
        return False  # open_database says what is wrong with it
    return path is not None and path.resolve().is_relative_to(home.resolve())


def open_context(
    home: Path | None = None,
    db_url: str | None = None,
    clock: Callable[[], datetime] = system_clock,
    bundled_decks: Path | None = None,
    bundled_drills: Path | None = None,
) -> Context:
    """Raises store.db.DatabaseError with a one-line message when the database is unusable.

    `bundled_decks` / `bundled_drills` replace the decks and coding drills shipped with
    flashdeck (tests use their own)."""
    home = Path(home) if home is not None else paths.home_dir()
    ensure_config_file(home / "config.toml")  # first run: the commented defaults, to edit
    settings, warnings = load_settings(home / "config.toml")
    # the backup before a migration goes to <home>/backups (services.backups)
    db = open_database(db_url or urls.home_url(home), backup_dir=home / "backups",
                       keep_backups=settings.keep_last, make_folder=_inside(db_url, home))
    return Context(home=home, db=db, settings=settings, clock=clock, warnings=warnings,
                   bundled_decks=bundled_decks or paths.bundled_decks_dir(),
                   bundled_drills=bundled_drills or paths.bundled_drills_dir())
