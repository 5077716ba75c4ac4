"""Timed mock interviews: plan one, run its clock, keep every answer, review, score, report.

A MockRun is one session as the TUI (and the tests) drive it. Its clock is the Context's: the
active time of the open question is `used_ms` at the start of the current stretch plus the
time since (`tick()` accounts it, locks a question whose time is up and opens the next).
Every answer, lock, pause and tick is written at once, so closing the terminal loses at most
the last second; a session found `running` on the next start was interrupted, and that gap
is recorded as a pause from the last moment it was saved.

Another flashdeck on the same database may discard, score, resume or finish the same mock
while this one runs. Every write of a MockRun first checks, inside its write transaction,
that the stored state and pause count are still what this run last wrote; if not it raises
MockGone and writes nothing, then and ever after.

A write that does not reach the disk (a full disk, an I/O error, the file deleted or replaced
under the app) raises WriteFailed and leaves the run as it was before the call: nothing of it
is shown as done, and calling again retries it.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from flashdeck.domain import mock as domain
from flashdeck.domain.cards import Card
from flashdeck.domain.keypoints import coverage
from flashdeck.domain.mock import (
    ClockReading,
    MockAnswer,
    MockPlan,
    MockReport,
    MockSessionInfo,
    PlanError,
    QuestionResult,
)
from flashdeck.services.context import Context
from flashdeck.store import mock as store
from flashdeck.store import study as study_store
from flashdeck.store.db import WriteFailed

__all__ = ["MockRun", "MockGone", "MockOptions", "WriteFailed", "discard", "answers_of", "local_time", "PlanError", "make_plan", "resumable", "history", "report_for", "write_report",
           "default_report_path"]

DEFAULT_MINUTES = 45


@dataclass(frozen=True)
class MockOptions:
    """What the learner asked for (`flashdeck mock` options, or the home screen's form)."""

    minutes: int = DEFAULT_MINUTES
    questions: int | None = None
    topics: tuple[str, ...] = ()
    seed: int | None = None
    no_schedule: bool = False
    report: Path | None = None  # write the Markdown report here when the mock is finished


def make_plan(ctx: Context, minutes: int = DEFAULT_MINUTES, *, questions: int | None = None,
              topics: list[str] | tuple[str, ...] | None = None, seed: int | None = None,
              drill: bool | None = None) -> MockPlan:
    """A plan from this learner's cards. Validate topic ids first (services.selection).
    seed None: a fresh random seed (kept in the session, so the plan can be replayed)."""
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    with ctx.db.read() as session:
        pool = store.candidates(session, ctx.today())
    return domain.plan_mock(pool, minutes, questions=questions, topics=tuple(topics or ()), seed=seed, drill=drill)


def resumable(ctx: Context) -> MockSessionInfo | None:
    """The latest mock left running, paused or in its review phase (None: none)."""
    with ctx.db.read() as session:
        return store.resumable(session)


def answers_of(ctx: Context, session_id: int) -> list[MockAnswer]:
    with ctx.db.read() as session:
        return store.answers(session, session_id)


class MockGone(Exception):
    """The mock was changed by another flashdeck (discarded, finished, scored, resumed, or
    deleted) since this run last saved it. str() is one line for the learner. `state`: what
    is stored now (None: the session is gone)."""

    _SAID = {
        "abandoned": "This mock was discarded in another window; nothing more is saved.",
        "finished": "This mock was finished in another window; nothing more is saved.",
        "review": "This mock was scored in another window; nothing more is saved here.",
        None: "This mock is no longer in the database; nothing more is saved.",
    }

    def __init__(self, session_id: int, state: str | None):
        super().__init__(self._SAID.get(state, "This mock was resumed in another window; nothing more is saved here."))
        self.session_id = session_id
        self.state = state


def discard(ctx: Context, session_id: int) -> bool:
    """Abandon an unfinished mock without opening it: opening one found `running` would
    record an interruption pause, and a window still running it is not interrupted but told.
    False: it was finished (or discarded) elsewhere first, and is left as it is."""
    with ctx.db.write() as session:
        return store.discard(session, session_id, ctx.now_utc())


def _ms(delta: timedelta) -> int:
    return int(delta.total_seconds() * 1000)


class MockRun:
    def __init__(self, ctx: Context, info: MockSessionInfo, answers: list[MockAnswer]):
        self.ctx = ctx
        self.info = info
        self.answers = answers
        self._stretch_start: datetime | None = None  # UTC; None while the clock is stopped
        self._stretch_base = 0  # the open question's used_ms when the stretch began
        self._cards: dict[str, Card] | None = None
        self.gone: MockGone | None = None  # set once another window changed the mock
        if info.state == "running":
            self._start_stretch(ctx.now_utc())

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def start(cls, ctx: Context, plan: MockPlan, *, no_schedule: bool = False) -> MockRun:
        if not plan.questions:
            raise PlanError("the plan has no questions")
        with ctx.db.write() as session:
            session_id = store.create(session, plan, ctx.now_utc(), no_schedule=no_schedule)
            info, answers = store.load(session, session_id)
        return cls(ctx, info, answers)

    @classmethod
    def open(cls, ctx: Context, session_id: int) -> MockRun:
        """Reopen a session. One left `running` was interrupted (the terminal closed): it
        opens paused from the moment it was last saved, and that counts as a pause."""
        with ctx.db.write() as session:
            info, answers = store.load(session, session_id)
            if info.state == "running":
                store.update_session(session, info.id, state="paused", paused_at=info.updated_at,
                                     pause_count=info.pause_count + 1)
                info, answers = store.load(session, session_id)
        return cls(ctx, info, answers)

    # -- reading -------------------------------------------------------------------------

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def state(self) -> str:
        return self.info.state

    @property
    def current(self) -> int | None:
        """The open question's index (None once every answer is locked)."""
        return next((a.position for a in self.answers if not a.locked), None)

    @property
    def timed(self) -> bool:
        return self.info.state in ("running", "paused")

    def reading(self) -> ClockReading:
        used = [a.used_ms / 1000 for a in self.answers]
        cur = self.current
        if cur is not None and self._stretch_start is not None:
            used[cur] = self._live_ms(self.ctx.now_utc()) / 1000
        return domain.read_clock([a.allowed_ms / 1000 for a in self.answers], used, [a.locked for a in self.answers],
                                 total=sum(a.budget_seconds for a in self.answers))

    def cards(self) -> dict[str, Card]:
        if self._cards is None:
            with self.ctx.db.read() as session:
                self._cards = store.cards(session, [a.card_key for a in self.answers])
        return self._cards

    def card(self, position: int) -> Card | None:
        return self.cards().get(self.answers[position].card_key)

    # -- the clock -----------------------------------------------------------------------

    def _start_stretch(self, now: datetime) -> None:
        cur = self.current
        self._stretch_start = now
        self._stretch_base = self.answers[cur].used_ms if cur is not None else 0

    def _live_ms(self, now: datetime) -> int:
        return self._stretch_base + max(0, _ms(now - self._stretch_start))

    def tick(self) -> list[int]:
        """Account the time since the last tick; lock every question whose time ran out (the
        next opens with the overshoot already used). Returns the positions locked."""
        if self.info.state != "running" or self._stretch_start is None:
            return []
        now = self.ctx.now_utc()
        locked: list[int] = []
        with self._write() as session:
            while (cur := self.current) is not None:
                budget_ms = self.answers[cur].allowed_ms
                used = self._live_ms(now)
                if used < budget_ms:
                    self._set_answer(session, cur, used_ms=used)
                    break
                self._lock(session, cur, budget_ms)
                locked.append(cur)
                self._stretch_start += timedelta(milliseconds=budget_ms - self._stretch_base)
                self._stretch_base = 0
            self._after_locks(session, now)
        return locked

    def lock_current(self) -> int | None:
        """The learner is done with the open question: lock it, open the next, which gets the
        time left over on top of its own budget (so the interview's clock runs on evenly)."""
        if self.info.state != "running":
            return None
        cur = self.current
        if cur is None or cur in self.tick():
            return cur  # its time ran out first: already locked
        now = self.ctx.now_utc()
        with self._write() as session:
            used = min(self._live_ms(now), self.answers[cur].allowed_ms)
            self._lock(session, cur, used)
            if cur + 1 < len(self.answers):  # the time saved goes to the next question
                following = self.answers[cur + 1]
                self._set_answer(session, cur + 1,
                                 carried_ms=following.carried_ms + self.answers[cur].allowed_ms - used)
            self._start_stretch(now)
            self._after_locks(session, now)
        return cur

    def pause(self) -> None:
        if self.info.state != "running":
            return
        self.tick()
        if self.info.state != "running":
            return
        now = self.ctx.now_utc()
        with self._write() as session:
            self._set_session(session, state="paused", paused_at=now, pause_count=self.info.pause_count + 1,
                              updated_at=now)
        self._stretch_start = None

    def resume(self) -> None:
        if self.info.state != "paused":
            return
        now = self.ctx.now_utc()
        with self._write() as session:
            self._set_session(session, state="running", paused_at=None, updated_at=now,
                              paused_seconds=self.info.paused_seconds + self._pause_so_far(now))
        self._start_stretch(now)

    def score_now(self) -> None:
        """End the timed part as it stands: every open question is locked; on to the review."""
        if not self.timed:
            return
        self.tick()
        now = self.ctx.now_utc()
        with self._write() as session:
            if self.info.state == "paused":
                self._set_session(session, paused_seconds=self.info.paused_seconds + self._pause_so_far(now),
                                  paused_at=None)
            elif (cur := self.current) is not None:
                self._lock(session, cur, self._live_ms(now))
            for a in list(self.answers):
                if not a.locked:
                    self._lock(session, a.position, a.used_ms)
            self._after_locks(session, now)
        self._stretch_start = None

    def abandon(self) -> None:
        with self._write() as session:
            self._set_session(session, state="abandoned", updated_at=self.ctx.now_utc())
        self._stretch_start = None

    def _pause_so_far(self, now: datetime) -> int:
        if self.info.paused_at is None:
            return 0
        return max(0, round((now - self.info.paused_at).total_seconds()))

    def _after_locks(self, session, now: datetime) -> None:
        if self.current is None and self.info.state in ("running", "paused"):
            self._set_session(session, state="review", updated_at=now, paused_at=None)
            self._stretch_start = None
        else:
            self._set_session(session, updated_at=now)

    # -- answers -------------------------------------------------------------------------

    def save_answer(self, text: str, position: int | None = None) -> None:
        """Keep what is typed (called on every change); a locked answer no longer changes."""
        position = self.current if position is None else position
        if position is None or self.answers[position].locked or self.answers[position].answer == text:
            return
        with self._write() as session:
            self._set_answer(session, position, answer=text)

    def set_auto(self, position: int, grade: int | None, detail: dict | None = None) -> None:
        """A checker's grade (formula, drill) and what it found."""
        with self._write() as session:
            self._set_answer(session, position, auto_grade=grade,
                             detail={**self.answers[position].detail, **(detail or {})})

    def confirm(self, position: int, grade: int) -> None:
        if not 0 <= grade <= 5:
            raise ValueError(f"a grade is 0-5, got {grade}")
        if self.info.state != "review":
            raise LookupError("grades are confirmed in the review phase")
        with self._write() as session:
            self._set_answer(session, position, grade=grade)

    def save_code(self, position: int, code: str, *, starter: str) -> None:
        """The coding question's code as it stands, with the grade it earns so far (worked on
        or untouched: domain.drill_progress), in one write. A locked answer no longer changes."""
        a = self.answers[position]
        if a.locked:
            return
        detail = domain.drill_progress(a.detail, touched=code != starter)
        values = {"auto_grade": domain.drill_grade_of(detail), "detail": detail}
        if code != a.answer:
            values["answer"] = code
        if a.answer == code and a.detail == detail and a.auto_grade == values["auto_grade"]:
            return
        with self._write() as session:
            self._set_answer(session, position, **values)

    def record_check(self, position: int, code: str, *, starter: str, passed: bool, cases_passed: int,
                     cases_total: int, mistake: tuple[str, str] | None = None) -> int | None:
        """A check of the coding question's code ran: count it (until one passes) and keep the
        grade it earns (domain.drill_grade), and the mistake the judge named in it (headline,
        explanation) for the review. Returns that grade; None when the answer was locked first
        (its time ran out while the check ran), and nothing is written."""
        a = self.answers[position]
        if a.locked:
            return None
        detail = domain.drill_progress(a.detail, touched=code != starter,
                                       check=(bool(passed), int(cases_passed), int(cases_total)), mistake=mistake)
        grade = domain.drill_grade_of(detail)
        with self._write() as session:
            self._set_answer(session, position, auto_grade=grade, detail=detail)
        return grade

    def needs_formula_check(self) -> list[int]:
        """Math answers typed but not checked as they stand (the time ran out before Enter)."""
        return [a.position for a in self.answers if a.kind == "math" and a.locked and a.answer.strip()
                and (a.auto_grade is None or a.detail.get("checked") != a.answer)]

    def finish(self) -> MockReport:
        """Close the review: the session is finished and, unless it was practice only, every
        confirmed grade goes through SM-2 (review-log mode "mock"): a missed card is due again."""
        if self.info.state != "review":
            raise LookupError(f"only a mock in its review phase can finish (this one is {self.info.state})")
        missing = [a.position + 1 for a in self.answers if a.grade is None]
        if missing:
            raise LookupError(f"question(s) {', '.join(map(str, missing))} have no confirmed grade yet")
        now, today = self.ctx.now_utc(), self.ctx.today()
        with self._write() as session:
            if not self.info.no_schedule:
                for a in self.answers:
                    card_id = store.card_id(session, a.card_key)
                    if card_id is None or a.review_log_id is not None:
                        continue
                    outcome = study_store.grade(session, card_id, a.grade, today, now, a.used_ms,
                                                leech_threshold=self.ctx.settings.leech_threshold,
                                                interview=self.ctx.interview_plan(),
                                                fsrs=self.ctx.fsrs_choice())
                    store.mark_mock_grade(session, outcome.log_id)
                    self._set_answer(session, a.position, review_log_id=outcome.log_id)
            self._set_session(session, state="finished", finished_at=now, updated_at=now)
        return self.report()

    def report(self) -> MockReport:
        return report_for(self.ctx, self.id)

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def _write(self):
        """A write transaction on this run's mock, refused (MockGone, nothing written) when
        another flashdeck changed its state or pauses since: its writes stand, not ours."""
        if self.gone is not None:
            raise self.gone
        # what the block changes in memory goes with the transaction: a write that does not
        # reach the disk (WriteFailed) leaves the run as it was, so that nothing is shown as
        # done that is not saved, and the same call retries it
        before = (list(self.answers), self.info, self._stretch_start, self._stretch_base)
        try:
            with self.ctx.db.write() as session:
                stored = store.standing(session, self.info.id)
                if stored != (self.info.state, self.info.pause_count):
                    self.gone = MockGone(self.info.id, stored[0] if stored is not None else None)
                    raise self.gone
                yield session
        except BaseException:
            self.answers[:] = before[0]
            self.info, self._stretch_start, self._stretch_base = before[1:]
            raise

    def _lock(self, session, position: int, used_ms: int) -> None:
        a = self.answers[position]
        values = {"locked": True, "used_ms": int(used_ms)}
        if a.kind in ("concept", "scenario") and a.auto_grade is None:
            card = self.card(position)
            points = card.key_points if card is not None else ()
            covered = sum(p.covered for p in coverage(points, a.answer))
            values["auto_grade"] = domain.suggested_grade(covered, len(points), a.answer)
        elif a.kind == "math" and a.auto_grade is None and not a.answer.strip():
            values["auto_grade"] = 0
            values["detail"] = {**a.detail, "message": "no answer"}
        elif a.kind == "drill" and a.auto_grade is None:
            values["auto_grade"] = 0
        self._set_answer(session, position, **values)

    def _set_answer(self, session, position: int, **values) -> None:
        a = self.answers[position]
        store.update_answer(session, a.id, **values)
        self.answers[position] = replace(a, **values)

    def _set_session(self, session, **values) -> None:
        store.update_session(session, self.info.id, **values)
        self.info = replace(self.info, **values)


# -- reports and history -----------------------------------------------------------------------

def local_time(ctx: Context, utc: datetime) -> datetime:
    return utc.replace(tzinfo=timezone.utc).astimezone(ctx.now().tzinfo)


def _score(answers: list[MockAnswer]) -> float:
    return domain.percent([a.grade for a in answers])


def report_for(ctx: Context, session_id: int) -> MockReport:
    with ctx.db.read() as session:
        info, answers = store.load(session, session_id)
        cards = store.cards(session, [a.card_key for a in answers])
        earlier = [(i, a) for i, a in store.sessions(session, ("finished",))
                   if (i.started_at, i.id) < (info.started_at, info.id)]
    questions = [
        QuestionResult(position=a.position, key=a.card_key, kind=a.kind, topics=a.topics,
                       front=cards[a.card_key].front if a.card_key in cards else a.card_key,
                       budget_seconds=a.budget_seconds, used_seconds=a.used_ms / 1000,
                       grade=a.grade if a.grade is not None else None, answer=a.answer)
        for a in answers
    ]
    return domain.build_report(
        session_id=info.id, started_at=local_time(ctx, info.started_at), minutes=info.minutes, seed=info.seed,
        state=info.state, questions=questions, previous_scores=[_score(a) for _, a in earlier],
        pause_count=info.pause_count, paused_seconds=info.paused_seconds, no_schedule=info.no_schedule,
        filter_topics=info.topics,
    )


def history(ctx: Context) -> list[dict]:
    """Every mock, newest first: date, minutes, score (finished ones), topics asked."""
    with ctx.db.read() as session:
        rows = store.sessions(session)
    out = []
    for info, answers in reversed(rows):
        topics: list[str] = []
        for a in answers:
            topics += [t for t in a.topics if t not in topics]
        out.append({
            "id": info.id,
            "started_at": local_time(ctx, info.started_at).isoformat(timespec="seconds"),
            "minutes": info.minutes,
            "state": info.state,
            "score": _score(answers) if info.state == "finished" else None,
            "questions": len(answers),
            "topics": topics,
            "used_seconds": round(sum(a.used_ms for a in answers) / 1000),
            "pauses": info.pause_count,
            "paused_seconds": info.paused_seconds,
            "seed": info.seed,
            "no_schedule": info.no_schedule,
        })
    return out


def default_report_path(ctx: Context, report: MockReport) -> Path:
    return ctx.home / "mock-reports" / f"mock-{report.session_id}-{report.started_at:%Y%m%d-%H%M}.md"


def write_report(report: MockReport, path: Path) -> Path:
    """Write the Markdown report (atomically: a temporary name, then moved into place)."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(domain.report_markdown(report), encoding="utf-8")
    tmp.replace(path)
    return path
