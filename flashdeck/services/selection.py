"""Checking the topic ids a learner names (`flashdeck review --topics ...`)."""

from __future__ import annotations

from flashdeck.domain.suggest import unknown_id
from flashdeck.domain.topics import TOPICS


class UnknownTopic(ValueError):
    """str() is one line for the learner: the unknown ids and the valid ids they might mean."""


def resolve_topics(raw: list[str] | tuple[str, ...] | str) -> list[str]:
    """'a,b' or ['a', 'b,c'] -> ['a', 'b', 'c'] (order kept, duplicates dropped), each a
    syllabus topic id. Raises UnknownTopic naming the first unknown id and the ids it may have
    meant (all ids when none is close)."""
    items = [raw] if isinstance(raw, str) else list(raw)
    ids: list[str] = []
    for item in items:
        for part in item.split(","):
            part = part.strip()
            if part and part not in ids:
                ids.append(part)
    if not ids:
        raise UnknownTopic(f"no topic given; valid ids: {', '.join(TOPICS)}")
    for topic in ids:
        if topic not in TOPICS:
            raise UnknownTopic(unknown_id("topic", topic, TOPICS))
    return ids


def topic_counts(ctx) -> dict[str, tuple[int, int]]:
    """topic id -> (cards you could review now, of which due): for choosing what to cram."""
    from flashdeck.store import study as store  # lazy: keeps SQLAlchemy off the CLI's --topics check and `flashdeck --help`

    with ctx.db.read() as session:
        return store.topic_counts(session, ctx.today())
