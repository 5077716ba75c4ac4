"""The home screen's deck rows (store.study.deck_summaries), as plain SQL.

A quick `flashdeck` draws its home from these through the standard library's sqlite3, before
SQLAlchemy is imported (services.quickstart). The rules are store.study.deck_summaries',
written with card_sql's live condition; tests compare the two on many collections, so a
change to one that is not made to the other fails there.
"""

from __future__ import annotations

from datetime import date

from flashdeck.domain.cards import DeckSummary
from flashdeck.store.card_sql import LIVE
from flashdeck.store.stats import Fetch

# every live deck, those without cards too (outer joins); retired cards are left out by the join
_SUMMARIES = f"""
SELECT d.id, d.title, d.path, COUNT(c.id),
  COALESCE(SUM(CASE WHEN {LIVE} AND s.due <= :today THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN {LIVE} AND s.due IS NULL THEN 1 ELSE 0 END), 0)
FROM decks d
LEFT JOIN cards c ON c.deck_id = d.id AND NOT c.retired
LEFT JOIN card_state s ON s.card_id = c.id
WHERE NOT d.retired
GROUP BY d.id, d.title, d.path
ORDER BY d.title
"""


def deck_summaries(fetch: Fetch, today: date) -> list[DeckSummary]:
    return [DeckSummary(id=i, title=t, path=p, cards=int(n), due_today=int(due), new=int(new))
            for i, t, p, n, due, new in fetch(_SUMMARIES, {"today": today.isoformat()})]
