"""`flashdeck fsrs optimize` (issue 18): py-fsrs's optimiser fits the learner's own log in a
child process (the command's own process never imports torch), the parameters are kept in the
collection and every memory is replayed with them; too few reviews keep the defaults."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from flashdeck.domain.memory import MemoryModel, Review
from flashdeck.services import decks
from flashdeck.services import fsrs_fit
from flashdeck.services.context import open_context
from flashdeck.services.study import StudySession
from flashdeck.store import memory as memory_store
from flashdeck.store.models import CardMemoryRow, ReviewLogRow
from test_cli import flashdeck

DEFAULTS = MemoryModel().parameters


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def synthetic_learner(home: Path, days: int, seed: int = 3) -> None:
    """A learner who reviews up to 60 due or new cards a day and forgets faster than FSRS's
    defaults expect (fails a fifth of the reviews a day or more after the one before)."""
    clock, rng = Clock(datetime.now().astimezone() - timedelta(days=days)), random.Random(seed)
    for _ in range(days):
        ctx = open_context(home, clock=clock)
        decks.sync(ctx)
        session, graded = StudySession(ctx), 0
        while session.current is not None and graded < 60:
            clock.now += timedelta(seconds=20)
            session.grade(rng.choice([1, 3, 4, 4, 5]))
            graded += 1
        ctx.close()
        clock.now += timedelta(days=1)


@pytest.fixture(scope="module")
def learner_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("learner") / "home"
    synthetic_learner(home, days=24)
    return home


def test_optimize_fits_stores_and_replays_in_a_child_process(learner_home, tmp_path):
    home = tmp_path / "home"
    subprocess.run(["cp", "-r", str(learner_home), str(home)], check=True)
    probe = textwrap.dedent(f"""
        import sys
        from flashdeck.cli import main
        try:
            main(["--home", {str(home)!r}, "fsrs", "optimize", "--json"], standalone_mode=False)
        finally:
            print("TORCH" if "torch" in sys.modules else "NO-TORCH", file=sys.stderr)
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("NO-TORCH")  # torch only ever loaded in the child
    assert "Optimizing" in done.stderr  # py-fsrs's progress bar, passed through
    result = json.loads(done.stdout)
    assert result["fitted"] and result["scored"] >= fsrs_fit.MIN_SCORED
    assert result["log_loss_after"] < result["log_loss_before"]
    fitted = tuple(result["parameters"])
    assert len(fitted) == 21 and fitted != DEFAULTS

    ctx = open_context(home)
    try:
        with ctx.db.read() as s:
            assert memory_store.fitted_parameters(s) == fitted
            log = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
                            .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
            kept = {row.card_id: row for row in s.scalars(select(CardMemoryRow))}
        model = MemoryModel(fitted)
        for card_id, row in list(kept.items())[:20]:
            memory = model.replay(Review(at, q) for c, at, q in log if c == card_id)
            assert (row.stability, row.difficulty) == (memory.stability, memory.difficulty)
    finally:
        ctx.close()

    shown = flashdeck("fsrs", "show", home=home)
    assert shown.returncode == 0 and shown.stdout.startswith("Fitted to your reviews")
    assert flashdeck("fsrs", "reset", home=home).stdout.startswith("Back to py-fsrs's default")
    assert flashdeck("fsrs", "show", home=home).stdout.startswith("py-fsrs's defaults")


def test_too_few_reviews_keep_the_defaults_without_starting_the_optimiser(home):
    result = flashdeck("fsrs", "optimize", home=home)
    assert result.returncode == 0 and "needs 512" in result.stdout and "Keeping FSRS's defaults" in result.stdout
    assert "Optimizing" not in result.stderr
    data = json.loads(flashdeck("fsrs", "optimize", "--json", home=home).stdout)
    assert data == {**data, "fitted": False, "parameters": None, "reviews": 0, "scored": 0}


def test_without_the_optimizer_extra_one_line_names_it(learner_home, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "pandas.py").write_text("raise ModuleNotFoundError(\"No module named 'pandas'\", name='pandas')\n")
    home = tmp_path / "home"
    subprocess.run(["cp", "-r", str(learner_home), str(home)], check=True)
    result = flashdeck("fsrs", "optimize", home=home,
                       env={"PYTHONPATH": os.pathsep.join([str(blocked), os.environ.get("PYTHONPATH", "")])})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: the optimiser needs py-fsrs's [optimizer] extra (missing pandas): pip install -e \".[optimizer]\"")
    ctx = open_context(home)
    try:
        with ctx.db.read() as s:
            assert memory_store.fitted_parameters(s) is None  # nothing stored
    finally:
        ctx.close()


def test_an_answer_equal_to_the_defaults_is_not_stored_as_fitted(learner_home, tmp_path):
    """py-fsrs returns its defaults when it finds too little to fit on (its own count): that is
    not a fit, and `fsrs show` must not say the parameters were fitted."""
    home = tmp_path / "home"
    subprocess.run(["cp", "-r", str(learner_home), str(home)], check=True)
    ctx = open_context(home)
    try:
        result = fsrs_fit.optimize(ctx, child=lambda lines: json.dumps(list(DEFAULTS)))
        assert result.parameters is None and result.scored >= fsrs_fit.MIN_SCORED
        with ctx.db.read() as s:
            assert memory_store.fitted_parameters(s) is None
    finally:
        ctx.close()


def test_only_each_cards_first_64_reviews_are_counted_as_py_fsrs_counts():
    from flashdeck.domain.calibration import LoggedReview

    start = datetime(2026, 1, 1, 9, 0)
    daily = [LoggedReview(start + timedelta(days=i), 4, 1) for i in range(100)]
    same_day = [LoggedReview(start + timedelta(hours=i), 4, 1) for i in range(5)]
    assert fsrs_fit.scored([daily, same_day]) == 63  # 63 later-day steps among the first 64; none the same day
