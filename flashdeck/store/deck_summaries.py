"""The home screen's deck rows (store.study.deck_summaries), as plain SQL.

A quick `flashdeck` draws its home from these through the standard library's sqlite3, before
SQLAlchemy is imported (services.quickstart). The rules are store.study.deck_summaries',
written with card_sql's live condition (in store.stats' deck sums, which the home's figures
are read from as well); tests compare the two on many collections, so a change to one that
is not made to the other fails there.
"""

from __future__ import annotations

from datetime import date

from flashdeck.domain.cards import DeckSummary
from flashdeck.store.stats import DeckSum, Fetch, deck_sums


def deck_summaries(fetch: Fetch, today: date) -> list[DeckSummary]:
    """Every live deck, those without cards too, by title; retired cards are left out."""
    return summaries_of(deck_sums(fetch, today, 0))


def summaries_of(sums: list[DeckSum]) -> list[DeckSummary]:
    """The deck rows in store.stats.deck_sums' rows."""
    return [DeckSummary(id=d.id, title=d.title, path=d.path, cards=int(d.cards), due_today=int(d.due),
                        new=int(d.unseen))
            for d in sums if not d.retired]
