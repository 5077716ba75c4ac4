from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from flashdeck.services.context import open_context

FIXTURES = Path(__file__).parent / "fixtures"


class FakeClock:
    """A clock the test moves by hand (local time, timezone-aware)."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0).astimezone())


@pytest.fixture
def decks_dir(tmp_path) -> Path:
    target = tmp_path / "bundled"
    shutil.copytree(FIXTURES / "decks", target)
    return target


@pytest.fixture
def make_ctx(tmp_path, clock, decks_dir):
    opened = []

    def make(home: Path | None = None, **kwargs):
        # no coding drills unless a test asks for them: the fixture decks stay the whole picture
        kwargs.setdefault("bundled_drills", tmp_path / "no-drills")
        ctx = open_context(home or tmp_path / "home", clock=clock, bundled_decks=decks_dir, **kwargs)
        opened.append(ctx)
        return ctx

    yield make
    for ctx in opened:
        ctx.close()


@pytest.fixture
def home(tmp_path) -> Path:
    """A flashdeck home for the CLI tests: the fixture deck alpha among the user's decks."""
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    shutil.copy(FIXTURES / "decks" / "alpha.yaml", home / "decks" / "alpha.yaml")
    return home


@pytest.fixture
def ctx(make_ctx):
    from flashdeck.services import decks

    context = make_ctx()
    decks.sync(context)
    return context
