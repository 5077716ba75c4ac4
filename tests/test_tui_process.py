"""The real TUI process: it starts, draws the first card, and never imports torch."""

from __future__ import annotations

import shutil
from pathlib import Path

from terminal import Terminal, flashdeck_command, run_to_first_screen, terminal_env

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def test_review_process_draws_the_first_card_without_importing_torch_or_numpy(tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    drawn_at, modules, text = run_to_first_screen([*flashdeck_command(), "review", "--deck", "alpha"], home,
                                                  tmp_path / "probe.txt")
    assert drawn_at > 0
    assert "flashdeck.tui.screens.review" in modules  # the probe really ran in the review
    heavy = [m for m in modules if m.split(".")[0] in {"torch", "numpy", "sympy"}]
    assert heavy == []
    assert "attention" in text  # the first card (a1) was on screen


def test_second_start_draws_the_first_card_before_importing_sqlalchemy_and_grades_land(tmp_path):
    import sqlite3
    import subprocess

    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    env = terminal_env(home)
    subprocess.run([*flashdeck_command(), "decks", "list"], env=env, check=True, capture_output=True)  # the database
    _, modules, text = run_to_first_screen([*flashdeck_command(), "review", "--deck", "alpha"], home,
                                           tmp_path / "probe.txt")
    assert "flashdeck.tui.screens.review" in modules
    assert [m for m in modules if m.split(".")[0] == "sqlalchemy"] == []  # the quick start was taken
    assert "attention" in text

    with Terminal([*flashdeck_command(), "review", "--deck", "alpha"], env) as term:  # grade at once, as a learner might
        term.read_until(r"0 done")
        term.send(" ")
        term.read_until(r"perfect")
        term.send("5")
        term.read_until(r"1 done")
        term.send("q")
        assert term.wait() == 0
    with sqlite3.connect(home / "flashdeck.sqlite3") as conn:
        assert [q for (q,) in conn.execute("SELECT quality FROM review_log")] == [5]
