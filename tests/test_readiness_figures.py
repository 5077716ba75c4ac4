"""domain.readiness, the py-fsrs-free readiness figures (issue 18): its forgetting curve is
py-fsrs's, its curve's days are what the stats screen plots, and its JSON reads back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from fsrs import Card, Scheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck.domain.readiness import ReadinessFigures, StudiedCard, curve_days, figures, posix, recall

START = datetime(2026, 1, 5, 8, 30, tzinfo=timezone.utc)


@settings(max_examples=200, deadline=None)
@given(stability=st.floats(min_value=0.01, max_value=3650), hours=st.integers(min_value=0, max_value=24 * 400),
       decay=st.sampled_from([0.1542, 0.2, 0.5]))
def test_recall_is_py_fsrs_retrievability(stability, hours, decay):
    parameters = list(Scheduler().parameters)
    parameters[20] = decay
    scheduler = Scheduler(parameters=parameters)
    card = Card(stability=stability, difficulty=5.0, last_review=START, due=START)
    when = START + timedelta(hours=hours)
    assert recall(stability, (when - START).days, decay) == scheduler.get_card_retrievability(card, when)


@given(today=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 1, 1)), span=st.integers(0, 500))
def test_curve_days_run_from_today_to_the_date_evenly_and_at_most_15(today, span):
    interview = today + timedelta(days=span)
    days = curve_days(today, interview)
    assert days[0] == today and days[-1] == interview and len(days) <= 15
    assert days == sorted(set(days))
    if span < 15:
        assert len(days) == span + 1
    assert curve_days(today, None) == [today + timedelta(days=i) for i in range(8)]


def test_figures_count_unseen_cards_as_not_recalled_and_list_the_weakest_reviewed():
    at = posix(START)
    cards = [StudiedCard("d/strong", ("a", "b"), False, 30.0, at), StudiedCard("d/weak", ("a",), False, 1.0, at),
             StudiedCard("d/unseen", ("b",), False, None, None), StudiedCard("drills/x", ("a",), True, 5.0, at)]
    today = START.date()
    moment = lambda day: posix(datetime.combine(day, START.timetz()))  # noqa: E731
    f = figures(cards, today, today + timedelta(days=10), decay=0.1542, moment_of=moment)
    p = {c.key: recall(c.stability, 10, 0.1542) for c in cards if c.stability}
    assert f.overall == round((p["d/strong"] + p["d/weak"] + p["drills/x"]) / 4, 4)
    assert dict(f.by_topic) == {"a": round((p["d/strong"] + p["d/weak"] + p["drills/x"]) / 3, 4),
                                "b": round(p["d/strong"] / 2, 4)}
    assert f.drills == round(p["drills/x"], 4) and [k for k, _ in f.at_risk] == ["d/weak", "drills/x", "d/strong"]
    assert f.started == round((p["d/strong"] + p["d/weak"] + p["drills/x"]) / 3, 4)
    assert (f.cards, f.reviewed) == (4, 3) and f.curve[0] == (today, 0.75, 1.0)  # reviewed just now
    assert [v for _, v, _ in f.curve] == sorted((v for _, v, _ in f.curve), reverse=True)  # forgetting only
    assert ReadinessFigures.from_json(f.as_json()) == f
    assert set(f.as_json()) >= {"date", "overall", "by_topic", "at_risk"}  # the keys issue 18 pins


def _collection(n: int, seed: int) -> list[StudiedCard]:
    """n cards over a few shared topic lists (as store.readiness shares them), a tenth unseen,
    reviewed up to a year before noon on 2026-06-01, some at the very second of a day boundary."""
    import random

    rng = random.Random(seed)
    lists = [("a",), ("a", "b"), ("b", "c", "b"), ()]
    noon = posix(datetime(2026, 6, 1, 12, tzinfo=timezone.utc))
    cards = []
    for i in range(n):
        seen = rng.random() > 0.1
        last = noon - rng.choice([rng.uniform(0, 365 * 86_400), 86_400 * rng.randint(0, 30)])
        cards.append(StudiedCard(f"d::c{i}", rng.choice(lists), rng.random() < 0.05,
                                 rng.uniform(0.1, 400) if seen else None, last if seen else None))
    return cards


def test_a_large_collection_gets_the_same_figures_from_numpy_as_from_the_plain_loops(monkeypatch):
    """From _VECTOR_FROM reviewed cards the recalls and the curve are NumPy arrays: the same
    figures, to the printed 4 decimals, as the per-card Python they replace."""
    import flashdeck.domain.readiness as readiness

    cards = _collection(12_000, seed=7)
    # more cards tied for weakest than the at-risk list holds: both ways break the tie by key
    tied = posix(datetime(2025, 6, 1, 12, tzinfo=timezone.utc))
    cards += [StudiedCard(f"d::tie{i}", ("a",), False, 0.05, tied) for i in (17, 3, 12, 5, 9, 1, 14, 8, 2, 11, 6, 4)]
    moment = lambda d: posix(datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc))  # noqa: E731
    for interview in (None, date(2026, 7, 15)):
        vector = figures(cards, date(2026, 6, 1), interview, decay=0.1542, moment_of=moment)
        monkeypatch.setattr(readiness, "_VECTOR_FROM", len(cards) + 1)
        plain = figures(cards, date(2026, 6, 1), interview, decay=0.1542, moment_of=moment)
        monkeypatch.undo()
        assert vector == plain
        assert [key for key, _ in vector.at_risk] == sorted(f"d::tie{i}" for i in (17, 3, 12, 5, 9, 1, 14, 8, 2, 11, 6, 4))[:10]
        assert vector.reviewed > readiness._VECTOR_FROM and len(vector.curve) == (8 if interview is None else 15)
        # and the plain loops are the definition: one card's recall, by hand
        weakest_key, weakest = vector.at_risk[0]
        card = next(c for c in cards if c.key == weakest_key)
        at = moment(interview or date(2026, 6, 1))
        assert weakest == round(recall(card.stability, int((at - card.last_review) // 86_400), 0.1542), 4)
