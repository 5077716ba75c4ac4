"""The CLI run as a subprocess, as a learner types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import cli_env


FIXTURES = Path(__file__).parent / "fixtures" / "decks"
SCRIPT = Path(sys.executable).with_name("flashdeck")


def flashdeck(*args: str, home: Path, db: str | None = None, env: dict | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess:
    """db: the database URL (FLASHDECK_DB), None for the home's SQLite file (the cli_db fixture
    gives one per backend)."""
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "flashdeck"]
    full_env = cli_env(home, db, **(env or {}))
    return subprocess.run([*command, *args], capture_output=True, text=True, env=full_env, timeout=timeout, stdin=subprocess.DEVNULL)


def test_version_and_help(home):
    result = flashdeck("--version", home=home)
    assert result.returncode == 0 and result.stdout.startswith("flashdeck, version ")
    for args in (["--help"], ["review", "--help"], ["decks", "--help"], ["decks", "list", "--help"],
                 ["decks", "validate", "--help"], ["stats", "--help"]):
        result = flashdeck(*args, home=home)
        assert result.returncode == 0 and "Usage: flashdeck" in result.stdout, args


def test_decks_list_json_includes_user_decks(home, cli_db):
    result = flashdeck("decks", "list", "--json", home=home, db=cli_db)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["alpha"] == {"id": "alpha", "title": "Alpha deck", "path": str(home / "decks" / "alpha.yaml"),
                             "cards": 4, "due_today": 0, "new": 4}
    assert all(set(row) == {"id", "title", "path", "cards", "due_today", "new"} for row in rows.values())
    table = flashdeck("decks", "list", home=home, db=cli_db)
    assert table.returncode == 0 and "Alpha deck" in table.stdout and "DUE" in table.stdout
    assert (home / "flashdeck.sqlite3").exists() == (cli_db is None)  # on PostgreSQL, no SQLite file beside it


def test_decks_validate_reports_file_line_and_exits_1(home, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\ndescription: x\ncards:\n  - id: c\n    kind: concept\n    topics: [no.such]\n    front: q\n    back: a\n")
    result = flashdeck("decks", "validate", str(bad), str(FIXTURES / "beta.yaml"), home=home)
    assert result.returncode == 1
    assert result.stdout.strip() == f"{bad}:7: card 'c': unknown topic 'no.such'"
    assert "1 problem(s) in 1 of 2 file(s)." in result.stderr
    good = flashdeck("decks", "validate", str(FIXTURES), home=home)
    assert good.returncode == 0 and good.stdout == "" and "2 deck file(s) OK." in good.stderr


def test_decks_validate_default_checks_bundled_and_user_decks(home):
    (home / "decks" / "broken.yaml").write_text("id: [\n")
    result = flashdeck("decks", "validate", home=home)
    assert result.returncode == 1 and f"{home / 'decks' / 'broken.yaml'}:" in result.stdout


def test_broken_user_deck_warns_but_others_load(home, cli_db):
    (home / "decks" / "broken.yaml").write_text("id: broken\ntitle: [\n")
    result = flashdeck("decks", "list", "--json", home=home, db=cli_db)
    assert result.returncode == 0
    assert f"warning: {home / 'decks' / 'broken.yaml'}:" in result.stderr
    assert "alpha" in {row["id"] for row in json.loads(result.stdout)}


def test_stats_json(home, cli_db):
    result = flashdeck("stats", "--json", home=home, db=cli_db)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"cards_total", "due_today", "new_available", "reviews_total", "reviews_today"} <= set(figures)
    assert figures["reviews_total"] == 0 and figures["cards_total"] >= 4
    plain = flashdeck("stats", home=home, db=cli_db)
    assert plain.returncode == 0 and "Due today" in plain.stdout


def test_unknown_deck_is_a_clear_error(home, cli_db):
    result = flashdeck("review", "--deck", "nope", home=home, db=cli_db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()  # nothing close to 'nope': the known ids instead
    assert line.startswith("Error: unknown deck 'nope' (known: alpha, ") and "transformer" in line


def test_unusable_database_is_one_line(home):
    (home / "flashdeck.sqlite3").write_bytes(b"garbage" * 1000)
    result = flashdeck("stats", "--json", home=home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "corrupt or not a flashdeck database" in result.stderr


def test_db_option_takes_a_url(home, tmp_path):
    other = tmp_path / "elsewhere.sqlite3"
    result = flashdeck("--db", f"sqlite:///{other}", "stats", "--json", home=home)
    assert result.returncode == 0 and other.exists() and not (home / "flashdeck.sqlite3").exists()
