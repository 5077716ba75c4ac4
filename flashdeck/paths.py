"""Where flashdeck's files live.

Everything is resolved at call time (not import time) so that `--home`, FLASHDECK_HOME and
tests that change the environment all see the same answer.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent


def home_dir() -> Path:
    """The data directory: database, config, user decks, drill workspace."""
    env = os.environ.get("FLASHDECK_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazy: only when FLASHDECK_HOME is unset; keeps it off `flashdeck --help`

    return Path(platformdirs.user_data_dir("flashdeck", appauthor=False))


def user_decks_dir() -> Path:
    return home_dir() / "decks"


def config_path() -> Path:
    return home_dir() / "config.toml"


def workspace_dir() -> Path:
    """Where drill attempts are written (<home>/drills/<id>.py), also for the learner's editor."""
    return home_dir() / "drills"


def _bundled(name: str) -> Path:
    # An installed wheel carries the data inside the package; a source checkout (also an
    # editable install) keeps it at the top of the repo.
    inside = _PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    return _REPO_DIR / name


def bundled_decks_dir() -> Path:
    return _bundled("decks")


def bundled_drills_dir() -> Path:
    return _bundled("coding_drills")
