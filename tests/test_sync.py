"""Decks -> database by deck_id/card_id: edits keep history, removals retire, no-ops write nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from flashdeck.services import decks
from flashdeck.services.study import StudySession
from flashdeck.store.models import CardRow, ReviewLogRow


def count(ctx, stmt):
    with ctx.db.read() as s:
        return s.scalar(stmt)


def test_first_sync_adds_everything(make_ctx):
    ctx = make_ctx()
    report = decks.sync(ctx)
    assert (report.added, report.updated, report.retired, report.problems) == (6, 0, 0, [])
    assert [(d.id, d.cards, d.new, d.due_today) for d in decks.summaries(ctx)] == [("alpha", 4, 4, 0), ("beta", 2, 2, 0)]


def test_unchanged_decks_are_not_even_parsed_and_write_nothing(ctx):
    with ctx.db.read() as s:
        total_changes = s.connection().exec_driver_sql("PRAGMA data_version").scalar()
    report = decks.sync(ctx)
    assert report.parsed_files == 0 and (report.added, report.updated, report.retired) == (0, 0, 0)
    with ctx.db.read() as s:
        assert s.connection().exec_driver_sql("PRAGMA data_version").scalar() == total_changes


def test_edit_keeps_history_removal_retires(ctx, decks_dir):
    session = StudySession(ctx, ["alpha"])
    session_card = session.current
    assert session_card.card.card_id == "a1"
    session.grade(5)
    text = (decks_dir / "alpha.yaml").read_text()
    text = text.replace("To keep the variance", "To keep the VARIANCE")
    text = text.replace("  - id: a2\n", "  - id: a2-renamed\n")
    (decks_dir / "alpha.yaml").write_text(text)
    report = decks.sync(ctx)
    assert (report.added, report.updated, report.retired) == (1, 1, 1)
    with ctx.db.read() as s:
        a1 = s.scalar(select(CardRow).where(CardRow.key == "alpha/a1"))
        assert "VARIANCE" in a1.back and not a1.retired
        assert s.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == a1.id)) == 1
        assert s.scalar(select(CardRow.retired).where(CardRow.key == "alpha/a2")) is True
    assert [(d.id, d.cards) for d in decks.summaries(ctx)] == [("alpha", 4), ("beta", 2)]
    # putting the card back revives it with its history
    (decks_dir / "alpha.yaml").write_text(text.replace("a2-renamed", "a2"))
    report = decks.sync(ctx)
    with ctx.db.read() as s:
        assert s.scalar(select(CardRow.retired).where(CardRow.key == "alpha/a2")) is False


def test_broken_file_keeps_its_deck_and_loads_the_rest(ctx, decks_dir):
    (decks_dir / "alpha.yaml").write_text("id: alpha\ntitle: [broken\n")
    report = decks.sync(ctx)
    assert report.broken_files == [str(decks_dir / "alpha.yaml")]
    assert str(report.problems[0]).startswith(f"{decks_dir / 'alpha.yaml'}:")
    assert [(d.id, d.cards) for d in decks.summaries(ctx)] == [("alpha", 4), ("beta", 2)]


def test_deleted_file_retires_its_deck(ctx, decks_dir):
    (decks_dir / "beta.yaml").unlink()
    decks.sync(ctx)
    assert [d.id for d in decks.summaries(ctx)] == ["alpha"]


def test_user_decks_load_beside_bundled(ctx, tmp_path):
    user = ctx.home / "decks"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\ndescription: d\ncards:\n"
        "  - id: m1\n    kind: concept\n    topics: [mlops]\n    front: q\n    back: a\n"
    )
    report = decks.sync(ctx)
    assert report.added == 1
    assert [d.id for d in decks.summaries(ctx)] == ["alpha", "beta", "mine"]


def test_a_users_deck_with_a_bundled_decks_id_overrides_it_and_keeps_the_history(ctx, decks_dir):
    StudySession(ctx, ["beta"]).grade(5)
    with ctx.db.read() as s:
        b1 = s.scalar(select(CardRow.id).where(CardRow.key == "beta/b1"))
    logs = count(ctx, select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == b1))
    assert logs == 1
    user = ctx.home / "decks"
    user.mkdir(parents=True)
    copy = user / "my-beta.yaml"  # any name: the deck id decides
    copy.write_text((decks_dir / "beta.yaml").read_text().replace("The optimizer states.", "Optimizer states only."))
    report = decks.sync(ctx)
    assert report.problems == [] and (report.updated, report.added, report.retired) == (1, 0, 0)
    with ctx.db.read() as s:
        row = s.get(CardRow, b1)
        assert (row.key, row.back, row.retired) == ("beta/b1", "Optimizer states only.", False)
    assert [(d.id, d.cards, d.path) for d in decks.summaries(ctx) if d.id == "beta"] == [("beta", 2, str(copy))]
    assert count(ctx, select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == b1)) == logs
    # from now on the bundled file is left out without even being parsed, and is no clash
    again = decks.sync(ctx)
    assert again.problems == [] and again.parsed_files == 0
    # a broken copy keeps the deck as the copy had it; the bundled deck does not come back
    copy.write_text("id: beta\ntitle: [broken\n")
    broken = decks.sync(ctx)
    assert broken.broken_files == [str(copy)]
    assert browse_card_back(ctx, b1) == "Optimizer states only."
    # deleting the copy brings the bundled deck back, with the same card and its history
    copy.unlink()
    assert decks.sync(ctx).problems == []
    assert browse_card_back(ctx, b1) == "The optimizer states."
    assert count(ctx, select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == b1)) == logs


def test_two_users_decks_with_one_id_are_still_a_clash(ctx, decks_dir):
    user = ctx.home / "decks"
    user.mkdir(parents=True)
    for name in ("a.yaml", "b.yaml"):
        (user / name).write_text((decks_dir / "beta.yaml").read_text())
    report = decks.sync(ctx)
    assert [str(p) for p in report.problems] == [f"{user / 'b.yaml'}:1: deck id 'beta' is already used by {user / 'a.yaml'}"]


def test_the_quick_way_sees_an_overridden_bundled_deck_as_synced(ctx, decks_dir):
    from flashdeck.services import stats

    user = ctx.home / "decks"
    user.mkdir(parents=True)
    (user / "beta.yaml").write_text((decks_dir / "beta.yaml").read_text().replace("Gradient sharding.", "Grads."))
    assert stats.quick_summary(ctx.home, bundled_decks=decks_dir) is None  # not synced yet
    decks.sync(ctx)
    assert stats.quick_summary(ctx.home, bundled_decks=decks_dir) is not None  # the bundled beta.yaml left out


def browse_card_back(ctx, card_id: int) -> str:
    with ctx.db.read() as s:
        return s.get(CardRow, card_id).back


def test_splitting_a_card_keeps_the_first_parts_history_and_adds_the_rest_as_new(ctx, decks_dir):
    """Issue 17 splits compound cards: the first part keeps the card id, so its reviews and its
    schedule survive the sync; the new parts arrive as new cards."""
    from flashdeck.store.models import CardStateRow

    path = decks_dir / "alpha.yaml"
    compound = path.read_text().replace(
        "Why divide attention scores by $\\sqrt{d_k}$?",
        "Why divide attention scores by $\\sqrt{d_k}$, and what goes wrong without it?")
    path.write_text(compound)
    decks.sync(ctx)
    session = StudySession(ctx, ["alpha"])
    assert session.current.card.card_id == "a1"
    session.grade(4)

    def a1_state():
        with ctx.db.read() as s:
            row = s.scalar(select(CardRow).where(CardRow.key == "alpha/a1"))
            state = s.get(CardStateRow, row.id)
            logs = s.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == row.id))
            return row.front, (state.repetitions, state.interval, state.due, state.easiness_pct), logs

    front, schedule, logs = a1_state()
    assert "what goes wrong" in front and logs == 1 and schedule[2] is not None
    second_part = (
        "  - id: a1-without-scaling\n    kind: concept\n    topics: [transformer.attention]\n"
        "    front: |\n      What goes wrong in attention without the $1/\\sqrt{d_k}$ scaling?\n"
        "    back: |\n      The softmax saturates: its gradients vanish.\n"
        "    source: \"Vaswani et al. (2017), section 3.2.1\"\n")
    split = compound.replace(", and what goes wrong without it?", "?").replace(
        "  - id: a2\n", second_part + "  - id: a2\n")
    path.write_text(split)
    report = decks.sync(ctx)
    assert (report.added, report.updated, report.retired, report.problems) == (1, 1, 0, [])
    front_after, schedule_after, logs_after = a1_state()
    assert "what goes wrong" not in front_after
    assert (schedule_after, logs_after) == (schedule, 1)
    with ctx.db.read() as s:
        new = s.scalar(select(CardRow).where(CardRow.key == "alpha/a1-without-scaling"))
        assert s.get(CardStateRow, new.id).due is None  # new: never reviewed
