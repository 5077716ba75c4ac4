"""Opening the database: engine, SQLite pragmas, schema migrations, one-line errors."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from flashdeck.store import health, schema, urls
from flashdeck.store.health import DatabaseDamaged as _Damaged

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database flashdeck cannot use; str() is one line meant for the learner."""


class DatabaseDamaged(DatabaseError, _Damaged):
    """The file exists but is damaged, empty, not SQLite or another program's: flashdeck names
    it and never replaces it (only a missing file is a new database). `path`, `reason`."""

    def __init__(self, path, reason: str):
        _Damaged.__init__(self, path, reason)


class BadUrl(DatabaseError):
    """A database URL flashdeck cannot use (malformed, unsupported, its driver missing, a
    folder that does not exist): a usage error."""


class WriteFailed(DatabaseError):
    """A write that is not on disk: the disk is full, an I/O error, or the file was deleted or
    replaced under the running app. Nothing of the transaction was kept; str() is the reason."""


class Database:
    def __init__(self, engine: Engine, path: Path | None = None):
        self.engine = engine
        # The file this engine opened. SQLite keeps writing to a file deleted under it (the
        # open descriptor), and a new connection from the pool would open a file put in its
        # place: both are writes the learner would lose, so every write checks first.
        self.path = path
        self._identity = _identity(path) if path is not None else None
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
        """A transaction committed at the end of the block. Raises WriteFailed when it could
        not be (the database is unchanged)."""
        self._check_same_file()
        try:
            with self._writes() as session, session.begin():
                yield session
        except IntegrityError:
            raise
        except (OperationalError, SQLAlchemyDatabaseError) as exc:
            if health.damage_reason(exc) is not None:
                raise  # damaged, not a failed write: the caller names the file and its backup
            raise WriteFailed(_write_reason(exc)) from exc

    def _check_same_file(self) -> None:
        if self._identity is None:
            return
        now = _identity(self.path)
        if now is None:
            raise WriteFailed(f"the database file {self.path} was deleted while flashdeck was open")
        if now != self._identity:
            raise WriteFailed(f"the database file {self.path} was replaced while flashdeck was open; "
                              "restart flashdeck to use it")

    def close(self) -> None:
        self.engine.dispose()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _write_reason(exc: Exception) -> str:
    message = str(getattr(exc, "orig", exc)).splitlines()[0]
    lowered = message.lower()
    if "full" in lowered:
        return "the disk is full"
    if "i/o" in lowered:
        return "a disk I/O error"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only"
    if "locked" in lowered or "busy" in lowered:
        return "the database is locked by another program"
    return message


def open_database(url: str | URL, *, migrate: bool = True, backup_dir: Path | None = None,
                  keep_backups: int = 10, make_folder: bool = True) -> Database:
    """`backup_dir`: where the backup before a migration goes (default: a backups folder
    beside the file), the newest `keep_backups` kept there. `make_folder`: create the SQLite
    file's folder when it is missing (False: a missing folder is a BadUrl)."""
    try:
        parsed = urls.parse(url)
    except urls.BadDatabaseUrl as exc:
        raise BadUrl(str(exc)) from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    path = Path(parsed.database) if is_sqlite and parsed.database not in (None, "", ":memory:") else None
    plain_file = urls.sqlite_file(parsed) is not None
    if plain_file and not path.parent.is_dir():
        if not make_folder:
            raise BadUrl(f"the folder {path.parent} does not exist: create it first, or give --db a file "
                         "in an existing folder")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the data directory {path.parent}: {exc.strerror}") from None
    if plain_file:
        problem = health.header_problem(path)
        if problem is not None:  # empty, foreign: damaged, never "new"
            raise DatabaseDamaged(path, problem)
        if not path.exists():
            _create(parsed, path)
    if is_sqlite:
        engine = create_engine(parsed, connect_args={"timeout": 30})
    else:
        # READ COMMITTED whatever the server's default: the write lock relies on each statement
        # after it seeing what the writer before committed (_configure_server). A server that
        # does not answer is one line after 10 s, not libpq's wait for TCP to give up.
        engine = create_engine(parsed, connect_args={"connect_timeout": 10}, pool_pre_ping=True,
                               isolation_level="READ COMMITTED")
    if is_sqlite:
        _configure_sqlite(engine)
    else:
        _configure_server(engine)
    try:
        _ensure_schema(engine, path, migrate, backup_dir or (path.parent / "backups" if path else None), keep_backups)
        if is_sqlite:
            _check_writable(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except _Damaged as exc:
        engine.dispose()
        raise DatabaseDamaged(exc.path or path, exc.reason) from None
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        engine.dispose()
        reason = health.damage_reason(exc)
        if reason is not None and path is not None:
            raise DatabaseDamaged(path, reason) from None
        raise DatabaseError(_explain(exc, path or parsed.render_as_string(hide_password=True))) from None
    return Database(engine, path if plain_file else None)


def _create(parsed, path: Path) -> None:
    """A new database file, made whole beside `path` and linked into place: nobody ever sees
    a 0-byte file there (one is damaged, not new), even with two flashdecks starting at once."""
    partial = path.with_name(f".{path.name}.new-{os.getpid()}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    engine = create_engine(parsed.set(database=str(partial)), connect_args={"timeout": 30})
    _configure_sqlite(engine)
    try:
        try:
            _upgrade(engine)
        finally:
            engine.dispose()
        try:
            os.link(partial, path)  # fails if another process made it first: theirs stands
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(partial, path)
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        raise DatabaseError(_explain(exc, path)) from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


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


# The key of the one advisory lock every flashdeck write on a server takes ("fdck" in ASCII).
WRITE_LOCK = 0x6664636B
LOCK_WRITES = f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"


def _configure_server(engine: Engine) -> None:
    """PostgreSQL: a write transaction waits for the collection's write lock first, as SQLite's
    BEGIN IMMEDIATE does. Under READ COMMITTED every statement after it sees what the writer
    before it committed, so two machines grading, undoing or ending a mock never work from a
    stale read (a lost update, an undo of the other's grade, a drill attempt ended twice). One
    learner's writes are a few milliseconds each: waiting in line costs nothing, and unlike row
    locks it also covers rows that do not exist yet (a card's first memory, a calibration bin)."""
    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("flashdeck_immediate"):
            conn.exec_driver_sql(LOCK_WRITES)


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            foreign = health.foreign_problem(tables, has_version=False)
            if foreign is not None:
                raise DatabaseDamaged(conn.engine.url.database, foreign)
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _ensure_schema(engine: Engine, path: Path | None, migrate: bool, backup_dir: Path | None = None,
                   keep_backups: int = 10) -> None:
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
    if revision is not None and path is not None and backup_dir is not None:
        # with the online backup API (the WAL included), checked before it counts; a damaged
        # database is not migrated (DatabaseDamaged)
        health.make_backup(path, backup_dir, keep_backups, why=f"before-{schema.HEAD}")
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
    # lazy: alembic (and mako) only when the schema is behind and must be upgraded
    from alembic import command
    from alembic.config import Config  # lazy: as above

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # two machines opening one new database at once: the second waits, then finds it
            # at head (alembic reads the revision after the lock) instead of creating it again
            conn.exec_driver_sql(LOCK_WRITES)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _explain(exc: Exception, where) -> str:
    message = str(getattr(exc, "orig", exc)).splitlines()[0]
    server = _server_problem(message)
    if server is not None:
        return f"cannot use the database {where}: {server}"
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return f"cannot open {where}: the file is corrupt or not a flashdeck database"
    if "readonly" in lowered or "read-only" in lowered:
        return f"cannot write {where}: the file or its folder is read-only"
    if "unable to open" in lowered:
        return f"cannot open {where}: check that the folder exists and is writable"
    return f"cannot use the database {where}: {message}"


def _server_problem(message: str) -> str | None:
    """A PostgreSQL connection failure as the learner can act on it: libpq's words after its
    "connection to server on socket ... failed:" preamble, and what to check."""
    if "connection to server" not in message:
        return None
    reason = message.split("FATAL:", 1)[1].strip() if "FATAL:" in message else message.rsplit("failed:", 1)[-1].strip()
    lowered = reason.lower()
    if "password authentication failed" in lowered:
        return f"{reason} (check the password in PGPASSWORD or ~/.pgpass)"
    if "no password supplied" in lowered:
        return f"{reason}: the server asks for one (put it in PGPASSWORD or ~/.pgpass, not in the URL)"
    if "no such file or directory" in lowered or "connection refused" in lowered:
        return f"{reason} (is the server running, and is this its address?)"
    return reason
