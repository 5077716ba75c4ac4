"""Backups with SQLite's online backup API: daily at the end of a session, kept to N, checked
before they count; a damaged database met inside the TUI; a TUI crash exits non-zero."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from terminal import Terminal, flashdeck_command, terminal_env

from flashdeck.services import backups
from flashdeck.services.study import StudySession
from flashdeck.tui.app import FlashdeckApp

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def flashdeck(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    env.pop("FLASHDECK_DB", None)
    return subprocess.run([*flashdeck_command(), *args], capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "alpha.yaml", home / "decks")
    return home


def test_a_writing_command_makes_the_days_backup_once(home):
    assert flashdeck("decks", "list", home=home).returncode == 0
    first = backups.list_backups(home / "backups")
    assert len(first) == 1 and first[0].why is None
    assert flashdeck("decks", "list", home=home).returncode == 0
    assert backups.list_backups(home / "backups") == first  # today's exists: none more
    with sqlite3.connect(first[0].path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert conn.execute("SELECT COUNT(*) FROM cards WHERE deck_id = 'alpha'").fetchone()[0] > 0
    assert not list((home / "backups").glob("*.partial")) and not list((home / "backups").glob("*-wal"))


def test_daily_backup_waits_for_the_next_day(tmp_path, ctx):
    db_path = Path(ctx.db.engine.url.database)
    folder = tmp_path / "backups"
    day1, later, day2 = datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 23, 59), datetime(2026, 3, 3, 0, 1)
    assert backups.daily_backup(db_path, folder, 10, now=lambda: day1) is not None
    assert backups.daily_backup(db_path, folder, 10, now=lambda: later) is None
    assert backups.daily_backup(db_path, folder, 10, now=lambda: day2) is not None
    assert [b.taken.date() for b in backups.list_backups(folder)] == [day1.date(), day2.date()]


def test_backups_are_kept_to_the_configured_number(home):
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text("[backup]\nkeep_last = 3\n")
    assert flashdeck("decks", "list", home=home).returncode == 0  # the database, and the day's backup
    made = []
    for _ in range(5):
        result = flashdeck("db", "backup", home=home)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.split(" to ")[1].split(" (")[0])
    kept = [str(b.path) for b in backups.list_backups(home / "backups")]
    assert kept == made[-3:]
    assert "backup.keep_last" in flashdeck("config", "show", home=home).stdout


def test_names_sort_by_age_and_a_backup_of_a_damaged_database_is_not_kept(tmp_path, ctx):
    db_path = Path(ctx.db.engine.url.database)
    folder = tmp_path / "backups"
    good = backups.make_backup(db_path, folder, 10, now=lambda: datetime(2026, 3, 1, 9, 0, 0, 5000))
    ctx.db.close()  # the WAL folded into the file, to damage its pages
    with sqlite3.connect(db_path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cards'").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with db_path.open("r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\xff" * page)
    with pytest.raises(backups.DatabaseDamaged):
        backups.daily_backup(db_path, folder, 1, now=lambda: datetime(2026, 3, 2, 9))
    # the good backup is still there (a damaged copy never prunes it) and no half-written file
    assert [b.path for b in backups.list_backups(folder)] == [good]
    assert sorted(p.name for p in folder.iterdir()) == [good.name]


async def test_damage_met_inside_the_tui_ends_it_without_a_traceback(ctx):
    session = StudySession(ctx)
    for q in (5, 4, 3):
        session.grade(q)
    db_path = Path(ctx.db.engine.url.database)
    ctx.db.engine.dispose()  # the WAL folded in; the app's connections read the damaged file
    with sqlite3.connect(db_path) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with db_path.open("r+b") as f:  # every page but the first (the schema) overwritten
        f.seek(page)
        f.write(b"\xee" * (db_path.stat().st_size - page))
    app = FlashdeckApp(ctx)
    # the home screen reads the decks and today's figures: the app ends by itself
    await asyncio.wait_for(app.run_async(headless=True, size=(100, 30)), timeout=60)
    assert app.return_code == 1
    assert app.database_damage is not None and "malformed" in app.database_damage
    assert not app._exit_renderables  # no traceback printed at exit


CRASH = textwrap.dedent(
    """
    import sys
    from flashdeck.tui.screens import home

    def boom(self):
        raise RuntimeError("a bug in a screen")

    home.HomeScreen.on_mount = boom
    from flashdeck.cli import main
    main([])
    """
)


def test_a_crash_of_the_tui_exits_non_zero(home, tmp_path):
    script = tmp_path / "crash.py"
    script.write_text(CRASH)
    assert flashdeck("decks", "list", home=home).returncode == 0
    python = Path(flashdeck_command()[0]).with_name("python")
    with Terminal([str(python) if python.exists() else "python", str(script)], terminal_env(home)) as term:
        code = term.wait(60)
    assert code == 1
    assert "a bug in a screen" in term.text()


def test_db_check_reports_counts_and_schema(ctx, tmp_path):
    report = backups.check(Path(ctx.db.engine.url.database))
    assert report.ok and report.revision == report.head
    assert report.counts["cards"] > 0 and report.counts["review_log"] == 0
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert backups.check(empty).problems == ["the file is empty (0 bytes)"]

