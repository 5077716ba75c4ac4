"""`flashdeck db check | backup [FILE] | restore [FILE | --latest] [--yes] | copy --to/--from URL`.

Attached to the main group by flashdeck.cli; click only at import time. check, backup and
restore read the SQLite file with the standard library (never through SQLAlchemy, which would
migrate or refuse a damaged file); copy moves a collection between two databases through
SQLAlchemy (services.collection_copy). Exit codes: 0 done / sound, 1 damaged or not done, 2 a
usage error.
"""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.backups
# (sqlite3) and services.settings (tomllib) are imported inside the commands, so --help stays
# click-only. Only `db copy` imports SQLAlchemy, inside the command.

from __future__ import annotations

from pathlib import Path

import click

from flashdeck.cli.common import UsageProblem, root


def _where() -> tuple[Path, Path, int]:
    """The database file, the backups folder and how many backups to keep."""
    from flashdeck.services import backups
    from flashdeck.services.settings import load_settings

    obj = root()
    home = obj.home_dir()
    path = obj.database_file()
    if path is None:
        from flashdeck.store.urls import (
            shown,  # (SQLAlchemy's URL parser: only for this message)
        )

        target = "PostgreSQL" if obj.db_url.startswith("postgres") else "this database"
        raise UsageProblem(f"flashdeck db works on a SQLite file, not {shown(obj.db_url)}: for {target} use its own "
                           "tools (pg_dump to back up, pg_restore to restore; the server checks its own pages)")
    settings, _ = load_settings(home / "config.toml")
    return path, backups.backup_dir(home), settings.keep_last


@click.group("db")
def db() -> None:
    """Check, back up and restore your progress database."""


@db.command("check")
def check_cmd() -> None:
    """Integrity, foreign keys, schema revision and row counts. Exit 0 sound, 1 damaged."""
    from flashdeck.services import backups

    path, folder, _ = _where()
    report = backups.check(path)
    size = f" ({path.stat().st_size / 1e6:.1f} MB)" if path.is_file() else ""
    click.echo(f"database   {path}{size}")
    if report.revision is not None:
        state = "current" if report.revision == report.head else "needs upgrade" \
            if report.revision < report.head else "newer than this flashdeck"
        click.echo(f"schema     {report.revision} (head {report.head}: {state})")
    if report.counts:
        click.echo("rows       " + ", ".join(f"{name} {count}" for name, count in report.counts.items()
                                           if count is not None))
    for problem in report.problems:
        click.echo(f"problem    {problem}")
    for note in report.notes:
        click.echo(f"note       {note}")
    found = backups.list_backups(folder)
    click.echo(f"backups    {len(found)} in {folder}" + (f", newest {found[-1].path.name}" if found else ""))
    if not report.ok:
        if not path.exists():
            raise click.ClickException(f"no database at {path} yet")
        raise root().damaged(report.problems[0], path)
    click.echo("OK: integrity_check and foreign_key_check found nothing wrong.")


@db.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
def backup_cmd(file: Path | None) -> None:
    """Back the database up now, with SQLite's online backup API (safe while flashdeck runs).

    Default: a new file in <home>/backups/ (the newest backup.keep_last are kept); FILE: there."""
    from flashdeck.services import backups

    path, folder, keep = _where()
    if not path.exists():
        raise click.ClickException(f"no database at {path} yet: nothing to back up")
    if file is not None and file.exists():
        raise click.ClickException(f"{file} already exists; give a new file name")
    try:
        target = backups.make_backup(path, folder, keep, target=file)
    except backups.DatabaseDamaged as exc:
        raise root().damaged(exc.reason, path) from None
    except (OSError, backups.sqlite3.Error) as exc:
        raise click.ClickException(f"cannot write the backup: {exc}") from None
    counts = backups.health.table_counts(target)
    click.echo(f"Backed up {path} to {target} ({counts['cards']} cards, {counts['review_log']} reviews).")


@db.command("restore")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--latest", is_flag=True, help="The newest backup in <home>/backups/.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def restore_cmd(file: Path | None, latest: bool, yes: bool) -> None:
    """Put a backup in place of the database: checks the backup's integrity first, keeps the
    current file in <home>/backups/ (a damaged one is moved there as it is), then writes the
    backup with SQLite's online backup API. Asks first unless --yes."""
    from flashdeck.services import backups

    path, folder, keep = _where()
    if latest == (file is not None):
        found = backups.list_backups(folder)
        listing = "; ".join(f"{b.path.name}" for b in reversed(found[-5:])) or f"none in {folder}"
        raise UsageProblem(f"give a backup FILE or --latest (newest first: {listing})")
    if latest:
        newest = backups.newest(folder)
        if newest is None:
            raise click.ClickException(f"there is no backup in {folder}")
        file = newest.path
    try:
        backups.verify_backup(file)
    except backups.RestoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not yes:
        click.confirm(f"Replace {path} with the backup {file}? (the current file is kept in {folder})",
                      abort=True, err=True)
    try:
        done = backups.restore(path, file, folder, keep, verified=True)
    except backups.RestoreError as exc:
        raise click.ClickException(str(exc)) from None
    except (OSError, backups.sqlite3.Error) as exc:
        raise click.ClickException(f"cannot restore {file} to {path}: {exc}") from None
    if done.saved is not None:
        kept = "moved aside as it was (damaged)" if done.saved_damaged else "backed up"
        click.echo(f"The file it replaced is {kept}: {done.saved}")
    click.echo(f"Restored {path} from {file}: {done.counts['cards']} cards, {done.counts['review_log']} reviews.")


@db.command("copy")
@click.option("--to", "to", metavar="URL", help="Copy this collection into URL (a new SQLite file or an empty database).")
@click.option("--from", "from_", metavar="URL", help="Copy the collection at URL into this one (which must be empty).")
def copy_cmd(to: str | None, from_: str | None) -> None:
    """Copy a whole collection between SQLite and PostgreSQL, and verify it.

    This collection is the one --db / FLASHDECK_DB (or <home>'s file) opens. URL is a database
    URL (postgresql://user@host/flashdeck, sqlite:////path/file.sqlite3) or a plain file path.
    The target must hold no collection yet; the copy is one transaction, committed only once
    every table's row count and the last review match on both sides.

    \b
    Moving to a server:  flashdeck db copy --to postgresql://me@server/flashdeck
    Moving back:         flashdeck --db ~/fd.sqlite3 db copy --from postgresql://me@server/flashdeck
    """
    # lazy: SQLAlchemy, only for the one db command that opens two databases through it
    from flashdeck.services import collection_copy as service
    from flashdeck.store import urls  # lazy: as above

    if (to is None) == (from_ is None):
        raise UsageProblem("give one of --to URL (copy this collection there) or --from URL (copy it here)")
    obj = root()
    here = obj.db_url or urls.home_url(obj.home_dir())
    source, target = (here, service.as_url(to)) if to is not None else (service.as_url(from_), here)
    totals: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        if not totals and not done:  # both databases open: the copy begins
            click.echo(f"Copying {urls.shown(source)} to {urls.shown(target)} ...", err=True)
        if done == total and table not in totals:
            totals[table] = total
            if total:
                click.echo(f"  {table:<18} {total:>9,} rows", err=True)

    try:
        copied = service.copy_collection(source, target, backup_dir=obj.home_dir() / "backups", progress=progress)
    except service.CopyRefused as exc:
        raise UsageProblem(str(exc)) from None
    except (service.CopyFailed, service.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    counts = copied.counts
    click.echo(f"Copied {counts['cards']:,} cards, {counts['review_log']:,} reviews, {counts['drill_attempts']:,} "
               f"drill attempts and {counts['mock_sessions']:,} mock interviews to {copied.target}.")
    click.echo("Verified: every table has the same number of rows on both sides"
               + (f", and the last review ({copied.last}) is on both." if copied.last else " (no reviews yet)."))
    if to is not None:
        secret = " (the password goes in ~/.pgpass or PGPASSWORD, not in the URL)" if "***" in copied.target else ""
        click.echo(f"To study from it: export FLASHDECK_DB='{copied.target}'{secret}, or flashdeck --db URL. "
                   "config.toml (the interview date, limits) stays on each machine.")
