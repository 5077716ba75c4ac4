"""The memory model beside the scheduler (issue 18): py-fsrs is the reference."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck.domain.memory import MemoryModel, Review, rating, readiness

START = datetime(2026, 1, 5, 8, 30)  # naive UTC, as the review log stores it

histories = st.lists(
    st.tuples(st.integers(min_value=0, max_value=60 * 86400), st.integers(min_value=0, max_value=5)),
    min_size=1, max_size=25)


def reviews_of(history) -> list[Review]:
    at, out = START, []
    for gap, grade in history:
        at += timedelta(seconds=gap)
        out.append(Review(at, grade))
    return out


def test_grades_map_to_ratings_as_anki_maps_its_buttons():
    assert [rating(g) for g in range(6)] == [Rating.Again] * 3 + [Rating.Hard, Rating.Good, Rating.Easy]
    with pytest.raises(ValueError, match="0-5"):
        rating(6)


@settings(max_examples=150, deadline=None)
@given(histories)
def test_replay_equals_py_fsrs_on_the_same_history(history):
    reviews = reviews_of(history)
    memory = MemoryModel().replay(reviews)

    scheduler = Scheduler(enable_fuzzing=False)
    card = FsrsCard()
    for r in reviews:
        card, _ = scheduler.review_card(card, rating(r.grade), r.at.replace(tzinfo=timezone.utc))
    assert memory.reviews == len(reviews)
    assert (memory.stability, memory.difficulty, memory.last_review) == \
        (card.stability, card.difficulty, card.last_review)
    later = reviews[-1].at + timedelta(days=7)
    assert MemoryModel().recall(memory, later) == \
        scheduler.get_card_retrievability(card, later.replace(tzinfo=timezone.utc))


@settings(max_examples=60, deadline=None)
@given(histories)
def test_step_by_step_equals_a_replay_of_the_whole_log(history):
    model, reviews = MemoryModel(), reviews_of(history)
    memory = None
    for r in reviews:
        memory = model.step(memory, r)
    assert memory == model.replay(reviews)


@settings(max_examples=60, deadline=None)
@given(histories)
def test_recall_follows_the_fsrs_forgetting_curve_90_percent_one_stability_later(history):
    model = MemoryModel()
    memory = model.replay(reviews_of(history))
    decay = -model.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    last, values = memory.last_review, []
    for days in [0, 1, 3, 10, 30, 100, 365]:
        p = model.recall(memory, last + timedelta(days=days, hours=5))  # py-fsrs counts whole days
        assert p == pytest.approx((1 + factor * days / memory.stability) ** decay, rel=1e-9)
        values.append(p)
    assert all(a >= b for a, b in zip(values, values[1:])) and all(0 < v <= 1 for v in values)
    assert (1 + factor) ** decay == pytest.approx(0.9)  # t = S


def test_naive_and_aware_utc_give_the_same_memory():
    naive = [Review(START, 4), Review(START + timedelta(days=3), 3)]
    aware = [Review(r.at.replace(tzinfo=timezone.utc), r.grade) for r in naive]
    assert MemoryModel().replay(naive) == MemoryModel().replay(aware)


def test_a_card_never_reviewed_has_no_memory_and_is_predicted_forgotten():
    model = MemoryModel()
    assert model.replay([]) is None
    assert model.recall(None, START) == 0.0


def test_a_forgotten_card_is_weaker_than_a_remembered_one():
    model = MemoryModel()
    good = model.replay([Review(START, 4), Review(START + timedelta(days=3), 4)])
    lapsed = model.replay([Review(START, 4), Review(START + timedelta(days=3), 1)])
    day = START + timedelta(days=10)
    assert lapsed.stability < good.stability and model.recall(lapsed, day) < model.recall(good, day)


def test_readiness_averages_recall_overall_and_per_topic_and_lists_the_weakest_first():
    model = MemoryModel()
    strong = model.replay([Review(START, 5), Review(START + timedelta(days=4), 5)])
    weak = model.replay([Review(START, 3)])
    memories = {"d/strong": strong, "d/weak": weak, "d/unseen": None}
    topics = {"d/strong": ["a", "b"], "d/weak": ["a"], "d/unseen": ["b", "b"]}
    when = START + timedelta(days=20)
    p = {k: model.recall(m, when) for k, m in memories.items()}
    ready = readiness(model, memories, topics, when, at_risk=2)
    assert ready.overall == pytest.approx((p["d/strong"] + p["d/weak"]) / 3)
    assert ready.by_topic == pytest.approx({"a": (p["d/strong"] + p["d/weak"]) / 2, "b": p["d/strong"] / 2})
    assert [k for k, _ in ready.at_risk] == ["d/weak", "d/strong"]  # reviewed first, weakest first
    assert readiness(model, {}, {}, when).overall == 0.0
