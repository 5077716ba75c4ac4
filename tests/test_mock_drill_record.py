"""The mock's coding question as the service keeps it: what an edit and a check record
(domain.mock.drill_progress, drill_grade_of) and MockRun.save_code / record_check over a real
database; and a MockRun write that fails leaves the run as it was (real faults)."""

from __future__ import annotations


import pytest

from flashdeck import paths
from flashdeck.domain.mock import drill_grade_of, drill_progress
from flashdeck.services import decks
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockRun, WriteFailed
from test_write_failures import checkpoint, delete_database, fill, small_disk  # noqa: F401 - the fixture

# -- the rules ------------------------------------------------------------------------------


def test_an_edit_only_marks_the_code_touched():
    assert drill_progress({}, touched=False) == {"touched": False}
    assert drill_grade_of(drill_progress({}, touched=False)) == 0
    assert drill_grade_of(drill_progress({}, touched=True)) == 1


def test_checks_are_counted_until_one_passes_and_a_pass_is_kept():
    d = drill_progress({}, touched=True, check=(False, 1, 4))
    assert d == {"checks": 1, "passed": False, "cases_passed": 1, "cases_total": 4, "touched": True}
    assert drill_grade_of(d) == 1  # worked on, under half the cases
    d = drill_progress(d, touched=True, check=(False, 2, 4))
    assert d["checks"] == 2 and drill_grade_of(d) == 2  # half the cases of the last check
    d = drill_progress(d, touched=True, check=(True, 4, 4))
    assert d["checks"] == 3 and d["passed"] and drill_grade_of(d) == 4  # passed after fixes
    after = drill_progress(d, touched=True, check=(False, 0, 4))  # broken again later: the pass stands
    assert after["checks"] == 3 and after["passed"] and drill_grade_of(after) == 4
    assert drill_grade_of(drill_progress({}, touched=True, check=(True, 4, 4))) == 5  # the first check
    assert drill_progress(d, touched=False) is not d  # a new record, the old one unchanged



def test_the_last_checks_named_mistake_is_kept_for_the_review():
    named = ("Classic mistake: no scaling", "The scores grow with √d_k.")
    d = drill_progress({}, touched=True, check=(False, 1, 4), mistake=named)
    assert d["mistake"] == list(named)
    d = drill_progress(d, touched=True, check=(False, 2, 4))  # the next check named nothing
    assert "mistake" not in d
    d = drill_progress(d, touched=True, check=(True, 4, 4), mistake=named)  # (never on a pass)
    assert "mistake" not in d


# -- the service ----------------------------------------------------------------------------


@pytest.fixture
def dctx(make_ctx):
    ctx = make_ctx(bundled_drills=paths.bundled_drills_dir())
    decks.sync(ctx)
    return ctx


def drill_run(ctx) -> tuple[MockRun, int]:
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 30, questions=2, seed=5))
    position = next(a.position for a in run.answers if a.kind == "drill")
    run.lock_current()  # on to the coding question
    assert run.current == position
    return run, position


def test_save_code_and_record_check_are_on_disk(dctx):
    run, at = drill_run(dctx)
    run.save_code(at, "STARTER", starter="STARTER")
    stored = mock_service.answers_of(dctx, run.id)[at]
    assert stored.answer == "STARTER" and stored.auto_grade == 0 and stored.detail == {"touched": False}
    run.save_code(at, "def f(): ...", starter="STARTER")
    assert run.record_check(at, "def f(): ...", starter="STARTER", passed=False, cases_passed=3,
                            cases_total=4) == 2
    assert run.record_check(at, "def f(): ...", starter="STARTER", passed=True, cases_passed=4,
                            cases_total=4) == 4
    stored = mock_service.answers_of(dctx, run.id)[at]
    assert stored.answer == "def f(): ..." and stored.auto_grade == 4
    assert stored.detail == {"touched": True, "checks": 2, "passed": True, "cases_passed": 4, "cases_total": 4}


def test_a_check_that_lands_after_the_lock_records_nothing(dctx, clock):
    run, at = drill_run(dctx)
    run.save_code(at, "mine", starter="STARTER")
    clock.advance(seconds=run.answers[at].allowed_ms / 1000 + 1)
    assert at in run.tick()
    assert run.record_check(at, "mine", starter="STARTER", passed=True, cases_passed=4, cases_total=4) is None
    run.save_code(at, "changed", starter="STARTER")
    stored = mock_service.answers_of(dctx, run.id)[at]
    assert stored.answer == "mine" and stored.auto_grade == 1 and "checks" not in stored.detail


def test_a_lock_on_a_deleted_database_raises_and_changes_nothing(ctx, clock, tmp_path):
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 10, seed=1))
    db = tmp_path / "home" / "flashdeck.sqlite3"
    delete_database(db)
    clock.advance(seconds=20)
    with pytest.raises(WriteFailed, match="deleted"):
        run.lock_current()
    assert run.current == 0 and not run.answers[0].locked and run.state == "running"


def test_a_time_up_lock_on_a_full_disk_is_undone_in_memory_and_retried(small_disk, make_ctx, clock):  # noqa: F811
    ctx = make_ctx(small_disk / "home")
    decks.sync(ctx)
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 10, seed=1))
    run.save_answer("typed")
    checkpoint(small_disk / "home" / "flashdeck.sqlite3")
    filler = fill(small_disk)
    clock.advance(seconds=run.answers[0].budget_seconds + 5)
    before = (list(run.answers), run.info)
    with pytest.raises(WriteFailed, match="full"):
        run.tick()  # failed at the commit, after the lock was made in memory
    assert (run.answers, run.info) == before and run.current == 0
    assert run.reading().question_left == 0  # the clock runs on meanwhile
    filler.unlink()
    assert run.tick() == [0] and run.current == 1  # the same call, retried
    stored = mock_service.answers_of(ctx, run.id)
    assert stored[0].locked and stored[0].answer == "typed" and stored[1].used_ms == 5000
