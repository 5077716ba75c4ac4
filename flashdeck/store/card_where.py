"""The card rules of store.card_sql as SQLAlchemy conditions, for the ORM queries.

`live` is built as column expressions from card_sql's column lists rather than as text, so
each dialect renders its own boolean test and the study and browser queries keep the plans
they had (the (deck_id, retired) index). The states have no index to lose: they are
card_sql's text itself.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, text

from flashdeck.domain.card_state import CardState
from flashdeck.store import card_sql
from flashdeck.store.models import CardRow, CardStateRow


def live(today: date, deck_ids: list[str] | None = None):
    """Cards a review may show on `today` (of these decks, if given): card_sql.LIVE."""
    conditions = [getattr(CardRow, name).is_(False) for name in card_sql.LIVE_CARD_FLAGS_OFF]
    conditions += [getattr(CardStateRow, name).is_(False) for name in card_sql.LIVE_STATE_FLAGS_OFF]
    for name in card_sql.LIVE_STATE_DAYS_PASSED:
        column = getattr(CardStateRow, name)
        conditions.append(or_(column.is_(None), column <= today))
    if deck_ids:
        conditions.append(CardRow.deck_id.in_(deck_ids))
    return and_(*conditions)


def in_state(state: CardState):
    # parenthesised: SQLAlchemy does not group a text clause inside or_ / and_
    return text(f"({card_sql.state_sql(state, s=CardStateRow.__tablename__)})")
