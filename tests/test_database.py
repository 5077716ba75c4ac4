"""Opening databases: migrations with a backup, one-line errors, two processes at once."""

from __future__ import annotations

from migrations import database_at

import os
import sqlite3
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flashdeck.store import schema
from flashdeck.store.db import DatabaseError, open_database
from flashdeck.store.models import ReviewLogRow


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_new_database_is_at_head_in_wal_mode(tmp_path):
    db = open_database(url(tmp_path / "f.sqlite3"))
    with db.read() as s:
        assert s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == schema.HEAD
        assert s.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.close()


def test_schema_module_matches_alembic_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from flashdeck.store.db import _MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == schema.HEAD
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(schema.KNOWN_REVISIONS)


def test_models_match_the_migrated_schema(tmp_path):
    """Autogenerate finds nothing to do: the migrations build exactly the ORM's schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from flashdeck.store.models import Base

    db = open_database(url(tmp_path / "f.sqlite3"))
    with warnings.catch_warnings():
        # SQLite's expression index (ix_cards_groups) cannot be reflected: the next test checks it
        warnings.filterwarnings("ignore", message=".*expression-based index '?ix_cards_groups")
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    db.close()


def test_migration_0009_orders_the_card_groups_and_todays_new_cards_by_index(tmp_path):
    from flashdeck.store import first_card
    from flashdeck.store import stats as stats_store

    path = database_at(tmp_path / "old.sqlite3", "0008")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        for i, topics in enumerate(('["a"]', '["b"]', '["a"]')):
            conn.execute("INSERT INTO cards (id, key, deck_id, card_id, kind, topics, front, back, explanation, source,"
                         " extra, content_hash, position, line, retired, changed_at) VALUES (?, ?, 'd', ?, 'concept',"
                         " ?, 'f', 'b', '', '', '{}', 'h', ?, 1, 0, '2026-03-01 10:00:00')",
                         (i + 1, f"d/c{i}", f"c{i}", topics, i))
            conn.execute("INSERT INTO card_state (card_id, repetitions, easiness_pct, interval, needs_extra_review,"
                         " lapses, suspended) VALUES (?, 0, 250, 0, 0, 0, 0)", (i + 1,))
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        params = {"today": "2026-03-02", "mature": 21, "leech": 8}
        plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + stats_store._CARD_GROUPS, params))
        assert "ix_cards_groups" in plan and "TEMP B-TREE FOR GROUP BY" not in plan
        groups = sorted((topics, cards) for _, _, topics, cards, *_ in conn.execute(stats_store._CARD_GROUPS, params))
        assert groups == [('["a"]', 2), ('["b"]', 1)]
        plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + first_card.INTRODUCED, params))
        assert "ix_card_state_introduced" in plan


def test_newer_schema_is_refused_in_one_line(tmp_path):
    path = tmp_path / "f.sqlite3"
    open_database(url(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError) as info:
        open_database(url(path))
    assert "newer flashdeck (schema 9999)" in str(info.value) and "\n" not in str(info.value)


def test_corrupt_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "f.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="corrupt or not a flashdeck database"):
        open_database(url(path))


def test_data_folder_that_cannot_be_made_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(DatabaseError, match="cannot create the data directory"):
        open_database(url(blocker / "home" / "f.sqlite3"))


def test_read_only_database_is_a_one_line_error_at_open(tmp_path):
    # root ignores file modes, so open the file read-only through SQLite itself
    path = tmp_path / "f.sqlite3"
    open_database(url(path)).close()
    with pytest.raises(DatabaseError) as info:
        open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert "read-only" in str(info.value) and "\n" not in str(info.value)


def test_old_schema_is_backed_up_before_migrating(tmp_path, monkeypatch):
    """Simulate an older flashdeck: a database at a known earlier revision is backed up first
    (SQLite's backup API, into the backups folder, with what is still in the WAL)."""
    path = tmp_path / "f.sqlite3"
    open_database(url(path)).close()
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", ("0000", *schema.KNOWN_REVISIONS))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
        conn.execute("CREATE TABLE marker (x)")
    import flashdeck.store.db as db_module

    writer = sqlite3.connect(path)  # a row only in the WAL while the backup is taken
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO marker VALUES (1)")
    writer.commit()
    upgraded = []
    monkeypatch.setattr(db_module, "_upgrade", lambda engine: upgraded.append(engine))
    open_database(url(path), backup_dir=tmp_path / "backups").close()
    writer.close()
    backups = list((tmp_path / "backups").glob(f"flashdeck-*-before-{schema.HEAD}.sqlite3"))
    assert len(backups) == 1 and upgraded
    assert not list(tmp_path.glob("*.bak"))
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0000",)
        assert conn.execute("SELECT count(*) FROM marker").fetchone() == (1,)


WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from flashdeck.services.context import open_context
    from flashdeck.services import decks
    from flashdeck.services.study import StudySession
    home, bundled, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    ctx = open_context(home, bundled_decks=bundled)
    decks.sync(ctx)
    graded = 0
    for _ in range(rounds):
        session = StudySession(ctx)
        while session.current is not None and graded < rounds:
            session.grade(1)  # failures keep every card in the queue
            graded += 1
        if graded >= rounds:
            break
    print(graded)
    """
)


def test_two_processes_on_one_database_lose_no_review(tmp_path, decks_dir):
    home = tmp_path / "home"
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    open_database(url(home / "flashdeck.sqlite3")).close()
    procs = [
        subprocess.Popen([sys.executable, str(script), str(home), str(decks_dir), "60"], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == ["60", "60"]
    db = open_database(url(home / "flashdeck.sqlite3"))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 120
    db.close()


def test_migration_0004_keeps_the_review_log_and_covers_the_statistics_reads(tmp_path):
    from flashdeck.store import stats as stats_store

    path = database_at(tmp_path / "old.sqlite3", "0003")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO decks VALUES ('d', 'D', '', 'x.yaml', '', 0)")
        conn.execute("INSERT INTO cards (id, key, deck_id, card_id, kind, topics, front, back, explanation, source,"
                     " extra, content_hash, position, line, retired, changed_at) VALUES (1, 'd/c', 'd', 'c',"
                     " 'concept', '[]', 'f', 'b', '', '', '{}', 'h', 0, 1, 0, '2026-03-01 10:00:00')")
        conn.execute("INSERT INTO review_log (card_id, reviewed_at, study_day, quality, duration_ms, mode, reps_before,"
                     " ease_before, interval_before, extra_before, lapses_before, reps_after, ease_after,"
                     " interval_after, extra_after) VALUES (1, '2026-03-01 10:00:00', '2026-03-01', 4, 900,"
                     " 'review', 0, 250, 0, 0, 0, 1, 250, 1, 0)")
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT quality, duration_ms FROM review_log").fetchall() == [(4, 900)]
        indexes = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_log'")}
        assert "ix_review_log_day_stats" in indexes and "ix_review_log_day" not in indexes
        # today's figures read the log itself (the 30-day window reads review_day_topics, 0010)
        plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + stats_store._TODAY,
                                                         {"today": "2026-03-02"}))
        assert "COVERING INDEX ix_review_log_day_stats" in plan
