"""`flashdeck export anki OUT.apkg [--deck ID ...] [--topics ID,...] [--include-progress]`.

Attached to the main group by flashdeck.cli; click only at import time (SQLAlchemy and the
Markdown parser load when the command runs), so `flashdeck --help` stays instant.
Exit codes: 0 written, 1 the file could not be written or nothing matched, 2 unknown deck or
topic (a usage error), 128 + the signal's number when stopped by SIGTERM (143), Ctrl+C (130) or
SIGHUP (129) before the package was in place (the target is left as it was).
"""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.export
# (SQLAlchemy) and export.anki (the package writer: zipfile, sqlite3) are imported
# inside the command, so --help never loads them.

from __future__ import annotations

from pathlib import Path

import click

from flashdeck.cli.common import Root, UsageProblem, opened

PROGRESS_FROM = 1000  # notes; smaller exports finish before a bar would be worth drawing


@click.group(name="export")
def export() -> None:
    """Export decks to other apps."""


@export.command("anki")
@click.argument("out", metavar="OUT.apkg", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--deck", "deck_ids", multiple=True, metavar="ID", help="Export only this deck (repeatable).")
@click.option("--topics", "topics", multiple=True, metavar="ID,...",
              help="Only cards with one of these topic ids or tracks (transformer.attention, transformer).")
@click.option("--include-progress", is_flag=True,
              help="Carry review state and history; import with Anki's \"Import scheduling\" on.")
@click.pass_obj
def anki_cmd(obj: Root, out: Path, deck_ids: tuple[str, ...], topics: tuple[str, ...], include_progress: bool) -> None:
    """Write an Anki package: one deck per flashdeck deck under "flashdeck::".

    Importing it again after editing cards updates the notes in Anki instead of adding
    duplicates."""
    from flashdeck.export.anki import stop_signals
    from flashdeck.services import export as export_service

    with opened(obj) as (ctx, _):
        bar = None
        stopped = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if total < PROGRESS_FROM:
                return
            if bar is None:
                bar = click.progressbar(length=total, label="Writing notes", file=click.get_text_stream("stderr"))
                bar.__enter__()
            bar.update(done - bar.pos)

        try:
            # the whole export, not only the file: a stop while the notes are rendered gets the
            # same one line and exit code
            with stop_signals():
                report = export_service.export_anki(
                    ctx, out, deck_ids=list(deck_ids) or None, topics=export_service.parse_topics(topics),
                    include_progress=include_progress, progress=progress)
        except export_service.Stopped as exc:
            stopped = exc
        except export_service.SelectionError as exc:
            raise UsageProblem(str(exc)) from None
        except (export_service.NothingToExport, export_service.PackageError) as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if stopped is not None:
        click.echo(f"Error: export {stopped} before it finished; {out} was left as it was.", err=True)
        raise SystemExit(128 + stopped.signum)
    for name, count in report.decks:
        click.echo(f"  {name}: {count} note{'s' if count != 1 else ''}")
    summary = f"Wrote {report.path}: {report.notes} notes in {len(report.decks)} deck{'s' if len(report.decks) != 1 else ''}"
    if include_progress:
        summary += f", {report.reviewed} with review state, {report.revlog} review-log rows"
    click.echo(summary + ".")
