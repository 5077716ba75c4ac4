"""The card browser's store and service over a real SQLite file: filters, states (the same
as `flashdeck stats`), leeches, history, suspend / bury, the editor command, edits."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from flashdeck.services import browse, decks, stats
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow, CardStateRow


def ids(ctx) -> dict[str, int]:
    with ctx.db.read() as s:
        return dict(s.execute(select(CardRow.key, CardRow.id)).all())


def keys(ctx, query: str) -> list[str]:
    result = browse.search(ctx, query)
    assert result.error is None, result.error
    assert result.total == len(result.rows)
    return [row.key for row in result.rows]


def set_state(ctx, card_id: int, **values) -> None:
    with ctx.db.write() as s:
        row = s.get(CardStateRow, card_id)
        for name, value in values.items():
            setattr(row, name, value)


ALL = ["alpha/a1", "alpha/a2", "alpha/a3", "alpha/a4", "beta/b1", "beta/b2"]


def test_an_empty_search_lists_every_card_in_deck_and_file_order(ctx):
    result = browse.search(ctx, "")
    assert [r.key for r in result.rows] == ALL
    assert (result.total, result.collection, result.error) == (6, 6, None)
    a1 = result.rows[0]
    assert (a1.deck_title, a1.kind, a1.topics, a1.state, a1.due, a1.interval, a1.lapses, a1.reviews) == (
        "Alpha deck", "concept", ("transformer.attention",), "new", None, 0, 0, 0)
    assert not a1.buried and not a1.leech
    assert a1.front == "Why divide attention scores by √dₖ?"  # one line, the LaTeX readable


def test_limit_keeps_the_total(ctx):
    result = browse.search(ctx, "", limit=2)
    assert [r.key for r in result.rows] == ALL[:2] and result.total == 6


def test_text_words_all_match_front_back_or_key_in_any_case(ctx):
    assert keys(ctx, "zero") == ["beta/b1", "beta/b2"]  # "ZeRO" in the fronts
    assert keys(ctx, "zero 2") == ["beta/b2"]  # every word must match ("2" is in b2's front and key)
    assert keys(ctx, "OPTIMIZER") == ["beta/b1"]  # the back
    assert keys(ctx, "alpha/a3") == ["alpha/a3"]  # the key
    assert keys(ctx, '"stage 1"') == ["beta/b1"]
    assert keys(ctx, '"stage 3"') == []


def test_like_wildcards_in_the_text_are_literal(ctx):
    assert keys(ctx, "_") == ["alpha/a1"]  # only a1 has an underscore (d_k); `_` is not "any character"
    assert keys(ctx, "%") == []
    assert keys(ctx, "\\sqrt") == ["alpha/a1"]


def test_deck_filter_resolves_ids_in_any_case_and_rejects_unknown_decks(ctx):
    assert keys(ctx, "deck:beta") == ["beta/b1", "beta/b2"]
    assert keys(ctx, "deck:BETA") == ["beta/b1", "beta/b2"]
    assert keys(ctx, "deck:alpha deck:beta") == ALL  # several decks: any of them
    result = browse.search(ctx, "deck:gamma")
    assert result.rows == [] and result.error == "no deck 'gamma' — decks: alpha, beta"


def test_topic_filter_matches_the_topic_and_those_under_it(ctx):
    assert keys(ctx, "topic:transformer") == ["alpha/a1", "alpha/a2", "alpha/a3"]
    assert keys(ctx, "topic:transformer.attention") == ["alpha/a1", "alpha/a2"]
    assert keys(ctx, "topic:llm") == ["alpha/a4"]  # llm.decoding, its second topic
    assert keys(ctx, "topic:interview topic:llm.decoding") == ["alpha/a4"]  # several topics: all of them
    assert keys(ctx, "topic:transformer topic:systems") == []
    assert keys(ctx, "topic:systems.distributed zero 1") == ["beta/b1"]


def test_a_query_error_is_returned_not_raised(ctx):
    result = browse.search(ctx, "tag:x")
    assert result.rows == [] and result.total == 0 and result.collection == 6
    assert "unknown search term 'tag:'" in result.error


def test_states_are_those_stats_counts(ctx, clock):
    card = ids(ctx)
    session = StudySession(ctx, ["beta"])
    session.grade(4)  # b1: passed once -> young (interval 1)
    session.grade(1)  # b2: failed -> learning (a same-day repeat)
    set_state(ctx, card["alpha/a1"], repetitions=4, interval=30, due=ctx.today() + timedelta(days=30))
    set_state(ctx, card["alpha/a2"], suspended=True)
    # graded 3 after passing once: learned, but due a same-day repeat -> learning
    set_state(ctx, card["alpha/a4"], repetitions=1, interval=1, due=ctx.today(), needs_extra_review=True)
    assert keys(ctx, "is:new") == ["alpha/a3"]
    assert keys(ctx, "is:learning") == ["alpha/a4", "beta/b2"]
    assert keys(ctx, "is:young") == ["beta/b1"]
    assert keys(ctx, "is:mature") == ["alpha/a1"]
    assert keys(ctx, "is:suspended") == ["alpha/a2"]
    assert keys(ctx, "is:new is:suspended") == ["alpha/a2", "alpha/a3"]
    assert keys(ctx, "is:due") == ["alpha/a4", "beta/b2"]  # the repeats are due today; b1 tomorrow
    assert keys(ctx, "topic:transformer is:mature") == ["alpha/a1"]
    by_key = {r.key: r for r in browse.search(ctx, "").rows}
    assert [by_key[k].state for k in ALL] == ["mature", "suspended", "new", "learning", "young", "learning"]
    assert by_key["beta/b1"].due == ctx.today() + timedelta(days=1) and by_key["beta/b1"].interval == 1
    assert by_key["beta/b1"].reviews == 1 and by_key["beta/b2"].reviews == 1

    counted = {d["deck"]: d for d in stats.summary(ctx)["cards_by_state"]}
    for state in ("new", "learning", "young", "mature", "suspended"):
        for deck in ("alpha", "beta"):
            assert len(keys(ctx, f"is:{state} deck:{deck}")) == counted[deck][state], (state, deck)


def test_a_buried_card_is_flagged_and_not_due(ctx, clock):
    card = ids(ctx)
    set_state(ctx, card["beta/b1"], repetitions=2, interval=6, due=ctx.today())
    assert keys(ctx, "is:due") == ["beta/b1"]
    until = browse.toggle_bury(ctx, card["beta/b1"])
    assert until == ctx.today() + timedelta(days=1)
    assert keys(ctx, "is:buried") == ["beta/b1"] and keys(ctx, "is:due") == []
    row = browse.listing(ctx, card["beta/b1"])
    assert row.buried and row.buried_until == until and row.state == "young"
    clock.advance(days=1)  # the next study day: no longer buried, and due (overdue)
    assert keys(ctx, "is:buried") == [] and keys(ctx, "is:due") == ["beta/b1"]
    assert not browse.listing(ctx, card["beta/b1"]).buried


def test_toggles_write_and_undo_themselves(ctx):
    card = ids(ctx)["alpha/a3"]
    assert browse.toggle_suspend(ctx, card) is True
    with ctx.db.read() as s:
        assert s.get(CardStateRow, card).suspended
    assert browse.listing(ctx, card).state == "suspended"
    assert browse.toggle_suspend(ctx, card) is False
    assert browse.listing(ctx, card).state == "new"

    assert browse.toggle_bury(ctx, card) == ctx.today() + timedelta(days=1)
    assert browse.toggle_bury(ctx, card) is None
    with ctx.db.read() as s:
        assert s.get(CardStateRow, card).buried_until is None
    assert StudySession(ctx, ["alpha"]).progress.left == 4  # back in today's queue
    with pytest.raises(LookupError):
        browse.toggle_suspend(ctx, 9999)


def test_leeches_follow_the_configured_threshold(make_ctx, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[study]\nleech_threshold = 2\n")
    ctx = make_ctx(home)
    decks.sync(ctx)
    card = ids(ctx)
    set_state(ctx, card["beta/b1"], repetitions=2, interval=6, lapses=1, due=ctx.today())
    set_state(ctx, card["alpha/a2"], repetitions=2, interval=6, lapses=1, due=ctx.today() + timedelta(days=3))
    assert keys(ctx, "is:leech") == []
    assert StudySession(ctx, ["beta"]).grade(0) is True  # the second lapse: a leech, suspended
    assert keys(ctx, "is:leech") == ["beta/b1"]
    row = browse.listing(ctx, card["beta/b1"])
    assert row.leech and row.state == "suspended" and row.lapses == 2
    assert browse.toggle_suspend(ctx, card["beta/b1"]) is False  # unsuspended, still a leech
    assert keys(ctx, "is:leech") == ["beta/b1"] and keys(ctx, "is:leech is:suspended") == []
    assert stats.summary(ctx)["leeches"] == 1

    (home / "config.toml").write_text("[study]\nleech_threshold = 1\n")
    assert keys(make_ctx(home), "is:leech") == ["alpha/a2", "beta/b1"]
    (home / "config.toml").write_text("[study]\nleech_threshold = 0\n")
    off = browse.search(make_ctx(home), "is:leech")
    assert off.rows == [] and off.error is None and "leeches are turned off" in off.notes[0]
    assert not browse.search(make_ctx(home), "").rows[0].leech


def test_history_lists_every_grade_newest_first_in_local_time(ctx, clock):
    b1 = ids(ctx)["beta/b1"]
    assert browse.history(ctx, b1) == []
    session = StudySession(ctx, ["beta"])
    session.grade(4, duration_ms=1500)
    first_day = ctx.today()
    clock.advance(days=1, hours=2)
    session = StudySession(ctx, ["beta"])
    assert session.current.card.key == "beta/b1"
    session.grade(1, duration_ms=9000)  # a lapse
    StudySession(ctx, ["beta"], cram=True).grade(2)  # cram: logged, not a lapse
    entries = browse.history(ctx, b1)
    assert [(e.mode, e.quality, e.lapse) for e in entries] == [("cram", 2, False), ("review", 1, True),
                                                               ("review", 4, False)]
    oldest = entries[-1]
    assert (oldest.interval_before, oldest.interval_after) == (0, 1)
    assert oldest.due_after == first_day + timedelta(days=1) and oldest.study_day == first_day
    assert oldest.duration_ms == 1500
    assert oldest.reviewed_at == clock.now - timedelta(days=1, hours=2)  # the local time it was graded
    assert oldest.reviewed_at.utcoffset() == clock.now.utcoffset()
    assert (entries[1].interval_before, entries[1].interval_after, entries[1].due_after) == (1, 0, ctx.today())
    assert browse.listing(ctx, b1).reviews == 3 and browse.listing(ctx, b1).lapses == 1


def test_source_location_is_the_cards_file_and_line(ctx, decks_dir):
    path, line = browse.source_location(ctx, ids(ctx)["alpha/a3"])
    assert path == decks_dir / "alpha.yaml"
    assert path.read_text().splitlines()[line - 1].strip() == "- id: a3"
    with pytest.raises(LookupError):
        browse.source_location(ctx, 9999)


def test_a_drill_card_opens_its_meta_file(make_ctx, tmp_path):
    drills = tmp_path / "drills"
    meta = drills / "softmax" / "meta.yaml"
    meta.parent.mkdir(parents=True)
    meta.write_text("title: x\n")
    ctx = make_ctx()
    with ctx.db.write() as s:  # as the sync stores the drills "deck": its path is the folder
        from datetime import datetime

        from flashdeck.store.models import DeckRow
        s.add(DeckRow(id="drills", title="Coding drills", path=str(drills)))
        s.flush()
        s.add(CardRow(id=500, key="drills/softmax", deck_id="drills", card_id="softmax", kind="drill", topics=[],
                      front="f", back="b", content_hash="", changed_at=datetime(2026, 1, 1)))
    assert browse.source_location(ctx, 500) == (meta, 1)


@pytest.mark.parametrize("environ, expected", [
    ({}, ["vi", "+12", "/d/x.yaml"]),
    ({"EDITOR": ""}, ["vi", "+12", "/d/x.yaml"]),
    ({"EDITOR": "nano"}, ["nano", "+12", "/d/x.yaml"]),
    ({"EDITOR": "vim", "VISUAL": "emacs -nw"}, ["emacs", "-nw", "+12", "/d/x.yaml"]),  # $VISUAL first
    ({"EDITOR": "/usr/local/bin/nvim"}, ["/usr/local/bin/nvim", "+12", "/d/x.yaml"]),
    ({"EDITOR": "hx"}, ["hx", "+12", "/d/x.yaml"]),
    ({"EDITOR": "micro"}, ["micro", "+12", "/d/x.yaml"]),
    ({"EDITOR": "kak"}, ["kak", "+12", "/d/x.yaml"]),
    ({"EDITOR": "code"}, ["code", "--wait", "--goto", "/d/x.yaml:12"]),  # else it returns at once
    ({"EDITOR": "code -w"}, ["code", "-w", "--goto", "/d/x.yaml:12"]),
    ({"VISUAL": "codium --wait --new-window"}, ["codium", "--wait", "--new-window", "--goto", "/d/x.yaml:12"]),
    ({"EDITOR": "subl"}, ["subl", "--wait", "/d/x.yaml:12"]),
    ({"EDITOR": "'/Applications/My Editor/ed it'"}, ["/Applications/My Editor/ed it", "/d/x.yaml"]),
    ({"EDITOR": "notepad.exe"}, ["notepad.exe", "/d/x.yaml"]),
    ({"EDITOR": "my 'editor"}, ["my 'editor", "/d/x.yaml"]),  # unbalanced quote: one program path
])
def test_editor_command(environ, expected):
    assert browse.editor_command(Path("/d/x.yaml"), 12, environ) == expected


def test_an_edit_is_picked_up_and_a_broken_one_loses_nothing(ctx, decks_dir):
    b1 = ids(ctx)["beta/b1"]
    path, _ = browse.source_location(ctx, b1)
    original = path.read_text()
    path.write_text(original.replace("What does ZeRO stage 1 shard?", "Which state does ZeRO-1 partition?"))
    report = browse.after_edit(ctx)
    assert report.problems == [] and report.updated == 1
    assert browse.card(ctx, b1).card.front == "Which state does ZeRO-1 partition?"
    assert keys(ctx, "partition") == ["beta/b1"]

    path.write_text(original.replace("    front: What does ZeRO stage 2 add?", "    front: [unclosed"))
    report = browse.after_edit(ctx)
    assert report.problems and all(p.path == str(path) and p.line > 0 for p in report.problems)
    assert ":" in str(report.problems[0])
    assert keys(ctx, "deck:beta") == ["beta/b1", "beta/b2"]  # nothing lost
    assert browse.card(ctx, b1).card.front == "Which state does ZeRO-1 partition?"


@pytest.mark.parametrize("environ, expected", [
    ({}, ["vi", "/d/x.yaml"]),
    ({"EDITOR": "vim"}, ["vim", "/d/x.yaml"]),
    ({"VISUAL": "code"}, ["code", "--wait", "/d/x.yaml"]),  # `drill start --editor` reads the file after it returns
])
def test_editor_command_without_a_line(environ, expected):
    from flashdeck.services.editor import editor_command

    assert editor_command(Path("/d/x.yaml"), environ=environ) == expected


@pytest.fixture
def make_ctx(backend_make_ctx):
    """Every test here on SQLite and on a real PostgreSQL server (issue 19)."""
    return backend_make_ctx
