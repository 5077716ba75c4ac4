"""Choosing what to study: --topics reviews chosen cards now; --cram logs grades without
moving any schedule. Service level over a real SQLite file, then the real CLI."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from conftest import db_rows
from terminal import Terminal, flashdeck_command, terminal_env
from test_cli import flashdeck

from flashdeck.services import stats
from flashdeck.services.selection import UnknownTopic, resolve_topics
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardStateRow, ReviewLogRow

STATE_COLUMNS = ("repetitions", "easiness_pct", "interval", "due", "needs_extra_review", "lapses", "suspended",
                 "buried_until", "introduced_on")


def states(ctx) -> dict[int, tuple]:
    with ctx.db.read() as s:
        return {r.card_id: tuple(getattr(r, c) for c in STATE_COLUMNS) for r in s.scalars(select(CardStateRow))}


def logs(ctx) -> list[ReviewLogRow]:
    with ctx.db.read() as s:
        return s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()


def order(session: StudySession) -> list[str]:
    keys = []
    while session.current is not None:
        keys.append(session.current.card.key)
        session.bury()
    return keys


def learn_alpha(ctx, clock) -> None:
    """Every alpha card learned over two days (the second is today): none due for six days."""
    first = StudySession(ctx, ["alpha"])
    for _ in range(4):
        first.grade(5)
    clock.advance(days=1)
    second = StudySession(ctx, ["alpha"])
    for _ in range(4):
        second.grade(5)  # interval 6: nothing due for six days


def test_topics_review_chosen_cards_now_due_or_not(ctx, clock):
    learn_alpha(ctx, clock)
    assert StudySession(ctx, ["alpha"]).current is None  # nothing due today
    session = StudySession(ctx, topics=["transformer.attention"])
    assert session.progress.left == 2 and session.current.card.key == "alpha/a1"
    before = states(ctx)[1]
    session.grade(5)  # an early review: the schedule moves as usual
    after = states(ctx)[1]
    assert after[0] == before[0] + 1 and after[3] > before[3]
    assert logs(ctx)[-1].mode == "review"
    # several topics, a deck filter on top, and due cards first
    with ctx.db.write() as s:
        s.get(CardStateRow, 3).due = ctx.today() - timedelta(days=2)  # a3 overdue
    assert order(StudySession(ctx, topics=["transformer.attention", "transformer.architecture"])) == [
        "alpha/a3", "alpha/a1", "alpha/a2"]
    assert order(StudySession(ctx, ["beta"], topics=["transformer.attention"])) == []
    assert order(StudySession(ctx, topics=["systems.distributed"])) == ["beta/b1", "beta/b2"]  # new cards too


def test_cram_logs_grades_but_moves_no_schedule(ctx, clock):
    learn_alpha(ctx, clock)
    with ctx.db.write() as s:
        s.get(CardStateRow, 2).suspended = True  # suspended cards stay out, even in a cram
    before = states(ctx)
    logged = len(logs(ctx))
    session = StudySession(ctx, topics=["transformer.attention", "systems.distributed"], cram=True)
    assert session.progress.left == 3  # a1, b1 (new), b2 (new); not the suspended a2
    session.grade(5)  # a1
    session.grade(1)  # b1 (a new card) failed: it comes back in this session
    session.grade(3)  # b2: below 4 comes back too
    assert session.current.card.key == "beta/b1" and session.progress.left == 2
    session.grade(4)
    session.grade(5)
    assert session.current is None
    assert states(ctx) == before  # nothing moved: not even "introduced" for the new cards
    crammed = logs(ctx)[logged:]
    assert [(r.card_id, r.quality, r.mode) for r in crammed] == [
        (1, 5, "cram"), (5, 1, "cram"), (6, 3, "cram"), (5, 4, "cram"), (6, 5, "cram")]
    assert all((r.reps_after, r.interval_after, r.due_after) == (r.reps_before, r.interval_before, r.due_before)
               for r in crammed)
    # cram grades count as today's reviews (and the streak), not towards retention or the review limit
    figures = stats.summary(ctx)
    assert figures["reviews_today"] == 4 + 5 and figures["today"]["cards"] == 4 + 2  # learn_alpha's 4 today too
    assert StudySession(ctx, ["beta"]).progress.left == 2  # b1, b2 still new, still offered
    session.undo()
    assert len(logs(ctx)) == logged + 4 and states(ctx) == before


def test_cram_without_topics_takes_the_chosen_decks(ctx):
    assert order(StudySession(ctx, ["beta"], cram=True)) == ["beta/b1", "beta/b2"]


def test_topic_ids_are_checked_with_suggestions():
    assert resolve_topics(["math.linalg,ml.rl", "ml.rl"]) == ["math.linalg", "ml.rl"]
    with pytest.raises(UnknownTopic) as err:
        resolve_topics("transformer.attention,transfomer.position")
    assert str(err.value) == "unknown topic 'transfomer.position' — did you mean 'transformer.position'?"
    with pytest.raises(UnknownTopic, match="^unknown topic 'llm' — did you mean 'llm.pretraining', 'llm.finetuning', "):
        resolve_topics("llm")
    with pytest.raises(UnknownTopic, match=r"^unknown topic 'zzz' \(known: math.linalg, "):
        resolve_topics("zzz")


def test_cli_unknown_topic_is_one_line(home):
    result = flashdeck("review", "--topics", "transformer.attention,transfomer.atention", home=home)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Error: unknown topic 'transfomer.atention' — did you mean 'transformer.attention'?"]
    assert "--cram" in flashdeck("review", "--help", home=home).stdout


def test_cli_cram_session_in_a_real_terminal(home, cli_db):
    term = Terminal([*flashdeck_command(), "review", "--deck", "alpha", "--topics", "transformer.attention", "--cram"],
                    terminal_env(home, cli_db))
    with term:
        term.read_until(r"CRAM")
        term.read_until(r"0 done · 2 left")
        term.send(" ")
        term.read_until(r"perfect")
        term.raw = b""
        term.send("5")
        term.read_until(r"1 done · 1 left")
        term.send("q")
        assert term.wait() == 0
    rows = db_rows(home, cli_db, "SELECT c.key, r.quality, r.mode FROM review_log r JOIN cards c ON c.id = r.card_id")
    [state] = db_rows(home, cli_db, "SELECT s.due, s.repetitions, s.introduced_on FROM card_state s JOIN cards c "
                                    "ON c.id = s.card_id WHERE c.key = 'alpha/a1'")
    assert (home / "flashdeck.sqlite3").exists() == (cli_db is None)
    assert rows == [("alpha/a1", 5, "cram")]
    assert state == (None, 0, None)  # still a new card


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
