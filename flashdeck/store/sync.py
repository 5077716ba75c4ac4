"""Writing decks into the database by their stable keys (deck_id/card_id)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from flashdeck.domain.cards import Deck
from flashdeck.store.convert import card_fields
from flashdeck.store.models import CardRow, CardStateRow, DeckRow


@dataclass(frozen=True, slots=True)
class SyncCounts:
    added: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0


def content_hash(fields: dict) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def known_files(session: Session) -> dict[str, tuple[str, str]]:
    """path -> (deck id, file hash) for every live deck."""
    rows = session.execute(select(DeckRow.path, DeckRow.id, DeckRow.file_hash).where(DeckRow.retired.is_(False)))
    return {path: (deck_id, file_hash) for path, deck_id, file_hash in rows}


def sync_deck(session: Session, deck: Deck, file_hash: str, now: datetime) -> SyncCounts:
    row = session.get(DeckRow, deck.id)
    if row is None:
        session.add(DeckRow(id=deck.id, title=deck.title, description=deck.description, path=deck.path, file_hash=file_hash, retired=False))
    else:
        for attr, value in (("title", deck.title), ("description", deck.description), ("path", deck.path), ("file_hash", file_hash), ("retired", False)):
            if getattr(row, attr) != value:
                setattr(row, attr, value)

    # Plain rows in and out, in batches: one ORM object and flush per card took 50 s for a
    # 100,000-card deck; this takes about one.
    existing = {row.card_id: row for row in session.execute(
        select(CardRow.id, CardRow.card_id, CardRow.content_hash, CardRow.retired, CardRow.position, CardRow.line)
        .where(CardRow.deck_id == deck.id))}
    inserts, changed, moved = [], [], []
    unchanged = 0
    for position, card in enumerate(deck.cards):
        fields = card_fields(card)
        digest = content_hash(fields)
        current = existing.pop(card.card_id, None)
        if current is None:
            inserts.append({"key": card.key, "deck_id": deck.id, "card_id": card.card_id, "content_hash": digest,
                            "position": position, "line": card.line, "retired": False, "changed_at": now, **fields})
        elif current.content_hash != digest or current.retired:
            changed.append({"id": current.id, "content_hash": digest, "retired": False, "changed_at": now,
                            "position": position, "line": card.line, **fields})
        else:
            unchanged += 1
            if current.position != position or current.line != card.line:
                moved.append({"id": current.id, "position": position, "line": card.line})
    session.flush()  # the deck row before its cards, which refer to it
    connection = session.connection()  # Core, not the ORM's bulk path: a third of the time
    for batch in _batches(inserts):
        connection.execute(insert(CardRow.__table__), batch)
    if inserts:
        new_keys = {row["card_id"] for row in inserts}
        new_ids = [row_id for row_id, card_id in session.execute(
            select(CardRow.id, CardRow.card_id).where(CardRow.deck_id == deck.id)) if card_id in new_keys]
        for batch in _batches([{"card_id": row_id} for row_id in new_ids]):
            connection.execute(insert(CardStateRow.__table__), batch)
    # one shape of row per statement: a bulk UPDATE by primary key sets the columns its rows have
    for rows in (changed, moved):
        for batch in _batches(rows):
            session.execute(update(CardRow), batch)
    gone = [row.id for row in existing.values() if not row.retired]
    for batch in _batches(gone):
        session.execute(update(CardRow).where(CardRow.id.in_(batch)).values(retired=True, changed_at=now))
    retired = len(gone)
    return SyncCounts(len(inserts), len(changed), retired, unchanged)


def _batches(rows: list, size: int = 5000):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def retire_decks_not_in(session: Session, live_paths: set[str], loaded_ids: set[str]) -> list[str]:
    """Retire decks whose file is gone. A broken file keeps its deck as it was."""
    gone = [
        deck_id
        for deck_id, path in session.execute(select(DeckRow.id, DeckRow.path).where(DeckRow.retired.is_(False)))
        if path not in live_paths and deck_id not in loaded_ids
    ]
    if gone:
        session.execute(update(DeckRow).where(DeckRow.id.in_(gone)).values(retired=True))
        session.execute(update(CardRow).where(CardRow.deck_id.in_(gone)).values(retired=True))
    return gone
