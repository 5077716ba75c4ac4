"""The interview date's rule for due dates (issue 18): nothing comes back after the interview.

SM-2 happily schedules a card for two weeks after the interview. With a date set, a review
that would land after the *last day* (the day before the interview) is brought forward into the
final stretch, to the latest day that still has room: the closer to the interview a card is
seen, the better it is recalled on the day. "Room" is a per-day cap on cards due (the caller's
choice; flashdeck uses the learner's `reviews_per_day`), so bringing cards forward never pushes
a day past it while another day has room; when every day of the stretch is full, the least
loaded one takes the card. (Reviews SM-2 itself puts before the last day are not moved.)

The rule does nothing when there is no date, once the last day has come (a card graded then
cannot be seen again before the interview, so its normal interval stands), and to a due date
already on or before the last day. Clearing the date restores normal intervals from the next
grade on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from flashdeck.domain.readiness import noon


@dataclass(frozen=True, slots=True)
class InterviewPlan:
    """The learner's interview day and the most cards the rule brings to one day of the stretch."""

    day: date
    cap: int  # flashdeck: the learner's reviews_per_day (at least 1)

    def moves(self, due: date | None, today: date) -> bool:
        """Would `fit_due` look at the load for a card SM-2 brings back on `due`, graded `today`?
        (The store reads the load only then.)"""
        return due is not None and due > last_day(self.day) and today < last_day(self.day)

    def stretch(self, today: date) -> tuple[date, date]:
        """The days a moved card may land on, first and last (empty when first > last)."""
        return today + timedelta(days=1), last_day(self.day)


def last_day(interview: date) -> date:
    """The last study day before the interview."""
    return interview - timedelta(days=1)


def days_left(today: date, interview: date) -> int:
    """Days until the interview (0 on the day, negative after it)."""
    return (interview - today).days


def days_left_text(left: int) -> str:
    """`days_left` in words: "12 days left", "tomorrow", "today", "3 days ago"."""
    if left > 1:
        return f"{left} days left"
    return {1: "tomorrow", 0: "today"}.get(left, f"{-left} day{'s' if left < -1 else ''} ago")


def fit_due(due: date, today: date, interview: date | None, load: Mapping[date, int], cap: int) -> date:
    """The due date to store for a card SM-2 would bring back on `due`, graded `today`.

    `load`: cards already due on each day (days not in it have none); `cap`: the most a day
    should hold (at least 1)."""
    if cap < 1:
        raise ValueError(f"the per-day cap is at least 1, not {cap}")
    if interview is None:
        return due
    end = last_day(interview)
    if due <= end or today >= end:
        return due
    days = [end - timedelta(days=i) for i in range((end - today).days)]  # latest first, all after today
    for day in days:
        if load.get(day, 0) < cap:
            return day
    return min(days, key=lambda day: load.get(day, 0))  # all full: the least loaded (the latest of equals)


def weakest_first_at(interview: date | None, today: date, tz) -> float | None:
    """Before the interview, today's due reviews come weakest first (lowest predicted recall at
    noon): the moment to predict at; None (no date, or the day has come): most overdue first."""
    return noon(today, tz) if interview is not None and today < interview else None
