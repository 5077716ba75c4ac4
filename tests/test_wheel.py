"""A built wheel carries the decks and the coding drills: install it into a fresh venv and list them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _site_dirs(python: Path) -> list[str]:
    code = "import sysconfig; print(sysconfig.get_path('purelib')); print(sysconfig.get_path('platlib'))"
    out = subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True, timeout=60)
    return out.stdout.split()


@pytest.mark.timeout(600)
def test_wheel_in_a_fresh_venv_lists_the_bundled_decks_and_drills(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
                   check=True, timeout=500, capture_output=True)
    (wheel,) = dist.glob("flashdeck-*.whl")
    venv = tmp_path / "venv"
    # A bare venv, then a .pth naming the test interpreter's own site-packages as plain path lines:
    # the dependencies come from whichever environment runs the tests (a venv, as the README
    # suggests, or the system), flashdeck itself from the wheel. `--system-site-packages` would
    # point at the base interpreter instead, which in a venv has none of them. Plain path lines do
    # not process that directory's .pth files, so an editable flashdeck there stays invisible.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # the wheel first, so pip does not see the test environment's flashdeck and try to replace it
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True, timeout=300, capture_output=True)
    (venv_site,) = {Path(p) for p in _site_dirs(python)}
    parent_sites = [p for p in dict.fromkeys(_site_dirs(Path(sys.executable))) if Path(p).is_dir()]
    (venv_site / "_test_interpreter_site.pth").write_text("".join(f"{p}\n" for p in parent_sites))
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
