"""`flashdeck decks list | validate`. Attached to the main group by flashdeck.cli; click only
at import time."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.decks
# (SQLAlchemy, PyYAML) is imported inside the commands, so --help never loads them.

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from flashdeck import paths
from flashdeck.cli.common import Root, opened


@click.group()
def decks() -> None:
    """List and check decks."""


@decks.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def decks_list(obj: Root, as_json: bool) -> None:
    """Every deck with its card, due and new counts."""
    from flashdeck.services import decks as deck_service

    with opened(obj) as (ctx, report):
        rows = deck_service.summaries(ctx)
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
def decks_validate(obj: Root, targets: tuple[Path, ...]) -> None:
    """Check deck files (default: all bundled decks and yours). Prints path:line: message."""
    from flashdeck.services import decks as deck_service

    home = obj.home_dir()
    chosen = list(targets) or [paths.bundled_decks_dir(), home / "decks"]
    count, problems = deck_service.validate([p for p in chosen if p.exists()], home=home)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len({p.path for p in problems})} of {count} file(s).", err=True)
        sys.exit(1)
    click.echo(f"{count} deck file(s) OK.", err=True)
