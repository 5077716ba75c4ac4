"""The same history on SQLite and on PostgreSQL gives the same statistics (issue 19), field for
field: the typed figures, what `stats --json` prints, readiness and calibration included.

The history goes through the services as a learner makes it, at fixed clock times over several
study days: grades, an undo, a bury, a suspend, a leech, a cram grade, drill attempts (a pass,
a give-up, one left open) and a finished mock. Then the figures are read in-process at the same
fake time, and by the real CLI."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from datetime import datetime

from conftest import FakeClock, db_rows
from test_cli import flashdeck
from test_stats import finished_mock

from flashdeck import paths
from flashdeck.services import decks
from flashdeck.services import drills as drill_service
from flashdeck.services import stats
from flashdeck.services.context import open_context
from flashdeck.services.study import StudySession

CONFIG = "[study]\nleech_threshold = 1\ninterview_date = 2026-03-20\n"  # the first lapse makes a leech


def grade_all(session: StudySession, clock: FakeClock, rule) -> None:
    """Every card of the session: `rule(key)` the first time, a 5 when a card comes back (SM-2
    brings a grade under 4 back until it is 4 or more)."""
    seen = set()
    while session.current is not None:
        key = session.current.card.key
        clock.advance(seconds=37)
        session.grade(5 if key in seen else rule(key), duration_ms=3100)
        seen.add(key)


def make_history(ctx, clock: FakeClock) -> None:
    decks.sync(ctx)
    # day 1: alpha learned, with an undo and a bury; b1 learned, b2 suspended
    session = StudySession(ctx, ["alpha"])
    clock.advance(seconds=20)
    session.grade(2, duration_ms=9000)
    session.undo()  # a second thought: that grade is out of the log and its sums again
    session.bury()  # a1 waits for tomorrow
    grade_all(session, clock, lambda key: {"alpha/a2": 5, "alpha/a3": 4}.get(key, 3))
    beta = StudySession(ctx, ["beta"])
    beta.grade(5, duration_ms=2000)  # at the same second as alpha's last grade: a tie to break alike
    beta.suspend()
    # a drill passed on its second check, another given up
    first = drill_service.open_attempt(ctx, "softmax")
    clock.advance(minutes=4)
    drill_service.record_check(ctx, first.id, "bad", passed=False)
    clock.advance(minutes=3, seconds=11)
    drill_service.record_check(ctx, first.id, "good", passed=True)
    clock.advance(minutes=2)
    drill_service.give_up(ctx, drill_service.open_attempt(ctx, "attention").id, "partial")

    # day 2, at 02:30: still day 1 by the 04:00 rollover, a cram grade; then the morning's reviews
    clock.now = clock.now.replace(day=3, hour=2, minute=30)
    StudySession(ctx, ["alpha"], topics=["transformer.attention"], cram=True).grade(3, duration_ms=4000)
    clock.now = clock.now.replace(hour=10, minute=5)
    leech = StudySession(ctx, ["beta"])
    assert leech.current is not None and leech.current.card.key == "beta/b1"
    assert leech.grade(1, duration_ms=12000)  # a leech: suspended in the grade's transaction
    grade_all(StudySession(ctx, ["alpha"]), clock, lambda key: 1 if key == "alpha/a2" else 5)
    StudySession(ctx, ["alpha"], topics=["transformer.attention"], cram=True).grade(3, duration_ms=4000)  # same second
    drill_service.open_attempt(ctx, "gelu")  # left open

    # days 3 to 6: whatever is due, and a mock
    for day in (4, 5, 7):
        clock.now = clock.now.replace(day=day, hour=8 + day, minute=17)
        grade_all(StudySession(ctx, ["alpha", "beta"]), clock, lambda key: 5 if key != "alpha/a4" else 3)
    finished_mock(ctx, clock, [5, 3, 0])  # its 0 is a lapse: a third leech


def figures_of(tmp_path, name: str, db_url: str | None):
    home = tmp_path / name
    home.mkdir()
    (home / "config.toml").write_text(CONFIG)
    drills = tmp_path / f"{name}-drills"
    shutil.copytree(paths.bundled_drills_dir(), drills)
    clock = FakeClock(datetime(2026, 3, 2, 9, 0).astimezone())
    ctx = open_context(home, db_url, clock=clock, bundled_decks=tmp_path / "decks", bundled_drills=drills)
    try:
        make_history(ctx, clock)
        clock.advance(hours=1)
        return home, stats.read(ctx), json.dumps(stats.summary(ctx), indent=2), stats.summary(ctx, detail=False)
    finally:
        ctx.close()


def test_the_same_history_gives_the_same_figures_on_both_backends(tmp_path, decks_dir, pg_url):
    shutil.copytree(decks_dir, tmp_path / "decks")
    lite_home, lite, lite_json, lite_home_figures = figures_of(tmp_path, "sqlite", None)
    pg_home, pg, pg_json, pg_home_figures = figures_of(tmp_path, "postgresql", pg_url)

    # the history is what it says: every kind of figure has something in it
    # (leeches: b1, a2 and the mock's 0 on a4; suspended: those and b2)
    assert lite.reviews_total == 18 and lite.leeches == 3 and lite.suspended == 4
    assert {d.drill for d in lite.drills} >= {"softmax", "attention"} and len(lite.mock_trend) == 1
    assert lite.readiness.interview is not None and lite.readiness.reviewed >= 3 and 0 < lite.readiness.overall < 1
    assert lite.calibration.reviews >= 5 and lite.calibration.fsrs_log_loss is not None

    # field for field, floats included (no tolerance: any difference is a bug to find)
    assert asdict(pg) == asdict(lite)
    assert pg == lite
    assert pg_json == lite_json
    # the home screen's figures (one pass per deck, store.stats.deck_sums) are the full ones' too
    assert pg_home_figures == lite_home_figures
    assert lite_home_figures == {k: v for k, v in json.loads(lite_json).items() if k in lite_home_figures}

    # beneath the rounded figures, what they are read from is equal at full precision too:
    # the FSRS memories (floats) and the calibration sums (integers)
    for sql in (("SELECT c.key, m.stability, m.difficulty, m.state, m.step, m.last_review_ts, m.reviews"
                 " FROM card_memory m JOIN cards c ON c.id = m.card_id ORDER BY c.key"),
                "SELECT * FROM calibration_sums ORDER BY fsrs_bin, sm2_bin"):
        rows = db_rows(lite_home, None, sql)
        assert rows and db_rows(pg_home, pg_url, sql) == rows, sql

    # the real CLI, each on its own backend, prints the same too
    lite_cli = flashdeck("stats", "--json", home=lite_home)
    pg_cli = flashdeck("stats", "--json", home=pg_home, db=pg_url)
    assert lite_cli.returncode == 0 and pg_cli.returncode == 0, lite_cli.stderr + pg_cli.stderr
    assert json.loads(pg_cli.stdout) == json.loads(lite_cli.stdout)
    assert (lite_home / "flashdeck.sqlite3").exists() and not (pg_home / "flashdeck.sqlite3").exists()
