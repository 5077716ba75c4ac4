"""Every command, given bad values, ends in one clear line: no traceback, a non-zero exit (2 for
a usage error), and nothing made where it should not be. The CLI runs as a subprocess."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from flashdeck.cli import main
from tests.test_cli import SCRIPT

# The least each command needs to get past click to its own work.
NEEDS = {
    "db backup": [], "db restore": ["--latest"], "decks validate": ["x.yaml"],
    "drill check": ["softmax", "x.py"], "drill history": ["softmax"], "drill show": ["softmax"],
    "drill start": ["softmax"], "drill watch": ["softmax", "x.py"], "export anki": ["out.apkg"],
    "interview set": ["2099-01-01"],
}


def _commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    found = [prefix] if prefix and group.invoke_without_command else []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = [" ".join(words) for words in [(), *_commands()]]
NO_FOLDER = "/nonexistent-flashdeck-test"  # fixed: xdist workers must collect the same ids

# (arguments, environment, exit code, what the line says)
TABLE = [
    (["--db", "bogus", "stats"], {}, 2, "not a database URL: 'bogus'"),
    (["--db", "bogus://x", "stats"], {}, 2, "unsupported database 'bogus'"),
    (["--db", "mysql://u@h/x", "decks", "list"], {}, 2, "unsupported database 'mysql'"),
    (["--db", "postgresql+nodriver://u@h/x", "stats"], {}, 2, "unknown driver 'nodriver'"),
    (["--db", "postgresql+asyncpg://u@h/x", "stats"], {}, 2, "asyncio driver"),
    (["--db", "sqlite://", "review"], {}, 2, "names no file"),
    (["--db", f"sqlite:///{NO_FOLDER}/dir/x.db", "stats"], {}, 2, f"the folder {NO_FOLDER}/dir does not exist"),
    (["--db", f"sqlite:///{NO_FOLDER}/x.db", "decks", "list"], {}, 2, "does not exist"),
    (["mock", "--seed", "-5"], {}, 2, "-5 is not in the range"),
    (["mock", "--seed", "abc"], {}, 2, "'abc' is not a valid integer"),
    (["mock", "--minutes", "0"], {}, 2, "0 is not in the range"),
    (["mock", "--questions", "-1"], {}, 2, "-1 is not in the range"),
    (["mock", "--topics", "no-such-topic"], {}, 2, "no-such-topic"),
    (["review", "--deck", "no-such-deck"], {}, 2, "unknown deck 'no-such-deck'"),
    (["review", "--topics", "no-such-topic"], {}, 2, "no-such-topic"),
    (["export", "anki", "out.apkg", "--deck", "no-such-deck"], {}, 2, "no-such-deck"),
    (["drill", "show", "softmax", "--hints", "-1"], {}, 2, "-1 is not in the range"),
    (["drill", "show", "no-such-drill"], {}, 2, "no-such-drill"),
    (["drill", "start", "no-such-drill"], {}, 2, "no-such-drill"),
    (["drill", "history", "no-such-drill"], {}, 2, "no-such-drill"),
    (["drill", "history", "softmax", "--show", "0"], {}, 2, "0 is not in the range"),
    (["drill", "check", "softmax", "x.py", "--seed", "-1"], {}, 2, "-1 is not in the range"),
    (["drill", "check", "softmax", "x.py", "--time-limit", "-1"], {}, 2, "--time-limit must be a number of seconds"),
    (["drill", "check", "softmax", "x.py", "--time-limit", "nan"], {}, 2, "--time-limit must be a number of seconds"),
    (["drill", "check", "softmax", "x.py", "--time-limit", "abc"], {}, 2, "'abc' is not a valid float"),
    (["drill", "check", "softmax", "no-such-file.py"], {}, None, "no-such-file.py"),
    (["decks", "validate", "no-such-file.yaml"], {}, None, "no-such-file.yaml"),
    (["db", "restore", "no-such-backup.sqlite3"], {}, None, "no-such-backup.sqlite3"),
    (["export", "anki", f"{NO_FOLDER}/out.apkg"], {}, None, NO_FOLDER),
    (["stats"], {"FLASHDECK_DB": "bogus"}, 2, "not a database URL"),
    (["stats"], {"FLASHDECK_DB": "postgresql+pg8000://u@localhost/x"}, 2, "pip install 'pg8000'"),
]


def _run(args: list[str], home: Path, env: dict | None = None):
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "flashdeck"]
    full_env = {k: v for k, v in os.environ.items() if k != "FLASHDECK_DB"}
    result = subprocess.run([*command, *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={**full_env, "FLASHDECK_HOME": str(home), **(env or {})})
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


@pytest.mark.parametrize(("args", "env", "code", "says"), TABLE, ids=[" ".join([*(f"{k}={v}" for k, v in row[1].items()), *row[0]]) for row in TABLE])
def test_bad_value_is_one_line(tmp_path, monkeypatch, args, env, code, says):
    if "pg8000" in str(env) and importlib.util.find_spec("pg8000") is not None:
        pytest.skip("pg8000 is installed here: the missing-driver line cannot be shown")
    home = tmp_path / "home"
    (tmp_path / "x.py").write_text("def softmax(x):\n    return x\n")
    monkeypatch.chdir(tmp_path)
    result = _run(args, home, env)
    assert result.returncode != 0
    if code is not None:
        assert result.returncode == code, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert errors and says in errors[-1], result.stderr
    assert not Path(NO_FOLDER).exists()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "(home screen)")
def test_every_command_refuses_a_bad_db_url_before_any_work(tmp_path, command):
    words = command.split()
    result = _run(["--db", "not a url", *words, *NEEDS.get(command, [])], tmp_path / "home")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: --db: not a database URL"), result.stderr
    assert not (tmp_path / "home" / "flashdeck.sqlite3").exists()


def test_every_command_gets_its_required_arguments():
    # a new command is run above with --db bogus; NEEDS gives it what click requires first
    assert {"", "mock", "drill check", "export anki", "db restore"} <= set(COMMANDS)
    ctx = click.Context(main)
    for command in COMMANDS:
        leaf = main
        for word in command.split():
            leaf = leaf.get_command(ctx, word)
        required = [p for p in leaf.params if isinstance(p, click.Argument) and p.required]
        assert len(required) <= len(NEEDS.get(command, [])), f"{command!r}: add its arguments to NEEDS"


@pytest.mark.parametrize("folder", ["x?mode=ro", "a%41b", "sp ace#hash"])
def test_any_folder_name_keeps_the_database_inside_the_home(tmp_path, folder):
    home = tmp_path / folder
    result = _run(["--home", str(home), "stats"], home)
    assert result.returncode == 0, result.stderr
    assert (home / "flashdeck.sqlite3").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # nothing beside it (tmp/x, tmp/aAb)


def test_a_db_folder_inside_the_home_is_made(tmp_path):
    home = tmp_path / "home"
    result = _run(["--db", f"sqlite:///{home}/sub/dir/x.db", "stats"], home)
    assert result.returncode == 0, result.stderr
    assert (home / "sub" / "dir" / "x.db").is_file()
