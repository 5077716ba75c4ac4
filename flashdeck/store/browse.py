"""The card browser's queries: a filtered page of cards with their state, a card's history,
and the suspend / bury toggles.

A card's state is domain.card_state's, the one `flashdeck stats` counts. Buried and leech
are flags on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Text, cast, false, func, or_, select
from sqlalchemy.orm import Session

from flashdeck.domain.browse_query import BrowseFilter
from flashdeck.domain.card_state import CardState, classify
from flashdeck.domain.leech import is_leech
from flashdeck.domain.review import is_lapse
from flashdeck.store import study as study_store
from flashdeck.store.card_where import in_state, live
from flashdeck.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow

SNIPPET_SOURCE_CHARS = 300  # of a front read for its one-line snippet (fronts can be long)


@dataclass(frozen=True, slots=True)
class CardListing:
    """One card as the browser lists it."""

    id: int
    key: str  # deck_id/card_id
    deck_id: str
    deck_title: str
    kind: str
    topics: tuple[str, ...]
    front: str  # the front's first few hundred characters on one line, LaTeX as written
    state: CardState
    buried_until: date | None  # set only while it is buried (after today)
    leech: bool
    due: date | None
    interval: int
    easiness_pct: int
    lapses: int
    reviews: int  # review-log rows, cram included

    @property
    def buried(self) -> bool:
        return self.buried_until is not None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One grade of a card (a review_log row)."""

    id: int
    reviewed_at: datetime  # UTC, naive, as stored
    study_day: date
    mode: str  # review | cram | mock
    quality: int
    interval_before: int
    interval_after: int
    due_after: date | None
    ease_before: int
    ease_after: int
    duration_ms: int
    lapse: bool  # failed (below 3) a card it had learned: counted in its lapses


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, query: BrowseFilter, today: date, leech_threshold: int) -> list:
    conditions = [CardRow.retired.is_(False)]
    # SQLite's LIKE already ignores ASCII case and can skip lower() on every row; ILIKE
    # elsewhere (PostgreSQL's LIKE is case-sensitive)
    sqlite = session.get_bind().dialect.name == "sqlite"
    for word in query.text:
        pattern = f"%{_escape_like(word)}%"
        conditions.append(or_(*(
            column.like(pattern, escape="\\") if sqlite else column.ilike(pattern, escape="\\")
            for column in (CardRow.front, CardRow.back, CardRow.key))))
    if query.decks:
        conditions.append(CardRow.deck_id.in_(query.decks))
    topics_text = cast(CardRow.topics, Text)  # the JSON list as stored: ["a.b", "c.d"]
    for topic in query.topics:
        quoted = '"' + _escape_like(topic)
        conditions.append(or_(topics_text.like(f'%{quoted}"%', escape="\\"),
                              topics_text.like(f"%{quoted}.%", escape="\\")))
    if query.states:
        conditions.append(or_(*(in_state(state) for state in query.states)))
    buried = CardStateRow.buried_until > today
    if query.buried:
        conditions.append(buried)
    if query.leech:
        conditions.append(CardStateRow.lapses >= leech_threshold if leech_threshold > 0 else false())
    if query.due:
        # what a review would show now, daily limits aside
        conditions += [live(today), CardStateRow.due <= today]
    return conditions


def search(session: Session, query: BrowseFilter, today: date, leech_threshold: int,
           limit: int = 200) -> tuple[list[CardListing], int]:
    """The first `limit` matching cards in deck and file order, and how many match in all."""
    conditions = _conditions(session, query, today, leech_threshold)
    total = session.scalar(
        select(func.count()).select_from(CardRow).join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(*conditions)) or 0
    rows = _listings(session, conditions, today, leech_threshold, limit) if total else []
    return rows, total


def listing(session: Session, card_id: int, today: date, leech_threshold: int) -> CardListing | None:
    """One card as search() lists it (retired or not), to redraw its row after a change."""
    found = _listings(session, [CardRow.id == card_id], today, leech_threshold, 1)
    return found[0] if found else None


def _listings(session: Session, conditions: list, today: date, leech_threshold: int, limit: int) -> list[CardListing]:
    s = CardStateRow
    rows = session.execute(
        select(CardRow.id, CardRow.key, CardRow.deck_id, DeckRow.title, CardRow.kind, CardRow.topics,
               func.substr(CardRow.front, 1, SNIPPET_SOURCE_CHARS), s.suspended, s.due, s.repetitions,
               s.needs_extra_review, s.interval, s.easiness_pct, s.lapses, s.buried_until)
        .join(s, s.card_id == CardRow.id).join(DeckRow, DeckRow.id == CardRow.deck_id)
        .where(*conditions)
        # deck id, not title: the (deck_id, retired) index gives the order without sorting every match
        .order_by(CardRow.deck_id, CardRow.position, CardRow.id)
        .limit(limit)
    ).all()
    ids = [r[0] for r in rows]
    # per page, not per match: the count walks the (card_id, reviewed_at) index only
    reviews = dict(session.execute(
        select(ReviewLogRow.card_id, func.count()).where(ReviewLogRow.card_id.in_(ids))
        .group_by(ReviewLogRow.card_id)).all()) if ids else {}
    return [
        CardListing(
            id=card_id, key=key, deck_id=deck_id, deck_title=title, kind=kind, topics=tuple(topics or ()),
            front=" ".join((front or "").split()),
            state=classify(suspended=suspended, due=due, repetitions=repetitions, needs_extra_review=extra,
                           interval=interval),
            buried_until=buried_until if buried_until is not None and buried_until > today else None,
            leech=is_leech(lapses, leech_threshold), due=due, interval=interval, easiness_pct=ease,
            lapses=lapses, reviews=reviews.get(card_id, 0),
        )
        for (card_id, key, deck_id, title, kind, topics, front, suspended, due, repetitions, extra, interval, ease,
             lapses, buried_until) in rows
    ]


def history(session: Session, card_id: int) -> list[HistoryEntry]:
    """Every grade of the card, newest first."""
    rows = session.scalars(
        select(ReviewLogRow).where(ReviewLogRow.card_id == card_id)
        .order_by(ReviewLogRow.reviewed_at.desc(), ReviewLogRow.id.desc())
    ).all()
    return [
        HistoryEntry(
            id=r.id, reviewed_at=r.reviewed_at, study_day=r.study_day, mode=r.mode, quality=r.quality,
            interval_before=r.interval_before, interval_after=r.interval_after, due_after=r.due_after,
            ease_before=r.ease_before, ease_after=r.ease_after, duration_ms=r.duration_ms,
            # cram grades move nothing, so count no lapse either
            lapse=r.mode != "cram" and is_lapse(r.quality, r.reps_before),
        )
        for r in rows
    ]


def deck_ids(session: Session) -> dict[str, str]:
    """Live deck id -> title."""
    return dict(session.execute(select(DeckRow.id, DeckRow.title).where(DeckRow.retired.is_(False))
                                .order_by(DeckRow.id)).all())


def collection_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CardRow).where(CardRow.retired.is_(False))) or 0


def source(session: Session, card_id: int) -> tuple[str, str, int, str] | None:
    """(the deck's path, the card's id in its deck, the card's line, its kind)."""
    row = session.execute(
        select(DeckRow.path, CardRow.card_id, CardRow.line, CardRow.kind)
        .join(DeckRow, DeckRow.id == CardRow.deck_id).where(CardRow.id == card_id)).first()
    return tuple(row) if row is not None else None


def toggle_suspended(session: Session, card_id: int) -> bool:
    """Suspend the card, or lift its suspension; returns whether it is now suspended."""
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise LookupError(f"no card with id {card_id}")
    study_store.set_suspended(session, card_id, not row.suspended)
    return row.suspended


def toggle_buried(session: Session, card_id: int, today: date) -> date | None:
    """Bury the card until tomorrow, or unbury it; returns the day it is buried until."""
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise LookupError(f"no card with id {card_id}")
    buried = row.buried_until is not None and row.buried_until > today
    study_store.set_buried(session, card_id, None if buried else study_store.tomorrow(today))
    return row.buried_until
