"""The pure part of mock interviews: plans, budgets, the clock, scoring (no database)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck.domain import mock
from flashdeck.domain.mock import Candidate, PlanError, plan_mock

TOPIC_IDS = ["transformer.attention", "llm.decoding", "math.linalg", "systems.distributed", "ml.metrics",
             "llm.rag", "dl.basics"]


def pool(n_per_kind: int = 4) -> list[Candidate]:
    cards = []
    for kind in ("concept", "math", "scenario"):
        for i in range(n_per_kind):
            cards.append(Candidate(f"d/{kind}{i}", kind, (TOPIC_IDS[(i + len(kind)) % len(TOPIC_IDS)],)))
    cards.append(Candidate("drills/softmax", "drill", ("dl.basics",)))
    cards.append(Candidate("drills/attention", "drill", ("transformer.attention",)))
    return cards


candidates_strategy = st.lists(
    st.builds(
        Candidate,
        key=st.text("abcdefgh", min_size=3, max_size=8).map(lambda s: f"deck/{s}"),
        kind=st.sampled_from(["concept", "math", "scenario", "drill"]),
        topics=st.lists(st.sampled_from(TOPIC_IDS), min_size=1, max_size=2, unique=True).map(tuple),
        lapses=st.integers(0, 10), easiness=st.sampled_from([1.3, 1.7, 2.1, 2.5, 2.8]),
        overdue_days=st.integers(0, 60), missed=st.integers(0, 3), is_new=st.booleans(),
    ),
    min_size=1, max_size=40, unique_by=lambda c: c.key,
)


@settings(max_examples=150, deadline=None)
@given(candidates_strategy, st.integers(5, 90), st.integers(0, 10_000))
def test_plan_invariants(cards, minutes, seed):
    plan = plan_mock(cards, minutes, seed=seed)
    keys = [q.key for q in plan.questions]
    assert len(keys) == len(set(keys)) >= 1
    assert plan.total_seconds == minutes * 60  # the budgets add up to the interview
    assert all(q.seconds >= mock.MIN_QUESTION_SECONDS for q in plan.questions)
    kinds = [q.kind for q in plan.questions]
    assert kinds == sorted(kinds, key=mock.KIND_ORDER.index)  # concept, math, scenario, drill
    others = [c for c in cards if c.kind != "drill"]
    if any(c.kind == "math" for c in cards):
        assert "math" in kinds or not others
    has_drill = any(c.kind == "drill" for c in cards)
    if minutes >= 30 and has_drill:
        assert kinds.count("drill") == 1
        drill = plan.questions[-1]
        if len(plan.questions) > 1:
            assert drill.seconds >= mock.drill_minutes(minutes) * 60
            assert drill.seconds > max(q.seconds for q in plan.questions[:-1])  # its own larger budget
    elif others:
        assert "drill" not in kinds
    assert plan_mock(list(reversed(cards)), minutes, seed=seed) == plan  # reproducible, order-free


def test_same_seed_same_plan_other_seed_other_plan():
    cards = pool(8)
    a = plan_mock(cards, 45, seed=7)
    assert plan_mock(cards, 45, seed=7) == a
    assert any(plan_mock(cards, 45, seed=s).questions != a.questions for s in range(8, 14))


def test_weak_cards_are_preferred():
    cards = [Candidate(f"d/c{i}", "concept", (TOPIC_IDS[i % 7],)) for i in range(30)]
    cards += [Candidate("d/m", "math", ("math.linalg",))]
    weak = {"d/c3": dict(lapses=4), "d/c11": dict(easiness=1.3), "d/c19": dict(overdue_days=28),
            "d/c22": dict(missed=2)}
    cards = [replace(c, **weak.get(c.key, {})) for c in cards]
    for seed in range(10):
        plan = plan_mock(cards, 20, questions=6, seed=seed)
        chosen = {q.key for q in plan.questions}
        assert set(weak) <= chosen, (seed, chosen)


def test_weakness_grows_with_each_signal():
    base = Candidate("d/x", "concept", ("llm.rag",))
    w = mock.weakness
    assert w(base) == 1.0
    assert w(Candidate("d/x", "concept", ("llm.rag",), lapses=2)) > w(base)
    assert w(Candidate("d/x", "concept", ("llm.rag",), easiness=1.5)) > w(base)
    assert w(Candidate("d/x", "concept", ("llm.rag",), overdue_days=10)) > w(base)
    assert w(Candidate("d/x", "concept", ("llm.rag",), missed=1)) > w(base)


def test_questions_spread_across_topics_when_weakness_is_even():
    cards = [Candidate(f"d/{t}{i}", "concept", (t,)) for t in TOPIC_IDS for i in range(3)]
    cards.append(Candidate("d/m", "math", ("math.calculus",)))
    plan = plan_mock(cards, 25, questions=7, seed=3)
    topics = [q.topics[0] for q in plan.questions]
    assert len(set(topics)) == 7


def test_topics_filter_questions_and_drill_and_notes():
    plan = plan_mock(pool(), 45, topics=["transformer.attention"], seed=1)
    assert all("transformer.attention" in q.topics for q in plan.questions)
    assert [q.key for q in plan.questions if q.kind == "drill"] == ["drills/attention"]
    no_math = [c for c in pool() if c.kind != "math"]
    assert "no math card to ask" in plan_mock(no_math, 20, seed=1).notes
    with pytest.raises(PlanError, match="in these topics"):
        plan_mock(pool(), 20, topics=["mlops"], seed=1)


def test_question_count_and_short_interviews():
    plan = plan_mock(pool(), 45, questions=5, seed=2)
    assert len(plan.questions) == 5 and plan.questions[-1].kind == "drill"
    short = plan_mock(pool(), 10, seed=2)
    assert "drill" not in [q.kind for q in short.questions] and len(short.questions) == 3
    assert plan_mock(pool(), 10, seed=2, questions=1).questions[0].kind == "math"
    with pytest.raises(PlanError, match="under 30 s"):
        plan_mock(pool(8), 5, questions=12, seed=2)


def test_split_is_exact_in_five_second_slices():
    assert mock.split(600, [2, 3, 4]) == [135, 200, 265]
    assert sum(mock.split(601, [1, 1, 1])) == 601


def test_clock_reading_and_warnings():
    r = mock.read_clock([120, 180, 300], [30.0, 0.0, 0.0], [False, False, False])
    assert (r.current, r.question_left, r.total_left) == (0, 90.0, 570.0)
    assert not r.question_warning and not r.total_warning
    r = mock.read_clock([120, 180, 300], [120.0, 170.0, 0.0], [True, False, False])
    assert r.current == 1 and r.question_left == 10 and r.question_warning
    r = mock.read_clock([120, 180, 300], [120.0, 180.0, 250.0], [True, True, False])
    assert r.total_left == 50 and r.total_warning
    assert mock.read_clock([60], [60.0], [True]).current is None
    assert mock.clock_text(61.2) == "1:02" and mock.clock_text(0) == "0:00" and mock.clock_text(600) == "10:00"


def test_grades_percent_topics_weakest_and_trend():
    assert mock.percent([5, 5, 0, None]) == 50.0
    assert mock.percent([]) == 0.0
    topics = mock.by_topic([(("a",), 5), (("a", "b"), 1), (("c",), 4)])
    assert [(t.topic, t.questions, t.points, t.percent) for t in topics] == [
        ("b", 1, 1, 20.0), ("a", 2, 6, 60.0), ("c", 1, 4, 80.0)]
    assert [t.topic for t in mock.weakest(topics)] == ["b", "a"]
    t = mock.trend(70.0, [50.0, 60.0])
    assert (t.last, t.mean, t.delta_last, t.delta_mean) == (60.0, 55.0, 10.0, 15.0)
    assert mock.trend(70.0, []).last is None
    assert mock.suggested_grade(1, 2, "x") == 2 and mock.suggested_grade(0, 0, "  ") == 0
    assert mock.suggested_grade(0, 0, "text") is None and mock.suggested_grade(2, 2, "x") == 5
    assert mock.drill_grade(True, 1, 5, 5, True) == 5 and mock.drill_grade(True, 3, 5, 5, True) == 4
    assert mock.drill_grade(False, 2, 3, 5, True) == 2 and mock.drill_grade(False, 1, 0, 5, True) == 1
    assert mock.drill_grade(False, 0, 0, 0, False) == 0


def test_domain_imports_nothing_third_party():
    code = ("import sys, flashdeck.domain.mock; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'sqlalchemy','textual','sympy','numpy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
