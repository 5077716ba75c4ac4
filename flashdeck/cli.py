"""The `flashdeck` command. With no sub-command it opens the TUI home.

Heavy imports (SQLAlchemy, Textual) happen inside the commands, so `--help` stays instant.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from flashdeck import __version__


class _Obj:
    def __init__(self, home: Path | None, db_url: str | None):
        self.home = home
        self.db_url = db_url
        self.opened = False  # a Context was opened: the session may have written (daily backup)
        self.keep_backups = 10

    def open(self):
        from flashdeck import paths
        from flashdeck.services.context import open_context
        from flashdeck.store.db import BadUrl, DatabaseDamaged, DatabaseError

        home = self.home or paths.home_dir()
        try:
            ctx = open_context(home, self.db_url)
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
        from flashdeck import paths
        from flashdeck.services.backups import database_file

        return database_file(self.home or paths.home_dir(), self.db_url)

    def restore_command(self) -> str:
        """`flashdeck db restore --latest`, with the --home / --db this run was given."""
        import shlex

        from flashdeck import paths

        words = ["flashdeck"]
        if self.home is not None and Path(self.home) != paths.home_dir():
            words += ["--home", shlex.quote(str(self.home))]
        if self.db_url and self.db_url != os.environ.get("FLASHDECK_DB"):
            words += ["--db", shlex.quote(self.db_url)]
        return " ".join([*words, "db", "restore", "--latest"])

    def damaged(self, reason: str, path: Path | None = None) -> click.ClickException:
        """The one line for a damaged database (exit 1): the file, what is wrong, the newest
        backup and the command that restores it."""
        from flashdeck import paths
        from flashdeck.services.backups import damage_line

        return click.ClickException(damage_line(path or self.database_file(), reason,
                                                self.home or paths.home_dir(), self.restore_command()))

    def end_session(self) -> None:
        """After a command that opened the database: the daily backup (one directory listing
        when today's exists)."""
        if not self.opened:
            return
        from flashdeck import paths
        from flashdeck.services import backups

        path = self.database_file()
        if path is None:
            return
        try:
            backups.daily_backup(path, backups.backup_dir(self.home or paths.home_dir()), self.keep_backups)
        except backups.DatabaseDamaged as exc:
            raise self.damaged(exc.reason, path) from None
        except (OSError, backups.sqlite3.Error) as exc:  # a full disk, a read-only home: say it, go on
            click.echo(f"warning: the daily backup of {path} failed: {exc}", err=True)


class UsageProblem(click.ClickException):
    """A usage error as one line on stderr ("Error: unknown deck 'x' — did you mean 'y'?"), exit 2.
    (click.UsageError would add the usage and a "Try --help" line around it.)"""

    exit_code = 2


class _LazyGroup(click.Group):
    """A group whose sub-commands in `lazy_commands` are imported when first asked for
    (click's documented lazy-loading pattern)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, object] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            self.add_command(self.lazy_commands[name](), name)
        return super().get_command(ctx, name)


class _MainGroup(_LazyGroup):
    """`flashdeck`: whatever a command was doing, a damaged database ends it with the one line
    (exit 1, no traceback); a command that opened the database ends with the daily backup."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
        except SystemExit as exc:
            if exc.code in (None, 0) and isinstance(ctx.obj, _Obj):
                ctx.obj.end_session()
            raise
        except Exception as exc:
            from flashdeck.services.backups import damage_reason

            reason = damage_reason(exc)
            if reason is None or not isinstance(ctx.obj, _Obj) or isinstance(exc, click.ClickException):
                raise
            raise ctx.obj.damaged(reason, getattr(exc, "path", None)) from None
        if isinstance(ctx.obj, _Obj):
            ctx.obj.end_session()
        return result


@click.group(cls=_MainGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="FLASHDECK_HOME",
              help="Data directory (database, config, your decks). Env: FLASHDECK_HOME. "
                   "Default: your platform's user data dir.")
@click.option("--db", "db_url", envvar="FLASHDECK_DB", metavar="URL",
              help="SQLAlchemy database URL, overriding <home>/flashdeck.sqlite3. Env: FLASHDECK_DB.")
@click.version_option(__version__, "--version", "-V", prog_name="flashdeck")
@click.pass_context
def main(click_ctx: click.Context, home: Path | None, db_url: str | None) -> None:
    """flashdeck: spaced review, coding drills and mock interviews for ML / LLM engineering
    interviews, in your terminal.

    Run with no command to open the home screen.
    """
    if db_url is not None and not click_ctx.resilient_parsing:
        _check_db_url(db_url)
    click_ctx.obj = _Obj(home, db_url)
    if click_ctx.invoked_subcommand is None:
        _run_tui(click_ctx.obj, start="home", deck_ids=None)


def _check_db_url(db_url: str) -> None:
    """A bad --db / FLASHDECK_DB is a usage error for every command, said before any work (only
    a given URL costs the SQLAlchemy import here)."""
    from flashdeck.store import urls

    try:
        urls.parse(db_url)
    except urls.BadDatabaseUrl as exc:
        raise UsageProblem(f"--db: {exc}") from None


def _run_tui(obj: _Obj, start: str, deck_ids: list[str] | None,
             topics: list[str] | None = None, cram: bool = False) -> None:
    # benchmark hook: exit once the first card is drawn, listing the modules imported
    probe = os.environ.get("FLASHDECK_FIRST_CARD_PROBE")
    if start == "review" and topics is None and not cram and _run_quick_review(obj, deck_ids, probe):
        return
    from flashdeck.services import decks as deck_service

    if topics is not None:
        from flashdeck.services.selection import UnknownTopic, resolve_topics

        try:
            topics = resolve_topics(topics)
        except UnknownTopic as exc:
            raise UsageProblem(str(exc)) from None
    ctx = obj.open()
    try:
        report = deck_service.sync(ctx)
        if deck_ids:
            from flashdeck.domain.suggest import unknown_ids

            known = [row.id for row in deck_service.summaries(ctx)]
            unknown = [d for d in deck_ids if d not in known]
            if unknown:
                raise UsageProblem(unknown_ids("deck", unknown, known))
        from flashdeck.tui.app import FlashdeckApp

        app = FlashdeckApp(ctx, start=start, deck_ids=deck_ids, sync_report=report, first_card_probe=probe,
                           topics=topics, cram=cram)
        app.run()
    finally:
        ctx.close()


def _run_quick_review(obj: _Obj, deck_ids: list[str] | None, probe: str | None) -> bool:
    """Today's review, its first card drawn before SQLAlchemy is even imported (see
    services.quickstart). False when that is not possible: the caller opens everything first."""
    from flashdeck import paths
    from flashdeck.services.quickstart import peek_review

    home = obj.home or paths.home_dir()
    quick = peek_review(home, obj.db_url, deck_ids)
    if quick is None:
        return False

    def opener():
        from flashdeck.services import decks as deck_service

        ctx = obj.open()
        try:
            return ctx, deck_service.sync(ctx)
        except BaseException:
            ctx.close()
            raise

    from flashdeck.tui.app import FlashdeckApp

    app = FlashdeckApp(None, start="review", deck_ids=deck_ids, first_card_probe=probe, quick=quick, opener=opener)
    try:
        app.run()
    finally:
        if app.ctx is not None:
            app.ctx.close()
    if app.return_code:
        sys.exit(app.return_code)
    return True


@main.command()
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Review only this deck (repeatable).")
@click.option("--topics", "topics", multiple=True, metavar="ID,...",
              help="Review every card of these syllabus topics now, due or not (comma-separated).")
@click.option("--cram", is_flag=True,
              help="Practice only: grades are logged but no card's schedule moves (with --topics/--deck, or all cards).")
@click.pass_obj
def review(obj: _Obj, deck_ids: tuple[str, ...], topics: tuple[str, ...], cram: bool) -> None:
    """Open straight into today's review (or a chosen selection with --topics / --cram)."""
    _run_tui(obj, start="review", deck_ids=list(deck_ids) or None, topics=list(topics) or None, cram=cram)


@main.group()
def decks() -> None:
    """List and check decks."""


@decks.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def decks_list(obj: _Obj, as_json: bool) -> None:
    """Every deck with its card, due and new counts."""
    from flashdeck.services import decks as deck_service

    ctx = obj.open()
    try:
        report = deck_service.sync(ctx)
        rows = deck_service.summaries(ctx)
    finally:
        ctx.close()
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        click.echo(json.dumps([
            {"id": d.id, "title": d.title, "path": d.path, "cards": d.cards, "due_today": d.due_today, "new": d.new}
            for d in rows
        ], indent=2))
        return
    if not rows:
        click.echo("No decks found.")
        return
    width = max(len(d.id) for d in rows)
    click.echo(f"{'ID':<{width}}  {'CARDS':>5}  {'DUE':>4}  {'NEW':>4}  TITLE")
    for d in rows:
        click.echo(f"{d.id:<{width}}  {d.cards:>5}  {d.due_today:>4}  {d.new:>4}  {d.title}")


@decks.command("validate")
@click.argument("targets", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def decks_validate(obj: _Obj, targets: tuple[Path, ...]) -> None:
    """Check deck files (default: all bundled decks and yours). Prints path:line: message."""
    from flashdeck import paths
    from flashdeck.services import decks as deck_service

    home = obj.home or paths.home_dir()
    chosen = list(targets) or [paths.bundled_decks_dir(), home / "decks"]
    count, problems = deck_service.validate([p for p in chosen if p.exists()], home=home)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len({p.path for p in problems})} of {count} file(s).", err=True)
        sys.exit(1)
    click.echo(f"{count} deck file(s) OK.", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "full", is_flag=True,
              help="Every row of every list: all topics, days studied and mock interviews (else the first few).")
@click.pass_obj
def stats(obj: _Obj, as_json: bool, full: bool) -> None:
    """Today, streak, due forecast, reviews per day, retention, cards by state, topic mastery.

    Long lists are cut to their first rows, with a line saying how many more; --all lists every row
    (--json always has every row)."""
    from flashdeck import paths
    from flashdeck.services import stats as stats_service

    # the quick way (sqlite3 only, no SQLAlchemy) when nothing needs migrating or syncing
    quick = stats_service.quick_summary(obj.home or paths.home_dir(), obj.db_url)
    if quick is None:
        from flashdeck.services import decks as deck_service

        ctx = obj.open()
        try:
            deck_service.sync(ctx)
            figures, warnings = stats_service.summary(ctx), ctx.warnings
        finally:
            ctx.close()
    else:
        figures, warnings = quick
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    from flashdeck.stats_report import render_document as render

    click.echo(render(figures, full=full))


@main.group()
def config() -> None:
    """Where your settings are, and the values in effect."""


@config.command("path")
@click.pass_obj
def config_path(obj: _Obj) -> None:
    """Print the path of config.toml (written with commented defaults if missing)."""
    from flashdeck import paths
    from flashdeck.services.settings import ensure_config_file

    path = (obj.home or paths.home_dir()) / "config.toml"
    ensure_config_file(path)
    click.echo(str(path))


@config.command("show")
@click.pass_obj
def config_show(obj: _Obj) -> None:
    """Every setting in effect; (default) marks those not set in config.toml. Problems go to stderr."""
    from flashdeck import paths
    from flashdeck.config_report import render

    text, warnings = render((obj.home or paths.home_dir()) / "config.toml")
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(text)


def _drill_group() -> click.Group:
    from flashdeck.cli_drills import history_cmd, start_cmd, watch_cmd
    from flashdeck.drills.cli import drill  # click only: no numpy/torch at import time

    drill.add_command(start_cmd)
    drill.add_command(watch_cmd)
    drill.add_command(history_cmd)
    return drill


def _export_group() -> click.Group:
    from flashdeck.export.cli import export  # click only: the exporter loads when it runs

    return export


def _mock_command() -> click.Command:
    from flashdeck.cli_mock import mock  # click only: the mock's services load when it runs

    return mock


def _db_group() -> click.Group:
    from flashdeck.cli_db import db  # click only: sqlite3 when it runs, never SQLAlchemy

    return db


# loaded when named (or listed by --help): `flashdeck review` starts without importing them
main.lazy_commands.update(drill=_drill_group, export=_export_group, mock=_mock_command, db=_db_group)


if __name__ == "__main__":  # pragma: no cover
    main()
