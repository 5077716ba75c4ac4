"""Drills are cards: synced from coding_drills/ into the deck `drills`, graded from attempts.

Real SQLite files in tmp_path and a real copy of the bundled drills; no judge here (the
outcome of a check is given), so these tests are quick.
"""

from __future__ import annotations

from migrations import database_at

import shutil
import sqlite3

import pytest
from sqlalchemy import func, select

from flashdeck import paths
from flashdeck.domain.drills import DrillOutcome, drill_quality
from flashdeck.drills import get_drill, list_drills
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services.study import StudySession
from flashdeck.store.db import open_database
from flashdeck.store.models import CardRow, CardStateRow, DrillAttemptRow, ReviewLogRow


@pytest.fixture
def drills_dir(tmp_path):
    target = tmp_path / "drills-src"
    shutil.copytree(paths.bundled_drills_dir(), target)
    return target


@pytest.fixture
def dctx(make_ctx, drills_dir):
    ctx = make_ctx(bundled_drills=drills_dir)
    decks.sync(ctx)
    return ctx


def drill_card_state(ctx, drill_id):
    with ctx.db.read() as s:
        row = s.execute(select(CardStateRow).join(CardRow, CardRow.id == CardStateRow.card_id)
                        .where(CardRow.key == f"drills/{drill_id}")).scalar_one()
        return row.repetitions, row.interval, row.due


def review_log(ctx):
    with ctx.db.read() as s:
        return [(r.quality, r.mode) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))]


@pytest.mark.parametrize("outcome, quality", [
    (DrillOutcome(passed=True, gave_up=False, checks_run=1, hints_shown=0), 5),
    (DrillOutcome(passed=True, gave_up=False, checks_run=3, hints_shown=0), 4),
    (DrillOutcome(passed=True, gave_up=False, checks_run=1, hints_shown=1), 3),
    (DrillOutcome(passed=True, gave_up=False, checks_run=4, hints_shown=2), 3),
    (DrillOutcome(passed=False, gave_up=True, checks_run=2, hints_shown=3), 1),
    (DrillOutcome(passed=False, gave_up=True, checks_run=0, hints_shown=0), 1),
    (DrillOutcome(passed=False, gave_up=False, checks_run=5, hints_shown=0), None),
])
def test_quality_from_outcome(outcome, quality):
    assert drill_quality(outcome) == quality


def test_every_drill_becomes_a_drill_card_in_the_drills_deck(dctx, drills_dir):
    summaries = {d.id: d for d in decks.summaries(dctx)}
    assert summaries["drills"].title == "Coding drills"
    on_disk = [p for p in drills_dir.iterdir() if (p / "meta.yaml").is_file()]  # not via the catalog
    assert len(on_disk) >= 23
    assert summaries["drills"].cards == len(list_drills(drills_dir)) == len(on_disk)
    with dctx.db.read() as s:
        rows = s.scalars(select(CardRow).where(CardRow.deck_id == "drills").order_by(CardRow.position)).all()
        assert {r.kind for r in rows} == {"drill"}
        assert [r.key for r in rows] == [f"drills/{d.id}" for d in list_drills(drills_dir)]
        softmax = next(r for r in rows if r.card_id == "softmax")
        assert softmax.extra == {"drill": "softmax"}
        assert "softmax(x, axis=-1)" in softmax.front and "def softmax" in softmax.back
    # unchanged: nothing parsed, nothing written
    report = decks.sync(dctx)
    assert report.parsed_files == 0 and (report.added, report.updated, report.retired) == (0, 0, 0)


def test_drill_cards_keep_history_and_retire_like_deck_cards(dctx, drills_dir):
    session = StudySession(dctx, ["drills"])
    assert session.current.card.kind == "drill" and session.current.card.drill == "softmax"
    session.grade(5)
    meta = drills_dir / "softmax" / "meta.yaml"
    meta.write_text(meta.read_text().replace("Numerically stable softmax", "Stable softmax"))
    before = decks.summaries(dctx)[[d.id for d in decks.summaries(dctx)].index("drills")].cards
    shutil.rmtree(drills_dir / "gelu")
    report = decks.sync(dctx)
    assert (report.added, report.updated, report.retired) == (0, 1, 1)
    assert drill_card_state(dctx, "softmax")[:2] == (1, 1)  # the edit kept its history
    with dctx.db.read() as s:
        assert s.scalar(select(CardRow.retired).where(CardRow.key == "drills/gelu")) is True
        assert "Stable softmax" in s.scalar(select(CardRow.front).where(CardRow.key == "drills/softmax"))
    assert decks.summaries(dctx)[[d.id for d in decks.summaries(dctx)].index("drills")].cards == before - 1


def test_drill_cards_are_in_the_daily_queue(dctx):
    session = StudySession(dctx)
    kinds = set()
    while session.current is not None:
        kinds.add(session.current.card.kind)
        session.bury()
    assert "drill" in kinds


def test_no_drills_folder_means_no_drill_deck(make_ctx, tmp_path):
    ctx = make_ctx(bundled_drills=tmp_path / "nowhere")
    decks.sync(ctx)
    assert "drills" not in {d.id for d in decks.summaries(ctx)}


def test_attempt_autosaves_and_reopening_restores(dctx):
    attempt = drill_service.open_attempt(dctx, "softmax")
    path = dctx.home / "drills" / "softmax.py"
    assert path.read_text() == get_drill("softmax").starter() == attempt.code
    drill_service.save_code(dctx, attempt.id, "softmax", "def softmax(x, axis=-1):\n    return x  # wip\n")
    assert "# wip" in path.read_text()
    again = drill_service.open_attempt(dctx, "softmax")
    assert again.id == attempt.id and "# wip" in again.code
    # edited outside flashdeck (an editor) while the attempt is open: the file wins
    path.write_text("def softmax(x, axis=-1):\n    return x  # from vim\n")
    assert "# from vim" in drill_service.open_attempt(dctx, "softmax").code
    fresh = drill_service.open_attempt(dctx, "softmax", fresh=True)
    assert fresh.id != attempt.id and fresh.code == get_drill("softmax").starter()
    assert path.read_text() == fresh.code
    old = drill_service.get_attempt(dctx, attempt.id)
    assert old.finished and not old.passed and not old.gave_up and "# from vim" in old.code


def test_file_written_before_any_attempt_is_kept(dctx):
    path = dctx.home / "drills" / "gelu.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("def gelu(x):\n    return x  # mine\n")
    assert "# mine" in drill_service.open_attempt(dctx, "gelu").code


def test_reopening_a_passed_drill_restores_its_code_and_leaves_the_file_alone(dctx):
    path = dctx.home / "drills" / "softmax.py"
    attempt = drill_service.open_attempt(dctx, "softmax")
    drill_service.save_code(dctx, attempt.id, "softmax", "def softmax(x, axis=-1):\n    return x  # passing\n")
    drill_service.record_check(dctx, attempt.id, path.read_text(), passed=True)
    stamp = path.stat().st_mtime_ns
    for _ in range(2):  # the drill screen, then `drill start --editor`
        again = drill_service.open_attempt(dctx, "softmax")
        assert again.id == attempt.id and again.passed and "# passing" in again.code
        assert "# passing" in path.read_text() and path.stat().st_mtime_ns == stamp
    # checking it again grades nothing
    assert drill_service.record_check(dctx, attempt.id, again.code, passed=True) is None
    assert review_log(dctx) == [(5, "drill")]
    # edited outside flashdeck after the pass: the file wins, it is never replaced
    path.write_text("def softmax(x, axis=-1):\n    return x  # later, in vim\n")
    assert "# later, in vim" in drill_service.open_attempt(dctx, "softmax").code
    # a file emptied, or holding just the starter, gets the attempt's code back
    for emptied in ("", get_drill("softmax").starter()):
        path.write_text(emptied)
        assert "# later, in vim" in drill_service.open_attempt(dctx, "softmax").code
        assert "# later, in vim" in path.read_text()
    path.unlink()
    assert "# later, in vim" in drill_service.open_attempt(dctx, "softmax").code and path.exists()


def test_fresh_starts_keep_every_attempt_and_history_lists_them(dctx):
    path = dctx.home / "drills" / "gelu.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# before any attempt\n")
    second = drill_service.open_attempt(dctx, "gelu", fresh=True)  # the file's code becomes attempt 1
    assert second.code == get_drill("gelu").starter() == path.read_text()
    drill_service.save_code(dctx, second.id, "gelu", "# second try\n")
    drill_service.record_check(dctx, second.id, "# second try\n", passed=False)
    drill_service.record_hint(dctx, second.id)
    drill_service.record_check(dctx, second.id, "# second try, passing\n", passed=True)
    third = drill_service.open_attempt(dctx, "gelu", fresh=True)
    assert third.code == get_drill("gelu").starter() == path.read_text()
    rows = drill_service.history(dctx, "gelu")
    assert [(r["number"], r["status"], r["checks_run"], r["hints_shown"], r["grade"], r["code"]) for r in rows] == [
        (1, "left", 0, 0, None, "# before any attempt\n"),
        (2, "passed", 2, 1, 3, "# second try, passing\n"),
        (3, "in progress", 0, 0, None, get_drill("gelu").starter()),
    ]
    assert rows[1]["finished"] is not None and rows[2]["finished"] is None
    from datetime import datetime

    started = datetime.fromisoformat(rows[0]["started"])  # local time, with its offset
    assert started.tzinfo is not None and started == dctx.now().replace(microsecond=0)


@pytest.mark.parametrize("fails, hints, quality", [(0, 0, 5), (2, 0, 4), (1, 1, 3)])
def test_a_pass_grades_the_card_through_sm2_in_one_transaction(dctx, fails, hints, quality):
    attempt = drill_service.open_attempt(dctx, "softmax")
    for _ in range(fails):
        assert drill_service.record_check(dctx, attempt.id, "bad", passed=False) is None
    for _ in range(hints):
        drill_service.record_hint(dctx, attempt.id)
    done = drill_service.record_check(dctx, attempt.id, "good", passed=True)
    assert done.quality == quality and done.graded
    assert done.attempt.passed and done.attempt.finished and done.attempt.checks_run == fails + 1
    assert done.attempt.hints_shown == hints and done.attempt.code == "good"
    assert review_log(dctx) == [(quality, "drill")]
    reps, interval, due = drill_card_state(dctx, "softmax")
    assert (reps, interval) == (1, 1) and due is not None
    with dctx.db.read() as s:
        row = s.get(DrillAttemptRow, attempt.id)
        assert row.quality == quality and row.review_log_id is not None
    # checks after the pass change nothing
    assert drill_service.record_check(dctx, attempt.id, "good", passed=True) is None
    assert len(review_log(dctx)) == 1


def test_give_up_grades_1(dctx):
    attempt = drill_service.open_attempt(dctx, "attention")
    drill_service.record_check(dctx, attempt.id, "x", passed=False)
    done = drill_service.give_up(dctx, attempt.id, "partial code")
    assert done.quality == 1 and done.attempt.gave_up and done.attempt.code == "partial code"
    assert review_log(dctx) == [(1, "drill")]
    assert drill_service.give_up(dctx, attempt.id) is None  # already finished
    # reopening restores the code given up on (in the file too); a fresh start, the starter
    again = drill_service.open_attempt(dctx, "attention")
    assert again.id == attempt.id and again.code == "partial code" and again.gave_up
    assert (dctx.home / "drills" / "attention.py").read_text() == "partial code"
    fresh = drill_service.open_attempt(dctx, "attention", fresh=True)
    assert fresh.id != attempt.id and fresh.code == get_drill("attention").starter()
    assert drill_service.get_attempt(dctx, attempt.id).code == "partial code"


def test_in_a_review_the_outcome_grades_the_current_card_and_the_queue_moves_on(dctx):
    session = StudySession(dctx, ["drills"])
    first = session.current
    assert first.card.drill == "softmax"
    attempt = drill_service.open_attempt(dctx, "softmax", fresh=True)
    done = drill_service.record_check(dctx, attempt.id, "ok", passed=True, study=session)
    assert done.quality == 5 and session.progress.done == 1
    assert session.current.card.drill != "softmax"
    assert review_log(dctx) == [(5, "drill")]
    assert session.undo() == "grade"  # the session's undo knows the drill's grade
    assert session.current.id == first.id and review_log(dctx) == []


def test_attempts_without_a_synced_card_are_recorded_ungraded(make_ctx, drills_dir, tmp_path):
    ctx = make_ctx(bundled_drills=drills_dir)  # never synced: no card yet
    attempt = drill_service.open_attempt(ctx, "gelu")
    done = drill_service.record_check(ctx, attempt.id, "code", passed=True)
    assert done.quality == 5 and not done.graded and review_log(ctx) == []


def test_migration_0001_to_0002_keeps_reviews(tmp_path, make_ctx):
    from flashdeck.store import schema

    path = database_at(tmp_path / "old.sqlite3", "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "drill_attempts" not in tables
    db = open_database(f"sqlite:///{path}")
    with db.read() as s:
        # migrated to the newest schema (0002 added drill_attempts; later revisions follow it)
        assert s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == schema.HEAD
        assert s.connection().exec_driver_sql("SELECT title FROM decks").scalar() == "D"
        assert s.scalar(select(func.count()).select_from(DrillAttemptRow)) == 0
    db.close()
    # backed up first, with SQLite's backup API, into the backups folder beside the file
    assert list((tmp_path / "backups").glob(f"flashdeck-*-before-{schema.HEAD}.sqlite3"))
