"""Backups of the database in <home>/backups/, `db check`, `db restore`, and the one line
that names a damaged database.

Backups are `flashdeck-YYYYMMDD-HHMMSS-mmm[-why].sqlite3` (local time: the names sort by
age), made with SQLite's online backup API and checked (PRAGMA quick_check) before they count:
a copy of a damaged database is deleted, never kept in place of a good one, and says the
database is damaged. Made automatically before every migration and, at most once a day, at
the end of a session that opened the database; the newest `backup.keep_last` are kept.

Standard library only: the CLI calls this after commands that never import SQLAlchemy.
"""

from __future__ import annotations

import sqlite3  # noqa: F401 - sqlite3.Error, for the callers
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from flashdeck.store import health, schema
from flashdeck.store.health import (  # noqa: F401 - the services' names for them
    Backup, DatabaseDamaged, backup_name, damage_reason, list_backups, make_backup, newest, prune,
)

RESTORE_LATEST = "flashdeck db restore --latest"


def backup_dir(home: Path) -> Path:
    return home / "backups"


def database_file(home: Path, db_url: str | None) -> Path | None:
    """The SQLite file flashdeck uses (None: a database URL that is not a plain file)."""
    # lazy: services.stats (json, hashlib, the stats store: ~20 ms) stays off the TUI's start, which imports this module
    from flashdeck.services.stats import sqlite_path

    return sqlite_path(db_url, home)


def daily_backup(db_path: Path, folder: Path, keep: int, *,
                 now: Callable[[], datetime] = datetime.now) -> Path | None:
    """The end-of-session backup: made when the newest backup is from an earlier day (or
    there is none). Cheap otherwise: one directory listing. None when none was needed."""
    if not db_path.is_file():
        return None
    latest = newest(folder)
    if latest is not None and latest.taken.date() >= now().date():
        return None
    return make_backup(db_path, folder, keep, now=now)


@dataclass
class CheckReport:
    path: Path
    problems: list[str]  # damage (integrity, foreign keys, a file that is not flashdeck's)
    revision: str | None
    head: str
    counts: dict[str, int | None]
    notes: list[str]  # not damage: an older schema that the next start migrates

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db_path: Path) -> CheckReport:
    """`flashdeck db check`: integrity, foreign keys, schema revision against the head, counts."""
    report = CheckReport(db_path, [], None, schema.HEAD, {}, [])
    header = health.header_problem(db_path)
    if not db_path.exists():
        report.problems.append("there is no database file (flashdeck makes one on first use)")
        return report
    if header is not None:
        report.problems.append(header)
        return report
    integrity = health.integrity_check(db_path)
    report.problems += [f"integrity_check: {p}" for p in integrity[:10]]
    if integrity:
        return report  # the rest reads the damaged pages again
    try:
        report.problems += [f"foreign_key_check: {p}" for p in health.foreign_key_problems(db_path)[:10]]
        report.revision = health.revision(db_path)
        report.counts = health.table_counts(db_path)
    except Exception as exc:  # noqa: BLE001 - what SQLite says is the report
        report.problems.append(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return report
    tables = {name for name, count in report.counts.items() if count is not None}
    foreign = health.foreign_problem(tables, report.revision is not None)
    if foreign is not None:
        report.problems.append(foreign)
    elif report.revision is None:
        report.problems.append("no schema version (alembic_version is empty or missing)")
    elif report.revision not in schema.KNOWN_REVISIONS:
        report.problems.append(f"schema {report.revision} is from a newer flashdeck (this one knows up to {schema.HEAD})")
    elif report.revision != schema.HEAD:
        report.notes.append(f"schema {report.revision} is older than {schema.HEAD}: the next start upgrades it "
                            "(after a backup)")
    return report


class RestoreError(Exception):
    """A restore that was not done; str() is one line, and nothing was changed."""


def verify_backup(backup: Path) -> None:
    """Raises RestoreError unless `backup` is a sound flashdeck database this flashdeck reads."""
    if not backup.is_file():
        raise RestoreError(f"no such backup: {backup}")
    problems = health.integrity_check(backup)
    if problems:
        raise RestoreError(f"the backup {backup} is damaged too ({_first(problems)}); "
                           "pick another one with `flashdeck db restore FILE`")
    try:
        version = health.revision(backup)
    except Exception as exc:  # noqa: BLE001
        raise RestoreError(f"cannot read the backup {backup}: {exc}") from None
    if version is None:
        raise RestoreError(f"{backup} is not a flashdeck database (no schema version)")
    if version not in schema.KNOWN_REVISIONS:
        raise RestoreError(f"the backup {backup} was written by a newer flashdeck (schema {version}); "
                           "upgrade flashdeck to restore it")


@dataclass(frozen=True)
class Restored:
    source: Path
    saved: Path | None  # where the file it replaced went (None: there was none, or it was empty)
    saved_damaged: bool  # the replaced file was damaged: moved aside as it was
    counts: dict[str, int | None]


def restore(db_path: Path, backup: Path, folder: Path, keep: int, *,
            now: Callable[[], datetime] = datetime.now, verified: bool = False) -> Restored:
    """Put `backup` in place of `db_path`: verify the backup (integrity_check), keep the
    current file first (a sound one as a backup "-before-restore", a damaged, empty or
    foreign one moved aside to folder/damaged-...), then write it with the backup API."""
    if not verified:  # (the CLI verifies before it asks)
        verify_backup(backup)
    saved, damaged = None, False
    if db_path.exists():
        if _is_sound(db_path):
            saved = make_backup(db_path, folder, keep, why="before-restore", now=now, prune_after=False)
        else:
            damaged = True
            saved = folder / f"damaged-{now():{health.STAMP}}-{db_path.name}"
            health.move_aside(db_path, saved)
    health.restore_into(backup, db_path)
    problems = health.quick_check(db_path)
    if problems:
        raise RestoreError(f"the restored {db_path} fails its check ({_first(problems)})")
    prune(folder, keep)
    return Restored(backup, saved, damaged, health.table_counts(db_path))


def _is_sound(path: Path) -> bool:
    """A flashdeck database SQLite finds no fault in (quick_check)."""
    if health.header_problem(path) is not None or health.quick_check(path):
        return False
    try:
        return health.revision(path) is not None
    except Exception:  # noqa: BLE001 - unreadable: not sound
        return False


def damage_line(db_path: Path | None, reason: str, home: Path, restore_command: str = RESTORE_LATEST) -> str:
    """The one line for a damaged database: the file, what is wrong, the newest backup and the
    command that restores it."""
    where = f"the database {db_path}" if db_path else "the database"
    latest = newest(backup_dir(home))
    if latest is None:
        advice = (f"there is no backup in {backup_dir(home)}; move the file aside to start afresh, "
                  f"or restore a copy with `{restore_command.replace('--latest', 'FILE')}`")
    else:
        advice = (f"newest backup: {latest.path} ({latest.taken:%Y-%m-%d %H:%M}); "
                  f"restore it with `{restore_command}`")
    return f"{where} is damaged: {reason.rstrip('.')}. The file is left as it is; {advice}"


def _first(problems: list[str]) -> str:
    return problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
