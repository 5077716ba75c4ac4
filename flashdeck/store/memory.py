"""What the memory model reads: the cards readiness is over, their stored memories
(card_memory, kept in step by every grade: store.study) and the review log, oldest first."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import groupby
from typing import Iterator

from sqlalchemy import String, cast, delete, insert, select
from sqlalchemy.orm import Session

from flashdeck.domain.memory import MemoryModel, Review, memory_fields
from flashdeck.store.models import CardMemoryRow, CardRow, CardStateRow, ReviewLogRow


def studied_cards(session: Session) -> list[tuple[int, str, str, list[str]]]:
    """(id, key, kind, topics) of every card being studied: not retired, not suspended."""
    rows = session.connection().execute(  # Core, not the ORM's row processing: 10,000 rows
        select(CardRow.id, CardRow.key, CardRow.kind, cast(CardRow.topics, String))
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.retired.is_(False), CardStateRow.suspended.is_(False))
    )
    parsed: dict[str | None, list[str]] = {None: []}  # a few hundred distinct topic lists, parsed once each
    result = []
    for card_id, key, kind, topics in rows:
        listed = parsed.get(topics)
        if listed is None:
            listed = parsed[topics] = list(json.loads(topics) or ())
        result.append((card_id, key, kind, listed))
    return result


def reviews_by_card(session: Session) -> Iterator[tuple[int, list[tuple[datetime, int]]]]:
    """(card id, [(reviewed_at UTC, grade), ...] oldest first) for every card with a review;
    the log's covering index on (card_id, reviewed_at) gives this order without a sort."""
    rows = session.execute(
        select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
        .order_by(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.id)
    )
    for card_id, group in groupby(rows, key=lambda row: row[0]):
        yield card_id, [(at, quality) for _, at, quality in group]


def stored_memories(session: Session) -> dict[int, tuple[float, float, datetime, int]]:
    """card id -> (stability, difficulty, last review UTC, reviews) for every card reviewed."""
    rows = session.connection().execute(select(CardMemoryRow.card_id, CardMemoryRow.stability, CardMemoryRow.difficulty,
                                  CardMemoryRow.last_review, CardMemoryRow.reviews))
    return {card_id: (s, d, at, n) for card_id, s, d, at, n in rows}


def rebuild_all(session: Session, model: MemoryModel) -> int:
    """Every card's memory replayed from the whole log with `model`, replacing
    what card_memory held: after a change of FSRS parameters, or a log written by other means.
    Returns the number of cards with a memory."""
    session.execute(delete(CardMemoryRow))
    batch = []
    for card_id, reviews in reviews_by_card(session):
        batch.append({"card_id": card_id, **memory_fields(model.replay(Review(at, q) for at, q in reviews))})
    if batch:
        session.execute(insert(CardMemoryRow), batch)
    return len(batch)
