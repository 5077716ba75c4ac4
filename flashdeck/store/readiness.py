"""The studied cards and their stored memories (card_memory) as readiness reads them, in plain
SQL through a store.stats Fetch: sqlite3 on the quick way, SQLAlchemy otherwise. No SQLAlchemy
or py-fsrs import here (`flashdeck stats --json` reads this on its fast path)."""

from __future__ import annotations

import json

from flashdeck.domain.readiness import StudiedCard

_STUDIED = """
SELECT c.key, CAST(c.topics AS TEXT), c.kind, m.stability, m.last_review_ts
FROM cards c JOIN card_state s ON s.card_id = c.id LEFT JOIN card_memory m ON m.card_id = c.id
WHERE NOT c.retired AND NOT s.suspended
"""


def decay(fetch, default: float) -> float:
    """The forgetting curve's decay: the fitted parameters' w[20] (`flashdeck fsrs optimize`),
    else `default` (py-fsrs's)."""
    rows = fetch("SELECT parameters FROM fsrs_parameters WHERE id = 1", {})
    if not rows:
        return default
    parameters = rows[0][0]
    return float((json.loads(parameters) if isinstance(parameters, str) else parameters)[20])


def studied(fetch) -> list[StudiedCard]:
    """Every card being studied (not retired, not suspended), with its memory if reviewed."""
    topics_of: dict[str | None, tuple[str, ...]] = {None: ()}  # a few hundred distinct lists: parsed once each
    cards = []
    for key, topics, kind, stability, last_review in fetch(_STUDIED, {}):
        listed = topics_of.get(topics)
        if listed is None:
            listed = topics_of[topics] = tuple(json.loads(topics) or ())
        cards.append(StudiedCard(key, listed, kind == "drill", stability, last_review))
    return cards
