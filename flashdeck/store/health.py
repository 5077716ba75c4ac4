"""The database file itself: is it SQLite, is it damaged, online backups, checks and counts.

Standard library only (sqlite3): the CLI's quick paths and the end-of-session backup must not
import SQLAlchemy. Copies are always made with SQLite's online backup API
(sqlite3.Connection.backup), which reads a consistent snapshot under SQLite's locks: a file
copy of a database being written (and of its -wal file) can be torn.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

HEADER = b"SQLite format 3\x00"
# SQLite's result codes for a damaged file (the primary code, in the low byte)
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
MAIN_TABLES = ("decks", "cards", "card_state", "review_log", "drill_attempts", "mock_sessions", "mock_answers")
_FLASHDECK_TABLES = {"decks", "cards", "card_state", "review_log"}


class DatabaseDamaged(Exception):
    """A database file that exists but cannot be used as it is: empty, not SQLite, another
    program's, or with damaged pages. Never replaced by a new one."""

    def __init__(self, path: Path | str | None, reason: str):
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = Path(path) if path else None
        self.reason = reason


def header_problem(path: Path) -> str | None:
    """What is wrong with the file at `path` before SQLite even reads it (None: it looks
    like an SQLite database, or there is no file: a missing file is a new database)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return "the file is empty (0 bytes)"
        with path.open("rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror})"
    if len(head) < 100 or not head.startswith(HEADER):
        return "the file is corrupt or not a flashdeck database (no SQLite header)"
    return None


def damage_reason(error: BaseException | None) -> str | None:
    """The reason when `error` (a sqlite3 or SQLAlchemy error, or one raised from it) says the
    file is damaged; None for any other error (locked, read-only, disk full ...)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DatabaseDamaged):
            return error.reason
        if isinstance(error, sqlite3.DatabaseError):
            code = getattr(error, "sqlite_errorcode", None)
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            lowered = message.lower()
            if (code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)) \
                    or "malformed" in lowered or "not a database" in lowered:
                return message
        orig = getattr(error, "orig", None)  # SQLAlchemy's wrapper of the DBAPI error
        if isinstance(orig, BaseException):
            error = orig
        else:  # what it was raised from (not what it was raised while handling, after `from None`)
            error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return None


def foreign_problem(tables: set[str], has_version: bool) -> str | None:
    """A file SQLite opens that flashdeck did not make (None: flashdeck's, or a new empty one)."""
    if has_version:
        return None
    if tables & _FLASHDECK_TABLES:
        return "the database has flashdeck tables but no schema version; it was not made by flashdeck"
    if tables:
        return "the file is an SQLite database of another program (no flashdeck tables)"
    return None


def connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing file (never creates one)."""
    if not path.is_file():
        raise FileNotFoundError(str(path))
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def online_backup(source: Path, target: Path) -> None:
    """Copy the database at `source` to `target` (a new file) with the online backup API.

    Written as target + ".partial" first and renamed into place, so that a half-written copy
    never looks like a backup. Raises DatabaseDamaged when SQLite finds `source` damaged."""
    problem = header_problem(source)
    if problem is not None:
        raise DatabaseDamaged(source, problem)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    _remove(partial)
    try:
        src = connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # a backup is one file: no -wal beside it, whatever the source's journal mode
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except sqlite3.DatabaseError as exc:
        _remove(partial)
        reason = damage_reason(exc)
        if reason is not None:
            raise DatabaseDamaged(source, reason) from None
        raise
    except BaseException:
        _remove(partial)
        raise


def restore_into(backup: Path, target: Path) -> None:
    """Write the database `backup` into `target` (existing or not) with the online backup
    API: other connections to `target` see the restored pages as one transaction."""
    src = connect(backup)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            dst.execute("PRAGMA busy_timeout = 30000")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def quick_check(path: Path) -> list[str]:
    """PRAGMA quick_check: [] when the file is sound, else SQLite's findings (or the error)."""
    return _pragma_check(path, "quick_check")


def integrity_check(path: Path) -> list[str]:
    """PRAGMA integrity_check (slower than quick_check: it also checks every index's content)."""
    return _pragma_check(path, "integrity_check")


def _pragma_check(path: Path, pragma: str) -> list[str]:
    problem = header_problem(path)
    if problem is not None:
        return [problem]
    try:
        connection = connect(path)
        try:
            rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc).splitlines()[0]]
    return [] if rows == ["ok"] else [str(r) for r in rows]


def foreign_key_problems(path: Path) -> list[str]:
    connection = connect(path)
    try:
        rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    return [f"{table} row {rowid} points to a missing {parent} row" for table, rowid, parent, _ in rows]


def revision(path: Path) -> str | None:
    """The Alembic revision written in the file (None: no alembic_version table)."""
    connection = connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def table_counts(path: Path) -> dict[str, int | None]:
    """Rows in each of flashdeck's main tables (None: no such table in this file)."""
    connection = connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {name: (connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] if name in tables else None)
                for name in MAIN_TABLES}
    finally:
        connection.close()


def move_aside(path: Path, target: Path) -> None:
    """Rename a database that cannot be backed up (damaged, empty, foreign) and its -wal and
    -shm files to `target`: kept as it was, out of the way of a restore."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))


# --- backups: <folder>/flashdeck-YYYYMMDD-HHMMSS-mmm[-why].sqlite3, sorted by age

PREFIX = "flashdeck-"
_NAME = re.compile(r"^flashdeck-(\d{8}-\d{6}-\d{3})(?:-([A-Za-z0-9_.-]+?))?\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # local time, naive (from the name)
    why: str | None  # None: automatic daily or `db backup`; "before-0005", "before-restore"


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in `folder`, oldest first."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match is None:
            continue
        try:
            taken = datetime.strptime(match.group(1)[:-4], STAMP).replace(microsecond=int(match.group(1)[-3:]) * 1000)
        except ValueError:
            continue
        found.append(Backup(folder / name, taken, match.group(2)))
    return found


def newest(folder: Path) -> Backup | None:
    found = list_backups(folder)
    return found[-1] if found else None


def backup_name(now: datetime, why: str | None = None) -> str:
    return f"{PREFIX}{now:{STAMP}}-{now.microsecond // 1000:03d}{'-' + why if why else ''}.sqlite3"


def make_backup(db_path: Path, folder: Path, keep: int, *, why: str | None = None,
                now: Callable[[], datetime] = datetime.now, target: Path | None = None,
                prune_after: bool = True) -> Path:
    """Back `db_path` up into `folder` (or to `target`), check the copy, then keep the newest
    `keep` backups. Raises DatabaseDamaged (the copy is deleted) when the database is damaged."""
    if target is None:
        stamp = now()
        target = folder / backup_name(stamp, why)
        while target.exists():  # two backups in one millisecond
            stamp = stamp.replace(microsecond=min(999_999, stamp.microsecond + 1000))
            target = folder / backup_name(stamp, why)
    online_backup(db_path, target)
    problems = quick_check(target)
    if problems:
        target.unlink(missing_ok=True)
        raise DatabaseDamaged(db_path, _first(problems))
    if prune_after and target.parent == folder:
        prune(folder, keep)
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; returns the deleted."""
    found = list_backups(folder)
    gone = [b.path for b in found[:max(0, len(found) - max(1, keep))]]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def _first(problems: list[str]) -> str:
    return problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
