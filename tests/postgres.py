"""A throw-away PostgreSQL server for the tests (issue 19): initdb into a temporary folder, a
server on a Unix socket only (no TCP port to collide on), one fresh database per test.

initdb refuses to run as root, so as root (CI, sessions) the server runs as the image's
`postgres` user. With no PostgreSQL binaries the tests that need it are skipped, with the reason
in pytest's summary; they never pass silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

BINARIES = ("initdb", "pg_ctl")
# The one role that logs in with a password (the others are trusted on the socket).
PASSWORD_ROLE, PASSWORD = "learner", "right-horse-battery"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (on the PATH, or Debian's versioned folder)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if all((folder / name).exists() for name in BINARIES):
            return folder
    return None


@dataclass
class Server:
    socket_dir: Path
    data_dir: Path
    bin_dir: Path
    user: str | None  # the OS user the server runs as (None: this one)
    port: int | None = None  # TCP on localhost, with TLS (start(tls=True)); None: the socket only
    ca: Path | None = None  # the certificate that signed the server's (start(tls=True))

    def url(self, database: str) -> str:
        port = f"&port={self.port}" if self.port else ""
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}{port}"

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port or 5432, dbname="postgres", user="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port or 5432, dbname="postgres", user="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        _run(self, [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"], check=False)
        shutil.rmtree(self.data_dir.parent.parent, ignore_errors=True)  # the root start() was given


def _run(server_or_user, args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    user = server_or_user.user if isinstance(server_or_user, Server) else server_or_user
    if user is not None:
        args = ["runuser", "-u", user, "--", *args]
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=120)


def start(root: Path, durable: bool = False, tls: bool = False) -> Server:
    """A new server under `root` (made readable to the server's user). Raises RuntimeError with
    the reason when one cannot be started. The tests' server skips fsync (nothing it holds
    must survive a crash); `durable` keeps it, for benchmarks/bench.py's commit timings. `tls`:
    also TCP on localhost (a free port) with TLS, its certificate self-signed for localhost."""
    bin_dir = find_binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries (initdb, pg_ctl) on this machine: apt-get install postgresql")
    try:
        import psycopg
    except ImportError:
        raise RuntimeError("psycopg is not installed: pip install -e '.[postgres]'") from None
    user = "postgres" if os.geteuid() == 0 else None
    base = root / f"pg-{uuid.uuid4().hex[:8]}"
    data, sockets = base / "data", base / "sock"
    sockets.mkdir(parents=True)
    if user is not None:
        shutil.chown(base, user)
        shutil.chown(sockets, user)
        for parent in [root, *root.parents]:  # the server's user must reach its folders
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o711)
    server = Server(sockets, data, bin_dir, user)
    done = _run(user, [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
                check=False)
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
    # every role is trusted on the socket but one, which must give its password (SCRAM), as a
    # managed server asks: the tests of a wrong or missing password log in as it
    hba = data / "pg_hba.conf"
    hba.write_text(f"local all {PASSWORD_ROLE} scram-sha-256\n" + hba.read_text())
    options = f"-c listen_addresses='' -k {sockets} -c max_connections=60"
    if not durable:
        options += " -c fsync=off -c full_page_writes=off"
    if tls:
        server.ca, server.port = _certificate(base / "tls", user), _free_port()
        options = options.replace("listen_addresses=''", "listen_addresses=localhost") + \
            f" -p {server.port} -c ssl=on -c ssl_cert_file={server.ca} -c ssl_key_file={base / 'tls' / 'server.key'}"
    done = _run(user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o", options,
                       "start"], check=False)
    if done.returncode != 0:
        log = (base / "log").read_text(errors="replace")[-500:] if (base / "log").exists() else done.stderr
        raise RuntimeError(f"pg_ctl start failed: {log.strip()}")
    import psycopg

    with psycopg.connect(host=str(sockets), port=server.port or 5432, dbname="postgres", user="postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN CREATEDB PASSWORD '{PASSWORD}'")
    return server


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificate(folder: Path, user: str | None) -> Path:
    """A self-signed certificate for localhost (it is its own CA) and its key, readable by the
    server's user only, as PostgreSQL requires of the key."""
    if shutil.which("openssl") is None:
        raise RuntimeError("no openssl to make the TLS test server's certificate")
    folder.mkdir()
    cert, key = folder / "server.crt", folder / "server.key"
    subprocess.run(["openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   capture_output=True, check=True, timeout=60)
    key.chmod(0o600)
    if user is not None:
        for path in (folder, cert, key):
            shutil.chown(path, user)
    return cert
