"""What every `flashdeck` command shares: the root options' state (--home / --db), the usage
error, and the one way to open the database, sync the decks and close it again.

The group (flashdeck.cli) and every sub-command module import this one; it imports none of
them, so the arrows between the command modules all point from the group down. Click only at
import time: SQLAlchemy loads when a command opens the database.
"""

# Lazy imports: every import inside a method or function here keeps its module off
# `flashdeck --help` and the quick start (`flashdeck review`), both of which import this module:
# SQLAlchemy (services.context, store.db, store.urls, services.decks) until a command opens the
# database or checks --db, and services.backups (sqlite3) until a run ends or meets damage.

from __future__ import annotations

import os
import shlex
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import click

from flashdeck import paths

if TYPE_CHECKING:  # SQLAlchemy: loaded when a command opens the database, not by --help
    from flashdeck.services.context import Context
    from flashdeck.services.decks import SyncReport


class UsageProblem(click.ClickException):
    """A usage error as one line on stderr ("Error: unknown deck 'x' — did you mean 'y'?"), exit 2.
    (click.UsageError would add the usage and a "Try --help" line around it.)"""

    exit_code = 2


class Root:
    """The root options of a `flashdeck` run (its click obj), and what the run opened."""

    def __init__(self, home: Path | None, db_url: str | None):
        self.home = home
        self.db_url = db_url
        self.opened = False  # a Context was opened: the session may have written (daily backup)
        self.keep_backups = 10

    def home_dir(self) -> Path:
        return self.home or paths.home_dir()

    def open(self) -> Context:
        from flashdeck.services.context import open_context
        from flashdeck.store.db import BadUrl, DatabaseDamaged, DatabaseError

        try:
            ctx = open_context(self.home_dir(), self.db_url)
        except DatabaseDamaged as exc:
            raise self.damaged(exc.reason, exc.path) from None
        except BadUrl as exc:
            raise UsageProblem(f"--db: {exc}") from None
        except DatabaseError as exc:
            raise click.ClickException(str(exc)) from None
        self.opened, self.keep_backups = True, ctx.settings.keep_last
        return ctx

    def database_file(self) -> Path | None:
        """The SQLite file in use (None: a database that is not a plain SQLite file)."""
        from flashdeck.services.backups import database_file

        return database_file(self.home_dir(), self.db_url)

    def restore_command(self) -> str:
        """`flashdeck db restore --latest`, with the --home / --db this run was given."""
        words = ["flashdeck"]
        if self.home is not None and Path(self.home) != paths.home_dir():
            words += ["--home", shlex.quote(str(self.home))]
        if self.db_url and self.db_url != os.environ.get("FLASHDECK_DB"):
            words += ["--db", shlex.quote(self.db_url)]
        return " ".join([*words, "db", "restore", "--latest"])

    def damaged(self, reason: str, path: Path | None = None) -> click.ClickException:
        """The one line for a damaged database (exit 1): the file, what is wrong, the newest
        backup and the command that restores it."""
        from flashdeck.services.backups import damage_line

        return click.ClickException(damage_line(path or self.database_file(), reason,
                                                self.home_dir(), self.restore_command()))

    def end_session(self) -> None:
        """After a command that opened the database: the daily backup (one directory listing
        when today's exists)."""
        if not self.opened:
            return
        from flashdeck.services import backups

        path = self.database_file()
        if path is None:
            return
        try:
            backups.daily_backup(path, backups.backup_dir(self.home_dir()), self.keep_backups)
        except backups.DatabaseDamaged as exc:
            raise self.damaged(exc.reason, path) from None
        except (OSError, backups.sqlite3.Error) as exc:  # a full disk, a read-only home: say it, go on
            click.echo(f"warning: the daily backup of {path} failed: {exc}", err=True)


def root() -> Root:
    """The Root of the surrounding `flashdeck` run (a command run without the group, as a test
    may: the default home and database)."""
    obj = click.get_current_context().find_root().obj
    return obj if isinstance(obj, Root) else Root(None, None)


def check_db_url(db_url: str) -> None:
    """A bad --db / FLASHDECK_DB is a usage error for every command, said before any work (only
    a given URL costs the SQLAlchemy import here). A PostgreSQL URL that libpq can read is
    checked in full where the database is opened: `flashdeck stats` then reads it with psycopg
    alone, and SQLAlchemy's import would be most of its time."""
    from flashdeck.store.server_url import libpq_uri

    if libpq_uri(db_url) is not None:
        return
    from flashdeck.store import urls  # lazy: SQLAlchemy's URL parser, the rest of the URLs

    try:
        urls.parse(db_url)
    except urls.BadDatabaseUrl as exc:
        raise UsageProblem(f"--db: {exc}") from None


def open_synced(obj: Root, *, sync: bool = True) -> tuple[Context, SyncReport | None]:
    """The open Context and what the deck sync found (None with `sync=False`); closed again
    when the sync fails. For a Context whose closing is not the caller's block (the quick
    review's opener); every other command uses `opened`."""
    ctx = obj.open()
    try:
        if not sync:
            return ctx, None
        from flashdeck.services import decks as deck_service

        return ctx, deck_service.sync(ctx)
    except BaseException:
        ctx.close()
        raise


@contextmanager
def opened(obj: Root | None = None, *, sync: bool = True) -> Iterator[tuple[Context, SyncReport | None]]:
    """`with opened(obj) as (ctx, report):` the database of this run, the decks synced (unless
    `sync=False`: the report is then None), closed when the block ends, however it ends."""
    ctx, report = open_synced(obj or root(), sync=sync)
    try:
        yield ctx, report
    finally:
        ctx.close()
