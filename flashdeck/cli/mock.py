"""`flashdeck mock` (a timed mock interview in the TUI) and `flashdeck mock history`.

Attached to the main group by flashdeck.cli; click only at import time.
"""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.mock
# (SQLAlchemy), services.selection and tui.factory (Textual) are imported inside the commands,
# so --help never loads them.

from __future__ import annotations

import json
import random
from pathlib import Path

import click

from flashdeck.cli.common import UsageProblem, opened


@click.group("mock", invoke_without_command=True)
@click.option("--minutes", type=click.IntRange(1, 240), default=45, show_default=True,
              help="Length of the interview.")
@click.option("--questions", type=click.IntRange(1, 60), default=None, metavar="N",
              help="Number of questions, the coding drill included (default: from the minutes).")
@click.option("--topics", "topics", multiple=True, metavar="ID,...",
              help="Only questions on these syllabus topics (comma-separated).")
@click.option("--seed", type=click.IntRange(min=0), default=None, metavar="N",
              help="Replay a plan: the same seed asks the same questions.")
@click.option("--no-schedule", is_flag=True, help="Practice only: the grades do not move the review schedule.")
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Write the Markdown report to FILE when the mock is finished.")
@click.pass_context
def mock(click_ctx: click.Context, minutes: int, questions: int | None, topics: tuple[str, ...],
         seed: int | None, no_schedule: bool, report: Path | None) -> None:
    """A timed mock interview: concept, scenario and math questions and (30+ minutes) a coding
    drill, chosen from your weak spots; then a review of your answers and a scored report.

    An unfinished mock is offered for resuming (or scoring as it stands) on the next start.
    """
    if click_ctx.invoked_subcommand is not None:
        return
    topic_ids: list[str] = []
    if topics:
        from flashdeck.services.selection import UnknownTopic, resolve_topics

        try:
            topic_ids = resolve_topics(list(topics))
        except UnknownTopic as exc:
            raise UsageProblem(str(exc)) from None
    from flashdeck.services import mock as mock_service

    with opened() as (ctx, sync_report):
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        try:  # fail here, in one line, rather than inside the TUI
            mock_service.make_plan(ctx, minutes, questions=questions, topics=topic_ids, seed=seed)
        except mock_service.PlanError as exc:
            raise click.ClickException(str(exc)) from None
        from flashdeck.tui.factory import make_app

        options = mock_service.MockOptions(minutes=minutes, questions=questions, topics=tuple(topic_ids), seed=seed,
                                           no_schedule=no_schedule, report=report)
        make_app(ctx, start="mock", sync_report=sync_report, mock_options=options).run()


@mock.command("history")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def history_cmd(as_json: bool) -> None:
    """Past mock interviews, newest first: date, minutes, score and topics."""
    from flashdeck.services import mock as mock_service

    with opened(sync=False) as (ctx, _):
        rows = mock_service.history(ctx)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No mock interviews yet: run `flashdeck mock`.")
        return
    click.echo(f"{'#':>3}  {'DATE':<16}  {'MIN':>3}  {'SCORE':>6}  {'STATE':<9}  TOPICS")
    for r in rows:
        score = "—" if r["score"] is None else f"{r['score']:.1f}%"
        date = r["started_at"][:16].replace("T", " ")
        topics = ", ".join(r["topics"][:4]) + (f" +{len(r['topics']) - 4}" if len(r["topics"]) > 4 else "")
        click.echo(f"{r['id']:>3}  {date:<16}  {r['minutes']:>3}  {score:>6}  {r['state']:<9}  {topics}")
