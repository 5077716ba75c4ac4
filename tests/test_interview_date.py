"""The interview date's rule for due dates (domain.interview, issue 18), as properties."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck.domain import sm2
from flashdeck.domain.interview import days_left, fit_due, last_day

TODAY = date(2026, 12, 3)

days = st.integers(min_value=0, max_value=400)


def test_last_day_and_days_left():
    interview = date(2026, 12, 20)
    assert last_day(interview) == date(2026, 12, 19)
    assert days_left(TODAY, interview) == 17 and days_left(interview, interview) == 0
    assert days_left(interview + timedelta(days=2), interview) == -2


@settings(max_examples=300, deadline=None)
@given(interval=st.integers(min_value=1, max_value=400), until=days,
       load=st.dictionaries(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=50)),
       cap=st.integers(min_value=1, max_value=40))
def test_no_due_date_lands_after_the_last_day_while_there_is_one_ahead(interval, until, load, cap):
    interview = TODAY + timedelta(days=until)
    due = TODAY + timedelta(days=interval)
    loads = {TODAY + timedelta(days=k): v for k, v in load.items()}
    fitted = fit_due(due, TODAY, interview, loads, cap)
    if TODAY < last_day(interview):
        assert TODAY < fitted <= last_day(interview)
        assert fitted == due or due > last_day(interview)  # only a review that crosses is moved
        if fitted != due and any(loads.get(d, 0) < cap for d in _stretch(interview)):
            assert loads.get(fitted, 0) < cap  # a day with room when there is one
    else:
        assert fitted == due  # the last day has come: the normal interval stands


def _stretch(interview: date) -> list[date]:
    return [TODAY + timedelta(days=k) for k in range(1, (last_day(interview) - TODAY).days + 1)]


@settings(max_examples=100, deadline=None)
@given(intervals=st.lists(st.integers(min_value=1, max_value=200), min_size=1, max_size=120),
       until=st.integers(min_value=2, max_value=40), cap=st.integers(min_value=1, max_value=10))
def test_the_daily_cap_holds_while_the_stretch_has_room(intervals, until, cap):
    interview = TODAY + timedelta(days=until)
    stretch = _stretch(interview)
    load: Counter = Counter()
    # the calendar first (reviews due before the last day are not moved, so they may fill a day
    # on their own), then the cards whose reviews cross it, each seeing the dates given before
    for interval in sorted(intervals, key=lambda i: TODAY + timedelta(days=i) > last_day(interview)):
        fitted = fit_due(TODAY + timedelta(days=interval), TODAY, interview, load, cap)
        load[fitted] += 1
    moved = sum(1 for i in intervals if TODAY + timedelta(days=i) > last_day(interview))
    kept = Counter(TODAY + timedelta(days=i) for i in intervals if TODAY + timedelta(days=i) <= last_day(interview))
    if moved + sum(kept.values()) <= cap * len(stretch) and all(v <= cap for v in kept.values()):
        assert all(load[d] <= cap for d in stretch)


@settings(max_examples=100, deadline=None)
@given(qualities=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=15))
def test_without_a_date_sm2_intervals_are_untouched(qualities):
    state, day = sm2.SM2State(), TODAY
    for q in qualities:
        state = sm2.review(state, q, day)
        assert fit_due(state.due, day, None, {}, 1) == state.due
        day = state.due


def test_the_latest_day_with_room_is_chosen():
    interview = TODAY + timedelta(days=10)  # last day: TODAY + 9
    full = {TODAY + timedelta(days=9): 5, TODAY + timedelta(days=8): 5}
    assert fit_due(TODAY + timedelta(days=30), TODAY, interview, {}, 5) == TODAY + timedelta(days=9)
    assert fit_due(TODAY + timedelta(days=30), TODAY, interview, full, 5) == TODAY + timedelta(days=7)
    every = {TODAY + timedelta(days=k): 5 for k in range(1, 10)} | {TODAY + timedelta(days=4): 3}
    assert fit_due(TODAY + timedelta(days=30), TODAY, interview, every, 2) == TODAY + timedelta(days=4)


def test_after_the_date_scheduling_is_normal_again():
    interview = TODAY - timedelta(days=1)
    assert fit_due(TODAY + timedelta(days=30), TODAY, interview, {}, 1) == TODAY + timedelta(days=30)
    tomorrow = TODAY + timedelta(days=1)  # today is the last day: nothing can come before the interview
    assert fit_due(TODAY + timedelta(days=30), TODAY, tomorrow, {}, 1) == TODAY + timedelta(days=30)


def test_a_cap_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        fit_due(TODAY, TODAY, None, {}, 0)
