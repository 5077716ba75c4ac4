"""Database URLs: the home's SQLite file as a URL, and a learner's `--db` checked before use.

The home URL is built from parts (URL.create), never by pasting a path into a string: a folder
named `x?mode=ro` or holding `%41` would otherwise be read as a query or an escape, and the
database would land outside the home.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

# What flashdeck's migrations and tests run on.
SUPPORTED = ("sqlite", "postgresql")
_EXAMPLES = "sqlite:////path/to/flashdeck.sqlite3 or postgresql+psycopg://user@host/flashdeck"
# The module a driver imports -> what to install for it.
_PACKAGES = {"psycopg": "psycopg[binary]", "psycopg2": "psycopg2-binary", "pg8000": "pg8000"}


class BadDatabaseUrl(ValueError):
    """A --db / FLASHDECK_DB value flashdeck cannot use; str() is one line for the learner."""


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def home_url(home: Path) -> URL:
    return sqlite_url(home / "flashdeck.sqlite3")


def parse(text: str | URL) -> URL:
    """The URL, checked: it parses, flashdeck supports the database, and its driver is installed.
    Raises BadDatabaseUrl."""
    if isinstance(text, URL):
        url = text
    else:
        try:
            url = make_url(text.strip())
        except (ArgumentError, ValueError):  # (ValueError: a port that is not a number)
            raise BadDatabaseUrl(f"not a database URL: {_masked(text)!r} (expected e.g. {_EXAMPLES})") from None
    if url.drivername == "postgresql":  # SQLAlchemy's default is psycopg2; flashdeck's extra is psycopg 3
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend not in SUPPORTED:
        raise BadDatabaseUrl(f"unsupported database {backend!r} in {_shown(url)}: "
                             f"flashdeck works with {' and '.join(SUPPORTED)} ({_EXAMPLES})")
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise BadDatabaseUrl(f"unknown driver {url.get_driver_name()!r} for {backend} in {_shown(url)}") from None
    if getattr(dialect, "is_async", False):
        raise BadDatabaseUrl(f"{_shown(url)} names an asyncio driver; use a plain one, e.g. postgresql+psycopg://")
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        module = (exc.name or url.get_driver_name()).split(".")[0]
        package = _PACKAGES.get(module, module)
        how = "pip install -e '.[postgres]' (or pip install 'psycopg[binary]')" if module == "psycopg" \
            else f"pip install '{package}'"
        raise BadDatabaseUrl(f"the {backend} driver {module!r} is not installed: {how} (for {_shown(url)})") from None
    if backend == "sqlite" and not url.database:
        raise BadDatabaseUrl(f"{_shown(url)} names no file: use sqlite:////path/to/flashdeck.sqlite3")
    return url


def sqlite_file(url: URL) -> Path | None:
    """The plain SQLite file a URL opens (None: another database, memory, or a `uri=true` URL)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or url.query.get("uri"):
        return None
    return Path(url.database)


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _masked(text: str) -> str:
    """A URL-ish text with what sits between `user:` and `@` hidden: it may be a password."""
    return re.sub(r"([^:/@]+:)[^:/@]*@", r"\1***@", text)


def shown(text: str | URL) -> str:
    """A URL as a message may show it: its password hidden (the text itself if it does not parse)."""
    if isinstance(text, URL):
        return _shown(text)
    try:
        return _shown(make_url(text.strip()))
    except (ArgumentError, ValueError):
        return _masked(text)
