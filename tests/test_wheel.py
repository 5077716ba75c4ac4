"""A built wheel carries the decks and the coding drills: install it into a fresh venv and list them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
def test_wheel_in_a_fresh_venv_lists_the_bundled_decks_and_drills(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
                   check=True, timeout=500, capture_output=True)
    (wheel,) = dist.glob("flashdeck-*.whl")
    venv = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages; flashdeck itself from the wheel
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, timeout=300, capture_output=True)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    run = lambda *args: subprocess.run([str(venv / "bin" / "flashdeck"), "--home", str(tmp_path / "home"), *args],
                                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    listed = run("decks", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    decks = json.loads(listed.stdout)
    repo_decks = sorted(p.stem for p in (REPO / "decks").glob("*.yaml"))
    # every YAML deck, and the coding drills as the deck "drills" (one card per drill)
    assert sorted(d["id"] for d in decks) == sorted([*repo_decks, "drills"])
    for deck in decks:
        assert str(venv) in deck["path"] and "_bundled" in deck["path"], deck["path"]  # not the source tree
        assert deck["cards"] > 0
    drills = run("drill", "list")
    assert drills.returncode == 0, drills.stderr
    repo_drills = [p.name for p in (REPO / "coding_drills").iterdir() if (p / "meta.yaml").exists() or (p / "solution.py").exists()]
    assert repo_drills and all(name in drills.stdout for name in repo_drills)
