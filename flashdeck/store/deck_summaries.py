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

# every live deck, those without cards too (an outer join to the counts); retired cards are
# left out. The cards are counted per deck first, in ix_cards_deck's order, and the decks
# joined to those counts: joining each of 100,000 cards to its deck row took 45 ms, this 25.
_SUMMARIES = f"""
SELECT d.id, d.title, d.path, COALESCE(g.cards, 0), COALESCE(g.due, 0), COALESCE(g.new, 0)
FROM decks d
LEFT JOIN (SELECT c.deck_id AS deck_id, COUNT(*) AS cards,
             SUM(CASE WHEN {LIVE} AND s.due <= :today THEN 1 ELSE 0 END) AS due,
             SUM(CASE WHEN {LIVE} AND s.due IS NULL THEN 1 ELSE 0 END) AS new
           FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
           WHERE NOT c.retired
           GROUP BY c.deck_id) g ON g.deck_id = d.id
WHERE NOT d.retired
ORDER BY d.title
"""


def deck_summaries(fetch: Fetch, today: date) -> list[DeckSummary]:
    return [DeckSummary(id=i, title=t, path=p, cards=int(n), due_today=int(due), new=int(new))
            for i, t, p, n, due, new in fetch(_SUMMARIES, {"today": today.isoformat()})]
