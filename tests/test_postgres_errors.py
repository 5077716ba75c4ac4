"""PostgreSQL's failures as a learner meets them (issue 19), against a real server: each is one
line on stderr, a non-zero exit, no traceback, and nothing half-written."""

from __future__ import annotations

import subprocess

import psycopg
import pytest
from test_cli import flashdeck


def run(home, url, *args):
    result = flashdeck("--db", url, *(args or ("decks", "list")), home=home)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_a_server_that_is_not_running(home, tmp_path):
    line = run(home, f"postgresql://postgres@/flashdeck?host={tmp_path}")
    assert "cannot use the database" in line and "No such file or directory" in line


def test_a_database_that_does_not_exist(home, pg_server):
    line = run(home, pg_server.url("no_such_database"))
    assert 'database "no_such_database" does not exist' in line


def test_a_database_at_a_newer_schema_is_left_alone(home, pg_url, pg_server):
    first = flashdeck("--db", pg_url, "decks", "list", home=home)
    assert first.returncode == 0, first.stderr  # migrated from empty, decks synced
    name = pg_url.split("@/")[1].split("?")[0]
    with psycopg.connect(host=str(pg_server.socket_dir), dbname=name, user="postgres", autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    line = run(home, pg_url, "stats", "--json")
    assert "newer flashdeck (schema 9999)" in line
    with psycopg.connect(host=str(pg_server.socket_dir), dbname=name, user="postgres") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999"
        assert conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == cards  # nothing touched


def test_every_command_works_from_an_empty_database(home, pg_url):
    for args in (["decks", "list"], ["stats", "--json"], ["interview"], ["fsrs", "show"], ["db", "check"]):
        result = flashdeck("--db", pg_url, *args, home=home)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if args == ["db", "check"]:
            continue  # (a SQLite file check; what it says on PostgreSQL is issue 19's next part)
        assert result.returncode == 0, (args, result.stderr)


@pytest.mark.parametrize("args", [["db", "check"], ["db", "backup"], ["db", "restore", "--latest"]])
def test_db_commands_name_postgresqls_own_tools_and_hide_the_password(home, args):
    line = run(home, "postgresql://learner:s3cret@db.example/flashdeck", *args)
    assert "pg_dump" in line and "s3cret" not in line and "***" in line


@pytest.fixture
def learners_db(pg_server):
    """A database owned by the test server's one role that must give a password."""
    import postgres

    name = pg_server.create_database()
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="postgres", autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" OWNER TO {postgres.PASSWORD_ROLE}')
    with psycopg.connect(host=str(pg_server.socket_dir), dbname=name, user="postgres", autocommit=True) as conn:
        conn.execute(f"ALTER SCHEMA public OWNER TO {postgres.PASSWORD_ROLE}")
    yield f"postgresql://{postgres.PASSWORD_ROLE}@/{name}?host={pg_server.socket_dir}", postgres.PASSWORD
    pg_server.drop_database(name)


def test_a_wrong_password_is_one_line_and_never_shown(home, learners_db):
    url, _ = learners_db
    for args in (["decks", "list"], ["stats", "--json"], ["db", "copy", "--to", str(home / "out.sqlite3")]):
        line = run(home, url.replace("learner@", "learner:not-the-password@"), *args)
        assert 'password authentication failed for user "learner"' in line and "not-the-password" not in line, line
    assert not (home / "out.sqlite3").exists()


def test_no_password_at_all_says_so(home, learners_db):
    url, _ = learners_db
    line = run(home, url, "decks", "list")
    assert "no password supplied" in line


def test_the_password_from_the_environment_or_pgpass_and_config_show_never_prints_it(home, learners_db, tmp_path):
    url, password = learners_db
    from_env = flashdeck("--db", url, "decks", "list", home=home, env={"PGPASSWORD": password})
    assert from_env.returncode == 0, from_env.stderr
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:learner:{password}\n")
    pgpass.chmod(0o600)  # libpq ignores a ~/.pgpass others can read
    from_file = flashdeck("--db", url, "stats", "--json", home=home, env={"PGPASSFILE": str(pgpass)})
    assert from_file.returncode == 0, from_file.stderr
    in_url = url.replace("learner@", f"learner:{password}@")
    shown = flashdeck("--db", in_url, "config", "show", home=home)
    assert shown.returncode == 0 and password not in shown.stdout + shown.stderr
    assert "# database: postgresql://learner:***@/" in shown.stdout


@pytest.fixture(scope="module")
def tls_server():
    """A second throw-away server that also listens on localhost, with TLS."""
    import shutil
    import tempfile
    from pathlib import Path

    import postgres

    root = Path(tempfile.mkdtemp(prefix="flashdeck-pg-tls-"))
    try:
        server = postgres.start(root, tls=True)
    except RuntimeError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL TLS tests skipped: {exc}")
    yield server
    server.stop()


def test_tls_with_the_servers_certificate_checked(home, tls_server, tmp_path):
    name = tls_server.create_database()
    over_tcp = f"postgresql://postgres@localhost:{tls_server.port}/{name}"
    checked = flashdeck("--db", f"{over_tcp}?sslmode=verify-full&sslrootcert={tls_server.ca}", "decks", "list",
                        home=home)
    assert checked.returncode == 0 and "Alpha deck" in checked.stdout, checked.stderr
    other_ca = tmp_path / "other-ca.pem"
    subprocess.run(["openssl", "req", "-new", "-x509", "-days", "1", "-nodes", "-subj", "/CN=someone-else",
                    "-keyout", str(tmp_path / "k"), "-out", str(other_ca)], capture_output=True, check=True)
    line = run(home, f"{over_tcp}?sslmode=verify-full&sslrootcert={other_ca}", "decks", "list")
    assert "certificate verify failed" in line



@pytest.mark.parametrize("args", [
    ["db", "copy", "--to", "pg-sql://me:hunter2@h/db"],  # not a URL flashdeck knows
    ["db", "copy", "--to", "postgresql:/me:hunter2@h/db"],  # a slash short: still a URL, not a path
    ["db", "copy", "--to", "postgresql://me:hunter2@h:badport/db"],  # a port that is not a number
    ["--db", "postgresql://me:hunter2@h:badport/db", "decks", "list"],
    ["--db", "postgresql://me:hunter2@h:/db", "stats", "--json"],
])
def test_a_mistyped_url_is_one_line_and_never_shows_the_password(home, args):
    done = flashdeck(*args, home=home)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    assert "hunter2" not in done.stdout + done.stderr and "Traceback" not in done.stderr
