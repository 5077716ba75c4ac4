"""The `flashdeck` command: the group, its root options, and the TUI it opens (the home with
no sub-command, `flashdeck review`). Every other command lives in a module of this package
(decks, stats, config, db, drills, mock, export), loaded when named; they share cli.common
and never import this module.

Heavy imports (SQLAlchemy, Textual) happen inside the commands, so `--help` stays instant.
"""

# Lazy imports: `flashdeck --help` and the quick start (`flashdeck review`) import this module.
# Inside functions: the sub-command modules (decks, stats, config, drills, export, mock, db),
# loaded when a command is named or listed, so `flashdeck review` imports none of them; the
# services and Textual (tui.factory) when a command runs, so --help never loads SQLAlchemy
# (services.decks), Textual or even services.backups / services.selection, and the quick start
# draws its first card (services.quickstart, sqlite3 only) before SQLAlchemy is imported, as
# the quick home (`flashdeck`) draws its counts.

from __future__ import annotations

import sys
from pathlib import Path

import click

from flashdeck import __version__
from flashdeck.cli.common import Root, UsageProblem, check_db_url, opened, open_synced


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
            if exc.code in (None, 0) and isinstance(ctx.obj, Root):
                ctx.obj.end_session()
            raise
        except Exception as exc:
            from flashdeck.services.backups import damage_reason

            reason = damage_reason(exc)
            if reason is None or not isinstance(ctx.obj, Root) or isinstance(exc, click.ClickException):
                raise
            raise ctx.obj.damaged(reason, getattr(exc, "path", None)) from None
        if isinstance(ctx.obj, Root):
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
        check_db_url(db_url)
    click_ctx.obj = Root(home, db_url)
    if click_ctx.invoked_subcommand is None:
        _run_tui(click_ctx.obj, start="home", deck_ids=None)



def _run_tui(obj: Root, start: str, deck_ids: list[str] | None,
             topics: list[str] | None = None, cram: bool = False) -> None:
    if start == "review" and topics is None and not cram and _run_quick_review(obj, deck_ids):
        return
    if start == "home" and _run_quick_home(obj):
        return
    if topics is not None:
        from flashdeck.services.selection import UnknownTopic, resolve_topics

        try:
            topics = resolve_topics(topics)
        except UnknownTopic as exc:
            raise UsageProblem(str(exc)) from None
    with opened(obj) as (ctx, report):
        if deck_ids:
            from flashdeck.domain.suggest import unknown_ids
            from flashdeck.services import decks as deck_service

            known = [row.id for row in deck_service.summaries(ctx)]
            unknown = [d for d in deck_ids if d not in known]
            if unknown:
                raise UsageProblem(unknown_ids("deck", unknown, known))
        from flashdeck.tui.factory import make_app

        make_app(ctx, start=start, deck_ids=deck_ids, sync_report=report, topics=topics, cram=cram).run()


def _run_quick_review(obj: Root, deck_ids: list[str] | None) -> bool:
    """Today's review, its first card drawn before SQLAlchemy is even imported (see
    services.quickstart). False when that is not possible: the caller opens everything first."""
    from flashdeck.services.quickstart import begun, peek_review

    peeked = begun(peek_review, obj.home_dir(), obj.db_url, deck_ids)
    from flashdeck.tui.factory import make_app  # noqa: F401 - Textual, imported while the peek reads
    from flashdeck.tui.navigation import preload_review

    preload_review()  # (as above)

    quick = peeked()
    return quick is not None and _run_quick(obj, "review", quick, deck_ids)


def _run_quick_home(obj: Root) -> bool:
    """The home screen, its deck rows and today's figures drawn before SQLAlchemy is imported
    (see services.quickstart). False when that is not possible: the caller opens everything first."""
    from flashdeck.services.quickstart import begun, peek_home

    peeked = begun(peek_home, obj.home_dir(), obj.db_url)
    from flashdeck.tui.factory import make_app  # noqa: F401 - Textual, imported while the peek reads

    quick = peeked()
    return quick is not None and _run_quick(obj, "home", quick, None)


def _run_quick(obj: Root, start: str, quick, deck_ids: list[str] | None) -> bool:
    from flashdeck.tui.factory import make_app

    # the app opens the database in a thread once its first screen is drawn, so the Context is
    # closed here, after the app, rather than by a `with opened(...)` around it
    app = make_app(None, start=start, deck_ids=deck_ids, quick=quick, opener=lambda: open_synced(obj))
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
def review(obj: Root, deck_ids: tuple[str, ...], topics: tuple[str, ...], cram: bool) -> None:
    """Open straight into today's review (or a chosen selection with --topics / --cram)."""
    _run_tui(obj, start="review", deck_ids=list(deck_ids) or None, topics=list(topics) or None, cram=cram)


# Each of these imports click only (what a command needs loads when it runs), and is loaded
# when named or listed by --help: `flashdeck review` starts without importing them.

def _decks_group() -> click.Group:
    from flashdeck.cli.decks import decks

    return decks


def _stats_command() -> click.Command:
    from flashdeck.cli.stats import stats

    return stats


def _config_group() -> click.Group:
    from flashdeck.cli.config import config

    return config


def _drill_group() -> click.Group:
    from flashdeck.cli.drills import history_cmd, list_cmd, start_cmd, watch_cmd
    from flashdeck.drills.cli import drill  # click only: no numpy/torch at import time

    drill.add_command(list_cmd)  # in place of the catalogue-only list: this one shows your record
    drill.add_command(start_cmd)
    drill.add_command(watch_cmd)
    drill.add_command(history_cmd)
    return drill


def _export_group() -> click.Group:
    from flashdeck.cli.export import export

    return export


def _mock_command() -> click.Command:
    from flashdeck.cli.mock import mock

    return mock


def _interview_group() -> click.Group:
    from flashdeck.cli.interview import interview

    return interview


def _fsrs_group() -> click.Group:
    from flashdeck.cli.fsrs import fsrs

    return fsrs


def _db_group() -> click.Group:
    from flashdeck.cli.db import db  # sqlite3 when it runs, never SQLAlchemy

    return db


main.lazy_commands.update(decks=_decks_group, stats=_stats_command, config=_config_group, drill=_drill_group,
                          export=_export_group, mock=_mock_command, db=_db_group,
                          interview=_interview_group, fsrs=_fsrs_group)


if __name__ == "__main__":  # pragma: no cover
    main()
