"""A damaged database is named, never replaced: real faults in real files, the CLI as a
subprocess and the TUI in a pseudo-terminal.

One collection (a generated user deck of 2,000 cards, synced by `flashdeck decks list`, then
cards graded) is built once per module; every test works on its own copy.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Terminal, flashdeck_command, terminal_env

RESTORE = "flashdeck db restore --latest"
GRADED = 25


def flashdeck(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    env.pop("FLASHDECK_DB", None)
    return subprocess.run([*flashdeck_command(), *args], capture_output=True, text=True, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def counts(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0])


@pytest.fixture(scope="module")
def collection(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("collection") / "home"
    (home / "decks").mkdir(parents=True)
    lines = ["id: big", "title: A big deck", "description: generated for the damage tests", "cards:"]
    for c in range(2000):
        lines += [f"  - id: c{c}", "    kind: concept", "    topics: [transformer.attention]",
                  "    front: " + json.dumps(f"Question {c}: why scale the attention scores? " + "q" * 120),
                  "    back: " + json.dumps(f"Answer {c}: to keep their variance near one. " + "a" * 120)]
    (home / "decks" / "big.yaml").write_text("\n".join(lines) + "\n")
    synced = flashdeck("decks", "list", home=home)  # the sync, and the day's automatic backup
    assert synced.returncode == 0, synced.stderr
    grader = ("import sys\nfrom pathlib import Path\nfrom flashdeck.services.context import open_context\n"
              "from flashdeck.services.study import StudySession\n"
              "ctx = open_context(Path(sys.argv[1]))\nsession = StudySession(ctx, ['big'])\n"
              f"for q in [4, 5, 2, 3, 1] * {GRADED // 5}:\n    session.grade(q)\nctx.close()\n")
    subprocess.run([sys.executable, "-c", grader, str(home)], check=True, timeout=120)
    path = home / "flashdeck.sqlite3"
    assert path.stat().st_size > 1_000_000  # many pages: the middle is table data, not the schema
    assert counts(path)[1] == GRADED
    return home


@pytest.fixture
def home(collection, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(collection, copy)
    return copy


def damage_middle(path: Path) -> None:
    """64 KB of garbage over the middle of the file (as a bad disk sector or a stray write)."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 - 32 * 1024)
        f.write(random.Random(13).randbytes(64 * 1024))


def still_damaged(path: Path) -> bool:
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(size // 2 - 32 * 1024)
        return f.read(64 * 1024) == random.Random(13).randbytes(64 * 1024)


def assert_named(text: str, path: Path, reason: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert "Traceback" not in text, text[-2000:]
    assert len(lines) == 1, text[-2000:]
    assert str(path) in lines[0] and reason in lines[0] and RESTORE in lines[0], lines[0]
    assert "newest backup: " in lines[0], lines[0]


@pytest.mark.parametrize("args", [["stats"], ["stats", "--json"], ["decks", "list"], ["export", "anki", "OUT"]])
def test_damaged_pages_are_named_by_every_command(home, args):
    path = home / "flashdeck.sqlite3"
    damage_middle(path)
    args = [str(home.parent / "out.apkg") if a == "OUT" else a for a in args]
    result = flashdeck(*args, home=home)
    assert result.returncode == 1
    assert_named(result.stdout + result.stderr, path, "malformed")
    assert still_damaged(path)  # named, not repaired or replaced
    assert not (home.parent / "out.apkg").exists()


@pytest.mark.parametrize("args", [["review"], ["review", "--deck", "big"], []])
def test_damaged_pages_end_the_tui_with_the_line_and_exit_1(home, args):
    path = home / "flashdeck.sqlite3"
    damage_middle(path)
    with Terminal([*flashdeck_command(), *args], terminal_env(home)) as term:
        code = term.wait(60)
    assert code == 1
    assert_named(term.text(), path, "malformed")


@pytest.mark.parametrize("args", [["stats"], ["decks", "list"], ["export", "anki", "OUT"], ["review"]])
def test_empty_file_is_damaged_not_new(home, args):
    path = home / "flashdeck.sqlite3"
    path.write_bytes(b"")
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    args = [str(home.parent / "out.apkg") if a == "OUT" else a for a in args]
    if args == ["review"]:
        with Terminal([*flashdeck_command(), *args], terminal_env(home)) as term:
            code = term.wait(60)
        text = term.text()
    else:
        result = flashdeck(*args, home=home)
        code, text = result.returncode, result.stdout + result.stderr
    assert code == 1
    assert_named(text, path, "empty (0 bytes)")
    assert path.stat().st_size == 0  # not replaced by a fresh empty database


def test_a_foreign_file_is_damaged_not_new(home):
    path = home / "flashdeck.sqlite3"
    path.write_text("my shopping list\n" * 500)
    result = flashdeck("decks", "list", home=home)
    assert result.returncode == 1
    assert_named(result.stderr, path, "not a flashdeck database")
    assert path.read_text() == "my shopping list\n" * 500

    other = sqlite3.connect(path.with_name("other.sqlite3"))
    other.execute("CREATE TABLE recipes (name)")
    other.commit()
    other.close()
    path.unlink()
    path.with_name("other.sqlite3").rename(path)
    result = flashdeck("stats", home=home)
    assert result.returncode == 1
    assert_named(result.stderr, path, "another program")
    with sqlite3.connect(path) as conn:  # no flashdeck tables were added to it
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == {"recipes"}


def test_missing_file_is_a_new_database(tmp_path):
    home = tmp_path / "home"
    result = flashdeck("decks", "list", home=home)
    assert result.returncode == 0, result.stderr
    assert counts(home / "flashdeck.sqlite3")[1] == 0


def test_backup_damage_restore_round_trip(home):
    path = home / "flashdeck.sqlite3"
    original = counts(path)
    made = flashdeck("db", "backup", home=home)
    assert made.returncode == 0, made.stderr
    damage_middle(path)
    checked = flashdeck("db", "check", home=home)
    assert checked.returncode == 1 and RESTORE in checked.stderr and "Traceback" not in checked.stderr

    restored = flashdeck("db", "restore", "--latest", "--yes", home=home)
    assert restored.returncode == 0, restored.stderr
    assert "moved aside" in restored.stdout  # the damaged file is kept, as it was

    checked = flashdeck("db", "check", home=home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "integrity_check and foreign_key_check found nothing wrong" in checked.stdout
    assert counts(path) == original
    assert flashdeck("stats", home=home).returncode == 0
    damaged = list((home / "backups").glob("damaged-*"))
    assert len(damaged) == 1


def test_restore_refuses_a_damaged_backup_and_changes_nothing(home):
    path = home / "flashdeck.sqlite3"
    backup = home.parent / "bad-backup.sqlite3"
    shutil.copy(path, backup)
    damage_middle(backup)
    before = path.read_bytes()
    result = flashdeck("db", "restore", str(backup), "--yes", home=home)
    assert result.returncode == 1 and "damaged too" in result.stderr
    assert path.read_bytes() == before


def test_restore_asks_first(home):
    path = home / "flashdeck.sqlite3"
    before = path.read_bytes()
    env = {**os.environ, "FLASHDECK_HOME": str(home)}
    env.pop("FLASHDECK_DB", None)
    result = subprocess.run([*flashdeck_command(), "db", "restore", "--latest"], input="n\n", capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 1 and "Replace" in result.stderr
    assert path.read_bytes() == before
    assert not list((home / "backups").glob("*before-restore*"))
