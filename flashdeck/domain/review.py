"""One grade of one card, as a pure step (after py-fsrs's `Scheduler.review_card`):

    review(card, quality, day=..., now=...) -> ReviewStep(card, log, events)

SM-2 (domain.sm2) moves the schedule; this step adds what a grade means beyond it: a lapse is
counted, a leech is suspended, the first grade marks the day the card was introduced, a cram
grade moves nothing, and the review-log entry records the card before and after (undo puts
back the "before" half). The store loads the card, calls this, and persists what it returns.

A coding drill's card is graded by how its attempt went, not by a key: `drill_outcome` says
whether a check or a give-up ends the attempt, `drill_review` turns that end into the same
step (its log row in mode "drill"). Every drill grade, from the drill screen or `flashdeck
drill check`, is that one step (store.study.finish_drill persists it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from flashdeck.domain import sm2
from flashdeck.domain.interview import InterviewPlan, fit_due
from flashdeck.domain.drills import DrillAttempt, DrillOutcome, drill_quality
from flashdeck.domain.leech import lapse_makes_leech


@dataclass(frozen=True, slots=True)
class CardProgress:
    """Everything about a card that a grade can read or change."""

    schedule: sm2.SM2State = sm2.NEW_CARD
    lapses: int = 0
    suspended: bool = False
    introduced_on: date | None = None  # the study day of its first (non-cram) grade


class ReviewEvent(StrEnum):
    INTRODUCED = "introduced"  # the first grade of a new card
    LAPSE = "lapse"  # failed (below 3) a card past learning: counted in its lapses
    BECAME_LEECH = "became_leech"  # that lapse made it a leech: it is now suspended
    REPEAT_TODAY = "repeat_today"  # it comes back in today's session


@dataclass(frozen=True, slots=True)
class LogEntry:
    """The review-log row of one grade."""

    reviewed_at: datetime  # UTC
    study_day: date
    quality: int
    duration_ms: int
    mode: str  # review | cram
    before: CardProgress
    after: CardProgress


@dataclass(frozen=True, slots=True)
class ReviewStep:
    card: CardProgress  # the card after the grade (unchanged by a cram grade)
    log: LogEntry
    events: frozenset[ReviewEvent]

    @property
    def leech(self) -> bool:
        return ReviewEvent.BECAME_LEECH in self.events

    @property
    def repeat_today(self) -> bool:
        return ReviewEvent.REPEAT_TODAY in self.events


@dataclass(frozen=True, slots=True)
class GradeOutcome:
    """A step once stored: `log_id` names its review-log row (for undo)."""

    log_id: int
    step: ReviewStep

    @property
    def state(self) -> sm2.SM2State:
        return self.step.card.schedule

    @property
    def repeat_today(self) -> bool:
        return self.step.repeat_today

    @property
    def leech(self) -> bool:
        return self.step.leech


@dataclass(frozen=True, slots=True)
class DrillGraded:
    """An attempt that ended, once stored: the attempt as it now is, the quality its end is
    worth, and the grade that gave its card (None: the drill has no synced card to grade)."""

    attempt: DrillAttempt
    quality: int
    card_id: int | None
    grade: GradeOutcome | None


def is_lapse(quality: int, repetitions_before: int) -> bool:
    """A fail (below 3) of a card past learning: a card with n = 0 has nothing to lapse from."""
    return quality < 3 and repetitions_before > 0


def review(card: CardProgress, quality: int, *, day: date, now: datetime, duration_ms: int = 0,
           leech_threshold: int = 0, cram: bool = False, drill: bool = False,
           next_due: date | None = None) -> ReviewStep:
    """Grade `card` `quality` (0-5) on study day `day` at `now` (UTC).

    `cram`: the grade is logged (mode "cram") but nothing about the card moves, not even its
    introduction; below 4 it comes back in the session all the same (Wozniak's step 7).
    `drill`: the grade is a drill attempt's (logged in mode "drill", so that the stats can tell
    it from a key pressed; a cram grade stays "cram"). `leech_threshold` 0 turns leeches off.
    `next_due`: the study day FSRS brings the card back on (scheduler "fsrs"): it sets the due
    date and the interval in place of SM-2's (SM-2's repetitions and easiness still move, so
    switching back continues from them); a day not after `day` keeps the card in today's
    session, as FSRS's learning steps (minutes) ask."""
    def log(after: CardProgress, mode: str) -> LogEntry:
        return LogEntry(reviewed_at=now, study_day=day, quality=quality, duration_ms=max(0, int(duration_ms)),
                        mode=mode, before=card, after=after)

    if cram:
        events = {ReviewEvent.REPEAT_TODAY} if quality < 4 else set()
        return ReviewStep(card, log(card, "cram"), frozenset(events))

    schedule = sm2.review(card.schedule, quality, day)
    if next_due is not None:
        schedule = replace(schedule, due=max(next_due, day), interval=max(0, (next_due - day).days),
                           needs_extra_review=next_due <= day)
    events: set[ReviewEvent] = set()
    lapses, suspended = card.lapses, card.suspended
    if is_lapse(quality, card.schedule.repetitions):
        lapses += 1
        events.add(ReviewEvent.LAPSE)
        if lapse_makes_leech(lapses, leech_threshold):
            suspended = True
            events.add(ReviewEvent.BECAME_LEECH)
    introduced_on = card.introduced_on
    if introduced_on is None:
        introduced_on = day
        events.add(ReviewEvent.INTRODUCED)
    # a leech is out of rotation now, so its same-day repeat is dropped
    if schedule.needs_extra_review and schedule.due == day and ReviewEvent.BECAME_LEECH not in events:
        events.add(ReviewEvent.REPEAT_TODAY)
    after = replace(card, schedule=schedule, lapses=lapses, suspended=suspended, introduced_on=introduced_on)
    return ReviewStep(after, log(after, "drill" if drill else "review"), frozenset(events))


def fit_to_interview(step: ReviewStep, today: date, plan: InterviewPlan | None,
                     load: Mapping[date, int]) -> ReviewStep:
    """`step` with its due date brought before the interview (domain.interview.fit_due); the
    interval SM-2 chose is kept, so the card's strength is not forgotten: after the interview its
    next grade grows from it as if the date had never been set. `load`: cards due on each day of
    the stretch (read only when `plan.moves`)."""
    schedule = step.card.schedule
    if plan is None or step.log.mode == "cram" or not plan.moves(schedule.due, today):
        return step
    due = fit_due(schedule.due, today, plan.day, load, plan.cap)
    if due == schedule.due:
        return step
    after = replace(step.card, schedule=replace(schedule, due=due))
    return ReviewStep(after, replace(step.log, after=after), step.events)


def drill_outcome(attempt: DrillAttempt, *, passed_check: bool = False, gave_up: bool = False) -> DrillOutcome | None:
    """How `attempt` ends now, or None if nothing ends it: a failed check, or an attempt that
    already ended (a pass or a give-up stands: checking it again grades nothing).

    passed_check: a check just passed (it counts among the checks run); gave_up: the learner
    gave up (that wins: the solution is about to be seen)."""
    if attempt.finished or not (passed_check or gave_up):
        return None
    if gave_up:
        return DrillOutcome(passed=False, gave_up=True, checks_run=attempt.checks_run,
                            hints_shown=attempt.hints_shown)
    return DrillOutcome(passed=True, gave_up=False, checks_run=attempt.checks_run + 1,
                        hints_shown=attempt.hints_shown)


def drill_review(card: CardProgress, attempt: DrillAttempt, outcome: DrillOutcome, *, day: date, now: datetime,
                 leech_threshold: int = 0, cram: bool = False, next_due: date | None = None) -> ReviewStep:
    """The grade the end of `attempt` gives its drill's card: `review` with the quality of
    domain.drills.drill_quality, timed from the attempt's start to `now`."""
    quality = drill_quality(outcome)
    if quality is None:
        raise ValueError("an unfinished attempt grades nothing")
    duration_ms = int((now - attempt.started_at).total_seconds() * 1000)
    return review(card, quality, day=day, now=now, duration_ms=duration_ms, leech_threshold=leech_threshold,
                  cram=cram, drill=True, next_due=next_due)
