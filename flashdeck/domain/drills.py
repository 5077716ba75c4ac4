"""How a coding drill's outcome becomes an SM-2 grade (pure: no I/O, no clock)."""

from __future__ import annotations

from dataclasses import dataclass

DRILL_DECK_ID = "drills"
DRILL_DECK_TITLE = "Coding drills"


def drill_card_key(drill_id: str) -> str:
    return f"{DRILL_DECK_ID}/{drill_id}"


@dataclass(frozen=True, slots=True)
class DrillOutcome:
    """What happened in one attempt, as far as grading cares."""

    passed: bool
    gave_up: bool
    checks_run: int  # checks run up to and including the one that passed
    hints_shown: int

    @property
    def finished(self) -> bool:
        return self.passed or self.gave_up


def drill_quality(outcome: DrillOutcome) -> int | None:
    """The SM-2 quality for an attempt, or None while it is unfinished.

    passed on the first check without hints -> 5; passed after fixes -> 4; passed with hints
    -> 3; gave up -> 1. Giving up wins over a pass (the solution was seen).
    """
    if outcome.gave_up:
        return 1
    if not outcome.passed:
        return None
    if outcome.hints_shown > 0:
        return 3
    return 5 if outcome.checks_run <= 1 else 4


OUTCOME_LABELS = {
    5: "passed on the first check, no hints",
    4: "passed after fixes",
    3: "passed with hints",
    1: "gave up",
}


@dataclass(frozen=True, slots=True)
class DrillAttempt:
    """One go at a drill, from opening it to a pass or a give-up (or still open)."""

    id: int
    drill_id: str
    started_at: object  # datetime (UTC, naive); typed loosely to keep this module import-free
    finished_at: object | None
    code: str
    checks_run: int
    hints_shown: int
    passed: bool
    gave_up: bool
    quality: int | None  # the SM-2 grade it gave, once finished
    mistake: str | None = None  # what the judge named in its last failing check ("Classic mistake: ...")

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def outcome(self) -> DrillOutcome:
        return DrillOutcome(self.passed, self.gave_up, self.checks_run, self.hints_shown)

    @property
    def status(self) -> str:
        """"in progress", "passed", "gave up" or "left" (closed unfinished by a fresh start)."""
        if not self.finished:
            return "in progress"
        return "passed" if self.passed else "gave up" if self.gave_up else "left"


def next_hint(shown: list[int], total: int, about_mistake: int | None = None) -> int | None:
    """The hint to show next (1-based), or None when every one is shown: the gentlest one not
    shown yet, unless the judge just recognised a mistake that one of the hints is about
    (`about_mistake`): then that one, out of turn, since it answers what went wrong."""
    if about_mistake is not None and 1 <= about_mistake <= total and about_mistake not in shown:
        return about_mistake
    return next((n for n in range(1, total + 1) if n not in shown), None)
