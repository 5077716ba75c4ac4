"""`flashdeck config path | show`. Attached to the main group by flashdeck.cli; click only at
import time. The report is tui.config_text's: the settings screen shows the same text."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; each command
# imports what it runs (services.settings and tomllib; tui.config_text, which loads Textual)
# inside its function, so --help stays click-only.

from __future__ import annotations

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
    click.echo(text)
