"""domain.review.review, the one grade step, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from flashdeck.domain import sm2
from flashdeck.domain.review import CardProgress, ReviewEvent, is_lapse, review

DAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 30)
NEW = CardProgress()
# past learning, due today: a fail is a lapse
LEARNED = CardProgress(schedule=sm2.SM2State(repetitions=2, easiness=Fraction(5, 2), interval=6, due=DAY),
                       lapses=3, introduced_on=DAY - timedelta(days=10))


def grade(card: CardProgress, quality: int, **kwargs):
    return review(card, quality, day=DAY, now=NOW, **kwargs)


def test_first_review_sets_introduced_on_and_schedules_by_sm2():
    step = grade(NEW, 4)
    assert step.card.introduced_on == DAY and ReviewEvent.INTRODUCED in step.events
    assert step.card.schedule == sm2.review(sm2.NEW_CARD, 4, DAY)
    assert step.card.lapses == 0 and not step.card.suspended
    again = review(step.card, 5, day=DAY + timedelta(days=1), now=NOW)
    assert again.card.introduced_on == DAY and ReviewEvent.INTRODUCED not in again.events


def test_a_fail_past_learning_is_a_lapse_and_in_learning_is_not():
    step = grade(LEARNED, 2)
    assert step.card.lapses == 4 and ReviewEvent.LAPSE in step.events
    assert step.card.schedule.repetitions == 0 and step.repeat_today  # SM-2: back today
    first_fail = grade(NEW, 0)
    assert first_fail.card.lapses == 0 and ReviewEvent.LAPSE not in first_fail.events
    assert first_fail.repeat_today
    assert grade(LEARNED, 3).card.lapses == 3  # a pass is no lapse


def test_the_lapse_reaching_the_threshold_suspends_a_leech():
    step = grade(replace(LEARNED, lapses=7), 1, leech_threshold=8)
    assert step.card.lapses == 8 and step.card.suspended and step.leech
    assert ReviewEvent.BECAME_LEECH in step.events and ReviewEvent.LAPSE in step.events
    assert not step.repeat_today  # out of rotation: no repeat in the session
    assert not grade(replace(LEARNED, lapses=6), 1, leech_threshold=8).leech
    off = grade(replace(LEARNED, lapses=50), 1, leech_threshold=0)
    assert not off.leech and not off.card.suspended and off.repeat_today


@pytest.mark.parametrize("quality, repeats", [(0, True), (3, True), (4, False), (5, False)])
def test_cram_moves_nothing_and_below_four_comes_back(quality, repeats):
    for card in (NEW, LEARNED):
        step = grade(card, quality, cram=True, leech_threshold=1)
        assert step.card == card  # not even the introduction day of a new card
        assert step.log.mode == "cram" and step.log.before == step.log.after == card
        assert step.repeat_today is repeats
        assert step.events == ({ReviewEvent.REPEAT_TODAY} if repeats else set())


def test_the_log_entry_records_the_card_before_and_after():
    step = grade(LEARNED, 4, duration_ms=-5)
    log = step.log
    assert (log.reviewed_at, log.study_day, log.quality, log.mode) == (NOW, DAY, 4, "review")
    assert log.duration_ms == 0  # a clock stepping back never logs a negative time
    assert log.before == LEARNED and log.after == step.card
    assert grade(NEW, 5, duration_ms=1234.9).log.duration_ms == 1234


def test_a_pass_at_three_repeats_today_and_bad_quality_is_refused():
    assert grade(NEW, 3).repeat_today and not grade(NEW, 4).repeat_today
    with pytest.raises(ValueError):
        grade(NEW, 6)


def test_is_lapse_is_the_rule_the_step_counts_by():
    assert is_lapse(2, 1) and not is_lapse(3, 1) and not is_lapse(0, 0)
    for quality in range(6):
        for card in (NEW, LEARNED):
            assert (ReviewEvent.LAPSE in grade(card, quality).events) is is_lapse(quality, card.schedule.repetitions)
