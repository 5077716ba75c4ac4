"""Opening the database: engine, SQLite pragmas, schema migrations, one-line errors."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from flashdeck.store import schema

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database flashdeck cannot use; str() is one line meant for the learner."""


class Database:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._reads = sessionmaker(engine, expire_on_commit=False)
        # Writes take SQLite's write lock up front (BEGIN IMMEDIATE): a deferred transaction
        # that reads then writes can fail with SQLITE_BUSY when another flashdeck committed
        # in between, and the busy timeout would not help it.
        self._writes = sessionmaker(engine.execution_options(flashdeck_immediate=True), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writes() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    path = Path(parsed.database) if is_sqlite and parsed.database not in (None, "", ":memory:") else None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the data directory {path.parent}: {exc.strerror}") from None
    engine = create_engine(url, connect_args={"timeout": 30} if is_sqlite else {})
    if is_sqlite:
        _configure_sqlite(engine)
    try:
        _ensure_schema(engine, path, migrate)
        if is_sqlite:
            _check_writable(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        engine.dispose()
        raise DatabaseError(_explain(exc, path or url)) from None
    return Database(engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("flashdeck_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables & {"cards", "decks", "review_log"}:
                raise DatabaseError("the database has flashdeck tables but no schema version; it was not made by flashdeck")
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _ensure_schema(engine: Engine, path: Path | None, migrate: bool) -> None:
    revision = _current_revision(engine)
    if revision == schema.HEAD:
        return
    if revision is not None and revision not in schema.KNOWN_REVISIONS:
        raise DatabaseError(
            f"the database {path or ''} was written by a newer flashdeck (schema {revision}); "
            "upgrade flashdeck to open it"
        )
    if not migrate:
        raise DatabaseError(f"the database needs a schema upgrade ({revision} -> {schema.HEAD})")
    if revision is not None and path is not None:
        backup = path.with_name(f"{path.name}.before-{schema.HEAD}-{datetime.now():%Y%m%d-%H%M%S}.bak")
        with engine.connect() as conn:  # fold the WAL into the file so the copy is complete
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, backup)
    _upgrade(engine)


def _check_writable(engine: Engine) -> None:
    # Fail now, in one line, rather than at the first grade: rewriting user_version with its
    # own value is a real write that changes nothing.
    # BEGIN IMMEDIATE: in a deferred transaction the read would pin a snapshot, and another
    # process writing before our write makes SQLite fail at once ("database is locked")
    # instead of waiting out the busy timeout.
    with engine.connect().execution_options(flashdeck_immediate=True) as conn, conn.begin():
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _explain(exc: Exception, where) -> str:
    message = str(getattr(exc, "orig", exc)).splitlines()[0]
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return f"cannot open {where}: the file is corrupt or not a flashdeck database"
    if "readonly" in lowered or "read-only" in lowered:
        return f"cannot write {where}: the file or its folder is read-only"
    if "unable to open" in lowered:
        return f"cannot open {where}: check that the folder exists and is writable"
    return f"cannot use the database {where}: {message}"
