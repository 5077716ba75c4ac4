"""Several machines on one collection (issue 19): two real processes grading the same cards at
once against one database lose no grade and never corrupt a card's state; an undo in one
flashdeck never undoes the other's grade. Run on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store import memory as memory_store
from flashdeck.store.models import (
    CalibrationSumsRow,
    CardMemoryRow,
    CardStateRow,
    ReviewDayRow,
    ReviewLogRow,
)
from flashdeck.store.study import StaleUndo


@pytest.fixture(params=["sqlite", "postgresql", "postgresql-repeatable-read"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    url = request.getfixturevalue("pg_url")
    if request.param == "postgresql-repeatable-read":
        # a server whose default isolation is not READ COMMITTED (a managed one may be set so):
        # flashdeck's own connections must still see the writer before them after the lock
        import psycopg

        server = request.getfixturevalue("pg_server")
        name = url.split("@/")[1].split("?")[0]
        with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user="postgres", autocommit=True) as c:
            c.execute(f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = 'repeatable read'")
    return url


@pytest.fixture
def make_ctx(backend_make_ctx):
    return backend_make_ctx


# A machine: opens the collection, says it is ready, waits for the go file (so both grade at
# the same time), then grades every card of the fixture decks `rounds` times in its own order,
# each grade its own transaction through the same call the review screen makes. Its clock runs
# a day per real millisecond from the go file's time, the same on both machines, and is read
# once the transaction holds the write lock: the log's order is then the order of its times (a
# replay agrees), and a card's grades are days apart, so most are predicted and counted in the
# calibration sums, which both machines update.
MACHINE = textwrap.dedent("""
    import random, sys, time
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from flashdeck.services.context import open_context
    from flashdeck.store import study as store
    from sqlalchemy import select
    from flashdeck.store.models import CardRow

    home, url, decks_dir, go, seed, rounds = sys.argv[1:7]
    start, began = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), [None]
    clock = lambda: start + timedelta(days=(time.time() - (began[0] or time.time())) * 1000)
    ctx = open_context(Path(home), db_url=url, bundled_decks=Path(decks_dir), bundled_drills=Path(home) / "none",
                       clock=clock)
    with ctx.db.read() as session:
        cards = list(session.scalars(select(CardRow.id).where(CardRow.retired.is_(False))))
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    began[0] = Path(go).stat().st_mtime
    pick = random.Random(int(seed))
    graded = 0
    for _ in range(int(rounds)):
        pick.shuffle(cards)
        for card_id in cards:
            with ctx.db.write() as session:
                session.execute(select(1))  # the write lock first, then the time
                store.grade(session, card_id, pick.choice([1, 3, 4, 5]), ctx.today(), ctx.now_utc(), 5,
                            leech_threshold=ctx.settings.leech_threshold, fsrs=ctx.fsrs_choice())
            graded += 1
    ctx.close()
    print("graded", graded, flush=True)
""")

STATE = ("repetitions", "easiness_pct", "interval", "due", "needs_extra_review", "lapses", "introduced_on")
LOG_BEFORE = ("reps_before", "ease_before", "interval_before", "due_before", "extra_before", "lapses_before",
              "introduced_before")
LOG_AFTER = ("reps_after", "ease_after", "interval_after", "due_after", "extra_after")


def test_two_processes_grading_the_same_cards_lose_nothing(db_url, tmp_path, base_make_ctx, decks_dir):
    ctx = base_make_ctx(db_url=db_url)
    decks.sync(ctx)
    with ctx.db.read() as session:
        cards = session.scalar(select(func.count()).select_from(CardStateRow))
    go, rounds = tmp_path / "go", 6
    machines = [subprocess.Popen([sys.executable, "-c", MACHINE, str(tmp_path / f"home{n}"), db_url, str(decks_dir),
                                  str(go), str(n), str(rounds)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for n in (1, 2)]
    for machine in machines:
        assert machine.stdout.readline().strip() == "ready", machine.stderr.read()
    go.touch()
    for machine in machines:
        out, err = machine.communicate(timeout=180)
        assert machine.returncode == 0, err
        assert out.split() == ["graded", str(cards * rounds)]

    with ctx.db.read() as session:
        logs = session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        states = {row.card_id: row for row in session.scalars(select(CardStateRow))}
        memory = {row.card_id: row.reviews for row in session.scalars(select(CardMemoryRow))}
        calibrated = session.scalar(select(func.sum(CalibrationSumsRow.reviews)))
    assert len(logs) == 2 * cards * rounds  # every grade of both machines is in the log
    by_card: dict[int, list[ReviewLogRow]] = {}
    for log in logs:
        by_card.setdefault(log.card_id, []).append(log)
    assert len(by_card) == cards
    for card_id, chain in by_card.items():
        # each grade started from the state the grade before it left: none read a stale card
        for before, after in pairwise(chain):
            assert [getattr(after, name) for name in LOG_BEFORE[:5]] == [getattr(before, name) for name in LOG_AFTER]
        last, state = chain[-1], states[card_id]
        assert (state.repetitions, state.easiness_pct, state.interval, state.due, state.needs_extra_review) == \
            tuple(getattr(last, name) for name in LOG_AFTER)
        assert memory[card_id] == len(chain)
    assert calibrated > 0  # reviews were predicted: both machines updated the calibration sums
    # the per-day counts the statistics read (kept by triggers) agree with the log
    with ctx.db.read() as session:
        days = dict(session.execute(select(ReviewDayRow.study_day, ReviewDayRow.reviews)).all())
    by_day: dict = {}
    for log in logs:
        by_day[log.study_day] = by_day.get(log.study_day, 0) + 1
    assert days == by_day

    # the memory kept grade by grade is the one a replay of the whole log gives
    with ctx.db.read() as session:
        kept = _memory_rows(session)
    with ctx.db.write() as session:
        memory_store.rebuild_all(session, memory_store.model_for(session))
    with ctx.db.read() as session:
        assert _memory_rows(session) == kept


def _memory_rows(session):
    memory = [(r.card_id, r.stability, r.difficulty, r.state, r.step, r.last_review_ts, r.reviews)
              for r in session.scalars(select(CardMemoryRow).order_by(CardMemoryRow.card_id))]
    sums = [(r.fsrs_bin, r.sm2_bin, r.reviews, r.fsrs, r.sm2, r.recalled, r.fsrs_loss, r.sm2_loss)
            for r in session.scalars(select(CalibrationSumsRow).order_by(CalibrationSumsRow.fsrs_bin,
                                                                          CalibrationSumsRow.sm2_bin))]
    return memory, sums


def _state(ctx, card_id):
    with ctx.db.read() as session:
        row = session.get(CardStateRow, card_id)
        return tuple(getattr(row, name) for name in STATE)


def test_undo_in_one_flashdeck_never_undoes_the_others_grade(make_ctx, clock):
    laptop = make_ctx()
    decks.sync(laptop)
    desktop = make_ctx()
    here, there = StudySession(laptop, ["alpha"]), StudySession(desktop, ["alpha"])
    card = here.current.id
    assert there.current.id == card  # both start on the same new card
    untouched = _state(laptop, card)
    here.grade(4)
    graded_here = _state(desktop, card)
    there.grade(2)  # the desktop grades it too, after the laptop
    graded_there = _state(laptop, card)
    assert graded_there != graded_here
    with pytest.raises(StaleUndo):
        here.undo()  # would put the card back before the desktop's grade: refused
    assert _state(desktop, card) == graded_there
    assert there.undo() == "grade"  # the desktop's own undo takes back its grade only
    assert _state(laptop, card) == graded_here
    assert here.undo() == "grade"  # and now the laptop's is the newest again
    assert _state(desktop, card) == untouched
    with laptop.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ReviewLogRow)) == 0


def test_an_undo_takes_back_only_its_own_card(make_ctx):
    laptop = make_ctx()
    decks.sync(laptop)
    desktop = make_ctx()
    here = StudySession(laptop, ["alpha"])
    mine = here.current.id
    here.grade(5)
    there = StudySession(desktop, ["alpha"])  # built after: the laptop's card is no longer new
    theirs = there.current.id
    assert theirs != mine
    there.grade(3)
    their_state = _state(laptop, theirs)
    here.undo()
    assert _state(desktop, theirs) == their_state
    with desktop.db.read() as session:
        assert [row.card_id for row in session.scalars(select(ReviewLogRow))] == [theirs]


OPEN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from flashdeck.services.context import open_context

    home, url, go = sys.argv[1:4]
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    open_context(Path(home), db_url=url, bundled_drills=Path(home) / "none").close()
    print("opened", flush=True)
""")


def test_two_machines_opening_a_new_database_at_once_both_get_it(db_url, tmp_path, base_make_ctx):
    go = tmp_path / "go"
    machines = [subprocess.Popen([sys.executable, "-c", OPEN, str(tmp_path / f"home{n}"), db_url, str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2, 3)]
    for machine in machines:
        assert machine.stdout.readline().strip() == "ready", machine.stderr.read()
    go.touch()  # all three find no schema, and migrate it at once: one does, the others wait
    for machine in machines:
        out, err = machine.communicate(timeout=120)
        assert (machine.returncode, out.strip(), err) == (0, "opened", "")
    ctx = base_make_ctx(db_url=db_url)
    decks.sync(ctx)
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(CardStateRow)) > 0
