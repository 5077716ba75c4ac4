"""README.md's Coding drills section against the drill folders: the table
tools/drill_table.py generates, and the count sentence, cannot drift."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "drill_table.py"

spec = importlib.util.spec_from_file_location("drill_table", SCRIPT)
drill_table = importlib.util.module_from_spec(spec)
spec.loader.exec_module(drill_table)

README_TEXT = (REPO / "README.md").read_text(encoding="utf-8")
FOLDERS = sorted(p.name for p in (REPO / "coding_drills").iterdir() if (p / "meta.yaml").is_file())


def test_readme_table_is_the_generated_one():
    assert drill_table.readme_table(README_TEXT) == drill_table.table(), (
        "README.md's drill table is stale: python tools/drill_table.py --write")


def test_table_has_one_row_per_drill_folder():
    rows = [line for line in drill_table.table().splitlines()[2:] if line.startswith("|")]
    ids = sorted(line.split("|")[2].strip().strip("`") for line in rows)
    assert ids == FOLDERS
    assert [int(line.split("|")[1]) for line in rows] == list(range(1, len(FOLDERS) + 1))


def test_count_sentence_matches_the_drill_folders():
    assert drill_table.readme_count(README_TEXT) == len(FOLDERS)
    assert f"{len(FOLDERS)} drills (`coding_drills/`" in README_TEXT


def test_check_mode_passes_and_catches_a_stale_table(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    stale = README_TEXT.replace(drill_table.table().splitlines()[-1] + "\n", "")
    assert drill_table.updated(stale) == README_TEXT
    recount = drill_table.COUNT_RE.sub("23 drills (`coding_drills/`", README_TEXT, count=1)
    assert drill_table.updated(recount) == README_TEXT
