"""Reads for exports: live cards with their deck, state and review log, in deck file order.

Exports read every card and every review at once (10,000 cards and 100,000s of reviews), so
these queries select plain columns, and read date/time columns as the stored text where the
database keeps text (SQLite): datetime.fromisoformat is ~10x faster than SQLAlchemy's
per-row parsing. On databases with native date types the driver's objects pass through.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Callable, NamedTuple

from sqlalchemy import Integer, String, func, select, type_coerce
from sqlalchemy.orm import Session

from flashdeck.domain.cards import Card
from flashdeck.store.convert import card_of
from flashdeck.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow


class DeckInfo(NamedTuple):
    id: str
    title: str
    description: str


class CardProgress(NamedTuple):
    repetitions: int
    easiness_pct: int
    interval: int
    due: date | None  # None: never reviewed (new)
    lapses: int
    suspended: bool


class ReviewEntry(NamedTuple):
    reviewed_at: datetime  # UTC, naive
    quality: int
    duration_ms: int
    mode: str
    interval_before: int
    interval_after: int
    ease_after: int  # EF x 100
    was_new: bool  # the card had never been reviewed before this one
    extra_before: bool  # a same-day repeat SM-2 asked for


class ExportCard(NamedTuple):
    id: int  # the database's id of the card, for reviews_by_card
    card: Card
    changed_at: datetime  # UTC, naive
    progress: CardProgress


def _raw(column, name: str):
    return type_coerce(column, String).label(name)


def _datetime(value) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _date(value) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def live_decks(session: Session) -> list[DeckInfo]:
    rows = session.execute(select(DeckRow.id, DeckRow.title, DeckRow.description)
                           .where(DeckRow.retired.is_(False)).order_by(DeckRow.id))
    return [DeckInfo(i, t, d or "") for i, t, d in rows]


def cards_for_export(session: Session, deck_ids: list[str]) -> list[ExportCard]:
    """Live cards of these decks, in deck order then file order."""
    rows = session.execute(
        select(CardRow.id, CardRow.deck_id, CardRow.card_id, CardRow.kind, CardRow.topics, CardRow.front, CardRow.back,
               CardRow.explanation, CardRow.source, CardRow.extra, CardRow.line, _raw(CardRow.changed_at, "changed"),
               CardStateRow.repetitions, CardStateRow.easiness_pct, CardStateRow.interval,
               _raw(CardStateRow.due, "due"), CardStateRow.lapses, CardStateRow.suspended)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.deck_id.in_(deck_ids), CardRow.retired.is_(False))
        .order_by(CardRow.deck_id, CardRow.position)
    )
    return [
        ExportCard(row.id, card_of(row), _datetime(row.changed),
                   CardProgress(row.repetitions, row.easiness_pct, row.interval, _date(row.due), row.lapses,
                                bool(row.suspended)))
        for row in rows
    ]


def reviews_by_card(session: Session) -> dict[int, list[ReviewEntry]]:
    """Every review of every card that has a review state (a card that is new again, reset,
    starts over), by card id (ExportCard.id), in no particular order.

    Unfiltered on purpose: the caller picks its cards by id. A join on card_state reads the
    log at ~3 µs a row; filtering by deck in SQL (IN or a join on cards) costs 1.5-2x that."""
    rows = session.execute(
        select(ReviewLogRow.card_id, _raw(ReviewLogRow.reviewed_at, "at"), ReviewLogRow.quality,
               ReviewLogRow.duration_ms, ReviewLogRow.mode, ReviewLogRow.interval_before, ReviewLogRow.interval_after,
               ReviewLogRow.ease_after, type_coerce(ReviewLogRow.due_before.is_(None), Integer),
               type_coerce(ReviewLogRow.extra_before, Integer))  # plain 0/1: no per-row processing
        .join(CardStateRow, CardStateRow.card_id == ReviewLogRow.card_id)
        .where(CardStateRow.due.is_not(None))
    )
    out: dict[int, list[ReviewEntry]] = defaultdict(list)
    parse = _datetime
    for card_id, at, quality, duration, mode, before, after, ease, was_new, extra in rows:
        out[card_id].append(ReviewEntry(parse(at), quality, duration, mode, before, after, ease, bool(was_new),
                                        bool(extra)))
    return out


def review_counts(session: Session) -> dict[int, int]:
    """Reviews per card (ExportCard.id), from the (card, time) index alone."""
    return dict(session.execute(select(ReviewLogRow.card_id, func.count()).group_by(ReviewLogRow.card_id)).all())


# The review log of the mapped cards as Anki revlog rows (anki.REVLOG_RAW), read by the
# collection being written from the flashdeck file attached to it: reviews_by_card and
# _attach_progress's rules, in SQL. reviewed_at is stored as "YYYY-MM-DD HH:MM:SS[.ffffff]"
# UTC: whole seconds from strftime, the milliseconds from the fraction's first three digits
# (floored, as the Python way's // does).
_REVLOG = """
INSERT INTO temp.revlog_raw
SELECT CAST(strftime('%s', r.reviewed_at) AS INTEGER) * 1000 + CAST(substr(r.reviewed_at || '.000', 21, 3) AS INTEGER),
  m.cid, r.id,
  CASE WHEN r.quality < 3 THEN 1 WHEN r.quality = 3 THEN 2 WHEN r.quality = 4 THEN 3 ELSE 4 END,
  r.interval_after, r.interval_before, r.ease_after * 10,
  CASE WHEN COALESCE(r.duration_ms, 0) < 0 THEN 0 WHEN r.duration_ms > 2147483647 THEN 2147483647
    ELSE COALESCE(r.duration_ms, 0) END,
  CASE WHEN r.due_before IS NULL THEN 0 WHEN r.mode = 'cram' THEN 3 WHEN r.extra_before THEN 2 ELSE 1 END
FROM temp.revlog_cards m JOIN fd.review_log r ON r.card_id = m.card_id
"""


def sqlite_revlog(path: Path) -> Callable[[sqlite3.Connection, list[tuple[int, int]]], None]:
    """An anki.RevlogSource that reads the review log of the flashdeck SQLite file at `path`
    (attached read-only to the collection being written, detached after)."""

    def fill(db: sqlite3.Connection, cards: list[tuple[int, int]]) -> None:
        db.execute("CREATE TEMP TABLE revlog_cards (card_id INTEGER PRIMARY KEY, cid INTEGER NOT NULL)")
        db.executemany("INSERT INTO temp.revlog_cards VALUES (?, ?)", cards)
        db.execute("ATTACH DATABASE ? AS fd", (Path(path).resolve().as_uri() + "?mode=ro",))
        try:
            db.execute(_REVLOG)
        finally:
            db.commit()
            db.execute("DETACH DATABASE fd")
            db.execute("DROP TABLE temp.revlog_cards")

    return fill
