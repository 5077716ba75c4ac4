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
def make_ctx(base_make_ctx):
    return base_make_ctx


@pytest.fixture
def base_make_ctx(tmp_path, clock, decks_dir):
    """make_ctx itself, for fixtures that wrap it (backend_make_ctx): a module may override
    make_ctx to run its tests on both backends."""
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


# -- PostgreSQL (issue 19): the same tests on a real server ---------------------------------------


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """One throw-away server per test process (tests/postgres.py); skipped, with the reason in
    the summary, where none can be started."""
    import tempfile

    import postgres

    # its own folder, not pytest's basetemp: a later pytest session may clean old basetemps up
    # while this one's server still runs in it
    root = Path(tempfile.mkdtemp(prefix="flashdeck-pg-"))
    try:
        server = postgres.start(root)
    except RuntimeError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_make_ctx(request, base_make_ctx):
    """make_ctx on SQLite, then on PostgreSQL: `make_ctx = backend_make_ctx` in a module runs its
    tests on both (parametrised, not copied)."""
    if request.param == "sqlite":
        return base_make_ctx
    url = request.getfixturevalue("pg_url")

    def make(home=None, **kwargs):
        kwargs.setdefault("db_url", url)
        return base_make_ctx(home, **kwargs)

    return make


@pytest.fixture(params=["sqlite", "postgresql"])
def cli_db(request):
    """The database a CLI test's subprocess uses, on each backend: None on SQLite (the home's own
    flashdeck.sqlite3, as a learner has it), a fresh PostgreSQL database's URL otherwise (the
    helpers hand it to the process as FLASHDECK_DB, as --db would be)."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_url")


def cli_env(home: Path, db: str | None, **extra: str) -> dict:
    """The environment of a flashdeck subprocess: FLASHDECK_HOME, and FLASHDECK_DB only when the
    test chose a database (never one leaking in from the shell running the tests)."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "FLASHDECK_DB"}
    env.update(FLASHDECK_HOME=str(home), **extra)
    if db is not None:
        env["FLASHDECK_DB"] = db
    return env


def db_rows(home: Path, db: str | None, sql: str) -> list[tuple]:
    """What a plain SQL query returns from the database a CLI test's process used (db None: the
    home's SQLite file), as tuples, read with SQLAlchemy so it is the same on both backends."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db or f"sqlite:///{home / 'flashdeck.sqlite3'}")
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()
