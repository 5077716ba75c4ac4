"""Writing decks into the database by their stable keys (deck_id/card_id)."""

from __future__ import annotations

import hashlib
import json
import json.encoder
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from flashdeck.domain.cards import Deck, Placed
from flashdeck.store.convert import card_fields
from flashdeck.store.models import CardRow, CardStateRow, DeckRow


@dataclass(frozen=True, slots=True)
class SyncCounts:
    added: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0


def content_hash(fields: dict) -> str:
    return hashlib.sha256(_canonical(fields).encode()).hexdigest()


_FIELDS = {"back", "explanation", "extra", "front", "kind", "source", "topics"}  # card_fields's keys
_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) quotes strings with


def _canonical(fields: dict) -> str:
    """json.dumps(fields, sort_keys=True, ensure_ascii=False), spelled out for card_fields's
    shape: the same text (the hashes in every database stay valid) in a third of the time."""
    topics, extra = fields.get("topics"), fields.get("extra")
    if fields.keys() != _FIELDS or type(topics) is not list or type(extra) is not dict:
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)
    try:  # a value that is not a string (TypeError) takes the long way
        return (f'{{"back": {_string(fields["back"])}, "explanation": {_string(fields["explanation"])}, '
                f'"extra": {json.dumps(extra, sort_keys=True, ensure_ascii=False) if extra else "{}"}, '
                f'"front": {_string(fields["front"])}, "kind": {_string(fields["kind"])}, '
                f'"source": {_string(fields["source"])}, "topics": [{", ".join(map(_string, topics))}]}}')
    except TypeError:
        return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def known_files(session: Session) -> dict[str, tuple[str, str]]:
    """path -> (deck id, file hash) for every live deck."""
    rows = session.execute(select(DeckRow.path, DeckRow.id, DeckRow.file_hash).where(DeckRow.retired.is_(False)))
    return {path: (deck_id, file_hash) for path, deck_id, file_hash in rows}


class LayoutStale(Exception):
    """A card the parse kept as the database had it is no longer there so: parse the file whole."""


def known_chunks(session: Session, deck_id: str) -> dict[str, str]:
    """chunk digest -> card id, for the deck's live cards whose chunk is known."""
    cards = CardRow.__table__.c
    rows = session.connection().execute(select(cards.chunk_digest, cards.card_id).where(
        cards.deck_id == deck_id, cards.retired.is_(False), cards.chunk_digest.is_not(None)))
    return {digest: card_id for digest, card_id in rows}


def sync_deck(session: Session, deck: Deck, file_hash: str, now: datetime, layout: tuple[Placed, ...] = ()) -> SyncCounts:
    """`layout`: where each card is in the file (content.loader.load_deck_layout). A card it
    says was `kept` is not among the deck's cards: it is as the database has it, at a new line."""
    row = session.get(DeckRow, deck.id)
    # Plain rows in and out, in batches: one ORM object and flush per card took 50 s for a
    # 100,000-card deck; this takes about one.
    cards = CardRow.__table__.c  # Core reads: the ORM's row handling doubled the time of this one
    existing = {row.card_id: row for row in session.connection().execute(
        select(cards.id, cards.card_id, cards.content_hash, cards.retired, cards.position, cards.line,
               cards.chunk_digest, cards.chunk_line)
        .where(cards.deck_id == deck.id))}
    if row is None:
        session.add(DeckRow(id=deck.id, title=deck.title, description=deck.description, path=deck.path, file_hash=file_hash, retired=False))
    else:
        for attr, value in (("title", deck.title), ("description", deck.description), ("path", deck.path), ("file_hash", file_hash), ("retired", False)):
            if getattr(row, attr) != value:
                setattr(row, attr, value)
    session.flush()  # the deck row before its cards, which refer to it
    # SQLite: each new card goes in as a plain tuple, batch by batch as the cards are read
    fast = _SqliteInserts(session.connection(), deck.id, now) if _tuple_inserts(session.connection()) else None
    placed = {p.card_id: p for p in layout}
    if any(p.kept for p in layout):
        parsed = {card.card_id: card for card in deck.cards}
        order = [parsed.get(p.card_id, p) for p in layout]
    else:
        order = list(deck.cards)
    inserts, changed, moved = [], [], []
    unchanged = 0
    for position, card in enumerate(order):
        current = existing.pop(card.card_id, None)
        if type(card) is Placed:  # kept: the chunk is unchanged, so is the card; only its place moves
            if current is None or current.retired or current.chunk_digest != card.digest:
                raise LayoutStale(card.card_id)
            unchanged += 1
            line = current.line - current.chunk_line + card.chunk_line
            if (current.position, current.line, current.chunk_line) != (position, line, card.chunk_line):
                moved.append({"row_id": current.id, "position": position, "line": line, "chunk_digest": card.digest,
                              "chunk_line": card.chunk_line})
            continue
        where = placed.get(card.card_id)
        if current is None and fast is not None:
            fast.add(card, position, where)
            continue
        chunk = {"chunk_digest": where.digest, "chunk_line": where.chunk_line} if where else _NO_CHUNK
        fields = card_fields(card)
        digest = content_hash(fields)
        if current is None:  # its row is made batch by batch: 100,000 of them at once were 120 MB
            inserts.append((card, position, digest, chunk, fields))
        elif current.content_hash != digest or current.retired:
            changed.append({"row_id": current.id, "content_hash": digest, "retired": False, "changed_at": now,
                            "position": position, "line": card.line, **chunk, **fields})
        else:
            unchanged += 1
            if (current.position, current.line, current.chunk_digest, current.chunk_line) != (
                    position, card.line, chunk["chunk_digest"], chunk["chunk_line"]):
                moved.append({"row_id": current.id, "position": position, "line": card.line, **chunk})
    if fast is not None:
        fast.finish()
    connection = session.connection()  # Core, not the ORM's bulk path: a third of the time
    for batch in _batches(inserts):
        connection.execute(insert(CardRow.__table__), [
            {"key": card.key, "deck_id": deck.id, "card_id": card.card_id, "content_hash": digest, "position": position,
             "line": card.line, "retired": False, "changed_at": now, **chunk, **fields}
            for card, position, digest, chunk, fields in batch])
    if inserts:
        new_keys = {card.card_id for card, *_ in inserts}
        new_ids = [row_id for row_id, card_id in session.execute(
            select(CardRow.id, CardRow.card_id).where(CardRow.deck_id == deck.id)) if card_id in new_keys]
        for batch in _batches([{"card_id": row_id} for row_id in new_ids]):
            connection.execute(insert(CardStateRow.__table__), batch)
    # one shape of row per statement: an UPDATE by primary key sets the columns its rows have
    # (Core again: the ORM's bulk UPDATE took 1.6 s of 1.8 for 100,000 cards moved down a line)
    by_id = update(CardRow.__table__).where(cards.id == bindparam("row_id"))
    for rows in (changed, moved):
        for batch in _batches(rows):
            connection.execute(by_id, batch)
    gone = [row.id for row in existing.values() if not row.retired]
    for batch in _batches(gone):
        session.execute(update(CardRow).where(CardRow.id.in_(batch)).values(retired=True, changed_at=now))
    retired = len(gone)
    return SyncCounts(len(inserts) + (fast.count if fast is not None else 0), len(changed), retired, unchanged)


_NO_CHUNK = {"chunk_digest": None, "chunk_line": None}


def _tuple_inserts(connection) -> bool:
    """Whether new cards go in by _SqliteInserts (SQLite), or by Core inserts (a server)."""
    return connection.dialect.name == "sqlite"


def _plain_canonical(card) -> str | None:
    """_canonical(card_fields(card)) straight from a card with nothing in `extra` (no answer,
    variables, key points or drill), or None: the same text without the fields' dict."""
    if card.answer or card.variables or card.key_points or card.drill:
        return None
    try:
        return (f'{{"back": {_string(card.back)}, "explanation": {_string(card.explanation)}, "extra": {{}}, '
                f'"front": {_string(card.front)}, "kind": {_string(card.kind)}, '
                f'"source": {_string(card.source)}, "topics": [{", ".join(map(_string, card.topics))}]}}')
    except TypeError:  # not the loader's shape: the fields' way
        return None


class _SqliteInserts:
    """A deck's new cards into SQLite as tuples, by the DB-API's executemany, in batches as
    they come, each with its card_state row: SQLAlchemy's per-row parameter handling was two
    thirds of the insert time at 100,000 cards, and 100,000 rows held at once ~100 MB. Each
    value is what the Core insert binds (the columns' own bind processors); ids are given,
    as SQLite would have chosen them (max + 1 on), so that the states need no re-select."""

    _COLUMNS = ("id", "key", "deck_id", "card_id", "kind", "topics", "front", "back", "explanation", "source",
                "extra", "content_hash", "position", "line", "chunk_digest", "chunk_line", "retired", "changed_at")

    def __init__(self, connection, deck_id: str, now: datetime, size: int = 5000):
        table = CardRow.__table__
        dialect = connection.dialect
        compiled = insert(table).compile(dialect=dialect, column_keys=list(self._COLUMNS))
        if tuple(compiled.positiontup) != self._COLUMNS:  # pragma: no cover - the dialect's order
            raise RuntimeError(f"unexpected insert parameters {compiled.positiontup}")
        self.connection, self.sql, self.size = connection, str(compiled), size
        self.deck_id = deck_id
        self.first = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        self.next_id = self.first
        self.count = 0
        self.retired = table.c.retired.type._cached_bind_processor(dialect)(False)
        self.changed_at = table.c.changed_at.type._cached_bind_processor(dialect)(now)
        self.json = table.c.topics.type._cached_bind_processor(dialect)
        self.topics_json: dict[tuple, str] = {}  # a deck's cards share a few sets of topics
        self.empty_extra = self.json({})
        self.batch: list[tuple] = []

    def add(self, card, position: int, where: Placed | None) -> None:
        text = _plain_canonical(card)
        if text is None:
            fields = card_fields(card)
            digest = content_hash(fields)
            topics, extra = self.json(fields["topics"]), self.json(fields["extra"])
        else:
            digest = hashlib.sha256(text.encode()).hexdigest()
            shared = tuple(card.topics)
            topics = self.topics_json.get(shared)
            if topics is None:
                topics = self.topics_json[shared] = self.json(list(shared))
            extra = self.empty_extra
        self.batch.append((self.next_id, card.key, self.deck_id, card.card_id, card.kind, topics, card.front, card.back,
                           card.explanation, card.source, extra, digest, position, card.line,
                           where.digest if where else None, where.chunk_line if where else None,
                           self.retired, self.changed_at))
        self.next_id += 1
        if len(self.batch) >= self.size:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.connection.exec_driver_sql(self.sql, self.batch)
            self.count += len(self.batch)
            self.batch = []

    def finish(self) -> None:
        """The last batch, then a card_state row for each new card (one INSERT ... SELECT)."""
        self._flush()
        if self.count:
            cards = CardRow.__table__.c
            self.connection.execute(insert(CardStateRow.__table__).from_select(
                ["card_id"], select(cards.id).where(cards.id >= self.first, cards.id < self.next_id)))


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
