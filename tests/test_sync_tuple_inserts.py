"""New cards go into SQLite as DB-API tuples (store.sync._SqliteInserts, issue 21's first
sync of 100,000 cards): every row, of cards and of card_state, must be what the Core insert
writes, byte for byte (ids, JSON text, timestamps), on a first sync and on a later one that
adds cards beside existing ones."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3

import pytest

from flashdeck.content.loader import load_deck_file
from flashdeck.services import decks
from flashdeck.store import sync as sync_store
from flashdeck.store.convert import card_fields

VARIED = """\
id: varied
title: Varied deck
description: every kind of card
cards:
  - id: plain
    kind: concept
    topics: [transformer.attention]
    front: "Why divide by $\\\\sqrt{d_k}$?"
    back: It keeps the variance at one.
  - id: unicode
    kind: concept
    topics: [transformer.attention, math.optimization]
    front: "Quotes \\" and \\\\ backslash, é, 😀, \\u2028 line sep"
    back: |
      Two lines,
      the second "quoted".
    explanation: Because ç'est ainsi.
    source: A book, p. 3
  - id: formula
    kind: math
    topics: [transformer.attention]
    front: Scale of the scores?
    back: One over root d.
    answer: 1/sqrt(d)
    variables: {d: key dimension é}
  - id: points
    kind: scenario
    topics: [math.optimization]
    front: What does warm-up do?
    back: Keeps early steps small.
    key_points: [[small steps, tiny steps], [stability]]
  - id: coded
    kind: drill
    topics: [transformer.attention]
    front: Write attention.
    back: See the drill.
    drill: attention
"""


def more_cards(count: int, start: int = 0) -> str:
    return "".join(f"  - id: n{c}\n    kind: concept\n    topics: [math.optimization]\n    front: Question {c}?\n"
                   f"    back: Answer {c}.\n" for c in range(start, start + count))


def rows(home, table: str) -> list[tuple]:
    conn = sqlite3.connect(home / "flashdeck.sqlite3")
    try:
        order = "card_id" if table == "card_state" else "id"
        return conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    finally:
        conn.close()


def sync_twice(make_ctx, home, tuples: bool, monkeypatch, clock) -> None:
    monkeypatch.setattr(sync_store, "_tuple_inserts", lambda connection: tuples)
    (home / "decks").mkdir(parents=True)
    deck = home / "decks" / "varied.yaml"
    deck.write_text(VARIED + more_cards(30))
    ctx = make_ctx(home)
    first = decks.sync(ctx)
    assert first.problems == [] and first.added > 35
    clock.advance(hours=1)
    deck.write_text(VARIED + more_cards(10) + more_cards(12, start=100) + more_cards(20, start=10))
    second = decks.sync(ctx)
    assert (second.added, second.updated, second.retired, second.problems) == (12, 0, 0, [])
    ctx.close()


def test_tuple_inserts_write_the_rows_core_writes(make_ctx, tmp_path, monkeypatch, clock):
    home, start = tmp_path / "home", clock.now
    sync_twice(make_ctx, home, False, monkeypatch, clock)
    core = {table: rows(home, table) for table in TABLES}
    shutil.rmtree(home)
    clock.now = start
    sync_twice(make_ctx, home, True, monkeypatch, clock)
    for table in TABLES:
        assert len(core[table]) > (40 if table != "decks" else 2)
        assert rows(home, table) == core[table], table
    ids = [row[0] for row in core["cards"]]
    assert ids == list(range(1, len(ids) + 1))  # as SQLite numbers them: max + 1 on
    assert [row[0] for row in core["card_state"]] == ids


TABLES = ("decks", "cards", "card_state")


def test_tuple_inserts_batch_by_batch(make_ctx, tmp_path, monkeypatch):
    """More cards than one batch holds: every batch goes in, each card with its state."""
    real = sync_store._SqliteInserts.__init__
    monkeypatch.setattr(sync_store._SqliteInserts, "__init__",
                        lambda self, connection, deck_id, now: real(self, connection, deck_id, now, size=7))
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "varied.yaml").write_text(VARIED + more_cards(40))
    ctx = make_ctx(home)
    report = decks.sync(ctx)
    ctx.close()
    cards = rows(home, "cards")
    assert report.added == len(cards) and len({row[1] for row in cards}) == len(cards)
    assert [row[0] for row in rows(home, "card_state")] == [row[0] for row in cards]


def canonical(fields: dict) -> str:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def test_plain_canonical_is_the_fields_json(tmp_path):
    path = tmp_path / "varied.yaml"
    path.write_text(VARIED)
    deck, problems = load_deck_file(path, {"attention"})
    assert problems == [] and len(deck.cards) == 5
    plain = 0
    for card in deck.cards:
        text = sync_store._plain_canonical(card)
        if card_fields(card)["extra"]:
            assert text is None, card.card_id
        else:
            plain += 1
            assert text == canonical(card_fields(card)), card.card_id
            assert hashlib.sha256(text.encode()).hexdigest() == sync_store.content_hash(card_fields(card))
    assert plain == 2


@pytest.mark.parametrize("change", [{"front": None}, {"topics": ("a", 2)}, {"back": 3}])
def test_plain_canonical_leaves_odd_cards_to_the_fields(tmp_path, change):
    import dataclasses

    path = tmp_path / "varied.yaml"
    path.write_text(VARIED)
    card = dataclasses.replace(load_deck_file(path)[0].cards[0], **change)
    assert sync_store._plain_canonical(card) is None
