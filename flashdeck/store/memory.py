"""The review log as the memory model reads it, oldest first, and card_memory rebuilt from it
(every grade keeps it in step: store.study; readiness reads it: store.readiness)."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Iterator

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from flashdeck.domain.memory import MemoryModel, Review, memory_fields
from flashdeck.store.models import CardMemoryRow, ReviewLogRow


def reviews_by_card(session: Session) -> Iterator[tuple[int, list[tuple[datetime, int]]]]:
    """(card id, [(reviewed_at UTC, grade), ...] oldest first) for every card with a review;
    the log's covering index on (card_id, reviewed_at) gives this order without a sort."""
    rows = session.execute(
        select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
        .order_by(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.id)
    )
    for card_id, group in groupby(rows, key=lambda row: row[0]):
        yield card_id, [(at, quality) for _, at, quality in group]


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
