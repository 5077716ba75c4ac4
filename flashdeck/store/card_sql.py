"""The card rules as SQL text: which cards are live, and which state a card is in.

No SQLAlchemy here: the quick start (store.first_card) and `flashdeck stats` (store.stats)
run these through the standard library's sqlite3 before SQLAlchemy is imported. The ORM
queries get the same rules from store.card_where, built from the same definitions below, and
tests check on a real database that the two select the same cards (and that the states match
domain.card_state.classify).

Aliases are parameters so each query can use its own (`c` for cards, `s` for card_state in
the plain-SQL readers, the table names in ORM queries). "interval" is quoted: it is a
PostgreSQL keyword.
"""

from __future__ import annotations

from flashdeck.domain.card_state import MATURE_DAYS, CardState

# A live card is one a review may show on a study day (daily limits aside): written once, as
# the columns that decide it.
LIVE_CARD_FLAGS_OFF = ("retired",)  # columns of cards that must be false
LIVE_STATE_FLAGS_OFF = ("suspended",)  # columns of card_state that must be false
LIVE_STATE_DAYS_PASSED = ("buried_until",)  # card_state days that must be unset or not after the study day


def live_sql(c: str = "c", s: str = "s", day: str = ":today") -> str:
    """The live condition; `day` is the SQL for the study day (a named parameter by default)."""
    terms = [f"NOT {c}.{name}" for name in LIVE_CARD_FLAGS_OFF]
    terms += [f"NOT {s}.{name}" for name in LIVE_STATE_FLAGS_OFF]
    terms += [f"({s}.{name} IS NULL OR {s}.{name} <= {day})" for name in LIVE_STATE_DAYS_PASSED]
    return " AND ".join(terms)


LIVE = live_sql()


def learned_sql(s: str = "s") -> str:
    """Young or mature: scheduled, passed, and not waiting for a same-day repeat."""
    return f"NOT {s}.suspended AND {s}.due IS NOT NULL AND {s}.repetitions > 0 AND NOT {s}.needs_extra_review"


def state_sql(state: CardState, s: str = "s") -> str:
    """The cards in `state`, as domain.card_state.classify decides it."""
    state = CardState(state)
    if state is CardState.SUSPENDED:
        return f"{s}.suspended"
    if state is CardState.NEW:
        return f"NOT {s}.suspended AND {s}.due IS NULL"
    if state is CardState.LEARNING:
        return f"NOT {s}.suspended AND {s}.due IS NOT NULL AND ({s}.repetitions = 0 OR {s}.needs_extra_review)"
    compare = "<" if state is CardState.YOUNG else ">="
    return f'{learned_sql(s)} AND {s}."interval" {compare} {MATURE_DAYS}'
