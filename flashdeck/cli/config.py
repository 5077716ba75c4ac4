"""`flashdeck config path | show`. Attached to the main group by flashdeck.cli; click only at
import time. The report is tui.config_text's: the settings screen shows the same text."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; each command
# imports what it runs (services.settings and tomllib; tui.config_text, which loads Textual)
# inside its function, so --help stays click-only.

from __future__ import annotations

import os

import click

from flashdeck.cli.common import Root


@click.group()
def config() -> None:
    """Where your settings are, and the values in effect."""


@config.command("path")
@click.pass_obj
def config_path(obj: Root) -> None:
    """Print the path of config.toml (written with commented defaults if missing)."""
    from flashdeck.services.settings import ensure_config_file

    path = obj.home_dir() / "config.toml"
    ensure_config_file(path)
    click.echo(str(path))


@config.command("show")
@click.pass_obj
def config_show(obj: Root) -> None:
    """Every setting in effect; (default) marks those not set in config.toml. Problems go to stderr."""
    from flashdeck.tui.config_text import render

    text, warnings = render(obj.home_dir() / "config.toml")
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    first, _, rest = text.partition("\n")
    click.echo(f"{first}\n{_database_line(obj)}\n{rest}")


def _database_line(obj: Root) -> str:
    """Which database this run uses; a URL's password is never shown (it belongs in the
    environment or ~/.pgpass, and this output gets pasted into bug reports)."""
    if not obj.db_url:
        return f"# database: {obj.home_dir() / 'flashdeck.sqlite3'} (the default; --db or FLASHDECK_DB to change)"
    from flashdeck.store.urls import shown  # lazy: SQLAlchemy's URL parser, only for a --db URL

    source = "FLASHDECK_DB" if obj.db_url == os.environ.get("FLASHDECK_DB") else "--db"
    return f"# database: {shown(obj.db_url)} (from {source})"
