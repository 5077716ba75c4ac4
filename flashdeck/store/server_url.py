"""A PostgreSQL database URL as libpq reads it, with the standard library only: the CLI's
quick ways (`flashdeck stats`) connect with psycopg alone, without SQLAlchemy's import, which
is most of that command's time on a server. SQLAlchemy's `postgresql[+psycopg]://` URLs are
libpq's URIs once the driver name is dropped (the same user, password, host, port, database
and `?key=value` parameters such as host=/socket/dir or sslmode)."""

from __future__ import annotations

from importlib.util import find_spec
from urllib.parse import urlsplit

_SCHEMES = ("postgresql://", "postgresql+psycopg://")


def libpq_uri(db_url: str | None) -> str | None:
    """The URI psycopg.connect takes for `db_url`, or None when it is not a plain PostgreSQL
    URL, psycopg is not installed, or it does not parse (the full way then says why)."""
    if not db_url:
        return None
    text = db_url.strip()
    scheme = next((s for s in _SCHEMES if text.startswith(s)), None)
    if scheme is None or find_spec("psycopg") is None:
        return None
    uri = "postgresql://" + text[len(scheme):]
    try:
        parts = urlsplit(uri)
        _ = parts.port  # a port that is not a number raises here
    except ValueError:
        return None
    if parts.netloc.endswith(":"):
        return None  # an empty port: SQLAlchemy refuses it, so the full way says so
    return uri
