"""`flashdeck db copy --to/--from URL` (issue 19): a whole collection moved SQLite -> PostgreSQL
-> SQLite comes back row for row, studies on at once on the other side, and a copy that is
refused or fails leaves the target as it was. The CLI as a subprocess, a real server, a real
full disk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from test_cli import flashdeck

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services import mock as mock_service
from flashdeck.services.mock import MockRun
from flashdeck.services.study import StudySession
from flashdeck.store import urls
from flashdeck.store.copy import TABLES
from flashdeck.store.db import open_database


def everything(url) -> dict[str, list[tuple]]:
    """Every row of every flashdeck table, in key order, as plain values."""
    engine = create_engine(urls.parse(url))
    try:
        with engine.connect() as conn:
            return {table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                    for table in TABLES}
    finally:
        engine.dispose()


@pytest.fixture
def collection(base_make_ctx, clock, tmp_path):
    """A SQLite collection with a bit of everything: grades over several days (memory and
    calibration), an undo, a bury, a suspension, a drill given up, a finished mock."""
    drills_dir = tmp_path / "drills-src"
    shutil.copytree(paths.bundled_drills_dir(), drills_dir)
    ctx = base_make_ctx(bundled_drills=drills_dir)
    decks.sync(ctx)
    for day in range(4):
        session = StudySession(ctx)
        for quality in (5, 3, 1, 4, 2, 5)[: 6 - day]:
            if session.current is None:
                break
            session.grade(quality, duration_ms=1200)
        if day == 1:
            session.undo()
            session.bury()
        if day == 2:
            session.suspend()
        clock.advance(days=1, minutes=7)
    attempt = drill_service.open_attempt(ctx, "attention")
    drill_service.record_check(ctx, attempt.id, "x = 1", passed=False)
    drill_service.give_up(ctx, attempt.id, "partial")
    run = MockRun.start(ctx, mock_service.make_plan(ctx, 10, seed=1))
    for _ in run.answers:
        clock.advance(seconds=30)
        run.lock_current()
    for position, grade in enumerate([5, 1, 3][: len(run.answers)]):
        run.confirm(position, grade)
    run.finish()
    ctx.close()
    return ctx.home, f"sqlite:///{ctx.home / 'flashdeck.sqlite3'}"


def test_a_collection_goes_to_postgresql_and_back_row_for_row(collection, pg_url, tmp_path):
    home, original = collection
    before = everything(original)
    assert all(before[name] for name in ("review_log", "card_memory", "calibration_sums", "drill_attempts",
                                         "mock_sessions", "mock_answers"))  # the fixture has it all

    there = flashdeck("--db", original, "db", "copy", "--to", pg_url, home=home)
    assert there.returncode == 0, there.stderr
    reviews = len(before["review_log"])
    assert f"Copied {len(before['cards']):,} cards, {reviews:,} reviews, 1 drill attempts" in there.stdout
    assert "Verified: every table has the same number of rows on both sides, and the last review (#" in there.stdout
    assert everything(pg_url) == before

    back = tmp_path / "moved" / "back.sqlite3"
    back.parent.mkdir()
    again = flashdeck("--db", f"sqlite:///{back}", "db", "copy", "--from", pg_url, home=home)
    assert again.returncode == 0, again.stderr
    assert everything(f"sqlite:///{back}") == before

    stats = [json.loads(flashdeck("--db", url, "stats", "--json", home=home).stdout)
             for url in (original, pg_url, f"sqlite:///{back}")]
    assert stats[0] == stats[1] == stats[2]


def test_the_copy_studies_on_at_once_with_new_ids_after_the_copied_ones(collection, pg_url):
    home, original = collection
    assert flashdeck("--db", original, "db", "copy", "--to", pg_url, home=home).returncode == 0
    last_id = max(row[0] for row in everything(pg_url)["review_log"])
    graded = subprocess.run(
        [sys.executable, "-c", ("import sys; from pathlib import Path; from flashdeck.services.context import open_context;"
                                "from flashdeck.services.study import StudySession;"
                                "ctx = open_context(Path(sys.argv[1]), db_url=sys.argv[2]);"
                                "StudySession(ctx, cram=True).grade(4)"),
         str(home), pg_url], capture_output=True, text=True, check=False)
    assert graded.returncode == 0, graded.stderr  # PostgreSQL's id sequence went on from the copied ids
    assert max(row[0] for row in everything(pg_url)["review_log"]) == last_id + 1


def test_a_target_that_holds_a_collection_is_refused_and_left_alone(collection, pg_url, tmp_path):
    home, original = collection
    assert flashdeck("--db", original, "db", "copy", "--to", pg_url, home=home).returncode == 0
    held = everything(pg_url)
    other = tmp_path / "other.sqlite3"
    assert flashdeck("--db", f"sqlite:///{other}", "decks", "list", home=home).returncode == 0
    for source in (f"sqlite:///{other}", original):
        refused = flashdeck("--db", source, "db", "copy", "--to", pg_url, home=home)
        assert refused.returncode == 2
        assert refused.stderr.strip().splitlines()[-1].startswith("Error: postgresql") and "already holds a collection" \
            in refused.stderr and "Traceback" not in refused.stderr
    assert everything(pg_url) == held
    into = flashdeck("--db", original, "db", "copy", "--from", pg_url, home=home)
    assert into.returncode == 2 and "already holds a collection" in into.stderr


@pytest.mark.parametrize("args, says", [
    ([], "give one of --to URL"),
    (["--to", "x.sqlite3", "--from", "y.sqlite3"], "give one of --to URL"),
    (["--to", "{original}"], "is the collection being copied"),
    (["--from", "{missing}"], "there is no collection at"),
    (["--to", "mysql://u@h/db"], "unsupported database 'mysql'"),
])
def test_usage_problems_are_one_line_and_make_nothing(collection, tmp_path, args, says):
    home, original = collection
    missing = tmp_path / "nowhere.sqlite3"
    args = [a.format(original=home / "flashdeck.sqlite3", missing=missing) for a in args]
    done = flashdeck("--db", original, "db", "copy", *args, home=home)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not missing.exists() and not Path("x.sqlite3").exists()


def test_the_password_is_never_printed(collection, pg_url):
    home, original = collection
    secret = f"pw{uuid.uuid4().hex[:8]}"
    with_password = pg_url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{secret}@")
    done = flashdeck("--db", original, "db", "copy", "--to", with_password, home=home)
    assert done.returncode == 0, done.stderr  # the test server trusts its socket: any password is let in
    assert secret not in done.stdout + done.stderr and "***" in done.stdout
    assert "~/.pgpass or PGPASSWORD" in done.stdout


def test_a_copy_onto_a_full_disk_keeps_nothing(home, tmp_path):
    big = f"sqlite:///{tmp_path / 'big.sqlite3'}"  # every bundled deck: a few MB
    assert flashdeck("--db", big, "decks", "list", home=home).returncode == 0
    schema_only = tmp_path / "schema.sqlite3"
    open_database(f"sqlite:///{schema_only}").close()
    disk = tmp_path / "small"
    disk.mkdir()
    size = schema_only.stat().st_size + 256 * 1024  # room for the schema, not for the cards
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        done = flashdeck("--db", big, "db", "copy", "--to", str(disk / "full.sqlite3"), home=home)
        assert done.returncode == 1, done.stdout + done.stderr
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("Error: copying to sqlite:///") and "nothing was kept" in last, last
        assert "Traceback" not in done.stderr
        assert list(disk.iterdir()) == []  # the file it made is gone
    finally:
        subprocess.run(["umount", str(disk)], check=False)
