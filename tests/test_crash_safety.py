"""kill -9 in the middle of a real terminal session loses no grade the screen moved past."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from terminal import Terminal, flashdeck_command, terminal_env

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def test_kill_9_mid_session_keeps_every_grade_already_passed(tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    term = Terminal([*flashdeck_command(), "review", "--deck", "alpha"], terminal_env(home))
    try:
        term.read_until(r"0 done")
        for done, grade in ((1, "5"), (2, "4"), (3, "1")):
            term.send("\r")  # Enter reveals every kind; an empty formula box reveals too
            term.read_until(r"perfect")
            term.raw = b""
            term.send(grade)
            term.read_until(rf"{done} done")  # the screen has moved past this grade
        term.send("\r")  # reveal the 4th card, then die before grading it
        time.sleep(0.3)
    finally:
        term.kill()
    with sqlite3.connect(home / "flashdeck.sqlite3") as conn:
        grades = [q for (q,) in conn.execute("SELECT quality FROM review_log ORDER BY id")]
    assert grades == [5, 4, 1]
