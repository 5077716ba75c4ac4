"""review_day_topics (migration 0010): the review log summed per study day and topic list, kept
by triggers, which the statistics' last 30 days read. Every way a log row comes, goes or changes,
and every change of a card's topics (a direct update, or an edited deck synced), keeps it equal
to the log's own sums, on SQLite and on a real PostgreSQL server; a database migrated from 0009
starts with its log summed; a copy between databases does not count a review twice."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from migrations import database_at
from sqlalchemy import delete, select, update

from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store.db import open_database
from flashdeck.store.models import CardRow, ReviewDayTopicsRow, ReviewLogRow

MATURE = 21


@pytest.fixture
def make_ctx(backend_make_ctx):
    return backend_make_ctx


def _kept(ctx) -> dict:
    with ctx.db.read() as s:
        rows = s.execute(select(ReviewDayTopicsRow)).scalars().all()
        return {(r.study_day, r.topics): (r.reviews, r.duration_ms, r.mature, r.mature_passed, r.graded, r.passed)
                for r in rows if r.reviews}


def _summed(ctx) -> dict:
    """The same sums, from the log and each card's topics now (the definitions of store.stats)."""
    out: dict = {}
    with ctx.db.read() as s:
        rows = s.execute(select(ReviewLogRow.study_day, CardRow.topics, ReviewLogRow.duration_ms, ReviewLogRow.mode,
                                ReviewLogRow.interval_before, ReviewLogRow.quality)
                         .join(CardRow, CardRow.id == ReviewLogRow.card_id)).all()
    for day, topics, ms, mode, interval, quality in rows:
        graded = mode != "cram"
        mature = graded and interval >= MATURE
        add = (1, ms, int(mature), int(mature and quality >= 3), int(graded), int(graded and quality >= 3))
        key = (day, json.dumps(topics))
        out[key] = tuple(a + b for a, b in zip(out.get(key, (0,) * 6), add))
    return out


def test_grades_undos_edits_and_topic_changes_keep_the_sums(make_ctx, decks_dir, clock):
    ctx = make_ctx()
    decks.sync(ctx)
    study = StudySession(ctx, ["alpha"])
    for quality in (4, 2, 5, 3):
        study.grade(quality)
    cram = StudySession(ctx, ["beta"], cram=True)
    cram.grade(5)
    with ctx.db.write() as s:  # drills resumed days later: their time runs from the start (summed past 2^31 ms)
        s.execute(update(ReviewLogRow).values(duration_ms=2_000_000_000))
    assert max(v[1] for v in _kept(ctx).values()) >= 4_000_000_000
    assert _kept(ctx) == _summed(ctx) and len(_summed(ctx)) >= 2
    study.undo()
    assert _kept(ctx) == _summed(ctx)
    with ctx.db.write() as s:  # no code edits the log; the triggers count it if something does
        first, second = s.scalars(select(ReviewLogRow.id).order_by(ReviewLogRow.id).limit(2)).all()
        s.execute(update(ReviewLogRow).where(ReviewLogRow.id == first)
                  .values(interval_before=30, quality=4, study_day=ctx.today() - timedelta(days=3)))
        s.execute(update(ReviewLogRow).where(ReviewLogRow.id == second).values(interval_before=25, quality=1))
    kept = _kept(ctx)
    assert kept == _summed(ctx) and sum(v[2] for v in kept.values()) == 2 and sum(v[3] for v in kept.values()) == 1
    with ctx.db.write() as s:  # a reviewed card's topics change: its reviews go with it
        card_id = s.scalar(select(ReviewLogRow.card_id).order_by(ReviewLogRow.id).limit(1))
        s.execute(update(CardRow).where(CardRow.id == card_id).values(topics=["llm.rag", "llm.decoding"]))
    assert any('"llm.rag"' in topics for _, topics in _kept(ctx))
    assert _kept(ctx) == _summed(ctx)
    # an edited deck file, synced: every reviewed alpha card gets another topic list
    alpha = decks_dir / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("topics: [transformer.attention]", "topics: [llm.decoding]"))
    decks.sync(ctx)
    assert _kept(ctx) == _summed(ctx)
    with ctx.db.write() as s:
        s.execute(delete(ReviewLogRow))
    assert _kept(ctx) == _summed(ctx) == {}


def test_a_database_migrated_from_0009_has_its_log_summed(tmp_path):
    path = database_at(tmp_path / "old.sqlite3", "0009")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        for card_id, topics in ((1, '["a"]'), (2, '["a", "b"]')):
            conn.execute("INSERT INTO cards (id, key, deck_id, card_id, kind, topics, front, back, explanation, source,"
                         " extra, content_hash, position, line, retired, changed_at) VALUES (?, 'd/c' || ?, 'd', "
                         "'c' || ?, 'concept', ?, 'f', 'b', '', '', '{}', 'h', 0, 1, 0, '2026-03-01 10:00:00')",
                         (card_id, card_id, card_id, topics))
        for card_id, day, quality, mode, interval in ((1, "2026-03-01", 4, "review", 30), (1, "2026-03-01", 2, "review", 30),
                                                      (2, "2026-03-01", 5, "cram", 40), (2, "2026-03-04", 3, "review", 1)):
            conn.execute("INSERT INTO review_log (card_id, reviewed_at, study_day, quality, duration_ms, mode,"
                         " reps_before, ease_before, interval_before, extra_before, lapses_before, reps_after,"
                         " ease_after, interval_after, extra_after) VALUES (?, ? || ' 10:00:00', ?, ?, 900,"
                         " ?, 0, 250, ?, 0, 0, 1, 250, 1, 0)", (card_id, day, day, quality, mode, interval))
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT study_day, topics, reviews, duration_ms, mature, mature_passed, graded, passed "
                            "FROM review_day_topics ORDER BY 1, 2").fetchall() == [
            ("2026-03-01", '["a", "b"]', 1, 900, 0, 0, 0, 0), ("2026-03-01", '["a"]', 2, 1800, 2, 1, 2, 1),
            ("2026-03-04", '["a", "b"]', 1, 900, 0, 0, 1, 1)]
        conn.execute("UPDATE cards SET topics = '[\"b\"]' WHERE id = 1")  # plain SQL: the triggers too
        assert conn.execute("SELECT reviews, graded FROM review_day_topics WHERE topics = '[\"b\"]'").fetchall() == [
            (2, 2)]
        assert conn.execute("SELECT reviews FROM review_day_topics WHERE topics = '[\"a\"]'").fetchall() == [(0,)]


def test_a_copy_to_postgresql_and_back_counts_each_review_once(base_make_ctx, pg_url, tmp_path, clock):
    from flashdeck.services.collection_copy import copy_collection

    ctx = base_make_ctx()
    decks.sync(ctx)
    study = StudySession(ctx, ["alpha"])
    for quality in (4, 3, 1):
        study.grade(quality)
    expected = _summed(ctx)
    source = str(ctx.db.engine.url)
    ctx.close()
    copy_collection(source, pg_url, backup_dir=tmp_path / "backups")
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    copy_collection(pg_url, back, backup_dir=tmp_path / "backups")
    for url in (pg_url, back):
        there = base_make_ctx(db_url=url)
        assert _kept(there) == _summed(there) == expected
        there.close()
