"""A card's content columns -> the domain Card. Shared by the ORM (store.convert) and the
stdlib-sqlite3 first-card peek (store.first_card), so both read a card the same way."""

from __future__ import annotations

from flashdeck.domain.cards import Card


def card_from_columns(*, deck_id: str, card_id: str, kind: str, topics, front: str, back: str,
                      explanation: str, source: str, extra, line: int) -> Card:
    extra = extra or {}
    return Card(
        deck_id=deck_id,
        card_id=card_id,
        kind=kind,
        topics=tuple(topics or ()),
        front=front,
        back=back,
        explanation=explanation,
        source=source,
        answer=extra.get("answer", ""),
        variables=tuple((k, v) for k, v in extra.get("variables", [])),
        key_points=tuple(tuple(p) for p in extra.get("key_points", [])),
        drill=extra.get("drill", ""),
        line=line,
    )
