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
