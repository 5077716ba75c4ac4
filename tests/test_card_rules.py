"""The card rules written once (store.card_sql) select the same cards as SQL text through
sqlite3 (the quick start, `flashdeck stats`) and as SQLAlchemy conditions (store.card_where,
the ORM queries), on a real database holding every case: retired, suspended, buried until
yesterday, today or tomorrow, and every card state."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from flashdeck.domain.card_state import MATURE_DAYS, STATES, CardState, classify
from flashdeck.services import decks
from flashdeck.store import card_sql, card_where
from flashdeck.store import stats as stats_store
from flashdeck.store.models import CardRow, CardStateRow

_FROM = "FROM cards c JOIN card_state s ON s.card_id = c.id"


@pytest.fixture
def collection(make_ctx, tmp_path):
    """A context and a sqlite3 reader over one file whose cards cover every combination."""
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    lines = ["id: rules", "title: Rules", "description: generated", "cards:"]
    for n in range(96):
        lines += [f"  - id: c{n}", "    kind: concept", "    topics: [transformer.attention]",
                  f"    front: Question {n}", f"    back: Answer {n}"]
    (home / "decks" / "rules.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ctx = make_ctx(home)
    decks.sync(ctx)
    today = ctx.today()
    rng = random.Random(14)
    live_cases = itertools.cycle(itertools.product(
        (False, True), (False, True), (None, today - timedelta(days=1), today, today + timedelta(days=1))))
    with ctx.db.write() as s:
        for card_id in s.scalars(select(CardRow.id).order_by(CardRow.id)).all():
            retired, suspended, buried_until = next(live_cases)
            due = rng.choice([None, today - timedelta(days=3), today, today + timedelta(days=5)])
            s.execute(update(CardStateRow).where(CardStateRow.card_id == card_id).values(
                suspended=suspended, buried_until=buried_until, due=due,
                repetitions=0 if due is None else rng.choice([0, 1, 4]),
                needs_extra_review=due is not None and rng.random() < 0.3,
                interval=rng.choice([0, 1, MATURE_DAYS - 1, MATURE_DAYS, 60])))
            s.execute(update(CardRow).where(CardRow.id == card_id).values(retired=retired))
    reader = stats_store.open_sqlite_reader(home / "flashdeck.sqlite3")
    yield ctx, reader
    reader.close()


def test_live_sql_and_the_sqlalchemy_condition_select_the_same_cards(collection):
    ctx, reader = collection
    today = ctx.today()
    by_text = {i for (i,) in reader.fetch(f"SELECT c.id {_FROM} WHERE {card_sql.LIVE}", {"today": today.isoformat()})}
    with ctx.db.read() as s:
        by_orm = set(s.scalars(select(CardRow.id).join(CardStateRow, CardStateRow.card_id == CardRow.id)
                               .where(card_where.live(today))))
        rows = s.execute(select(CardRow.id, CardRow.retired, CardStateRow.suspended, CardStateRow.buried_until)
                         .join(CardStateRow, CardStateRow.card_id == CardRow.id)).all()
        rules_deck = set(s.scalars(select(CardRow.id).where(CardRow.deck_id == "rules")))
        in_rules_deck = set(s.scalars(select(CardRow.id).join(CardStateRow, CardStateRow.card_id == CardRow.id)
                                      .where(card_where.live(today, ["rules"]))))
    expected = {i for i, retired, suspended, buried in rows
                if not retired and not suspended and (buried is None or buried <= today)}
    assert by_text == by_orm == expected
    assert in_rules_deck == expected & rules_deck and in_rules_deck != expected  # the fixture decks are there too
    assert 0 < len(expected) < len(rows)
    # buried until today is back today; until yesterday too; until tomorrow is not
    buried = {b for i, r, su, b in rows if i in expected}
    assert buried == {None, today - timedelta(days=1), today}


def test_each_state_in_sql_and_sqlalchemy_is_what_classify_says(collection):
    ctx, reader = collection
    with ctx.db.read() as s:
        rows = s.execute(select(CardStateRow.card_id, CardStateRow.suspended, CardStateRow.due,
                                CardStateRow.repetitions, CardStateRow.needs_extra_review,
                                CardStateRow.interval)).all()
        by_orm = {state: set(s.scalars(select(CardStateRow.card_id).where(card_where.in_state(state))))
                  for state in STATES}
    classified = {card_id: classify(suspended=su, due=due, repetitions=reps, needs_extra_review=extra,
                                    interval=interval)
                  for card_id, su, due, reps, extra, interval in rows}
    for state in STATES:
        by_text = {i for (i,) in reader.fetch(f"SELECT s.card_id FROM card_state s WHERE {card_sql.state_sql(state)}",
                                              {})}
        expected = {i for i, found in classified.items() if found is state}
        assert by_text == by_orm[state] == expected, state
        assert expected, f"the collection has no {state} card"
    assert sum(map(len, by_orm.values())) == len(rows)  # each card in exactly one state


def test_state_values_are_the_ones_printed():
    assert [s.value for s in STATES] == ["new", "learning", "young", "mature", "suspended"]
    assert f"{CardState.MATURE}" == str(CardState.MATURE) == "mature" and CardState("new") is CardState.NEW
