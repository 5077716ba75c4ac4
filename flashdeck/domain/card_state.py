"""Where a card stands: one of five states, each card in exactly one.

Suspended first (whatever its schedule), then new (never scheduled), learning (scheduled but
not yet passed, or due a same-day repeat), young and mature (by the interval, as in Anki).
Buried and leech are flags on top, not states. The values are what `flashdeck stats --json`
and the browser's `is:` terms print, so they never change.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

MATURE_DAYS = 21  # a card whose interval is at least this is mature (as in Anki)


class CardState(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    YOUNG = "young"
    MATURE = "mature"
    SUSPENDED = "suspended"


STATES: tuple[CardState, ...] = tuple(CardState)  # in the order reports list them


def classify(*, suspended: bool, due: date | None, repetitions: int, needs_extra_review: bool,
             interval: int) -> CardState:
    """The state of a card; store.card_sql.state_sql says the same in SQL."""
    if suspended:
        return CardState.SUSPENDED
    if due is None:
        return CardState.NEW
    if repetitions == 0 or needs_extra_review:
        return CardState.LEARNING
    return CardState.MATURE if interval >= MATURE_DAYS else CardState.YOUNG
