"""`flashdeck interview [show] | set DATE | clear`: the day of the interview, kept in config.toml
as study.interview_date (so the settings screen and `config show` show it too). Attached to the
main group by flashdeck.cli; click only at import time."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.settings
# (tomllib), domain.interview and the readiness report (SQLAlchemy, fsrs) load inside the
# commands that use them, so --help stays click-only.

from __future__ import annotations

import json
from datetime import date, datetime

import click

from flashdeck.cli.common import Root, UsageProblem, opened


@click.group(invoke_without_command=True)
@click.pass_context
def interview(click_ctx: click.Context) -> None:
    """The day of your interview: no card comes back after the day before it, and the stats
    predict how much you will recall on the day. With no command: the date and days left."""
    if click_ctx.invoked_subcommand is None:
        click_ctx.invoke(show)


def _today(obj: Root) -> date:
    from flashdeck.domain.studyday import study_day
    from flashdeck.services.settings import load_settings

    settings, _ = load_settings(obj.home_dir() / "config.toml")
    return study_day(datetime.now().astimezone(), settings.day_starts_at)


def _parse(text: str, today: date) -> date:
    from flashdeck.services.settings import parse_day

    day = parse_day(text)
    if day is None:
        raise UsageProblem(f"not a date: {text!r} (write it as YYYY-MM-DD, e.g. {today.replace(day=1).isoformat()})")
    if day < today:
        raise UsageProblem(f"{day.isoformat()} is in the past (today is {today.isoformat()})")
    return day


@interview.command("set")
@click.argument("day", metavar="DATE")
@click.pass_obj
def set_cmd(obj: Root, day: str) -> None:
    """Set the interview date (YYYY-MM-DD). Cards graded from now on are brought back before it."""
    from flashdeck.domain.interview import days_left, days_left_text, last_day
    from flashdeck.services.settings import ConfigEditFailed, load_settings, set_setting

    today = _today(obj)
    chosen = _parse(day, today)
    path = obj.home_dir() / "config.toml"
    try:
        set_setting(path, "study", "interview_date", chosen)
    except ConfigEditFailed as exc:
        raise click.ClickException(str(exc)) from None
    settings, _ = load_settings(path)
    left = days_left(today, chosen)
    click.echo(f"Interview on {chosen.isoformat()}: {days_left_text(left)}. No card is scheduled after "
               f"{last_day(chosen).isoformat()}; at most {max(1, settings.reviews_per_day)} reviews are "
               f"brought to one day (study.reviews_per_day).")


@interview.command("clear")
@click.pass_obj
def clear_cmd(obj: Root) -> None:
    """Remove the interview date: scheduling is SM-2's own again from the next grade on."""
    from flashdeck.services.settings import ConfigEditFailed, load_settings, set_setting

    path = obj.home_dir() / "config.toml"
    before, _ = load_settings(path)
    try:
        set_setting(path, "study", "interview_date", None)
    except ConfigEditFailed as exc:
        raise click.ClickException(str(exc)) from None
    if before.interview_date is None:
        click.echo("No interview date was set.")
    else:
        click.echo(f"Interview date {before.interview_date.isoformat()} cleared.")


@interview.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def show(obj: Root, as_json: bool = False) -> None:
    """The interview date, the days left and your predicted readiness for it."""
    from flashdeck.domain.interview import days_left, days_left_text
    from flashdeck.services.readiness import lines, report

    with opened(obj) as (ctx, _):
        for warning in ctx.warnings:
            click.echo(f"warning: {warning}", err=True)
        day = ctx.settings.interview_date
        result = report(ctx)
    if as_json:
        click.echo(json.dumps({"date": day.isoformat() if day else None,
                               "days_left": days_left(ctx.today(), day) if day else None,
                               "readiness": result.as_json()}, indent=2))
        return
    if day is None:
        click.echo("No interview date set (`flashdeck interview set YYYY-MM-DD`).")
    else:
        click.echo(f"Interview on {day.isoformat()}: {days_left_text(days_left(ctx.today(), day))}.")
    for line in lines(result):
        click.echo(line)

