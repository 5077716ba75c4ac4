"""A big deck file (issue 21): its first sync keeps every card, and editing one card of it
changes that card alone, while every card's progress stays."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from flashdeck.services import decks
from flashdeck.store.models import CardRow, CardStateRow

CARDS = 20_000


def write_deck(path, edited: int | None = None, shift: bool = False) -> None:
    lines = ["# moved down a line"] * shift + ["id: big", "title: Big deck", "description: generated", "cards:"]
    for c in range(CARDS):
        back = f"Answer {c}" + (" (edited)" if c == edited else "")
        lines += [f"  - id: c{c}", "    kind: concept", "    topics: [transformer.attention]",
                  "    front: " + json.dumps(f"Question {c}: why divide by $\\sqrt{{d_k}}$?"),
                  "    back: " + json.dumps(back)]
    path.write_text("\n".join(lines) + "\n")


def snapshot(ctx) -> dict:
    with ctx.db.read() as s:
        rows = s.execute(select(CardRow.card_id, CardRow.id, CardRow.content_hash, CardRow.changed_at, CardRow.line,
                                CardRow.back, CardRow.retired, CardStateRow.repetitions, CardStateRow.interval,
                                CardStateRow.due)
                         .join(CardStateRow, CardStateRow.card_id == CardRow.id).where(CardRow.deck_id == "big"))
        return {row.card_id: row for row in rows}


def test_a_big_deck_syncs_whole_and_an_edit_changes_only_its_card(make_ctx, tmp_path, clock):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    deck = home / "decks" / "big.yaml"
    write_deck(deck)
    ctx = make_ctx(home)
    report = decks.sync(ctx)
    assert report.problems == [] and report.added >= CARDS
    first = snapshot(ctx)
    assert len(first) == CARDS and not any(row.retired for row in first.values())
    assert first["c12345"].back == "Answer 12345" and first["c12345"].line == 5 + 12345 * 5
    # progress on every seventh card, as reviews leave it
    with ctx.db.write() as s:
        s.execute(update(CardStateRow).where(CardStateRow.card_id.in_([first[f"c{c}"].id for c in range(0, CARDS, 7)]))
                  .values(repetitions=3, interval=15, due=clock.now.date()))

    clock.advance(days=1)
    write_deck(deck, edited=9999, shift=True)
    report = decks.sync(ctx)
    assert (report.added, report.updated, report.retired, report.problems) == (0, 1, 0, [])
    second = snapshot(ctx)
    assert set(second) == set(first)
    for card_id, row in second.items():
        before = first[card_id]
        assert row.id == before.id and row.line == before.line + 1  # the comment moved every card down
        progressed = int(card_id[1:]) % 7 == 0
        assert (row.repetitions, row.interval) == ((3, 15) if progressed else (0, 0)), card_id
        if card_id == "c9999":
            assert row.back == "Answer 9999 (edited)" and row.content_hash != before.content_hash
            assert row.changed_at > before.changed_at
        else:
            assert (row.back, row.content_hash, row.changed_at) == (before.back, before.content_hash, before.changed_at)


def test_a_bad_card_deep_in_a_big_file_names_its_line_and_the_rest_load(make_ctx, tmp_path):
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    deck = home / "decks" / "big.yaml"
    write_deck(deck)
    text = deck.read_text().replace("  - id: c17000\n    kind: concept\n", "  - id: c17000\n    kind: flashcard\n")
    deck.write_text(text)
    report = decks.sync(make_ctx(home))
    assert [(p.line, p.card_id) for p in report.problems] == [(5 + 17000 * 5 + 1, "c17000")]
    assert "flashcard" in report.problems[0].message and report.added >= CARDS - 1
