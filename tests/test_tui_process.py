"""The real TUI process: it starts, draws the first card, and never imports torch."""

from __future__ import annotations

import shutil
from pathlib import Path

from terminal import Terminal, flashdeck_command, terminal_env

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def test_review_process_draws_the_first_card_without_importing_torch_or_numpy(tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    probe = tmp_path / "probe.txt"
    term = Terminal([*flashdeck_command(), "review", "--deck", "alpha"],
                    terminal_env(home, FLASHDECK_FIRST_CARD_PROBE=str(probe)))
    try:
        assert term.wait() == 0
    finally:
        if term.proc.poll() is None:
            term.kill()
    drawn_at, *modules = probe.read_text().split()
    assert float(drawn_at) > 0
    assert "flashdeck.tui.screens.review" in modules  # the probe really ran in the review
    heavy = [m for m in modules if m.split(".")[0] in {"torch", "numpy", "sympy"}]
    assert heavy == []
    assert "attention" in term.text()  # the first card (a1) was on screen
