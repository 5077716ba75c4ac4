"""Which scheduler sets the due dates (issue 18): SM-2 (domain.sm2, the default) or FSRS, by the
learner's choice (study.scheduler). With FSRS, each grade's next review is py-fsrs's (the card's
memory, domain.memory, stepped with the learner's desired retention), taken on the learner's
study day; SM-2's repetitions and easiness still move, so switching back continues from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class FsrsChoice:
    desired_retention: float  # FSRS's target recall when a card comes back
    day_of: Callable[[datetime], date]  # the learner's study day of an aware datetime
