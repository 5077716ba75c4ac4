"""`flashdeck db copy`: a whole collection moved to another database (SQLite <-> PostgreSQL),
into an empty one only, in one transaction, and verified before it is committed: the same
number of rows in every table and the same last review on both sides. A failed copy keeps none
of its rows (a SQLite file it made is removed; an empty database keeps the schema flashdeck
gave it when it was opened)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from flashdeck.store import copy as store
from flashdeck.store import urls
from flashdeck.store.db import Database, DatabaseError, open_database


class CopyRefused(Exception):
    """Nothing was copied; str() is one line for the learner (a usage problem: exit 2)."""


class CopyFailed(Exception):
    """The copy started but was not committed; the target is as it was. str(): the reason."""


@dataclass(frozen=True)
class Copied:
    source: str  # shown: no password
    target: str
    counts: dict[str, int]
    last: store.LastReview | None


def as_url(text: str) -> str | URL:
    """A database URL, or a plain path meaning that SQLite file (`~` expanded). Anything that
    starts like a URL (`postgresql:/...`, a slash short) is taken as one, so that its mistake is
    said as a URL's, not as a folder that does not exist."""
    if "://" in text or re.match(r"^[A-Za-z][\w+.-]*:/", text):
        return text
    return urls.sqlite_url(Path(text).expanduser().resolve())


def copy_collection(source: str | URL, target: str | URL, *, backup_dir: Path | None = None,
                    progress: Callable[[str, int, int], None] = lambda *_: None) -> Copied:
    """Copy every row of `source` into `target`, which must hold no flashdeck rows yet (a new
    SQLite file or an empty database is made a flashdeck one first). Raises CopyRefused,
    CopyFailed, or store.db.DatabaseError (either side unusable, in one line)."""
    source_url, target_url = _parsed(source), _parsed(target)
    if _same(source_url, target_url):
        raise CopyRefused(f"{urls.shown(source_url)} is the collection being copied: give another database")
    source_file, target_file = urls.sqlite_file(source_url), urls.sqlite_file(target_url)
    if source_file is not None and not source_file.is_file():
        raise CopyRefused(f"there is no collection at {source_file} to copy")
    made = target_file is not None and not target_file.exists()
    source_db = open_database(source_url, backup_dir=backup_dir, make_folder=False)
    try:
        target_db = open_database(target_url, backup_dir=backup_dir, make_folder=False)
    except BaseException:
        source_db.close()
        raise
    try:
        return _copy(source_db, target_db, urls.shown(source), urls.shown(target), progress)
    except BaseException:
        if made:
            target_db.close()
            _remove(target_file)
        raise
    finally:
        source_db.close()
        target_db.close()


def _copy(source_db: Database, target_db: Database, shown_source: str, shown_target: str, progress) -> Copied:
    try:
        with _snapshot(source_db) as reading, \
                target_db.engine.connect().execution_options(flashdeck_immediate=True) as writing, \
                writing.begin():
            there = store.counts(writing)
            if any(there.values()):
                raise CopyRefused(f"{shown_target} already holds a collection ({_summary(there)}): "
                                  "copy into a new file or an empty database")
            totals, last = store.counts(reading), store.last_review(reading)
            store.copy_rows(reading, writing, totals, progress)
            copied, copied_last = store.counts(writing), store.last_review(writing)
            if copied != totals or copied_last != last:  # not committed: the target stays empty
                raise CopyFailed(f"the copy does not match {shown_source} ({_summary(copied)} against "
                                 f"{_summary(totals)}); nothing was kept")
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise CopyFailed(f"copying to {shown_target} failed, nothing was kept: {reason}") from None
    with target_db.engine.connect() as again:  # read back as a new connection sees it, committed
        if store.counts(again) != totals or store.last_review(again) != last:
            raise CopyFailed(f"{shown_target} does not read back as the copy just committed")
    return Copied(shown_source, shown_target, totals, last)


def _snapshot(db: Database):
    """One consistent read of the whole source, even while another flashdeck grades in it."""
    conn = db.engine.connect()
    if conn.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    conn.begin()  # SQLite: a read transaction sees one snapshot of the WAL to its end
    return conn


def _summary(counts: dict[str, int]) -> str:
    return f"{counts.get('cards', 0)} cards, {counts.get('review_log', 0)} reviews"


def _parsed(url: str | URL) -> URL:
    try:
        return urls.parse(url)
    except urls.BadDatabaseUrl as exc:
        raise CopyRefused(str(exc)) from None


def _same(a: URL, b: URL) -> bool:
    fa, fb = urls.sqlite_file(a), urls.sqlite_file(b)
    if fa is not None or fb is not None:
        return fa is not None and fb is not None and fa.resolve() == fb.resolve()
    return a.set(password=None).render_as_string() == b.set(password=None).render_as_string()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


__all__ = ["Copied", "CopyFailed", "CopyRefused", "DatabaseError", "as_url", "copy_collection"]
