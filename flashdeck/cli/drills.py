"""`flashdeck drill start`, `drill watch` and `drill history`: drills with your database and workspace.

Attached to the `drill` group (flashdeck/drills/cli.py: list, show, check) by flashdeck.cli.
These open the flashdeck home (database, <home>/drills/<id>.py) so that attempts are recorded
and a pass or give-up grades the drill's card. Exit codes: 0 passed (or a clean stop), 1 the
check failed, 2 unknown drill, unreadable file, no editor or no PyTorch.
"""

# Lazy imports: `flashdeck --help` imports this module to list the drill commands; inside the
# commands are services.drills and services.drill_records (SQLAlchemy), tui.factory (Textual)
# and drills.judge (numpy; torch when it checks), so --help never loads them.

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import click

from flashdeck.cli.common import opened
from flashdeck.domain.drill_records import DrillRecord, clock
from flashdeck.domain.drills import OUTCOME_LABELS
from flashdeck.drills.catalog import DrillError, DrillNotFound, get_drill, list_drills
from flashdeck.drills.cli import EXIT_FAIL, EXIT_PASS, EXIT_USAGE, _fail_usage
from flashdeck.drills.result import format_report
from flashdeck.drills.service import check_source
from flashdeck.services.editor import editor_command

POLL_SECONDS = 0.3


def _known(drill_id: str) -> None:
    try:
        get_drill(drill_id)
    except (DrillNotFound, DrillError) as e:
        _fail_usage(str(e))


@click.command("start")
@click.argument("drill_id")
@click.option("--editor", "use_editor", is_flag=True,
              help="Open $EDITOR on <home>/drills/ID.py (your last attempt's code, or the starter), "
                   "check it when the editor exits.")
@click.option("--fresh", is_flag=True,
              help="A new attempt from the starter; earlier attempts keep their code (drill history).")
def start_cmd(drill_id: str, use_editor: bool, fresh: bool) -> None:
    """Open drill DRILL_ID: the drill screen (prompt, editor, checks, hints), or your $EDITOR."""
    _known(drill_id)
    with opened() as (ctx, _):
        if use_editor:
            sys.exit(_editor_flow(ctx, drill_id, fresh))
        from flashdeck.tui.factory import make_app

        if fresh:
            from flashdeck.services import drills as drill_service

            drill_service.open_attempt(ctx, drill_id, fresh=True)
        make_app(ctx, start=f"drill:{drill_id}").run()


def _editor_flow(ctx, drill_id: str, fresh: bool) -> int:
    from flashdeck.services import drills as drill_service

    attempt = drill_service.open_attempt(ctx, drill_id, fresh=fresh)
    path = drill_service.workspace_file(ctx, drill_id)
    if attempt.finished:
        click.echo(_finished_note(drill_id, attempt), err=True)
    command = editor_command(path)
    editor = command[0]
    click.echo(f"Opening {path} in {editor} (the prompt: flashdeck drill show {drill_id}) ...", err=True)
    try:
        subprocess.run(command, check=False)
    except OSError as e:
        _fail_usage(f"cannot run the editor '{editor}': {e.strerror or e} (set $EDITOR)")
    if read_text(path) == get_drill(drill_id).starter():
        click.echo(f"{path} is still the starter: nothing checked. Edit it, then run this again "
                   f"(or: flashdeck drill check {drill_id} {path}).", err=True)
        return EXIT_FAIL
    return _check_and_record(ctx, drill_id, path, attempt.id)


def _finished_note(drill_id: str, attempt) -> str:
    grade = f", graded {attempt.quality}" if attempt.quality is not None else ""
    return (f"Your code from your last attempt ({attempt.status}{grade}) is restored; checking it "
            f"again grades nothing. A new graded attempt from the starter: flashdeck drill start "
            f"{drill_id} --fresh (earlier attempts: flashdeck drill history {drill_id}).")


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _check_and_record(ctx, drill_id: str, path: Path, attempt_id: int | None) -> int:
    """Check the file in this process; record the check in the attempt (a pass grades)."""
    from flashdeck.drills.judge import TorchMissing
    from flashdeck.services import drills as drill_service

    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        _fail_usage(f"cannot read {path}: {getattr(e, 'strerror', None) or e}")
    try:
        result = check_source(drill_id, source, filename=path.name, display_path=str(path))
    except TorchMissing as e:
        _fail_usage(str(e))
    click.echo(format_report(result))
    if attempt_id is not None:
        named = None if result.passed or result.diagnosis is None else result.diagnosis.headline()
        done = drill_service.record_check(ctx, attempt_id, source, result.passed, mistake=named)
        if done is not None:
            how = f"graded {done.quality} ({OUTCOME_LABELS[done.quality]})" if done.graded else "passed"
            click.echo(f"Drill {how}. The reference solution: flashdeck drill show {drill_id} --solution")
    return EXIT_PASS if result.passed else EXIT_FAIL


@click.command("history")
@click.argument("drill_id")
@click.option("--show", "show", type=click.IntRange(min=1), metavar="N", default=None,
              help="Print the code of attempt N (the # column) instead of the list.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (with each attempt's code).")
def history_cmd(drill_id: str, show: int | None, as_json: bool) -> None:
    """Your attempts at drill DRILL_ID, oldest first: started, finished, outcome, checks, hints,
    grade. Every attempt keeps its code, a fresh start included."""
    from flashdeck.services import drills as drill_service

    with opened(sync=False) as (ctx, _):
        rows = drill_service.history(ctx, drill_id)
        workspace = drill_service.workspace_file(ctx, drill_id)
    if not rows:
        _known(drill_id)  # a drill no longer in the catalogue still shows the attempts it had
    if show is not None:
        if show > len(rows):
            have = f"attempts 1-{len(rows)}" if len(rows) > 1 else "attempt 1" if rows else "no attempts"
            _fail_usage(f"no attempt {show} at {drill_id}: it has {have} (flashdeck drill history {drill_id})")
        row = rows[show - 1]
        if as_json:
            click.echo(json.dumps(row, indent=2))
        else:
            click.echo(row["code"], nl=not row["code"].endswith("\n"))
        return
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo(f"No attempts at {drill_id} yet: flashdeck drill start {drill_id}")
        return
    click.echo(f"{'#':>3}  {'STARTED':<16}  {'FINISHED':<16}  {'OUTCOME':<11}  {'CHECKS':>6}  {'HINTS':>5}  GRADE")
    for r in rows:
        started = r["started"][:16].replace("T", " ")
        finished = r["finished"][:16].replace("T", " ") if r["finished"] else "—"
        grade = "—" if r["grade"] is None else str(r["grade"])
        click.echo(f"{r['number']:>3}  {started:<16}  {finished:<16}  {r['status']:<11}  "
                   f"{r['checks_run']:>6}  {r['hints_shown']:>5}  {grade}")
        if r["mistake"]:
            click.echo(f"     {r['mistake']}")
    click.echo(f"\nThe latest is in {workspace}. A past attempt's code: "
               f"flashdeck drill history {drill_id} --show N")


@click.command("watch")
@click.argument("drill_id")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
def watch_cmd(drill_id: str, file: Path | None) -> None:
    """Re-check FILE every time it is saved (default: <home>/drills/DRILL_ID.py). Ctrl+C stops.

    Work in your own editor; the first check loads PyTorch, later ones are quick. Checks of the
    default file are recorded in the drill's attempt, so a pass grades its card.
    """
    _known(drill_id)
    from flashdeck.services import drills as drill_service

    with opened() as (ctx, _):
        workspace = drill_service.workspace_file(ctx, drill_id)
        attempt_id = None
        if file is None or file.resolve() == workspace.resolve():
            attempt = drill_service.open_attempt(ctx, drill_id)
            if attempt.finished:
                click.echo(_finished_note(drill_id, attempt), err=True)
            attempt_id = attempt.id
            file = workspace
        elif not file.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(get_drill(drill_id).starter(), encoding="utf-8")
            click.echo(f"Wrote the starter to {file}.", err=True)
        click.echo(f"Watching {file}: save it to re-check. Ctrl+C stops.", err=True)
        seen = None
        code = EXIT_PASS
        try:
            while True:
                try:
                    stat = file.stat()
                    stamp = (stat.st_mtime_ns, stat.st_size)
                except OSError:
                    stamp = None
                if stamp is not None and stamp != seen:
                    seen = stamp
                    click.echo(f"\n── {time.strftime('%H:%M:%S')} checking {file.name} " + "─" * 30)
                    code = _check_and_record(ctx, drill_id, file, attempt_id)
                    if code == EXIT_PASS and attempt_id is not None:
                        attempt_id = None  # graded; later saves are just checked
                time.sleep(POLL_SECONDS)
        except KeyboardInterrupt:
            click.echo("\nStopped watching.", err=True)
        sys.exit(EXIT_PASS)


DIFFICULTIES = ("easy", "medium", "hard")


def _matches(topics: tuple[str, ...], wanted: str) -> bool:
    # a topic or any topic under it: --topic transformer takes transformer.attention
    return any(t == wanted or t.startswith(wanted + ".") for t in topics)


@click.command("list")
@click.option("--topic", "topic", metavar="ID",
              help="Only drills of this syllabus topic or one under it (transformer, llm.decoding, ...).")
@click.option("--difficulty", type=click.Choice(DIFFICULTIES), help="Only drills of this difficulty.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(topic: str | None, difficulty: str | None, as_json: bool) -> None:
    """List the drills with your record at each: attempts, the best time from a start to a pass
    without hints (BEST), and how the latest attempt ended (LAST)."""
    from flashdeck.services.drill_records import all_records

    try:
        drills = list_drills()
    except DrillError as e:
        _fail_usage(str(e))
    if topic is not None:
        chosen = [d for d in drills if _matches(d.topics, topic)]
        if not chosen:
            known = sorted({t for d in drills for t in d.topics})
            _fail_usage(f"no drill has topic {topic!r}; the drills' topics: {', '.join(known)}")
        drills = chosen
    if difficulty is not None:
        drills = [d for d in drills if d.difficulty == difficulty]
    with opened(sync=False) as (ctx, _):
        records = all_records(ctx)
    none = DrillRecord(attempts=0, best=None, last=None)
    if as_json:
        click.echo(json.dumps([
            {"id": d.id, "title": d.title, "difficulty": d.difficulty, "topics": list(d.topics),
             "attempts": (r := records.get(d.id, none)).attempts,
             "best_seconds": None if r.best is None else round(r.best.total_seconds()), "last": r.last}
            for d in drills], indent=2))
        return
    if not drills:
        click.echo("No drill matches.")
        return
    width = max(len(d.id) for d in drills)
    # on a terminal a title is cut to the line; piped, it is whole
    room = shutil.get_terminal_size().columns - (width + 39) if sys.stdout.isatty() else None
    click.echo(f"{'DRILL':<{width}}  {'LEVEL':<6}  {'BEST':>7}  {'TRIES':>5}  {'LAST':<11}  TITLE")
    for d in drills:
        r = records.get(d.id, none)
        best = "—" if r.best is None else clock(r.best)
        title = d.title if room is None or len(d.title) <= room else d.title[: max(room - 1, 8)] + "…"
        click.echo(f"{d.id:<{width}}  {d.difficulty:<6}  {best:>7}  {r.attempts:>5}  {r.last or '—':<11}  {title}")
    click.echo(f"\n{len(drills)} drills. Topics and the prompt: flashdeck drill show ID")
