"""A learner's record at a drill: attempts, best time from memory, last result (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flashdeck.domain.drill_records import clock, new_best, record, records
from flashdeck.domain.drills import DrillAttempt

T0 = datetime(2026, 12, 1, 9, 0, 0)


def attempt(n: int, minutes: float | None, *, drill: str = "softmax", passed: bool = True,
            gave_up: bool = False, hints: int = 0) -> DrillAttempt:
    started = T0 + timedelta(days=n)
    finished = None if minutes is None else started + timedelta(minutes=minutes)
    return DrillAttempt(id=n, drill_id=drill, started_at=started, finished_at=finished, code="",
                        checks_run=2, hints_shown=hints, passed=passed and finished is not None,
                        gave_up=gave_up, quality=None)


def test_the_best_is_the_fastest_pass_without_hints():
    history = [attempt(1, 9), attempt(2, 3, hints=1), attempt(3, 5), attempt(4, 2, gave_up=True),
               attempt(5, 1, passed=False)]
    got = record(history)
    assert got.attempts == 5
    assert got.best == timedelta(minutes=5)
    assert got.last == "left"  # finished, neither passed nor given up: closed by a fresh start


def test_no_pass_from_memory_means_no_best_and_an_open_attempt_is_in_progress():
    got = record([attempt(1, 4, hints=2), attempt(2, None)])
    assert (got.attempts, got.best, got.last) == (2, None, "in progress")
    assert record([]).attempts == 0 and record([]).last is None


def test_records_group_by_drill():
    got = records([attempt(1, 7), attempt(2, 6, drill="gelu"), attempt(3, 4)])
    assert set(got) == {"softmax", "gelu"}
    assert got["softmax"].best == timedelta(minutes=4) and got["softmax"].attempts == 2
    assert got["gelu"].last == "passed"


def test_a_new_personal_best_names_the_record_it_beats():
    history = [attempt(1, 9), attempt(2, 6)]
    assert new_best(attempt(3, 5), history) == timedelta(minutes=6)
    assert new_best(attempt(3, 7), history) is None  # slower: no record
    assert new_best(attempt(3, 6), history) is None  # a tie is not a new best
    assert new_best(attempt(3, 1, hints=1), history) is None  # hinted: not from memory
    assert new_best(attempt(1, 9), [attempt(1, 9)]) == timedelta.max  # the first pass from memory


def test_the_clock_reads_at_a_glance():
    assert clock(timedelta(seconds=0)) == "0:00"
    assert clock(timedelta(seconds=65)) == "1:05"
    assert clock(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"
    assert clock(timedelta(days=2, minutes=1)) == "2 d 0:01:00"
    assert clock(timedelta(seconds=-5)) == "0:00"  # a clock that went back shows zero, not "-1:55"


def test_the_service_reads_the_records_from_a_real_database(make_ctx):
    from flashdeck.services.drill_records import all_records, beaten_best, drill_record
    from flashdeck.store import drills as store

    ctx = make_ctx()
    with ctx.db.write() as session:
        first = store.create(session, "softmax", "", T0)
        store.finish(session, first.id, T0 + timedelta(minutes=8), passed=True, gave_up=False,
                     quality=4, review_log_id=None)
        second = store.create(session, "softmax", "", T0 + timedelta(days=1))
        store.finish(session, second.id, T0 + timedelta(days=1, minutes=5), passed=True,
                     gave_up=False, quality=4, review_log_id=None)
        store.create(session, "gelu", "", T0)
    assert beaten_best(ctx, second.id) == timedelta(minutes=8)
    assert beaten_best(ctx, first.id) is None  # slower than the second
    softmax = drill_record(ctx, "softmax")
    assert (softmax.attempts, softmax.best, softmax.last) == (2, timedelta(minutes=5), "passed")
    assert all_records(ctx)["gelu"].last == "in progress"
    assert drill_record(ctx, "attention").attempts == 0


def _cli(home, *args, db=None):
    import subprocess

    from conftest import cli_env
    from terminal import flashdeck_command

    return subprocess.run([*flashdeck_command(), *args], capture_output=True, text=True, timeout=120,
                          env=cli_env(home, db), stdin=subprocess.DEVNULL)


def test_drill_list_shows_the_record_and_filters(tmp_path, cli_db):
    import json

    from flashdeck.services.context import open_context
    from flashdeck.store import drills as store

    home = tmp_path / "home"
    assert _cli(home, "drill", "list", db=cli_db).returncode == 0  # creates the home and its database
    assert (home / "flashdeck.sqlite3").exists() == (cli_db is None)
    ctx = open_context(home, cli_db)
    try:
        with ctx.db.write() as session:
            done = store.create(session, "gelu", "", T0)
            store.finish(session, done.id, T0 + timedelta(minutes=3, seconds=7), passed=True,
                         gave_up=False, quality=4, review_log_id=None)
            store.create(session, "gelu", "", T0 + timedelta(days=1))
    finally:
        ctx.close()

    rows = {r["id"]: r for r in json.loads(_cli(home, "drill", "list", "--json", db=cli_db).stdout)}
    assert rows["gelu"]["attempts"] == 2 and rows["gelu"]["best_seconds"] == 187
    assert rows["gelu"]["last"] == "in progress"
    assert rows["softmax"]["attempts"] == 0 and rows["softmax"]["best_seconds"] is None
    table = _cli(home, "drill", "list", db=cli_db).stdout
    gelu = next(line for line in table.splitlines() if line.startswith("gelu "))
    assert "3:07" in gelu and "in progress" in gelu

    hard = json.loads(_cli(home, "drill", "list", "--difficulty", "hard", "--json", db=cli_db).stdout)
    assert hard and {r["difficulty"] for r in hard} == {"hard"}
    under = json.loads(_cli(home, "drill", "list", "--topic", "transformer", "--json", db=cli_db).stdout)
    assert under and all(any(t.startswith("transformer.") for t in r["topics"]) for r in under)
    assert len(under) < len(rows)
    unknown = _cli(home, "drill", "list", "--topic", "nope", db=cli_db)
    assert unknown.returncode == 2 and "no drill has topic 'nope'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    bad = _cli(home, "drill", "list", "--difficulty", "insane", db=cli_db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
