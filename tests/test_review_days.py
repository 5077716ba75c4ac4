"""review_days (migration 0008): the review log's rows per study day, kept by triggers, which
the heatmap, the streak and the review total read. Every way a row comes or goes keeps it equal
to the log's own count, on SQLite and on a real PostgreSQL server; a database migrated from
0007 starts with its log counted; and a copy between databases does not count a review twice."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from migrations import database_at
from sqlalchemy import delete, func, select, update

from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store.db import open_database
from flashdeck.store.models import ReviewDayRow, ReviewLogRow


def _days(ctx) -> dict:
    with ctx.db.read() as session:
        return {day: n for day, n in session.execute(select(ReviewDayRow.study_day, ReviewDayRow.reviews)) if n}


def _counted(ctx) -> dict:
    with ctx.db.read() as session:
        return dict(session.execute(select(ReviewLogRow.study_day, func.count())
                                    .group_by(ReviewLogRow.study_day)).all())


def test_grades_undos_and_edits_of_the_log_keep_the_day_counts(backend_make_ctx, clock):
    ctx = backend_make_ctx()
    decks.sync(ctx)
    study = StudySession(ctx, ["alpha"])
    for quality in (4, 2, 5):
        study.grade(quality)
    assert _days(ctx) == _counted(ctx) == {ctx.today(): 3}
    study.undo()
    assert _days(ctx) == _counted(ctx) == {ctx.today(): 2}
    with ctx.db.write() as session:  # a row moved to another day (no code does; the trigger still counts it)
        first = session.scalar(select(ReviewLogRow.id).order_by(ReviewLogRow.id).limit(1))
        session.execute(update(ReviewLogRow).where(ReviewLogRow.id == first)
                        .values(study_day=ctx.today() - timedelta(days=3)))
    assert _days(ctx) == _counted(ctx) == {ctx.today(): 1, ctx.today() - timedelta(days=3): 1}
    with ctx.db.write() as session:
        session.execute(delete(ReviewLogRow))
    assert _days(ctx) == _counted(ctx) == {}


def test_a_database_migrated_from_0007_has_its_log_counted(tmp_path):
    path = database_at(tmp_path / "old.sqlite3", "0007")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        conn.execute("INSERT INTO cards (id, key, deck_id, card_id, kind, topics, front, back, explanation, source,"
                     " extra, content_hash, position, line, retired, changed_at) VALUES (1, 'd/c', 'd', 'c',"
                     " 'concept', '[]', 'f', 'b', '', '', '{}', 'h', 0, 1, 0, '2026-03-01 10:00:00')")
        for day, n in (("2026-03-01", 3), ("2026-03-04", 1)):
            for _ in range(n):
                conn.execute("INSERT INTO review_log (card_id, reviewed_at, study_day, quality, duration_ms, mode,"
                             " reps_before, ease_before, interval_before, extra_before, lapses_before, reps_after,"
                             " ease_after, interval_after, extra_after) VALUES (1, ? || ' 10:00:00', ?, 4, 900,"
                             " 'review', 0, 250, 0, 0, 0, 1, 250, 1, 0)", (day, day))
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT study_day, reviews FROM review_days ORDER BY 1").fetchall() == [
            ("2026-03-01", 3), ("2026-03-04", 1)]
        conn.execute("DELETE FROM review_log WHERE study_day = '2026-03-04'")  # plain SQL: the trigger too
        assert conn.execute("SELECT reviews FROM review_days WHERE study_day = '2026-03-04'").fetchone() == (0,)


def test_a_copy_to_postgresql_and_back_counts_each_review_once(base_make_ctx, pg_url, tmp_path, clock):
    from flashdeck.services.collection_copy import copy_collection

    ctx = base_make_ctx()
    decks.sync(ctx)
    study = StudySession(ctx, ["alpha"])
    for quality in (4, 3):
        study.grade(quality)
    source = str(ctx.db.engine.url)
    ctx.close()
    copy_collection(source, pg_url, backup_dir=tmp_path / "backups")
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    copy_collection(pg_url, back, backup_dir=tmp_path / "backups")
    for url in (pg_url, back):
        there = base_make_ctx(db_url=url)
        assert _days(there) == _counted(there) == {there.today(): 2}
        there.close()
