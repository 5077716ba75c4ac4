"""Coding drills as cards, and attempts at them: what the drill screen and `flashdeck drill` call.

- The catalogue (coding_drills/) becomes the deck `drills` ("Coding drills"): one card of kind
  `drill` per drill, key `drills/<drill id>`, synced with the deck files by services.decks.sync.
- An attempt is opened when a drill is: the last one continues, finished or not, unless a fresh
  start is asked for (every attempt keeps its code). Its code is saved as it is typed (to the
  database and to <home>/drills/<id>.py); a pass or a give-up finishes it and grades the drill's
  card through the same SM-2 step as a review, in one transaction: `finish_attempt` is the only
  way a drill's card is graded.

Light: no NumPy or torch here. The TUI checks code through the judge handle the app holds
(`new_judge`: a WarmJudge, torch in its own process) and `run_check`; it imports nothing of
flashdeck.drills itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flashdeck.content.loader import Problem
from flashdeck.domain.cards import Card, Deck
from flashdeck.domain.drills import DRILL_DECK_ID, DRILL_DECK_TITLE, DrillAttempt
from flashdeck.drills.catalog import Drill, DrillError, get_drill, list_drills
from flashdeck.drills.result import CheckResult, format_report
from flashdeck.drills.service import JudgeError, WarmJudge
from flashdeck.services.context import Context
from flashdeck.store import drills as store
from flashdeck.store import study as study_store

DESCRIPTION = "Implement ML functions in NumPy from scratch, checked against PyTorch."


# -- drills as cards -----------------------------------------------------------------------

def drill_card(drill: Drill) -> Card:
    try:
        solution = drill.solution_path.read_text(encoding="utf-8").rstrip()
    except OSError:
        solution = ""
    return Card(
        deck_id=DRILL_DECK_ID,
        card_id=drill.id,
        kind="drill",
        topics=drill.topics,
        front=f"**Coding drill: {drill.title}**\n\nImplement `{drill.signature}` in NumPy.",
        back=f"A reference solution:\n\n```python\n{solution}\n```" if solution else "",
        source=f"coding_drills/{drill.id}",
        drill=drill.id,
    )


def catalog_deck(ctx: Context) -> tuple[Deck | None, list[Problem]]:
    root = ctx.bundled_drills
    try:
        drills = list_drills(root)
    except DrillError as exc:
        return None, [Problem(str(root), 1, str(exc))]
    cards = tuple(drill_card(d) for d in drills)
    return Deck(id=DRILL_DECK_ID, title=DRILL_DECK_TITLE, description=DESCRIPTION, path=str(root),
                cards=cards), []


# -- the catalogue and the judge, for the TUI ----------------------------------------------

Judge = WarmJudge  # what the app holds; tests hand in stand-ins with start() and close()


def find_drill(drill_id: str) -> Drill:
    """A drill of the bundled catalogue (DrillNotFound if there is none by that id)."""
    return get_drill(drill_id)


def catalog(ctx: Context) -> list[Drill]:
    return list_drills(ctx.bundled_drills)


def new_judge(ctx: Context) -> Judge:
    """A judge for the app to hold: made, not started (starting it loads torch, in its process)."""
    return WarmJudge(root=ctx.bundled_drills)


def start_judge(judge: Judge) -> str | None:
    """Start the judge and wait for it (blocks: call it from a worker). None once it is ready,
    else why it cannot start."""
    try:
        judge.start(wait=True)
    except JudgeError as exc:
        return str(exc)
    return None


def run_check(judge: Judge, ctx: Context, drill_id: str, code: str) -> CheckResult:
    """Judge `code` (blocks: call it from a worker). Never raises, so that a screen is never
    left "checking…": a judge that cannot start, or a check that breaks, is a failed result
    that says so."""
    path = workspace_file(ctx, drill_id)
    try:
        return judge.check(drill_id, code, filename=path.name, display_path=str(path))
    except JudgeError as exc:
        return CheckResult(drill_id=drill_id, passed=False, error=f"the judge could not start: {exc}")
    except Exception as exc:  # noqa: BLE001 - said in the report instead
        return CheckResult(drill_id=drill_id, passed=False, error=f"the check failed: {exc}")


def check_report(result: CheckResult, *, verbose: bool = False, diagnosis: bool = True) -> str:
    """The report `flashdeck drill check` prints (`--verbose`: every failing case in full;
    `diagnosis=False`: without the mistake the judge recognised, as in a mock interview)."""
    return format_report(result, verbose=verbose, diagnosis=diagnosis)


# -- attempts ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Finished:
    """An attempt that just ended, and the grade it gave its card (None: no card to grade)."""

    attempt: DrillAttempt
    quality: int
    graded: bool


def workspace_file(ctx: Context, drill_id: str) -> Path:
    return ctx.drill_file(drill_id)


def read_workspace(ctx: Context, drill_id: str) -> str | None:
    try:
        return workspace_file(ctx, drill_id).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_workspace(ctx: Context, drill_id: str, code: str) -> Path:
    """Write atomically: a crash mid-write never leaves half a file."""
    path = workspace_file(ctx, drill_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(code, encoding="utf-8")
    tmp.replace(path)
    return path


def open_attempt(ctx: Context, drill_id: str, *, fresh: bool = False) -> DrillAttempt:
    """The attempt the drill screen (or the editor) works on, its code in the workspace file.

    Without `fresh`, the latest attempt continues, open or finished (a pass or a give-up stands:
    checking it again grades nothing), with the workspace file's code: the file wins over the
    database when they differ (an edit made outside flashdeck), and the attempt's code fills a
    missing or empty file (or one holding just the starter). The file is never replaced by the
    starter. With no attempt yet, the first one starts from the workspace file if it holds any
    code, else from the starter.

    fresh: a new attempt from the starter. The earlier one is kept in the database with the
    file's code (an open one is closed unfinished, ungraded; code in the file before any attempt
    becomes one); `attempts()` lists them all.
    """
    drill = get_drill(drill_id, ctx.bundled_drills)
    starter = drill.starter()
    now = ctx.now_utc()
    on_disk = read_workspace(ctx, drill_id)
    # code the learner wrote: not an empty file, nor the starter (`drill show --starter > ...`)
    mine = on_disk if on_disk is not None and on_disk.strip() and on_disk != starter else None
    with ctx.db.write() as session:
        latest = store.latest(session, drill_id)
        if latest is None and mine is not None and fresh:  # keep the file's code as an attempt
            latest = store.create(session, drill_id, mine, now)
        if latest is not None and mine is not None and mine != latest.code:
            store.save_code(session, latest.id, mine)  # the file wins: its code is the learner's latest
        if latest is not None and not fresh:
            attempt = store.get(session, latest.id)
        else:
            if latest is not None and not latest.finished:  # closed unfinished: neither passed nor given up
                store.finish(session, latest.id, now, passed=False, gave_up=False, quality=None,
                             review_log_id=None)
            code = mine if latest is None and mine is not None and not fresh else starter
            attempt = store.create(session, drill_id, code, now)
    if on_disk != attempt.code:
        write_workspace(ctx, drill_id, attempt.code)
    return attempt


def get_attempt(ctx: Context, attempt_id: int) -> DrillAttempt:
    with ctx.db.read() as session:
        return store.get(session, attempt_id)


def attempts(ctx: Context, drill_id: str | None = None) -> list[DrillAttempt]:
    with ctx.db.read() as session:
        return store.attempts(session, drill_id)


def save_code(ctx: Context, attempt: DrillAttempt | int, drill_id: str | None, code: str) -> None:
    """Autosave: the workspace file first (what an editor sees), then the attempt row."""
    attempt_id = attempt if isinstance(attempt, int) else attempt.id
    drill_id = drill_id or get_attempt(ctx, attempt_id).drill_id
    write_workspace(ctx, drill_id, code)
    with ctx.db.write() as session:
        store.save_code(session, attempt_id, code)


def _sync_workspace(ctx: Context, drill_id: str, code: str) -> None:
    """The workspace file holds the latest attempt's code: write it when it differs."""
    if read_workspace(ctx, drill_id) != code:
        write_workspace(ctx, drill_id, code)


def history(ctx: Context, drill_id: str) -> list[dict]:
    """Every attempt at a drill, oldest first, as `flashdeck drill history --json` prints them:
    number (1-based, the N of `--show N`), started, finished (local time, ISO 8601; None while
    open), status, passed, gave_up, checks_run, hints_shown, grade (None: ungraded), mistake (what
    the judge named in its last failing check, None: nothing), code."""
    return [
        {"number": n, "id": a.id, "started": local_time(ctx, a.started_at).isoformat(timespec="seconds"),
         "finished": local_time(ctx, a.finished_at).isoformat(timespec="seconds") if a.finished_at else None,
         "status": a.status, "passed": a.passed, "gave_up": a.gave_up, "checks_run": a.checks_run,
         "hints_shown": a.hints_shown, "grade": a.quality, "mistake": a.mistake, "code": a.code}
        for n, a in enumerate(attempts(ctx, drill_id), 1)
    ]


def local_time(ctx: Context, utc: datetime) -> datetime:
    """A stored time (UTC, naive) in the learner's time zone."""
    return utc.replace(tzinfo=timezone.utc).astimezone(ctx.now().tzinfo)


def record_hint(ctx: Context, attempt_id: int) -> int:
    """Count a hint shown; returns how many this attempt has seen."""
    with ctx.db.write() as session:
        return store.add_hint(session, attempt_id)


def record_check(ctx: Context, attempt_id: int, code: str, passed: bool, *, study=None,
                 mistake: str | None = None) -> Finished | None:
    """Count a check of `code`. The first pass finishes the attempt and grades the card
    (5 first try, 4 after fixes, 3 with hints); returns that, else None.

    study: the StudySession the drill was opened from; when its current card is this drill's,
    the grade is that session's (its day, its cram), its queue moves on and its undo knows it.
    mistake: the headline of what the judge named in a failing check, kept on the attempt.
    """
    if passed:
        done = finish_attempt(ctx, attempt_id, code, passed_check=True, study=study)
        if done is not None:
            return done
    before = get_attempt(ctx, attempt_id)  # a failed check, or any check once the attempt has ended
    _sync_workspace(ctx, before.drill_id, code)
    with ctx.db.write() as session:
        store.add_check(session, attempt_id, code, passed, mistake)
    return None


def give_up(ctx: Context, attempt_id: int, code: str | None = None, *, study=None) -> Finished | None:
    """Give up: the attempt ends, the card is graded 1, the solution may be shown. None if the
    attempt had already ended (nothing is written)."""
    return finish_attempt(ctx, attempt_id, code, gave_up=True, study=study)


def finish_attempt(ctx: Context, attempt_id: int, code: str | None, *, passed_check: bool = False,
                   gave_up: bool = False, study=None) -> Finished | None:
    """The one way a drill's card is graded: a passing check or a give-up ends the attempt and
    grades the card in one transaction (store.study.finish_drill; the rules are
    domain.review.drill_outcome and drill_review). None when nothing ended (a failed check, or
    an attempt that had already ended)."""
    before = get_attempt(ctx, attempt_id)
    if before.finished:
        return None
    if code is not None:
        _sync_workspace(ctx, before.drill_id, code)  # the file first, as autosave does
    in_session = study is not None and study.is_current_drill(before.drill_id)
    with ctx.db.write() as session:
        done = study_store.finish_drill(
            session, attempt_id, passed_check=passed_check, gave_up=gave_up, code=code,
            today=study.day if in_session else ctx.today(), now=ctx.now_utc(),
            leech_threshold=getattr(ctx.settings, "leech_threshold", 0),
            cram=study.cram if in_session else False, interview=ctx.interview_plan(),
            fsrs=ctx.fsrs_choice())
    if done is None:
        return None
    if in_session and done.grade is not None:
        study.drill_graded(done.card_id, done.grade)
    return Finished(done.attempt, done.quality, graded=done.grade is not None)


def schedule(ctx: Context) -> dict:
    """drill id -> the date its card is due (None: never done) for every synced drill."""
    with ctx.db.read() as session:
        return store.schedule(session)


@dataclass(slots=True)
class DrillSession:
    """A drill open on the drill screen: the attempt worked on (None until `open`), and the
    study session the drill's card came from, if any (its queue and undo then learn the grade)."""

    ctx: Context
    drill: Drill
    study: object | None = None
    attempt: DrillAttempt | None = None

    @property
    def workspace(self) -> Path:
        return workspace_file(self.ctx, self.drill.id)

    def open(self, *, fresh: bool = False) -> DrillAttempt:
        self.attempt = open_attempt(self.ctx, self.drill.id, fresh=fresh)
        return self.attempt

    def reload(self) -> DrillAttempt:
        self.attempt = get_attempt(self.ctx, self.attempt.id)
        return self.attempt

    def done_before(self) -> bool:
        """Has the learner worked on this drill before this attempt?"""
        return any(a.id != self.attempt.id for a in attempts(self.ctx, self.drill.id))

    def save(self, code: str) -> None:
        save_code(self.ctx, self.attempt.id, self.drill.id, code)

    def record_check(self, code: str, passed: bool, mistake: str | None = None) -> Finished | None:
        """As record_check(); the attempt is re-read even when the write was refused."""
        try:
            return record_check(self.ctx, self.attempt.id, code, passed, study=self.study, mistake=mistake)
        finally:
            self.reload()

    def record_hint(self) -> None:
        record_hint(self.ctx, self.attempt.id)
        self.reload()

    def give_up(self, code: str) -> Finished | None:
        done = give_up(self.ctx, self.attempt.id, code, study=self.study)
        self.reload()
        return done
