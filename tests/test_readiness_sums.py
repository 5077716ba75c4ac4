"""Readiness summed in the database (store.readiness.group_sums, and the curve and the weakest
from the reviewed cards' memories, issue 21) gives the figures of the definition,
domain.readiness.figures over every card read, on SQLite and on a real PostgreSQL server: with
cards never reviewed, suspended, retired and drill cards, shared topic lists, cards tied for
weakest across the at-risk cut, on both the plain and the array ways."""

from __future__ import annotations

import json
import random
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select, update

from flashdeck.domain import readiness as domain
from flashdeck.services import decks
from flashdeck.services import readiness as service
from flashdeck.services import stats as stats_service
from flashdeck.store import readiness as store
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow
from flashdeck.store import stats as stats_store
from flashdeck.store.stats import session_fetch


@pytest.fixture
def make_ctx(backend_make_ctx):
    return backend_make_ctx


A, B, C, D = "llm.rag", "llm.pretraining", "systems.inference", "systems.compression"
LISTS = [[A], [A, B], [B, C, B], [D]]


def write_deck(path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    lines = ["id: big", "title: Big", "description: generated", "cards:"]
    for c in range(n):
        lines += [f"  - id: c{c}", "    kind: concept", f"    topics: {json.dumps(rng.choice(LISTS))}",
                  f"    front: Question {c}", f"    back: Answer {c}"]
    path.write_text("\n".join(lines) + "\n")


def seed_memories(ctx, seed: int, tied: float, recent: bool = False) -> None:
    """Memories for nine cards in ten, reviewed up to a year before today's noon (some at the
    very second of a day boundary); a dozen tied for weakest; a few suspended, retired, drills."""
    rng = random.Random(seed)
    noon = domain.noon(ctx.today(), ctx.now().tzinfo)
    with ctx.db.write() as s:
        ids = list(s.scalars(select(CardRow.id).where(CardRow.deck_id == "big").order_by(CardRow.id)))
        assert len(ids) > 200
        rows = []
        for n, card_id in enumerate(ids):
            if n < 12:
                stability, last = 0.05, tied
            elif rng.random() < 0.1:
                continue
            elif recent:  # reviewed this morning: every recall today is 1.0, every card tied
                stability, last = rng.uniform(0.1, 400), noon - 3600 - rng.uniform(0, 3600)
            else:
                stability = rng.uniform(0.1, 400)
                last = noon - rng.choice([rng.uniform(0, 365 * 86_400), 86_400 * rng.randint(0, 30)])
            rows.append({"card_id": card_id, "stability": stability, "difficulty": 5.0, "state": 2, "step": None,
                         "last_review_ts": last, "reviews": 1})
        s.execute(insert(CardMemoryRow), rows)
        s.execute(update(CardStateRow).where(CardStateRow.card_id.in_(ids[20:60])).values(suspended=True))
        s.execute(update(CardRow).where(CardRow.id.in_(ids[60:90])).values(retired=True))
        s.execute(update(CardRow).where(CardRow.id.in_(ids[5:400:7])).values(kind="drill"))


def collection(make, tmp_path, n: int, seed: int, tied_days_ago: int, *, before_noon: float = 0.0,
               recent: bool = False):
    """A home with one generated deck of `n` cards, synced, and seed_memories' memories; the tied
    cards reviewed `tied_days_ago` days before today's noon (and `before_noon` seconds more)."""
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    write_deck(home / "decks" / "big.yaml", n, seed=seed)
    ctx = make(home)
    assert decks.sync(ctx).problems == []
    tied = domain.noon(ctx.today() - timedelta(days=tied_days_ago), ctx.now().tzinfo) - before_noon
    seed_memories(ctx, seed=seed, tied=tied, recent=recent)
    return ctx


def both_ways(ctx, interview):
    with ctx.db.read() as session:
        fetch = session_fetch(session)
        assert store.has_math(fetch)
        summed = service.compute(fetch, ctx.today(), interview, ctx.now().tzinfo)
        p = service.plan(fetch, ctx.today(), interview, ctx.now().tzinfo)
        defined = domain.figures(store.studied(fetch), p.today, p.interview, decay=p.decay,
                                 moment_of=lambda day: domain.noon(day, ctx.now().tzinfo))
    return summed, defined


@pytest.mark.parametrize("n", [700, 6_000])  # below and above domain.readiness._VECTOR_FROM
def test_the_database_sums_give_the_definitions_figures(make_ctx, tmp_path, n):
    ctx = collection(make_ctx, tmp_path, n, seed=n, tied_days_ago=200)
    for interview in (None, ctx.today() + timedelta(days=45), ctx.today() - timedelta(days=3)):
        summed, defined = both_ways(ctx, interview)
        assert summed == defined
        assert summed.drills is not None and summed.reviewed > 0.8 * n and summed.cards < n
        # the twelve tied cards outnumber the list: the first ten by key, both ways
        tied_keys = [key for key, _ in summed.at_risk]
        assert len(tied_keys) == domain.AT_RISK and tied_keys == sorted(tied_keys)
        assert {A, B, C, D} <= set(dict(summed.by_topic))


def test_a_collection_all_reviewed_this_morning_ties_every_card_and_still_agrees(make_ctx, tmp_path):
    """Every card tied for weakest at 100%: the keys of all of them are looked up (in parts: a
    statement's parameters are limited), and the first ten by key are listed."""
    ctx = collection(make_ctx, tmp_path, 1_400, seed=5, tied_days_ago=0, before_noon=7200, recent=True)
    summed, defined = both_ways(ctx, None)
    assert summed == defined and summed.started == 1.0 and summed.reviewed > 1_000
    assert [key for key, _ in summed.at_risk] == sorted(key for key, _ in summed.at_risk)


def test_each_topic_lists_sum_is_the_sum_of_its_cards_recall(make_ctx, tmp_path):
    """Unrounded: the SQL's recall is domain.readiness.recall, card by card (the shares above are
    rounded to 4 decimals, which a day's error on a few cards would not move)."""
    ctx = collection(make_ctx, tmp_path, 500, seed=3, tied_days_ago=40)
    with ctx.db.read() as session:
        fetch = session_fetch(session)
        p = service.plan(fetch, ctx.today(), None, ctx.now().tzinfo)
        groups, cards, recalled, reviewed, drills = store.group_sums(fetch, p.at, p.factor, p.decay)
        studied = store.studied(fetch)
    expected: dict[tuple, list] = {}
    for card in studied:
        r = 0.0 if card.stability is None else domain.recall(card.stability, int((p.at - card.last_review) // 86_400),
                                                              p.decay)
        tally = expected.setdefault(card.topics, [0.0, 0])
        tally[0] += r
        tally[1] += 1
    got: dict[tuple, list] = {}
    for topics, total, n in groups:
        tally = got.setdefault(topics, [0.0, 0])
        tally[0] += total
        tally[1] += n
    assert got.keys() == expected.keys() and cards == len(studied)
    for topics, (total, n) in expected.items():
        assert got[topics][1] == n and got[topics][0] == pytest.approx(total, rel=1e-12, abs=1e-12)
    assert reviewed == sum(c.stability is not None for c in studied)
    assert drills[0] == sum(c.drill for c in studied) > 0


def test_a_sqlite_without_math_functions_reads_every_card(base_make_ctx, tmp_path, monkeypatch):
    # (SQLite only: PostgreSQL always has power() and floor())
    ctx = collection(base_make_ctx, tmp_path, 300, seed=1, tied_days_ago=9)
    summed, defined = both_ways(ctx, None)
    monkeypatch.setattr(store, "_MATH", "SELECT no_such_function(1)")
    with ctx.db.read() as session:
        fetch = session_fetch(session)
        assert not store.has_math(fetch)
        plain = service.compute(fetch, ctx.today(), None, ctx.now().tzinfo)
    assert plain == defined == summed and isinstance(plain.day, date)
    # the statistics' second thread reads the log figures all the same, once, and is joined
    threads = []
    real = stats_store.collect
    monkeypatch.setattr(stats_store, "collect", lambda *a, **k: threads.append(threading.current_thread().name)
                        or real(*a, **k))
    figures = stats_service.screen_figures(ctx)
    assert threads == ["flashdeck-stats"] and figures.readiness == defined
