"""What the memory model reads: the cards readiness is over, and the review log, oldest first."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from flashdeck.store.models import CardRow, CardStateRow, ReviewLogRow


def studied_cards(session: Session) -> list[tuple[int, str, str, list[str]]]:
    """(id, key, kind, topics) of every card being studied: not retired, not suspended."""
    rows = session.execute(
        select(CardRow.id, CardRow.key, CardRow.kind, CardRow.topics)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.retired.is_(False), CardStateRow.suspended.is_(False))
        .order_by(CardRow.key)
    )
    return [(card_id, key, kind, list(topics or ())) for card_id, key, kind, topics in rows]


def reviews_by_card(session: Session) -> Iterator[tuple[int, list[tuple[datetime, int]]]]:
    """(card id, [(reviewed_at UTC, grade), ...] oldest first) for every card with a review;
    the log's covering index on (card_id, reviewed_at) gives this order without a sort."""
    rows = session.execute(
        select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.quality)
        .order_by(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.id)
    )
    for card_id, group in groupby(rows, key=lambda row: row[0]):
        yield card_id, [(at, quality) for _, at, quality in group]
