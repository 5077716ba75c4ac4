"""`flashdeck stats [--json] [--all]`. Attached to the main group by flashdeck.cli; click only
at import time. The text report is services.stats_text's (the statistics screen shares it)."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.stats
# (sqlite3, the quick read; SQLAlchemy only through opened() when it must migrate or sync) and
# services.stats_text are imported inside the command, so --help stays click-only.

from __future__ import annotations

import json

import click

from flashdeck.cli.common import Root, opened


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "full", is_flag=True,
              help="Every row of every list: all topics, days studied and mock interviews (else the first few).")
@click.pass_obj
def stats(obj: Root, as_json: bool, full: bool) -> None:
    """Today, streak, due forecast, reviews per day, retention, cards by state, topic mastery.

    Long lists are cut to their first rows, with a line saying how many more; --all lists every row
    (--json always has every row)."""
    from flashdeck.services import stats as stats_service

    # the quick way (sqlite3 only, no SQLAlchemy) when nothing needs migrating or syncing
    quick = stats_service.quick_read(obj.home_dir(), obj.db_url)
    if quick is None:
        with opened(obj) as (ctx, _):
            figures, warnings = stats_service.read(ctx), ctx.warnings
    else:
        figures, warnings = quick
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(figures.as_json(), indent=2))
        return
    from flashdeck.services.stats_text import render

    click.echo(render(figures, full=full))
