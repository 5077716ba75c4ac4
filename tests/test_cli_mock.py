"""`flashdeck mock` and `flashdeck mock history`, run as a learner types them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from terminal import Terminal, flashdeck_command, run_to_first_screen, terminal_env
from test_cli import flashdeck

from flashdeck.services import decks
from flashdeck.services import mock as mock_service
from flashdeck.services.context import open_context
from flashdeck.services.mock import MockRun



def finished_mock(home: Path, grades: list[int], when: datetime, db: str | None = None) -> int:
    clock = FakeClock(when)
    ctx = open_context(home, db, clock=clock)
    try:
        decks.sync(ctx)
        plan = mock_service.make_plan(ctx, 10, seed=4, topics=["transformer.attention", "transformer.architecture"])
        run = MockRun.start(ctx, plan)
        for _ in run.answers:
            clock.advance(seconds=45)
            run.lock_current()
        for position, grade in enumerate(grades):
            run.confirm(position, grade)
        run.finish()
        return run.id
    finally:
        ctx.close()


def test_history_json_and_table_list_the_sessions(home, cli_db):
    first = finished_mock(home, [5, 5, 0], datetime(2026, 3, 2, 9, 0).astimezone(), cli_db)
    second = finished_mock(home, [5, 5, 5], datetime(2026, 3, 3, 9, 0).astimezone(), cli_db)
    result = flashdeck("mock", "history", "--json", home=home, db=cli_db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [second, first]
    assert rows[0]["score"] == 100.0 and rows[1]["score"] == pytest.approx(66.7)
    assert rows[1]["started_at"].startswith("2026-03-02T09:00") and rows[1]["minutes"] == 10
    assert set(rows[1]["topics"]) & {"transformer.attention", "transformer.architecture"}
    assert rows[0]["state"] == "finished" and rows[0]["questions"] == 3
    table = flashdeck("mock", "history", home=home, db=cli_db)
    assert table.returncode == 0 and "2026-03-02 09:00" in table.stdout and "66.7%" in table.stdout


def test_history_when_empty_and_bad_choices_are_one_line_errors(home, cli_db):
    empty = flashdeck("mock", "history", "--json", home=home, db=cli_db)
    assert empty.returncode == 0 and json.loads(empty.stdout) == []
    assert "No mock interviews yet" in flashdeck("mock", "history", home=home, db=cli_db).stdout
    bad = flashdeck("mock", "--topics", "transformer.atention", home=home, db=cli_db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines() == ["Error: unknown topic 'transformer.atention' — did you mean 'transformer.attention'?"]
    crowded = flashdeck("mock", "--minutes", "1", "--questions", "3", home=home, db=cli_db)
    assert crowded.returncode == 1 and "under 30 s" in crowded.stderr
    for args in (["mock", "--help"], ["mock", "history", "--help"]):
        result = flashdeck(*args, home=home)
        assert result.returncode == 0 and "Usage: flashdeck mock" in result.stdout


def test_the_real_process_runs_a_mock_and_keeps_the_answer(home, cli_db):
    term = Terminal([*flashdeck_command(), "mock", "--minutes", "10", "--seed", "3", "--topics",
                     "transformer.attention,transformer.architecture"], terminal_env(home, cli_db))
    try:
        term.read_until("Enter.*start the clock")
        term.send("\r")
        term.read_until(r"Question 1/\d")
        term.send("my typed answer")
        term.read_until("my typed answer")
        term.send("\x11")  # ctrl+q: as if the terminal closed
        assert term.wait() == 0
    finally:
        if term.proc.poll() is None:
            term.kill()
    rows = json.loads(flashdeck("mock", "history", "--json", home=home, db=cli_db).stdout)
    assert len(rows) == 1 and rows[0]["state"] == "running"
    assert (home / "flashdeck.sqlite3").exists() == (cli_db is None)
    ctx = open_context(home, cli_db)
    try:
        (kept, *_) = mock_service.answers_of(ctx, rows[0]["id"])
        assert kept.answer == "my typed answer"
    finally:
        ctx.close()


def test_the_mock_process_imports_no_torch_numpy_or_sympy(home, tmp_path):
    _, modules, _ = run_to_first_screen([*flashdeck_command(), "mock", "--minutes", "10"], home, tmp_path / "probe.txt")
    assert "flashdeck.tui.screens.mock" in modules
    assert [m for m in modules if m.split(".")[0] in {"torch", "numpy", "sympy"}] == []
