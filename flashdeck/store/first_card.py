"""The head of today's review queue, read with the standard library's sqlite3.

`flashdeck review` draws this card while SQLAlchemy is still being imported in the background
(that import alone is about half a second, twice what a bare Textual app needs to start).
The rules are store.study.queue's, written as plain SQL; tests compare the two on many
collections, so a change to one that is not made to the other fails there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from flashdeck.domain.cards import CardView
from flashdeck.store.card_columns import card_from_columns
from flashdeck.store.card_sql import LIVE
from flashdeck.store.stats import Fetch

_REPEAT = "(s.needs_extra_review AND s.due = :today)"
_DUE = f"s.due IS NOT NULL AND s.due <= :today AND NOT {_REPEAT}"
_NEW = "s.due IS NULL"
_ORDER = {_DUE: "s.due, c.deck_id, c.position", _NEW: "c.deck_id, c.position", _REPEAT: "c.deck_id, c.position"}
_FROM = "FROM cards c JOIN card_state s ON s.card_id = c.id"
# Before an interview, due reviews weakest first (store.study.queue's `weakest_at`): FSRS's
# recall falls as (moment - last review) / stability grows; a card with no memory first.
WEAKEST = ("CASE WHEN m.stability IS NULL THEN 0 ELSE 1 END, (:at - m.last_review_ts) / m.stability DESC, "
           + _ORDER[_DUE])
_WITH_MEMORY = " LEFT JOIN card_memory m ON m.card_id = c.id"
_VIEW = """
SELECT c.deck_id, c.card_id, c.kind, c.topics, c.front, c.back, c.explanation, c.source, c.extra, c.line,
  d.title, s.repetitions, s.easiness_pct, s."interval", s.lapses, s.due
FROM cards c JOIN card_state s ON s.card_id = c.id JOIN decks d ON d.id = c.deck_id WHERE c.id = :id
"""
INTRODUCED = "SELECT COUNT(*) FROM card_state WHERE introduced_on = :today"
STARTED = """SELECT COUNT(*) FROM review_log WHERE study_day = :today AND due_before IS NOT NULL
  AND NOT extra_before AND mode != 'cram'"""


@dataclass(frozen=True, slots=True)
class FirstCard:
    view: CardView | None  # None: nothing to review now
    queued: int  # cards in today's queue, this one included


def first_card(fetch: Fetch, today: date, deck_ids: list[str] | None, new_per_day: int,
               reviews_per_day: int, *, weakest_at: float | None = None) -> FirstCard:
    params: dict = {"today": today.isoformat(), "at": weakest_at}
    where = LIVE
    if deck_ids:
        names = [f"deck{i}" for i in range(len(deck_ids))]
        params.update(zip(names, deck_ids))
        where += f" AND c.deck_id IN ({', '.join(':' + n for n in names)})"
    new_left = max(0, new_per_day - fetch(INTRODUCED, params)[0][0])
    reviews_left = max(0, reviews_per_day - fetch(STARTED, params)[0][0])
    head: int | None = None
    queued = 0
    for part, limit in ((_DUE, reviews_left), (_NEW, new_left), (_REPEAT, None)):
        if limit is None:
            count = fetch(f"SELECT COUNT(*) {_FROM} WHERE {where} AND {part}", params)[0][0]
        else:  # counted no further than the limit: 20 new cards of 30,000 need not all be counted
            count = fetch(f"SELECT COUNT(*) FROM (SELECT 1 {_FROM} WHERE {where} AND {part} LIMIT {int(limit)})",
                          params)[0][0]
        if count and head is None:
            weakest = part == _DUE and weakest_at is not None
            source, order = (_FROM + _WITH_MEMORY, WEAKEST) if weakest else (_FROM, _ORDER[part])
            head = fetch(f"SELECT c.id {source} WHERE {where} AND {part} ORDER BY {order} LIMIT 1", params)[0][0]
        queued += count
    return FirstCard(view(fetch, head) if head is not None else None, queued)


def view(fetch: Fetch, card_id: int) -> CardView | None:
    """As store.study.view."""
    rows = fetch(_VIEW, {"id": card_id})
    if not rows:
        return None
    (deck_id, card_key, kind, topics, front, back, explanation, source, extra, line,
     title, repetitions, easiness_pct, interval, lapses, due) = rows[0]
    card = card_from_columns(deck_id=deck_id, card_id=card_key, kind=kind, topics=_json(topics), front=front,
                             back=back, explanation=explanation, source=source, extra=_json(extra), line=line)
    return CardView(id=card_id, card=card, deck_title=title, repetitions=repetitions, interval=interval,
                    easiness=easiness_pct / 100, lapses=lapses, is_new=due is None)


def known_decks(fetch: Fetch) -> set[str]:
    return {row[0] for row in fetch("SELECT id FROM decks WHERE NOT retired", {})}


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
