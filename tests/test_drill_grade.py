"""Every drill grade is one step: services.drills.finish_attempt -> store.study.finish_drill ->
domain.review.drill_review. A pass, a fail and a give-up write exactly one review-log row (a
failed check none) and leave the card in the SM-2 state that grade gives.

Real SQLite files in tmp_path and a real copy of the bundled drills; no judge (the outcome of
a check is given), so these are quick.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from flashdeck import paths
from flashdeck.domain import sm2
from flashdeck.domain.drills import DrillAttempt, DrillOutcome
from flashdeck.domain.review import CardProgress, drill_outcome, drill_review
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services.study import StudySession
from flashdeck.store.convert import state_of
from flashdeck.store.models import CardRow, CardStateRow, DrillAttemptRow, ReviewLogRow


@pytest.fixture
def dctx(make_ctx, tmp_path):
    target = tmp_path / "drills-src"
    shutil.copytree(paths.bundled_drills_dir(), target)
    ctx = make_ctx(bundled_drills=target)
    decks.sync(ctx)
    return ctx


def card_state(ctx, drill_id: str) -> tuple[sm2.SM2State, int]:
    with ctx.db.read() as s:
        row = s.execute(select(CardStateRow).join(CardRow, CardRow.id == CardStateRow.card_id)
                        .where(CardRow.key == f"drills/{drill_id}")).scalar_one()
        return state_of(row), row.lapses


def log_rows(ctx) -> list[tuple[int, str, int]]:
    with ctx.db.read() as s:
        return [(r.quality, r.mode, r.id) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))]


def attempt_row(ctx, attempt_id: int) -> tuple[int | None, int | None]:
    with ctx.db.read() as s:
        row = s.get(DrillAttemptRow, attempt_id)
        return row.quality, row.review_log_id


# -- through the service, on a real database -----------------------------------------------

def test_a_pass_on_the_first_check_writes_one_row_and_the_sm2_state_of_a_5(dctx):
    attempt = drill_service.open_attempt(dctx, "softmax")
    done = drill_service.record_check(dctx, attempt.id, "good", passed=True)
    assert (done.quality, done.graded) == (5, True)
    [(quality, mode, log_id)] = log_rows(dctx)
    assert (quality, mode) == (5, "drill")
    assert card_state(dctx, "softmax") == (sm2.review(sm2.NEW_CARD, 5, dctx.today()), 0)
    assert attempt_row(dctx, attempt.id) == (5, log_id)


def test_failed_checks_write_no_row_and_the_pass_after_them_one_row_of_a_4(dctx):
    attempt = drill_service.open_attempt(dctx, "softmax")
    for _ in range(2):
        assert drill_service.record_check(dctx, attempt.id, "bad", passed=False) is None
    assert log_rows(dctx) == []
    assert card_state(dctx, "softmax") == (sm2.NEW_CARD, 0)  # a fail grades nothing
    done = drill_service.record_check(dctx, attempt.id, "good", passed=True)
    assert done.quality == 4 and done.attempt.checks_run == 3
    assert [(q, m) for q, m, _ in log_rows(dctx)] == [(4, "drill")]
    assert card_state(dctx, "softmax") == (sm2.review(sm2.NEW_CARD, 4, dctx.today()), 0)


def test_a_give_up_writes_one_row_of_a_1_and_a_second_give_up_or_a_pass_none(dctx):
    attempt = drill_service.open_attempt(dctx, "attention")
    drill_service.record_check(dctx, attempt.id, "x", passed=False)
    done = drill_service.give_up(dctx, attempt.id, "partial")
    assert (done.quality, done.graded, done.attempt.code) == (1, True, "partial")
    [(quality, mode, log_id)] = log_rows(dctx)
    assert (quality, mode) == (1, "drill")
    expected = sm2.review(sm2.NEW_CARD, 1, dctx.today())
    assert card_state(dctx, "attention") == (expected, 0)  # a new card has nothing to lapse from
    assert attempt_row(dctx, attempt.id) == (1, log_id)
    assert drill_service.give_up(dctx, attempt.id, "again") is None
    assert drill_service.record_check(dctx, attempt.id, "good", passed=True) is None
    assert len(log_rows(dctx)) == 1 and card_state(dctx, "attention") == (expected, 0)


def test_giving_up_on_a_learned_drill_is_a_lapse(dctx, clock):
    first = drill_service.open_attempt(dctx, "softmax")
    drill_service.record_check(dctx, first.id, "good", passed=True)
    learned, _ = card_state(dctx, "softmax")
    clock.advance(days=1)
    again = drill_service.open_attempt(dctx, "softmax", fresh=True)
    drill_service.give_up(dctx, again.id, "lost it")
    assert [(q, m) for q, m, _ in log_rows(dctx)] == [(5, "drill"), (1, "drill")]
    assert card_state(dctx, "softmax") == (sm2.review(learned, 1, dctx.today()), 1)


def test_without_a_synced_card_the_attempt_keeps_its_grade_and_no_row_is_written(make_ctx, tmp_path):
    target = tmp_path / "drills-src"
    shutil.copytree(paths.bundled_drills_dir(), target)
    ctx = make_ctx(bundled_drills=target)  # never synced
    attempt = drill_service.open_attempt(ctx, "gelu")
    done = drill_service.give_up(ctx, attempt.id, "code")
    assert (done.quality, done.graded) == (1, False) and log_rows(ctx) == []
    assert attempt_row(ctx, attempt.id) == (1, None)


# -- from a review session (the drill screen opened from a drill card) -----------------------

@pytest.mark.parametrize("passed", [True, False])
def test_from_a_review_one_row_the_queue_moves_on_and_undo_takes_it_back(dctx, passed):
    session = StudySession(dctx, ["drills"])
    card = session.current
    drill_id = card.card.drill
    attempt = drill_service.open_attempt(dctx, drill_id, fresh=True)
    if passed:
        done = drill_service.record_check(dctx, attempt.id, "ok", passed=True, study=session)
    else:
        done = drill_service.give_up(dctx, attempt.id, "stuck", study=session)
    quality = 5 if passed else 1
    assert done.quality == quality and session.progress.done == 1
    assert [(q, m) for q, m, _ in log_rows(dctx)] == [(quality, "drill")]
    assert card_state(dctx, drill_id) == (sm2.review(sm2.NEW_CARD, quality, dctx.today()), 0)
    if passed:
        assert session.current is None or session.current.id != card.id
    assert session.undo() == "grade"
    assert session.current.id == card.id and log_rows(dctx) == []
    assert card_state(dctx, drill_id) == (sm2.NEW_CARD, 0)


def test_from_a_cram_session_the_row_is_cram_and_the_schedule_stays(dctx):
    session = StudySession(dctx, ["drills"], cram=True)
    drill_id = session.current.card.drill
    attempt = drill_service.open_attempt(dctx, drill_id, fresh=True)
    done = drill_service.record_check(dctx, attempt.id, "ok", passed=True, study=session)
    assert done.quality == 5 and session.progress.done == 1
    assert [(q, m) for q, m, _ in log_rows(dctx)] == [(5, "cram")]
    assert card_state(dctx, drill_id) == (sm2.NEW_CARD, 0)


def test_a_drill_that_is_not_the_sessions_current_card_leaves_its_queue_alone(dctx):
    session = StudySession(dctx, ["drills"])
    current = session.current
    other = next(d.id for d in drill_service.catalog(dctx) if d.id != current.card.drill)
    attempt = drill_service.open_attempt(dctx, other)
    done = drill_service.record_check(dctx, attempt.id, "ok", passed=True, study=session)
    assert done.graded and session.progress.done == 0 and session.current.id == current.id
    assert [(q, m) for q, m, _ in log_rows(dctx)] == [(5, "drill")]


# -- the rules, without a database ---------------------------------------------------------

STARTED = datetime(2026, 3, 2, 9, 0)


def attempt(**kwargs) -> DrillAttempt:
    fields = dict(id=1, drill_id="softmax", started_at=STARTED, finished_at=None, code="", checks_run=0,
                  hints_shown=0, passed=False, gave_up=False, quality=None)
    return DrillAttempt(**{**fields, **kwargs})


@pytest.mark.parametrize("before, kwargs, quality", [
    (attempt(), {"passed_check": True}, 5),
    (attempt(checks_run=2), {"passed_check": True}, 4),
    (attempt(hints_shown=1), {"passed_check": True}, 3),
    (attempt(checks_run=3, hints_shown=2), {"gave_up": True}, 1),
    (attempt(), {"passed_check": True, "gave_up": True}, 1),  # the solution is seen: a give-up
])
def test_the_end_of_an_attempt_and_the_grade_it_gives(before, kwargs, quality):
    outcome = drill_outcome(before, **kwargs)
    now = STARTED + timedelta(minutes=5)
    step = drill_review(CardProgress(), before, outcome, day=now.date(), now=now)
    assert step.log.quality == quality and step.log.mode == "drill"
    assert step.log.duration_ms == 5 * 60 * 1000
    assert step.card.schedule == sm2.review(sm2.NEW_CARD, quality, now.date())


def test_nothing_ends_an_attempt_but_a_pass_or_a_give_up_and_an_ended_one_stays_ended():
    assert drill_outcome(attempt()) is None
    ended = attempt(finished_at=STARTED, passed=True, checks_run=1, quality=5)
    assert drill_outcome(ended, passed_check=True) is None
    assert drill_outcome(ended, gave_up=True) is None
    unfinished = DrillOutcome(passed=False, gave_up=False, checks_run=2, hints_shown=0)
    with pytest.raises(ValueError):
        drill_review(CardProgress(), attempt(), unfinished, day=STARTED.date(), now=STARTED)


def test_a_cram_drill_grade_is_logged_cram_and_moves_nothing():
    outcome = drill_outcome(attempt(), passed_check=True)
    step = drill_review(CardProgress(), attempt(), outcome, day=STARTED.date(), now=STARTED, cram=True)
    assert step.log.mode == "cram" and step.card == CardProgress()


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
