"""An old flashdeck database, for testing what opening it with this version does."""

from __future__ import annotations

from pathlib import Path


def database_at(path: Path, revision: str) -> Path:
    """A new SQLite database at `path`, migrated only as far as `revision` ("0001", ...)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from flashdeck.store.db import _MIGRATIONS

    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    return path
