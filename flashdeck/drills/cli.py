"""`flashdeck drill ...`: list, show and check coding drills.

flashdeck's main CLI attaches the group with ``add_command(drill)``; it also runs on its own as
``python -m flashdeck.drills``. `check` judges in this process: torch is imported only then.
Exit codes of `check`: 0 every case passed, 1 a case failed, 2 unknown drill, unreadable file
or no PyTorch.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import click

from flashdeck.drills.catalog import DrillError, DrillNotFound, get_drill, list_drills
from flashdeck.drills.result import format_report
from flashdeck.drills.sandbox_limits import Limits
from flashdeck.drills.service import check_source

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
MAX_TIME_LIMIT = Limits.MAX_TIME_LIMIT


def _fail_usage(message: str, as_json: bool = False) -> None:
    if as_json:
        click.echo(json.dumps({"passed": False, "error": message, "cases": []}))
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(name="drill")
def drill() -> None:
    """Coding drills: implement ML functions in NumPy, judged against PyTorch."""


@drill.command("list")
def list_cmd() -> None:
    """List the drills."""
    try:
        drills = list_drills()
    except DrillError as e:
        _fail_usage(str(e))
    width = max((len(d.id) for d in drills), default=10)
    for d in drills:
        click.echo(f"{d.id:<{width}}  {d.difficulty:<6}  {d.title}  [{', '.join(d.topics)}]")


@drill.command("show")
@click.argument("drill_id")
@click.option("--hints", "n_hints", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also show the first N hints.")
@click.option("--starter", is_flag=True, help="Print only the starter code (redirect it to a file).")
@click.option("--solution", is_flag=True, help="Print only the reference solution.")
def show_cmd(drill_id: str, n_hints: int, starter: bool, solution: bool) -> None:
    """Show a drill: the prompt, the signature and where to start."""
    try:
        d = get_drill(drill_id)
    except (DrillNotFound, DrillError) as e:
        _fail_usage(str(e))
    if starter:
        click.echo(d.starter(), nl=False)
        return
    if solution:
        click.echo(d.solution_path.read_text(encoding="utf-8"), nl=False)
        return
    click.echo(d.prompt().rstrip())
    click.echo()
    click.echo(f"Signature: {d.signature}")
    click.echo(f"Topics: {', '.join(d.topics)}   Difficulty: {d.difficulty}")
    click.echo(f"Start:  flashdeck drill show {d.id} --starter > {d.id}.py")
    click.echo(f"Check:  flashdeck drill check {d.id} {d.id}.py")
    hints = d.hints()
    for i, hint in enumerate(hints[: max(n_hints, 0)], 1):
        click.echo(f"\nHint {i}/{len(hints)}:\n{hint}")


@drill.command("check")
@click.argument("drill_id")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help='Print {"passed": bool, "cases": [...]}.')
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None, metavar="N",
              help="The fresh seed (to reproduce a run).")
@click.option("--time-limit", type=float, default=10.0, show_default=True,
              help="Seconds of wall time for your code, at most 300.")
@click.option("-v", "--verbose", is_flag=True,
              help="Details of every failing case, and your output even when passing.")
def check_cmd(
    drill_id: str, file: Path, as_json: bool, seed: int | None, time_limit: float, verbose: bool
) -> None:
    """Check FILE, your NumPy implementation of drill DRILL_ID."""
    if not (math.isfinite(time_limit) and 0 < time_limit <= MAX_TIME_LIMIT):
        _fail_usage(f"--time-limit must be a number of seconds in (0, {MAX_TIME_LIMIT:g}], "
                    f"got {time_limit:g}", as_json)
    try:
        get_drill(drill_id)
    except (DrillNotFound, DrillError) as e:
        _fail_usage(str(e), as_json)
    try:
        source = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        _fail_usage(f"cannot read {file}: {reason}", as_json)
    from flashdeck.drills.judge import TorchMissing  # lazy: the judge imports numpy; keeps it off `flashdeck --help`

    try:
        result = check_source(
            drill_id, source, filename=file.name, display_path=str(file), seed=seed,
            time_limit=time_limit,
        )
    except TorchMissing as e:
        _fail_usage(str(e), as_json)
    if as_json:
        click.echo(json.dumps(result.to_json_dict(), allow_nan=False))
    else:
        click.echo(format_report(result, verbose=verbose))
    if result.isolation != "namespaces":
        click.echo(f"note: your code ran in a process group only, not in its own namespaces "
                   f"({result.isolation_why or 'no reason given'}); `flashdeck drill doctor` "
                   "explains", err=True)
    sys.exit(EXIT_PASS if result.passed else EXIT_FAIL)


@drill.command("doctor")
def doctor_cmd() -> None:
    """Show how the judge contains your code on this machine, and why a protection is missing.

    Exit 0 when fully contained, 1 when the judge fell back to a process group."""
    from flashdeck.drills.doctor import report  # lazy: the doctor imports the sandbox (numpy); keeps it off `flashdeck --help`

    text, full = report()
    click.echo(text)
    sys.exit(EXIT_PASS if full else EXIT_FAIL)


def main() -> None:
    drill(prog_name="flashdeck drill")


if __name__ == "__main__":
    main()
